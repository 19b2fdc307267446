"""Immutable read models handed from the service layer to the UI and CLI.

Plain frozen dataclasses: no ORM rows ever cross into widgets.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from .cti_fidelity import CourseFidelity
from .enums import (
    ActionStatus,
    Cadence,
    CheckinWith,
    CitizenStatus,
    ContactForm,
    FollowUpSource,
    GoalProgress,
    GoalStatus,
    LifeArea,
    MeetingOutcome,
    MeetingType,
    PlacementKind,
    PlacementStatus,
    Provider,
    TargetGroup,
)
from .followups import RuleNote, WorkKind
from .identifiers import mask_cpr
from .rows import CaseloadRow, CaseloadSummary  # noqa: F401 - re-exported


@dataclass(frozen=True)
class CitizenInfo:
    id: uuid.UUID
    name: str
    cpr_masked: str
    has_cpr: bool
    target_group: TargetGroup
    phone: str
    email: str
    address: str
    caseworker: str
    status: CitizenStatus
    closed_on: dt.date | None
    closed_reason: str
    version: int
    updated_by: str
    updated_at: dt.datetime
    benefit_start_on: dt.date | None = None  # the start of the current contact series (domain/rules)
    back_within_26_weeks: bool = False

    @staticmethod
    def masked(cpr: str | None) -> str:
        return mask_cpr(cpr)


@dataclass(frozen=True)
class ActionInfo:
    id: uuid.UUID
    goal_id: uuid.UUID
    description: str
    provider: Provider
    status: ActionStatus
    due_on: dt.date | None
    version: int


@dataclass(frozen=True)
class GoalInfo:
    id: uuid.UUID
    life_area: LifeArea
    title: str
    status: GoalStatus
    last_progress: GoalProgress | None
    position: int
    actions: tuple[ActionInfo, ...]
    version: int


@dataclass(frozen=True)
class PlanInfo:
    id: uuid.UUID
    own_goal: str
    consent_given_on: dt.date | None
    consent_scope: str
    consent_withdrawn_on: dt.date | None
    review_on: dt.date | None
    goals: tuple[GoalInfo, ...]
    version: int

    @property
    def consent_active(self) -> bool:
        return self.consent_given_on is not None and self.consent_withdrawn_on is None

    @property
    def active_goals(self) -> tuple[GoalInfo, ...]:
        return tuple(g for g in self.goals if g.status is GoalStatus.ACTIVE)


@dataclass(frozen=True)
class GoalNoteInfo:
    goal_id: uuid.UUID
    goal_title: str
    progress: GoalProgress | None
    note: str


@dataclass(frozen=True)
class MeetingInfo:
    id: uuid.UUID
    type: MeetingType
    form: ContactForm
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    location: str
    participants: str
    outcome: MeetingOutcome
    notes: str
    goal_notes: tuple[GoalNoteInfo, ...]


@dataclass(frozen=True)
class CheckinInfo:
    id: uuid.UUID
    held_on: dt.date
    form: ContactForm
    in_community: bool
    with_whom: CheckinWith
    notes: str
    area_notes: tuple[tuple[str, str], ...]
    phase: int | None


@dataclass(frozen=True)
class PhaseInfo:
    id: uuid.UUID
    phase: int
    planned_start: dt.date
    planned_end: dt.date
    actual_start: dt.date | None
    actual_end: dt.date | None
    focus_areas: tuple[LifeArea, ...]
    cadence: Cadence
    version: int


@dataclass(frozen=True)
class CtiInfo:
    id: uuid.UUID
    start_on: dt.date
    follow_up_on: dt.date | None
    ended_on: dt.date | None
    end_reason: str
    closing_note: str
    phases: tuple[PhaseInfo, ...]
    checkins: tuple[CheckinInfo, ...]
    current_phase: int | None
    next_contact_due: dt.date | None
    version: int
    # From every check-in of the course, however few ``checkins`` holds (history_limit).
    fidelity: CourseFidelity | None = None

    @property
    def active(self) -> bool:
        return self.ended_on is None


@dataclass(frozen=True)
class EmployerInfo:
    id: uuid.UUID
    name: str
    cvr: str | None
    contact_person: str
    phone: str
    email: str
    address: str
    industry: str
    version: int


@dataclass(frozen=True)
class PlacementInfo:
    id: uuid.UUID
    employer_id: uuid.UUID
    employer_name: str
    kind: PlacementKind
    purpose: str
    hours_per_week: float
    start_on: dt.date
    end_on: dt.date | None
    status: PlacementStatus
    extended: bool
    warning: str | None
    version: int


@dataclass(frozen=True)
class EmployerFollowUpInfo:
    id: uuid.UUID
    employer_id: uuid.UUID
    employer_name: str
    placement_id: uuid.UUID | None
    held_on: dt.date
    contact_person: str
    face_to_face: bool
    outcome: str
    notes: str
    next_due_on: dt.date | None


@dataclass(frozen=True)
class FollowUpInfo:
    id: uuid.UUID
    citizen_id: uuid.UUID
    title: str
    due_on: dt.date
    owner: str
    done_on: dt.date | None
    source: FollowUpSource
    version: int
    source_id: uuid.UUID | None = None  # the meeting (or check-in …) that agreed it

    @property
    def done(self) -> bool:
        return self.done_on is not None


@dataclass(frozen=True)
class OpenItem:
    """Something open for a citizen that a meeting can mark as handled: an
    open follow-up (``kind`` FOLLOW_UP, ``id`` the follow-up's). Other kinds of
    work item (e.g. a rule's deadline) may join the list; only follow-ups are
    marked done by id (``record_meeting(…, done_follow_up_ids=…)``)."""

    kind: WorkKind
    id: uuid.UUID
    text: str  # typed text, or a Phrase for words enplan wrote (show translated, never as markup)
    due_on: dt.date
    # A rule item's rule, law and words (kind RULE): ticked at a meeting, it is recorded
    # as handled there (a dismissal with that reason, audited).
    rule: RuleNote | None = None


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: uuid.UUID | None
    citizen_id: uuid.UUID | None
    changes: dict = field(default_factory=dict, hash=False, compare=False)
    recorded_at: dt.datetime | None = None  # made on a laptop: its own clock then (``at``: when the server got it)


@dataclass(frozen=True)
class RuleLine:
    """A rule's warning or a decision about one of its items, in both languages."""

    what: tuple[str, str]  # (English, Danish)
    why: tuple[str, str]  # the rule's reason, or the person's reason for a decision (the same in both)
    source: str
    due_on: dt.date | None = None  # a decision: the item's due date
    decided_on: dt.date | None = None
    kind: str = ""  # a decision: "dismissed" or "exempt"


@dataclass(frozen=True)
class CitizenDetail:
    citizen: CitizenInfo
    plan: PlanInfo | None
    meetings: tuple[MeetingInfo, ...]
    cti: CtiInfo | None
    placements: tuple[PlacementInfo, ...]
    employer_follow_ups: tuple[EmployerFollowUpInfo, ...]
    follow_ups: tuple[FollowUpInfo, ...]
    # How many meetings, check-ins and employer follow-ups exist in all
    # (the tuples above may hold only the newest, see history_limit).
    totals: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    # What is open now, soonest due first (the meeting form ticks what it handled).
    open_items: tuple[OpenItem, ...] = ()
    # From the rules: warnings (e.g. a praktik past its legal length) and the decisions
    # people made about rule items (dismissed or exempt, with the reason).
    rule_warnings: tuple[RuleLine, ...] = ()
    rule_decisions: tuple[RuleLine, ...] = ()
    # Who was the citizen's caseworker when, oldest first, with the handover notes (domain/team.py).
    caseworkers: tuple = ()
    # A team leader reading a colleague's citizen: they hand the citizen over, only the caseworker
    # changes the record (store/leader_guard.py refuses any other change).
    leader_reads: bool = False
