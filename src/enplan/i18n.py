"""One translation function for every user-visible string.

``_("Caseload")`` goes through stdlib gettext; a Danish catalogue in
``enplan/locale/da/LC_MESSAGES/enplan.mo`` is used when the language is "da".
Domain codes (target groups, life areas, ...) get their labels from
``label()`` so the database never stores translated text.
"""

from __future__ import annotations

import gettext as _gettext
from enum import Enum
from pathlib import Path
from typing import Any

_LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES: dict[str, str] = {"en": "English", "da": "Dansk"}  # code -> name in that language
_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def set_language(language: str) -> None:
    """Use ``language`` for every later ``_()``; English (the msgids) for "en" or an unknown code."""
    global _translation, _language
    if language == "en":
        _translation = _gettext.NullTranslations()
    else:
        _translation = _gettext.translation("enplan", localedir=_LOCALE_DIR, languages=[language], fallback=True)
    _language = language


def language() -> str:
    """The code last given to ``set_language`` ("en" at start)."""
    return _language


def _(message: str) -> str:
    """The message in the current language.

    A ``Phrase`` (an English sentence built below the UI from a msgid and
    values, see ``domain.phrases``) is translated by its msgid, then filled in.
    """
    if type(message) is not str:
        msgid = getattr(message, "msgid", None)
        if msgid is not None:
            values: dict[str, Any] = message.values  # type: ignore[attr-defined]
            return _translation.gettext(msgid).format(**values)
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a msgid for extraction (xgettext -kN_); translate it where shown, with ``_()``."""
    return message


LABELS: dict[str, str] = {
    # target groups
    "aktivitetsparat_kontanthjaelp": N_("Aktivitetsparat kontanthjælp"),
    "jobparat_kontanthjaelp": N_("Jobparat kontanthjælp"),
    "uddannelseshjaelp": N_("Uddannelseshjælp"),
    "ressourceforloeb": N_("Ressourceforløb"),
    "jobafklaring": N_("Jobafklaring"),
    "sygedagpenge": N_("Sygedagpenge"),
    "ledighedsydelse": N_("Ledighedsydelse"),
    "fleksjob": N_("Fleksjob"),
    "other": N_("Other"),
    # life areas
    "bolig": N_("Bolig"),
    "psykisk_helbred": N_("Psykisk helbred"),
    "fysisk_helbred": N_("Fysisk helbred"),
    "oekonomi": N_("Økonomi"),
    "daglige_aktiviteter": N_("Daglige aktiviteter"),
    "netvaerk": N_("Netværk"),
    "misbrug": N_("Misbrug"),
    "uddannelse_beskaeftigelse": N_("Uddannelse og beskæftigelse"),
    # providers
    "jobcenter": N_("Jobcenter"),
    "socialforvaltning": N_("Socialforvaltning"),
    "sundhed": N_("Sundhed/læge"),
    "misbrugsbehandling": N_("Misbrugsbehandling"),
    "bostoette": N_("Bostøtte"),
    "citizen": N_("The citizen"),
    # meeting types
    "jobsamtale": N_("Jobsamtale"),
    "opfoelgningssamtale": N_("Opfølgningssamtale"),
    "tvaerfagligt_opstartsmoede": N_("Tværfagligt opstartsmøde"),
    "cti_samtale": N_("CTI-samtale"),
    "netvaerksmoede": N_("Netværksmøde"),
    "virksomhedsbesoeg": N_("Virksomhedsbesøg"),
    # contact forms
    "personal": N_("In person"),
    "phone": N_("Phone"),
    "video": N_("Video"),
    "home_visit": N_("Home visit"),
    "community": N_("In the community"),
    # outcomes and statuses
    "held": N_("Held"),
    "no_show": N_("Did not show"),
    "cancelled": N_("Cancelled"),
    "active": N_("Active"),
    "closed": N_("Closed"),
    "achieved": N_("Achieved"),
    "dropped": N_("Dropped"),
    "progress": N_("Progress"),
    "no_change": N_("No change"),
    "setback": N_("Setback"),
    "planned": N_("Planned"),
    "in_progress": N_("In progress"),
    "done": N_("Done"),
    "ended": N_("Ended"),
    # placements
    "virksomhedspraktik": N_("Virksomhedspraktik"),
    "loentilskud": N_("Løntilskud"),
    "smaajob": N_("Småjob / ordinary hours"),
    "ordinary_job": N_("Ordinary job"),
    "ips_job": N_("IPS job"),
    # cadence
    "weekly": N_("Weekly"),
    "biweekly": N_("Every 2 weeks"),
    "monthly": N_("Monthly"),
    "supports": N_("With supports"),
    "manual": N_("By hand"),
    "meeting": N_("Meeting"),
    "checkin": N_("CTI check-in"),
    "employer": N_("Employer"),
    "retention": N_("Retention"),
}


# What an audit entry's action says, in the app and in `enplan audit` alike.
AUDIT_ACTIONS: dict[str, str] = {
    "create": N_("created"),
    "update": N_("changed"),
    "delete": N_("deleted"),
    "restore": N_("restored"),
    "view": N_("viewed"),
    "cpr_reveal": N_("revealed CPR"),
    "export": N_("exported"),
    "import": N_("imported"),
    "erase": N_("erased"),
    "conflict": N_("kept both values (conflict)"),
    "resolve": N_("resolved a conflict"),
    "laptop_setup": N_("copied to a laptop"),
    "sync_retry": N_("sent a refused change again"),
    "sync_discard": N_("discarded a refused change"),
    "document": N_("made a document"),
    "calendar": N_("exported a calendar"),
    "spreadsheet": N_("exported a spreadsheet"),
}


def audit_action(code: str) -> str:
    return _(AUDIT_ACTIONS.get(code, code))


def label(code: Enum | str | None) -> str:
    """The human label of a domain code, translated."""
    if code is None:
        return ""
    key = code.value if isinstance(code, Enum) else code
    return _(LABELS.get(key, key))


def phase_label(phase: int | None) -> str:
    if phase is None:
        return _("No CTI")
    if phase == 0:
        return _("Contact period")
    return _("Phase {n}").format(n=phase)


def cti_contact_label(phase: int | None) -> str:
    """The worklist's text for a CTI contact that is due ("CTI contact (phase 2)")."""
    if phase == 0:
        return _("CTI contact (contact period)")
    if phase is None:
        return _("CTI contact")
    return _("CTI contact (phase {n})").format(n=phase)


