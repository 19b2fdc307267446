"""What the citizen's tabs show, built as Rich renderables from read models.

Every piece of user text goes through ``literal`` (never markup, control
characters made visible). ``style`` resolves theme variables ("$error") to
colours, so the views follow the theme; ``today`` is the app's today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..domain.cti import CadenceState, cadence_state
from ..domain.enums import GoalStatus, LifeArea, MeetingOutcome
from ..i18n import _, label, language, phase_label, shown
from .cti_fidelity import fidelity_view
from .renderables import HangingRows
from .text import N_, date_text, days_phrase, is_cut, literal, note

Style = Callable[[str], str]
PAGE = 100  # long histories show the newest PAGE entries; scrolling to the end shows more
# Tabs whose lists come from the database a page at a time (``history_limit``):
# the detail may hold only the newest entries of each, ``detail.totals`` has the counts.
HISTORY_TABS = ("timeline", "cti", "work")


def history_size(pane_id: str, detail) -> int:  # noqa: ANN001 - CitizenDetail
    """How many entries a tab's long list has in all (what ``limit`` cuts)."""
    totals = detail.totals
    checkins = totals.get("checkins", len(detail.cti.checkins) if detail.cti else 0)
    employer = totals.get("employer_follow_ups", len(detail.employer_follow_ups))
    return {
        "timeline": totals.get("meetings", len(detail.meetings)) + checkins + employer,
        "cti": checkins,
        "work": employer,
        "follow_ups": sum(1 for f in detail.follow_ups if f.done),
    }.get(pane_id, 0)


def more_line(shown: int, total: int, style: Style) -> Text | None:
    """'Showing the newest 100 of 2,000 …' when a list is cut short."""
    if shown >= total:
        return None
    return Text(_("Showing the newest {shown} of {total}; scroll to the end for more.").format(
        shown=shown, total=total), style=style("italic $text-muted"))


def heading(text: str, style: Style) -> Text:
    return Text(text, style=style("bold $accent"))


def muted(text: str, style: Style) -> Text:
    return Text(text, style=style("$text-muted"))


def table(*headers: str) -> Table:
    t = Table(expand=True, box=None, show_edge=False, pad_edge=False, header_style="bold")
    for h in headers:
        t.add_column(Text(h))
    return t


def due_text(day: dt.date | None, today: dt.date, style: Style, *, done: bool = False) -> Text:
    if day is None:
        return Text("–")
    if done:
        return Text(date_text(day))
    text = Text(f"{date_text(day)} ({days_phrase(day, today)})")
    if day < today:
        text = Text("⚠ ") + text
        text.stylize(style("bold $error"))
    elif (day - today).days <= 7:
        text.stylize(style("$warning"))
    return text


def consent_text(plan, style: Style, *, short: bool = False) -> Text:  # noqa: ANN001 - PlanInfo | None
    """The consent state in words; ``short`` leaves out the word "Consent"."""
    if plan is None or plan.consent_given_on is None:
        return Text(_("not recorded") if short else _("No consent recorded"), style=style("bold $warning"))
    if plan.consent_withdrawn_on is not None:
        text = _("withdrawn {date}") if short else _("Consent withdrawn {date}")
        return Text(text.format(date=date_text(plan.consent_withdrawn_on)), style=style("bold $error"))
    text = _("given {date}") if short else _("Consent given {date}")
    return Text(text.format(date=date_text(plan.consent_given_on)), style=style("$success"))


