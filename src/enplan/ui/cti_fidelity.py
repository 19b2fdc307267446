"""CTI fidelity on the CTI tab: each phase's length against its plan, contacts
against its cadence, phase 1 in the community, and an early end, worked out
from the records (``domain.cti_fidelity``).

Every judgement is a mark and words ("✓ on plan", "⚠ below the cadence"), so
it reads the same without colour (NO_COLOR); the end reason is typed text and
goes through ``note`` (never markup).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import RenderableType
from rich.text import Text

from ..domain.cti_fidelity import PHASE1_COMMUNITY_CONTACTS, CourseFidelity, Length, PhaseFidelity
from ..i18n import _, label, language, ngettext, phase_label
from .renderables import HangingRows
from .text import date_text, note

Style = Callable[[str], str]
GOOD, WARN = "✓ ", "⚠ "


def decimal(value: float) -> str:
    """One decimal, with a decimal comma in Danish."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if language() == "da" else text


def mark(good: bool, words: str, style: Style) -> Text:
    return Text((GOOD if good else WARN) + words, style=style("$success" if good else "bold $warning"))


def length_text(p: PhaseFidelity, style: Style) -> Text:
    if p.actual_days is None:
        return Text(_("not started"), style=style("$text-muted"))
    off = abs(p.days_off_plan)
    if p.running:
        text = Text(_("day {n} of {planned} planned").format(n=p.actual_days, planned=p.planned_days))
        if p.length is Length.LONGER:
            text += Text(" ") + mark(False, ngettext("{n} day past the plan", "{n} days past the plan", off)
                                     .format(n=off), style)
        return text
    text = Text(_("{n} of {planned} planned days").format(n=p.actual_days, planned=p.planned_days) + " ")
    if p.length is Length.LONGER:
        return text + mark(False, ngettext("{n} day longer", "{n} days longer", off).format(n=off), style)
    if p.length is Length.SHORTER:
        return text + mark(False, ngettext("{n} day shorter", "{n} days shorter", off).format(n=off), style)
    return text + mark(True, _("on plan"), style)


def contacts_text(p: PhaseFidelity, style: Style) -> Text:
    if p.share_met is None and p.running:
        return Text(ngettext("{n} contact so far; too early to compare with the cadence",
                             "{n} contacts so far; too early to compare with the cadence", p.contacts)
                    .format(n=p.contacts), style=style("$text-muted"))
    if p.share_met is None:  # ended within one interval of the cadence
        return Text(ngettext("{n} contact; too short a phase to compare with the cadence",
                             "{n} contacts; too short a phase to compare with the cadence", p.contacts)
                    .format(n=p.contacts), style=style("$text-muted"))
    text = Text(ngettext("{n} contact of {due} due", "{n} contacts of {due} due", p.contacts).format(
        n=p.contacts, due=p.contacts_due) + " ")
    # xgettext:no-python-format
    text.append(_("({percent}%)").format(percent=round(p.share_met * 100)) + " ")
    text += mark(bool(p.cadence_met), _("cadence kept") if p.cadence_met else _("below the cadence"), style)
    text.append(" · " + _("{per_month} a month against {expected} ({cadence})").format(
        per_month=decimal(p.per_month), expected=decimal(p.expected_per_month), cadence=label(p.cadence)),
        style=style("$text-muted"))
    return text


def community_text(p: PhaseFidelity, style: Style) -> Text:
    text = Text(_("in the community: {n} of {total}").format(n=p.community_contacts, total=p.contacts) + " ")
    guide = _("the guide is at least {n}").format(n=PHASE1_COMMUNITY_CONTACTS)
    if p.community_contacts >= PHASE1_COMMUNITY_CONTACTS:
        return text + mark(True, guide, style)
    if p.running:  # not missed yet
        return text + Text("· " + guide, style=style("$text-muted"))
    return text + mark(False, guide, style)


def course_text(f: CourseFidelity, style: Style) -> Text | None:
    if f.ended_on is None:
        return None
    if not f.ended_early:
        return mark(True, _("ended {date}, after nine months").format(date=date_text(f.ended_on)), style)
    if f.nine_months_on is None:
        words = _("ended early, {date}, before phase 1").format(date=date_text(f.ended_on))
    else:
        words = _("ended early, {date}, before nine months ({nine})").format(
            date=date_text(f.ended_on), nine=date_text(f.nine_months_on))
    text = mark(False, words, style)
    if f.end_reason.strip():
        text += Text(" · " + _("reason: ")) + note(f.end_reason)
    return text


def outside_text(f: CourseFidelity, style: Style) -> Text | None:
    if not f.outside:
        return None
    return mark(False, ngettext("{n} check-in is dated outside every phase",
                                "{n} check-ins are dated outside every phase", f.outside).format(n=f.outside), style)


def fidelity_view(f: CourseFidelity | None, style: Style) -> list[RenderableType]:
    """The fidelity section of the CTI tab, a blank line after it (nothing without figures)."""
    if f is None:
        return []
    rows = HangingRows()
    for p in f.phases:
        lines = [length_text(p, style)]
        if p.actual_days is not None:
            lines.append(contacts_text(p, style))
            if p.phase == 1:
                lines.append(community_text(p, style))
        rows.add_row(Text(phase_label(p.phase)), Text("\n").join(lines))
    course = [line for line in (course_text(f, style), outside_text(f, style)) if line is not None]
    if course:
        rows.add_row(Text(_("Course")), Text("\n").join(course))
    return [Text(_("Fidelity, from the records"), style=style("bold $accent")), rows, Text("")]
