"""Closed vocabularies of the domain. Values are stable storage codes (ASCII);
labels for people live in ``enplan.i18n``."""

from __future__ import annotations

from enum import Enum


class StrEnum(str, Enum):
    def __str__(self) -> str:  # so f-strings show the code, not "Class.member"
        return self.value


class TargetGroup(StrEnum):
    AKTIVITETSPARAT = "aktivitetsparat_kontanthjaelp"
    JOBPARAT = "jobparat_kontanthjaelp"
    UDDANNELSESHJAELP = "uddannelseshjaelp"
    RESSOURCEFORLOEB = "ressourceforloeb"
    JOBAFKLARING = "jobafklaring"
    SYGEDAGPENGE = "sygedagpenge"
    LEDIGHEDSYDELSE = "ledighedsydelse"
    FLEKSJOB = "fleksjob"
    OTHER = "other"


class CitizenStatus(StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"


class LifeArea(StrEnum):
    BOLIG = "bolig"
    PSYKISK_HELBRED = "psykisk_helbred"
    FYSISK_HELBRED = "fysisk_helbred"
    OEKONOMI = "oekonomi"
    DAGLIGE_AKTIVITETER = "daglige_aktiviteter"
    NETVAERK = "netvaerk"
    MISBRUG = "misbrug"
    UDDANNELSE_BESKAEFTIGELSE = "uddannelse_beskaeftigelse"


class Provider(StrEnum):
    JOBCENTER = "jobcenter"
    SOCIALFORVALTNING = "socialforvaltning"
    SUNDHED = "sundhed"
    MISBRUGSBEHANDLING = "misbrugsbehandling"
    BOSTOETTE = "bostoette"
    CITIZEN = "citizen"
    OTHER = "other"


class GoalStatus(StrEnum):
    ACTIVE = "active"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class GoalProgress(StrEnum):
    """What a meeting concluded about a goal."""

    PROGRESS = "progress"
    NO_CHANGE = "no_change"
    SETBACK = "setback"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class MeetingType(StrEnum):
    JOBSAMTALE = "jobsamtale"
    OPFOELGNINGSSAMTALE = "opfoelgningssamtale"
    TVAERFAGLIGT_OPSTARTSMOEDE = "tvaerfagligt_opstartsmoede"
    CTI_SAMTALE = "cti_samtale"
    NETVAERKSMOEDE = "netvaerksmoede"
    VIRKSOMHEDSBESOEG = "virksomhedsbesoeg"
    OTHER = "other"


class ContactForm(StrEnum):
    PERSONAL = "personal"
    PHONE = "phone"
    VIDEO = "video"
    HOME_VISIT = "home_visit"
    COMMUNITY = "community"


class MeetingOutcome(StrEnum):
    HELD = "held"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


class CheckinWith(StrEnum):
    CITIZEN = "citizen"
    SUPPORTS = "supports"


class PlacementKind(StrEnum):
    VIRKSOMHEDSPRAKTIK = "virksomhedspraktik"
    LOENTILSKUD = "loentilskud"
    SMAAJOB = "smaajob"
    FLEKSJOB = "fleksjob"
    ORDINARY_JOB = "ordinary_job"
    IPS_JOB = "ips_job"


class PlacementStatus(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    ENDED = "ended"


class FollowUpSource(StrEnum):
    MANUAL = "manual"
    MEETING = "meeting"
    CHECKIN = "checkin"
    EMPLOYER = "employer"
    RETENTION = "retention"


class MeasureSource(StrEnum):
    """Where a measure was recorded: on its own, in a meeting's step-through, at a CTI check-in."""

    OWN = "own"
    MEETING = "meeting"
    CHECKIN = "checkin"


class Cadence(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"


CADENCE_DAYS: dict[Cadence, int] = {Cadence.WEEKLY: 7, Cadence.BIWEEKLY: 14, Cadence.MONTHLY: 30}


class RuleDecisionKind(StrEnum):
    """What a person decided about a rule for one citizen (always with a reason)."""

    DISMISSED = "dismissed"  # this rule item is not needed (e.g. handled elsewhere)
    EXEMPT = "exempt"  # the citizen is exempt from a caseload counter (the 75% rules)