# -- Plan ---------------------------------------------------------------------------
def plan_view(detail, today: dt.date, style: Style, limit: int = PAGE) -> RenderableType:  # noqa: ANN001 - CitizenDetail
    plan = detail.plan
    if plan is None:
        return muted(_("No plan yet."), style)
    parts: list[RenderableType] = [heading(_("The citizen's own goal"), style)]
    parts.append(note(plan.own_goal, style="italic") if plan.own_goal.strip() else muted(_("Not written yet."), style))
    facts = HangingRows()
    consent = consent_text(plan, style, short=True)
    if plan.consent_scope.strip():
        consent += Text(" · ") + note(plan.consent_scope)
    facts.add_row(Text(_("Consent")), consent)
    facts.add_row(Text(_("Review")), due_text(plan.review_on, today, style))
    parts += [Text(""), facts, *rules_view(detail, today, style)]
    by_area: dict[LifeArea, list] = {}
    for goal in plan.goals:
        by_area.setdefault(goal.life_area, []).append(goal)
    if not plan.goals:
        parts += [Text(""), muted(_("No goals yet."), style)]
    for area, goals in by_area.items():
        parts += [Text(""), heading(label(area), style)]
        # Goals and their actions, wrapped lines indented under their bullet.
        lines = HangingRows(aligned=False)
        for goal in goals:
            lines.add_row(Text("  ●"), _goal_line(goal, style))
            for action in goal.actions:
                lines.add_row(Text("    –"), _action_line(action, today, style))
            if not goal.actions:
                lines.add_row(Text("     "), muted(_("no actions"), style))
        parts.append(lines)
    return Group(*parts)


def _goal_line(goal, style: Style) -> Text:  # noqa: ANN001 - GoalInfo
    status_style = {GoalStatus.ACTIVE: "$primary", GoalStatus.ACHIEVED: "$success", GoalStatus.DROPPED: "$text-muted"}
    line = note(goal.title, style="bold")
    line.append(f"  [{label(goal.status)}]", style=style(status_style.get(goal.status, "")))
    if goal.last_progress is not None:
        line.append("  " + _("last: {progress}").format(progress=label(goal.last_progress)), style=style("$text-muted"))
    return line


def _action_line(action, today: dt.date, style: Style) -> Text:  # noqa: ANN001 - ActionInfo
    done = str(action.status) in ("done", "cancelled")
    line = note(action.description, style="strike" if done else "")
    line.append(" · " + label(action.provider), style=style("$text-muted"))
    line.append(" · " + label(action.status))
    if action.due_on:
        line.append(" · ")
        line.append_text(due_text(action.due_on, today, style, done=done))
    return line


# -- Timeline -------------------------------------------------------------------------
def timeline_view(detail, today: dt.date, style: Style, limit: int = PAGE) -> RenderableType:  # noqa: ANN001
    events: list[tuple[dt.date, int, Callable[[], Text]]] = []
    for m in detail.meetings:
        events.append((_local_day(m.starts_at), 0, lambda m=m: _meeting_text(m, style)))
    for c in detail.cti.checkins if detail.cti else ():
        events.append((c.held_on, 1, lambda c=c: _checkin_text(c, style)))
    for f in detail.employer_follow_ups:
        events.append((f.held_on, 2, lambda f=f: _employer_text(f, style)))
    from .modals.handover import change_text  # who was the caseworker when (issue 15): each change
    events += [(_local_day(c.started_at), 3, lambda c=c: change_text(c, style))
               for c in detail.caseworkers if c.previous]
    if not events:
        return muted(_("Nothing recorded yet."), style)
    events.sort(key=lambda e: (e[0], -e[1]), reverse=True)  # newest first
    out = HangingRows()
    for day, _kind, build in events[:limit]:  # build only what is shown
        out.add_row(Text(date_text(day), style=style("bold")), build())
        out.add_row(Text(""), Text(""))
    more = more_line(min(limit, len(events)), history_size("timeline", detail), style)
    return Group(out, more) if more else out


def _local_day(stamp: dt.datetime) -> dt.date:
    """Meetings are stored in UTC; the caseworker's day is Danish time."""
    from zoneinfo import ZoneInfo

    return stamp.astimezone(ZoneInfo("Europe/Copenhagen")).date() if stamp.tzinfo else stamp.date()


def _meeting_text(m, style: Style) -> Text:  # noqa: ANN001 - MeetingInfo
    head = Text(_("Meeting"), style=style("bold $primary"))
    head.append(f" · {label(m.type)} · {label(m.form)} · ")
    head.append(label(m.outcome), style=style("bold $error") if m.outcome is not MeetingOutcome.HELD else "")
    lines = [head]
    if m.participants.strip():
        lines.append(Text(_("Participants: ")) + note(m.participants))
    if m.location.strip():
        lines.append(Text(_("Location: ")) + note(m.location))
    if m.notes.strip():
        lines.append(note(m.notes))
    for n in m.goal_notes:
        line = Text("▸ ") + note(n.goal_title, style="bold")
        if n.progress is not None:
            line.append(f" · {label(n.progress)}")
        if n.note.strip():
            line.append(" — ")
            line.append_text(note(n.note))
        lines.append(line)
    return Text("\n").join(lines)


