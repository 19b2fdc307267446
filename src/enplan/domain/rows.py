"""The caseload's read models, in a module of their own so the first screen
can import them without the rest of the read models (start-up time)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from .enums import CitizenStatus, TargetGroup


@dataclass(frozen=True)
class CaseloadRow:
    citizen_id: uuid.UUID
    name: str
    target_group: TargetGroup
    status: CitizenStatus
    cti_phase: int | None
    last_contact: dt.date | None
    next_due: dt.date | None
    overdue_count: int
    cti_overdue: bool


@dataclass(frozen=True)
class CaseloadSummary:
    citizens: int
    overdue_follow_ups: int
    cti_contacts_overdue: int
    due_this_week: int
