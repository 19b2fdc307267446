"""What the rules need to know about a citizen: plain values the services
read in a fixed number of queries (services/rules.py). No ORM, no database."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from ..enums import MeetingType, PlacementKind, PlacementStatus, RuleDecisionKind, TargetGroup


@dataclass(frozen=True)
class PlacementFact:
    id: uuid.UUID
    kind: PlacementKind
    employer: str
    start: dt.date
    end: dt.date | None
    status: PlacementStatus
    extended: bool
    last_employer_contact: dt.date | None  # the latest employer follow-up on it since it started


@dataclass(frozen=True)
class Decision:
    rule: str
    kind: RuleDecisionKind
    subject_id: uuid.UUID | None
    due: dt.date | None
    reason: str
    decided_on: dt.date | None = None


@dataclass(frozen=True)
class CitizenFacts:
    citizen_id: uuid.UUID
    name: str
    caseworker: str
    target_group: TargetGroup
    benefit_start: dt.date | None
    back_within_26_weeks: bool = False
    # Held meetings since the benefit started, per type: (type, how many, the first one's day).
    interviews: tuple[tuple[MeetingType, int, dt.date], ...] = ()
    last_meeting: dt.date | None = None  # the latest held meeting
    last_contact: dt.date | None = None  # the latest held meeting or CTI check-in
    placements: tuple[PlacementFact, ...] = ()
    cti_course_id: uuid.UUID | None = None  # the running course
    cti_start: dt.date | None = None
    cti_phase: int | None = None  # the running phase, 0 = the contact period
    cti_follow_up_written: bool = False  # enplan wrote the nine-month follow-up when the course started
    plan_id: uuid.UUID | None = None
    plan_has_goals: bool = False  # an empty plan has nothing to share yet: no consent item
    plan_created: dt.date | None = None
    review_on: dt.date | None = None
    consent_given: dt.date | None = None
    consent_withdrawn: dt.date | None = None
    next_follow_up: dt.date | None = None  # the earliest open follow-up
    decisions: tuple[Decision, ...] = ()

    def dismissed(self, rule: str, subject_id: uuid.UUID | None, due: dt.date) -> bool:
        return any(d.kind is RuleDecisionKind.DISMISSED and d.rule == rule and d.subject_id == subject_id
                   and d.due == due for d in self.decisions)

    def exemption(self, rule: str) -> Decision | None:
        return next((d for d in self.decisions if d.kind is RuleDecisionKind.EXEMPT and d.rule == rule), None)