def _checkin_text(c, style: Style) -> Text:  # noqa: ANN001 - CheckinInfo
    head = Text(_("CTI check-in"), style=style("bold $secondary"))
    head.append(f" · {label(c.form)} · {label(c.with_whom)}")
    if c.in_community:
        head.append(" · " + _("in the community"))
    if c.phase is not None:
        head.append(" · " + phase_label(c.phase), style=style("$text-muted"))
    lines = [head]
    if c.notes.strip():
        lines.append(note(c.notes))
    for area, text in c.area_notes:
        lines.append(Text(f"{label(area)}: ", style="bold") + note(text))
    return Text("\n").join(lines)


def _employer_text(f, style: Style) -> Text:  # noqa: ANN001 - EmployerFollowUpInfo
    head = Text(_("Employer follow-up"), style=style("bold $accent")) + Text(" · ") + note(f.employer_name)
    if f.face_to_face:
        head.append(" · " + _("face to face"))
    lines = [head]
    if f.contact_person.strip():
        lines.append(Text(_("Contact: ")) + note(f.contact_person))
    if f.outcome.strip():
        lines.append(Text(_("Outcome: ")) + note(f.outcome))
    if f.notes.strip():
        lines.append(note(f.notes))
    if f.next_due_on:
        lines.append(Text(_("Next follow-up: {date}").format(date=date_text(f.next_due_on))))
    return Text("\n").join(lines)


# -- CTI -------------------------------------------------------------------------------
CADENCE_TEXT = {
    CadenceState.ON_TRACK: (N_("on track"), "$success"),
    CadenceState.DUE_SOON: (N_("due soon"), "$warning"),
    CadenceState.DUE_TODAY: (N_("due today"), "bold $warning"),
    CadenceState.OVERDUE: (N_("OVERDUE"), "bold $error"),
}


def cti_status(cti, today: dt.date, style: Style, *, compact: bool = False) -> Text:  # noqa: ANN001
    """One line: current phase, day of the phase, next contact due and its cadence state."""
    if cti is None:
        return muted(_("No CTI course."), style)
    if cti.ended_on is not None:
        return Text(_("CTI ended {date}").format(date=date_text(cti.ended_on)), style=style("$text-muted"))
    text = Text(phase_label(cti.current_phase), style="bold")
    running = next((p for p in cti.phases if p.phase == cti.current_phase), None)
    if running is not None and running.actual_start:
        day = (today - running.actual_start).days + 1
        total = (running.planned_end - running.planned_start).days + 1
        text.append(" · " + (_("day {n}/{total}") if compact else _("day {n} of {total}")).format(n=day, total=total))
    if cti.next_contact_due is not None:
        words, colour = CADENCE_TEXT[cadence_state(cti.next_contact_due, today)]
        when = days_phrase(cti.next_contact_due, today)
        if compact:
            text.append(" · " + _("contact") + " ")
            text.append(("⚠ " if cti.next_contact_due < today else "") + when, style=style(colour))
        else:
            text.append(" · " + _("next contact {date}").format(date=date_text(cti.next_contact_due)) + " ")
            text.append(f"({_(words)}, {when})", style=style(colour))
    return text


