"""SQLModel tables. Portable on purpose (UUID keys, UTC stamps, string enums)
so the same schema runs on SQLite and PostgreSQL. Never handed to the UI."""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from ..domain.enums import (
    ActionStatus,
    CheckinWith,
    CitizenStatus,
    Cadence,
    ContactForm,
    FollowUpSource,
    GoalProgress,
    GoalStatus,
    LifeArea,
    MeasureSource,
    MeetingOutcome,
    MeetingType,
    PlacementKind,
    PlacementStatus,
    Provider,
    RuleDecisionKind,
    TargetGroup,
)
from ..domain.placements import MAX_HOURS_PER_WEEK
from ..domain.text import MAX_NAME
from .types import UTCDateTime, enum_type, utcnow

# The largest INTEGER PostgreSQL stores (32 bits); SQLite stores 64 bits. The
# importer checks these ranges (Field ge/le), see docs/data-format.md.
MAX_INT = 2**31 - 1

# Named constraints, so SQLite batch migrations can drop or alter them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _fk(target: str, *, index: bool = True, nullable: bool = False):  # noqa: ANN202
    extra = {"default": None} if nullable else {}  # a reference that may be missing may also be left out
    return Field(
        sa_column_args=(sa.ForeignKey(f"{target}.id", ondelete="CASCADE"),),
        index=index,
        nullable=nullable,
        **extra,
    )


