"""Critical Time Intervention: phases, cadence and fidelity rules.

A course opens with a contact period (pre-CTI, "kontaktskabelsesperiode"),
then three phases of about three months each with decreasing contact.
CTI has no early discharge, and under SEL § 85 support cannot be
time-limited, so a course gets a follow-up date nine months after phase 1
starts rather than a hard stop.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from .dates import add_months, roll_forward
from .enums import Cadence, LifeArea
from .errors import ValidationError
from .phrases import N_, Phrase

CONTACT_PERIOD = 0
LAST_PHASE = 3
PHASES = (0, 1, 2, 3)
DEFAULT_CONTACT_PERIOD_WEEKS = 4
DEFAULT_PHASE_MONTHS = 3
FOLLOW_UP_MONTHS = 9
DUE_SOON_DAYS = 7
DEFAULT_CADENCE: dict[int, Cadence] = {
    0: Cadence.WEEKLY,
    1: Cadence.WEEKLY,
    2: Cadence.BIWEEKLY,
    3: Cadence.MONTHLY,
}


@dataclass(frozen=True)
class PlannedPhase:
    phase: int
    planned_start: dt.date
    planned_end: dt.date
    cadence: Cadence


def plan_phases(
    start: dt.date,
    *,
    contact_weeks: int = DEFAULT_CONTACT_PERIOD_WEEKS,
    phase_months: int = DEFAULT_PHASE_MONTHS,
    cadence: dict[int, Cadence] | None = None,
) -> list[PlannedPhase]:
    """Planned dates for the contact period and phases 1–3, back to back."""
    cad = {**DEFAULT_CADENCE, **(cadence or {})}
    phases = []
    begin = start
    end = start + dt.timedelta(weeks=contact_weeks)
    phases.append(PlannedPhase(CONTACT_PERIOD, begin, end - dt.timedelta(days=1), cad[0]))
    for number in (1, 2, 3):
        begin = end
        end = add_months(begin, phase_months)
        phases.append(PlannedPhase(number, begin, end - dt.timedelta(days=1), cad[number]))
    return phases


def follow_up_date(phase1_start: dt.date) -> dt.date:
    """Nine months after phase 1 starts, on a working day."""
    return roll_forward(add_months(phase1_start, FOLLOW_UP_MONTHS))


def next_contact_due(anchor: dt.date, cadence: Cadence) -> dt.date:
    """The next contact is due one cadence interval after the last contact
    (or after the phase started, if there has been none), on a working day."""
    if cadence is Cadence.MONTHLY:
        due = add_months(anchor, 1)
    elif cadence is Cadence.BIWEEKLY:
        due = anchor + dt.timedelta(days=14)
    else:
        due = anchor + dt.timedelta(days=7)
    return roll_forward(due)


class CadenceState(str, Enum):
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"


def cadence_state(next_due: dt.date, today: dt.date) -> CadenceState:
    if next_due < today:
        return CadenceState.OVERDUE
    if next_due == today:
        return CadenceState.DUE_TODAY
    if (next_due - today).days <= DUE_SOON_DAYS:
        return CadenceState.DUE_SOON
    return CadenceState.ON_TRACK


def validate_focus_areas(areas: list[str] | tuple[str, ...]) -> tuple[LifeArea, ...]:
    """1–3 distinct life areas per phase (CTI fidelity rule)."""
    try:
        parsed = tuple(dict.fromkeys(LifeArea(a) for a in areas))
    except ValueError as exc:
        raise ValidationError(Phrase("Unknown focus area: {error}", error=str(exc)), "focus_areas") from None
    if not 1 <= len(parsed) <= 3:
        raise ValidationError(N_("Choose one to three focus areas for a phase."), "focus_areas")
    return parsed


def is_early_end(phase1_start: dt.date | None, end: dt.date) -> bool:
    """Ending before nine months is an early end: CTI has no early discharge."""
    if phase1_start is None:
        return True
    return end < add_months(phase1_start, FOLLOW_UP_MONTHS)


def phase_progress(
    planned_start: dt.date, planned_end: dt.date, today: dt.date
) -> float:
    """How far through the planned course ``today`` is, 0.0–1.0."""
    total = (planned_end - planned_start).days
    if total <= 0:
        return 1.0
    return min(1.0, max(0.0, (today - planned_start).days / total))


def current_phase(phases):  # noqa: ANN001, ANN201 - any objects with phase/actual_start/actual_end
    """The running phase: started, not ended (the latest if data disagrees)."""
    running = [p for p in phases if p.actual_start is not None and p.actual_end is None]
    return max(running, key=lambda p: p.phase) if running else None


def contact_due(phases, last_checkin: dt.date | None) -> dt.date | None:  # noqa: ANN001
    """Next CTI contact: one cadence interval after the last check-in or the
    start of the running phase, whichever is later; None when no phase runs."""
    running = current_phase(phases)
    if running is None:
        return None
    anchor = max(filter(None, (last_checkin, running.actual_start)))
    return next_contact_due(anchor, Cadence(running.cadence))