def cti_view(detail, today: dt.date, style: Style, limit: int = PAGE) -> RenderableType:  # noqa: ANN001
    cti = detail.cti
    if cti is None:
        return muted(_("This citizen has no CTI course."), style)
    parts: list[RenderableType] = [cti_status(cti, today, style), Text("")]
    phases = table(_("Phase"), _("Planned"), _("Actual"), _("Cadence"), _("Focus areas"))
    for p in cti.phases:
        actual = "–" if p.actual_start is None else (
            f"{date_text(p.actual_start, short=True)} → "
            f"{date_text(p.actual_end, short=True) if p.actual_end else _('now')}")
        late = p.actual_start is not None and p.actual_start > p.planned_start
        phases.add_row(Text(phase_label(p.phase), style="bold" if p.phase == cti.current_phase else ""),
                       Text(f"{date_text(p.planned_start, short=True)} → {date_text(p.planned_end, short=True)}"),
                       Text(actual, style=style("$warning") if late else ""),
                       Text(label(p.cadence)), Text(", ".join(label(a) for a in p.focus_areas) or "–"))
    parts += [phases, Text("")]
    facts = HangingRows()
    facts.add_row(Text(_("Started")), Text(date_text(cti.start_on)))
    facts.add_row(Text(_("Follow-up (9 months)")), due_text(cti.follow_up_on, today, style))
    if cti.ended_on:
        facts.add_row(Text(_("Ended")), Text(date_text(cti.ended_on)) + (
            Text(" · ") + note(cti.end_reason) if cti.end_reason else Text("")))
    if cti.closing_note.strip():
        facts.add_row(Text(_("Closing note")), note(cti.closing_note))
    parts += [facts, Text(""), *fidelity_view(cti.fidelity, style), heading(_("Check-ins, newest first"), style)]
    if not cti.checkins:
        parts.append(muted(_("No check-ins yet."), style))
    checkins = HangingRows()
    for c in cti.checkins[:limit]:
        checkins.add_row(Text(date_text(c.held_on), style="bold"), _checkin_text(c, style))
    parts.append(checkins)
    more = more_line(min(limit, len(cti.checkins)), history_size("cti", detail), style)
    return Group(*parts, *([more] if more else []))


# -- Work ----------------------------------------------------------------------------
def work_view(detail, today: dt.date, style: Style, limit: int = PAGE) -> RenderableType:  # noqa: ANN001
    parts: list[RenderableType] = [heading(_("Placements"), style)]
    if not detail.placements:
        parts.append(muted(_("No placements."), style))
    for p in detail.placements:
        block = HangingRows()
        facts = Text(label(p.kind) + (" " + _("(extended)") if p.extended else ""), style="bold")
        facts.append(" · " + _("{hours:g} h/week").format(hours=p.hours_per_week))
        facts.append(f" · {date_text(p.start_on)} → {date_text(p.end_on) if p.end_on else '…'} · {label(p.status)}")
        lines = [note(p.employer_name, style="bold"), facts]
        if p.purpose.strip():
            lines.append(Text(_("Purpose: ")) + note(p.purpose))
        if p.warning:
            lines.append(Text("⚠ " + _(p.warning), style=style("bold $warning")))  # a Phrase: translated
        block.add_row(Text("▪"), Text("\n").join(lines))
        parts.append(block)
    parts += [Text(""), heading(_("Employer follow-ups"), style)]
    if not detail.employer_follow_ups:
        parts.append(muted(_("No employer follow-ups yet."), style))
    follow_ups = HangingRows()
    for f in detail.employer_follow_ups[:limit]:
        follow_ups.add_row(Text(date_text(f.held_on), style="bold"), _employer_text(f, style))
    parts.append(follow_ups)
    more = more_line(min(limit, len(detail.employer_follow_ups)), history_size("work", detail), style)
    return Group(*parts, *([more] if more else []))