class Record(SQLModel):
    """Columns every table shares: identity, stamps, soft delete, row version."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    deleted_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    version: int = Field(default=1, nullable=False, ge=1, le=MAX_INT)
    updated_by: str = Field(default="", max_length=120)
    # On a team server: the commit (sync_clock) that last wrote the row, for
    # laptops to pull by; on a laptop: the commit it was pulled at. Not exported.
    server_seq: int | None = Field(default=None, sa_type=sa.BigInteger, index=True)


class Citizen(Record, table=True):
    __tablename__ = "citizen"
    # With the id: the citizens a login may see come from the index alone (migration 0010).
    __table_args__ = (sa.Index("ix_citizen_caseworker_id", "caseworker", "id"),)
    name: str = Field(max_length=MAX_NAME)
    name_key: str = Field(max_length=MAX_NAME, index=True)  # casefolded, Danish-sortable shadow of name
    cpr: str | None = Field(default=None, max_length=10)
    target_group: TargetGroup = Field(sa_type=enum_type(TargetGroup))
    phone: str = Field(default="", max_length=60)
    email: str = Field(default="", max_length=200)
    address: str = Field(default="", max_length=300)
    caseworker: str = Field(default="", max_length=120)
    status: CitizenStatus = Field(default=CitizenStatus.ACTIVE, sa_type=enum_type(CitizenStatus))
    closed_on: dt.date | None = None
    closed_reason: str = Field(default="")
    # The day the citizen asked for help or started on the current benefit: the
    # start of a contact series (domain/rules). A change of benefit starts a new one.
    benefit_start_on: dt.date | None = None
    # Sick-listed and expected back at work within 26 weeks (employee and employer
    # agree): exempt from municipal follow-up reminders from 1 July 2026.
    back_within_26_weeks: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})


class Plan(Record, table=True):
    __tablename__ = "plan"
    citizen_id: uuid.UUID = Field(sa_column_args=(sa.ForeignKey("citizen.id", ondelete="CASCADE"),), unique=True)
    own_goal: str = Field(default="")
    consent_given_on: dt.date | None = None
    consent_scope: str = Field(default="")
    consent_withdrawn_on: dt.date | None = None
    review_on: dt.date | None = None


class Goal(Record, table=True):
    __tablename__ = "goal"
    plan_id: uuid.UUID = _fk("plan")
    life_area: LifeArea = Field(sa_type=enum_type(LifeArea))
    title: str = Field(default="")
    status: GoalStatus = Field(default=GoalStatus.ACTIVE, sa_type=enum_type(GoalStatus))
    last_progress: GoalProgress | None = Field(default=None, sa_type=enum_type(GoalProgress))
    position: int = Field(default=0, ge=0, le=MAX_INT)


class PlanAction(Record, table=True):
    __tablename__ = "plan_action"
    goal_id: uuid.UUID = _fk("goal")
    description: str = Field(default="")
    provider: Provider = Field(sa_type=enum_type(Provider))
    status: ActionStatus = Field(default=ActionStatus.PLANNED, sa_type=enum_type(ActionStatus))
    due_on: dt.date | None = None


class Meeting(Record, table=True):
    __tablename__ = "meeting"
    # The second answers "the latest held meeting per citizen" from the index alone
    # (the caseload's last contact, the rules' no-contact and review checks).
    __table_args__ = (sa.Index("ix_meeting_citizen_starts", "citizen_id", "starts_at"),
                      sa.Index("ix_meeting_citizen_held", "citizen_id", "outcome", "deleted_at", "starts_at"))
    citizen_id: uuid.UUID = _fk("citizen")
    type: MeetingType = Field(sa_type=enum_type(MeetingType))
    form: ContactForm = Field(sa_type=enum_type(ContactForm))
    starts_at: dt.datetime = Field(sa_type=UTCDateTime, index=True)
    ends_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    location: str = Field(default="")
    participants: str = Field(default="")
    outcome: MeetingOutcome = Field(default=MeetingOutcome.HELD, sa_type=enum_type(MeetingOutcome))
    notes: str = Field(default="")


class MeetingGoalNote(Record, table=True):
    __tablename__ = "meeting_goal_note"
    meeting_id: uuid.UUID = _fk("meeting")
    goal_id: uuid.UUID = _fk("goal")
    progress: GoalProgress | None = Field(default=None, sa_type=enum_type(GoalProgress))
    note: str = Field(default="")


class CtiCourse(Record, table=True):
    __tablename__ = "cti_course"
    citizen_id: uuid.UUID = _fk("citizen")
    start_on: dt.date
    follow_up_on: dt.date | None = None
    ended_on: dt.date | None = None
    end_reason: str = Field(default="")
    closing_note: str = Field(default="")


class CtiPhase(Record, table=True):
    __tablename__ = "cti_phase"
    course_id: uuid.UUID = _fk("cti_course")
    phase: int
    planned_start: dt.date
    planned_end: dt.date
    actual_start: dt.date | None = None
    actual_end: dt.date | None = None
    focus_areas: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    cadence: Cadence = Field(sa_type=enum_type(Cadence))


class CtiCheckin(Record, table=True):
    __tablename__ = "cti_checkin"
    __table_args__ = (sa.Index("ix_cti_checkin_course_held", "course_id", "held_on"),)
    course_id: uuid.UUID = _fk("cti_course")
    held_on: dt.date = Field(index=True)
    form: ContactForm = Field(sa_type=enum_type(ContactForm))
    in_community: bool = False
    with_whom: CheckinWith = Field(default=CheckinWith.CITIZEN, sa_type=enum_type(CheckinWith))
    notes: str = Field(default="")
    area_notes: dict[str, str] = Field(default_factory=dict, sa_type=sa.JSON)


class Employer(Record, table=True):
    __tablename__ = "employer"
    name: str = Field(max_length=MAX_NAME)
    name_key: str = Field(max_length=MAX_NAME, index=True)
    cvr: str | None = Field(default=None, max_length=8)
    contact_person: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=60)
    email: str = Field(default="", max_length=200)
    address: str = Field(default="", max_length=300)
    industry: str = Field(default="", max_length=200)


class Placement(Record, table=True):
    __tablename__ = "placement"
    citizen_id: uuid.UUID = _fk("citizen")
    employer_id: uuid.UUID = _fk("employer")
    kind: PlacementKind = Field(sa_type=enum_type(PlacementKind))
    purpose: str = Field(default="")
    hours_per_week: float = Field(default=0.0, ge=0, le=MAX_HOURS_PER_WEEK)
    start_on: dt.date
    end_on: dt.date | None = None
    status: PlacementStatus = Field(default=PlacementStatus.ACTIVE, sa_type=enum_type(PlacementStatus))
    extended: bool = False


class EmployerFollowUp(Record, table=True):
    __tablename__ = "employer_follow_up"
    employer_id: uuid.UUID = _fk("employer")
    placement_id: uuid.UUID | None = _fk("placement", nullable=True)
    # The citizen it concerns when there is no placement (yet): its next due date
    # reaches that citizen's worklist too.
    citizen_id: uuid.UUID | None = _fk("citizen", nullable=True)
    held_on: dt.date = Field(index=True)
    contact_person: str = Field(default="")
    face_to_face: bool = False
    outcome: str = Field(default="")
    notes: str = Field(default="")
    next_due_on: dt.date | None = None


class FollowUp(Record, table=True):
    __tablename__ = "follow_up"
    # The worklist asks "open follow-ups of these citizens": one index answers it.
    __table_args__ = (sa.Index("ix_follow_up_citizen_open", "citizen_id", "done_on", "due_on"),)
    citizen_id: uuid.UUID = _fk("citizen")
    title: str = Field(default="")
    due_on: dt.date = Field(index=True)
    owner: str = Field(default="", max_length=120)
    done_on: dt.date | None = None
    source: FollowUpSource = Field(default=FollowUpSource.MANUAL, sa_type=enum_type(FollowUpSource))
    source_id: uuid.UUID | None = None
    # A follow-up the system wrote: what it is (a key in domain/work_texts) and its
    # values, so each user reads it in their own language; ``title`` keeps the
    # English for exports and older copies. Empty for follow-ups a person typed.
    what: str = Field(default="", max_length=40, sa_column_kwargs={"server_default": ""})
    what_values: dict = Field(default_factory=dict, sa_type=sa.JSON)


class RuleDecision(Record, table=True):
    """A person's decision about a rule for one citizen: a rule item dismissed
    with a reason (never just hidden), or the citizen exempted from a caseload
    counter (the 75% rules) with a reason. Audited like every record."""

    __tablename__ = "rule_decision"
    citizen_id: uuid.UUID = _fk("citizen")
    rule: str = Field(max_length=60)
    decision: RuleDecisionKind = Field(sa_type=enum_type(RuleDecisionKind))
    subject_id: uuid.UUID | None = None  # the placement, course or plan the item was about
    due_on: dt.date | None = None  # the dismissed item's due date (a later one is a new item)
    reason: str = Field(default="")
    decided_on: dt.date


class Measure(Record, table=True):
    """One instrument measured for a citizen on a day (domain/measures.py). The raw
    answers are kept (WHO-5's five, a scale's topics) besides the value."""

    __tablename__ = "measure"
    # The Progress tab and the due-measure reminders ask "this citizen's live measures by day"
    # (the reminders' "last measure per citizen" is one seek in it).
    __table_args__ = (sa.Index("ix_measure_citizen_on", "citizen_id", "deleted_at", "measured_on"),)
    citizen_id: uuid.UUID = _fk("citizen", index=False)
    instrument: str = Field(max_length=40)
    measured_on: dt.date
    value: float = Field(ge=0, le=100)  # every instrument's scale lies within 0–100
    answers: list[int] = Field(default_factory=list, sa_type=sa.JSON)
    source: MeasureSource = Field(default=MeasureSource.OWN, sa_type=enum_type(MeasureSource))
    source_id: uuid.UUID | None = None  # the meeting or check-in it was recorded at
    note: str = Field(default="")


class AuditEvent(SQLModel, table=True):
    """Append-only log of who did what to which record (GDPR)."""

    __tablename__ = "audit_event"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor: str = Field(max_length=120)
    action: str = Field(max_length=20)
    entity: str = Field(max_length=40)
    entity_id: uuid.UUID | None = None
    citizen_id: uuid.UUID | None = Field(default=None, index=True)
    changes: dict = Field(default_factory=dict, sa_type=sa.JSON)
    # A change recorded on a laptop: the laptop's own clock when it was made
    # (``at`` is when the server received it) and which laptop sent it.
    recorded_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    device_id: uuid.UUID | None = None


class Erasure(SQLModel, table=True):
    """A citizen was erased (GDPR right to erasure): when, by whom and on what
    grounds. Holds no personal data; proves the erasure and stops an old
    export from bringing the citizen back."""

    __tablename__ = "erasure"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    citizen_id: uuid.UUID = Field(index=True, unique=True)
    erased_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor: str = Field(max_length=120)
    reason: str = Field(max_length=500)
    removed: dict = Field(default_factory=dict, sa_type=sa.JSON)  # rows removed per table
    server_seq: int | None = Field(default=None, sa_type=sa.BigInteger, index=True)  # laptops purge by it


ENTITY_TABLES: dict[str, type[Record]] = {
    "citizens": Citizen,
    "plans": Plan,
    "goals": Goal,
    "plan_actions": PlanAction,
    "meetings": Meeting,
    "meeting_goal_notes": MeetingGoalNote,
    "cti_courses": CtiCourse,
    "cti_phases": CtiPhase,
    "cti_checkins": CtiCheckin,
    "employers": Employer,
    "placements": Placement,
    "employer_follow_ups": EmployerFollowUp,
    "follow_ups": FollowUp,
    "rule_decisions": RuleDecision,
    "measures": Measure,
}
