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

_LOCALE_DIR = Path(__file__).parent / "locale"
_translation: _gettext.NullTranslations = _gettext.NullTranslations()


def set_language(language: str) -> None:
    global _translation
    _translation = _gettext.translation("enplan", localedir=_LOCALE_DIR, languages=[language], fallback=True)


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


LABELS: dict[str, str] = {
    # target groups
    "aktivitetsparat_kontanthjaelp": "Aktivitetsparat kontanthjælp",
    "jobparat_kontanthjaelp": "Jobparat kontanthjælp",
    "uddannelseshjaelp": "Uddannelseshjælp",
    "ressourceforloeb": "Ressourceforløb",
    "jobafklaring": "Jobafklaring",
    "sygedagpenge": "Sygedagpenge",
    "ledighedsydelse": "Ledighedsydelse",
    "fleksjob": "Fleksjob",
    "other": "Other",
    # life areas
    "bolig": "Bolig",
    "psykisk_helbred": "Psykisk helbred",
    "fysisk_helbred": "Fysisk helbred",
    "oekonomi": "Økonomi",
    "daglige_aktiviteter": "Daglige aktiviteter",
    "netvaerk": "Netværk",
    "misbrug": "Misbrug",
    "uddannelse_beskaeftigelse": "Uddannelse og beskæftigelse",
    # providers
    "jobcenter": "Jobcenter",
    "socialforvaltning": "Socialforvaltning",
    "sundhed": "Sundhed/læge",
    "misbrugsbehandling": "Misbrugsbehandling",
    "bostoette": "Bostøtte",
    "citizen": "The citizen",
    # meeting types
    "jobsamtale": "Jobsamtale",
    "opfoelgningssamtale": "Opfølgningssamtale",
    "tvaerfagligt_opstartsmoede": "Tværfagligt opstartsmøde",
    "cti_samtale": "CTI-samtale",
    "netvaerksmoede": "Netværksmøde",
    "virksomhedsbesoeg": "Virksomhedsbesøg",
    # contact forms
    "personal": "In person",
    "phone": "Phone",
    "video": "Video",
    "home_visit": "Home visit",
    "community": "In the community",
    # outcomes and statuses
    "held": "Held",
    "no_show": "Did not show",
    "cancelled": "Cancelled",
    "active": "Active",
    "closed": "Closed",
    "achieved": "Achieved",
    "dropped": "Dropped",
    "progress": "Progress",
    "no_change": "No change",
    "setback": "Setback",
    "planned": "Planned",
    "in_progress": "In progress",
    "done": "Done",
    "ended": "Ended",
    # placements
    "virksomhedspraktik": "Virksomhedspraktik",
    "loentilskud": "Løntilskud",
    "smaajob": "Småjob / ordinary hours",
    "ordinary_job": "Ordinary job",
    "ips_job": "IPS job",
    # cadence
    "weekly": "Weekly",
    "biweekly": "Every 2 weeks",
    "monthly": "Monthly",
    "supports": "With supports",
    "manual": "By hand",
    "meeting": "Meeting",
    "checkin": "CTI check-in",
    "employer": "Employer",
    "retention": "Retention",
}


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