# -- Follow-ups ---------------------------------------------------------------------------
def follow_ups_view(detail, today: dt.date, style: Style, limit: int = PAGE) -> RenderableType:  # noqa: ANN001
    open_items = sorted((f for f in detail.follow_ups if not f.done), key=lambda f: f.due_on)
    done_items = sorted((f for f in detail.follow_ups if f.done), key=lambda f: f.done_on, reverse=True)
    parts: list[RenderableType] = [heading(_("Open ({n})").format(n=len(open_items)), style)]
    if open_items:
        t = table(_("Due"), _("What"), _("Owner"), _("From"))
        for f in open_items:
            t.add_row(due_text(f.due_on, today, style), note(shown(f.title)), note(f.owner), Text(label(f.source)))
        parts.append(t)
    else:
        parts.append(muted(_("Nothing open."), style))
    parts += [Text(""), heading(_("Done ({n})").format(n=len(done_items)), style)]
    if done_items:
        t = table(_("Done"), _("What"), _("Owner"), _("Was due"))
        for f in done_items[:limit]:
            t.add_row(Text("✓ " + date_text(f.done_on), style=style("$success")), note(shown(f.title), style="dim"),
                      note(f.owner), Text(date_text(f.due_on)))
        parts.append(t)
        more = more_line(min(limit, len(done_items)), len(done_items), style)
        parts += [more] if more else []
    else:
        parts.append(muted(_("Nothing done yet."), style))
    return Group(*parts)


def rules_view(detail, today: dt.date, style: Style) -> list[RenderableType]:  # noqa: ANN001 - CitizenDetail
    """What the rules say about the citizen: open rule items, warnings, and what people decided (with why)."""
    items = [i for i in detail.open_items if i.rule is not None]
    if not (items or detail.rule_warnings or detail.rule_decisions):
        return []
    lang = 1 if language() == "da" else 0
    parts: list[RenderableType] = [Text(""), heading(_("Deadlines from the rules ({n})").format(n=len(items)), style)]
    if items:
        t = table(_("Due"), _("What"), _("Why"))
        for i in items:
            what, why = i.rule.words(language())
            law = i.rule.source + (", " + _("provisional") if i.rule.provisional else "")
            t.add_row(due_text(i.due_on, today, style), note(what), note(f"{why} ({law})", style="dim"))
        parts.append(t)
    for w in detail.rule_warnings:
        parts.append(Text("⚠ ", style=style("bold $warning")) + literal(w.what[lang]) + Text(" — ")
                     + literal(f"{w.why[lang]} ({w.source})", "dim"))
    for d in detail.rule_decisions:
        when = date_text(d.decided_on) if d.decided_on else ""
        parts.append(Text("✗ ", style=style("$text-muted")) + literal(d.what[lang], "dim")
                      + Text(f" ({date_text(d.due_on)})" if d.due_on else "", style="dim")
                      + Text(" — " + (_("exempt {date}: ") if d.kind == "exempt" else _("dismissed {date}: "))
                             .format(date=when), style="dim") + literal(d.why[lang]))
    return parts


# -- Long notes ----------------------------------------------------------------------
def long_notes(detail) -> list[tuple[str, str]]:  # noqa: ANN001 - CitizenDetail
    """(heading, text) of every text the tabs show cut short, for the reader (v)."""
    texts: list[tuple[str, str]] = []
    if detail.plan is not None:
        texts.append((_("Own goal"), detail.plan.own_goal))
        for goal in detail.plan.goals:
            texts.append((_("Goal"), goal.title))
            texts += [(_("Action"), a.description) for a in goal.actions]
    for m in detail.meetings:
        day = date_text(_local_day(m.starts_at))
        texts += [(f"{_('Meeting')} {day}", m.notes), (f"{_('Meeting')} {day} · {_('Participants: ')}", m.participants)]
        texts += [(f"{_('Meeting')} {day} · {n.goal_title}", n.note) for n in m.goal_notes]
    if detail.cti is not None:
        texts.append((_("Closing note"), detail.cti.closing_note))
        for c in detail.cti.checkins:
            texts.append((f"{_('CTI check-in')} {date_text(c.held_on)}", c.notes))
            texts += [(f"{_('CTI check-in')} {date_text(c.held_on)} · {label(a)}", n) for a, n in c.area_notes]
    for f in detail.employer_follow_ups:
        texts += [(f"{_('Employer follow-up')} {date_text(f.held_on)}", f.notes),
                  (f"{_('Employer follow-up')} {date_text(f.held_on)} · {_('Outcome: ')}", f.outcome)]
    texts += [(_("Purpose: ") + p.employer_name, p.purpose) for p in detail.placements]
    texts += [(_("Follow-up"), shown(f.title)) for f in detail.follow_ups]
    return [(heading, text) for heading, text in texts if is_cut(text)]