def shown(text: str) -> str:
    """A text as the reader sees it: a ``Phrase`` (words enplan wrote, e.g. a
    follow-up from ``domain.work_texts``) in the current language, any other
    text (a person's words) exactly as it is, never looked up."""
    return _(text) if getattr(text, "msgid", None) is not None else text


def work_item_text(item: Any) -> str:  # noqa: ANN401 - a domain.followups.WorkItem
    """What a worklist line says: a follow-up's own title (user data, never
    translated) or the words of one enplan wrote, or a CTI contact's label,
    in the current language."""
    if getattr(item.kind, "value", item.kind) == "cti_contact":
        return cti_contact_label(item.phase)
    if getattr(item, "rule", None) is not None:
        return rule_item_text(item.rule)
    return shown(item.what)


def kind_label(kind: str) -> str:
    """A worklist line's kind (``WorkKind`` value) in the current language."""
    return {"cti_contact": _("CTI contact"), "rule": _("Rule"), "measure": _("Measure")}.get(kind, _("Follow-up"))


def rule_item_text(note: Any) -> str:  # noqa: ANN401 - a domain.followups.RuleNote
    """A rule item in the current language: what, why, and which law (provisional until passed)."""
    what, why = note.words(language())
    source = note.source + (" · " + _("provisional") if note.provisional else "")
    return f"{what} — {why} ({source})"


def _day(day: Any) -> str:  # noqa: ANN401
    return f"{day:%d-%m-%Y}"


def counter_share(c: Any) -> str:  # noqa: ANN401 - domain.rules.counters.Counter
    """ "31 of 40 (78%, goal ≥ 75%)", or that nobody has been counted yet."""
    if c.percent is None:
        return _("nobody counted yet (goal ≥ {goal}%)").format(goal=c.goal_percent)
    return _("{met} of {counted} ({percent}%, goal ≥ {goal}%)").format(
        met=c.met, counted=c.counted, percent=c.percent, goal=c.goal_percent)


def set_period(s: Any) -> str:  # noqa: ANN401 - RuleSet
    until = _day(s.valid_to) if s.valid_to else _("further notice")
    return _("{start} to {end}").format(start=_day(s.valid_from), end=until)
