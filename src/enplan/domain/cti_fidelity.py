"""CTI fidelity from a course's own records.

Four measures the fidelity literature asks for that a caseworker's records
can answer (domain.md §1.2–1.3): each phase's length against its plan,
contacts against the phase's cadence, contacts in the community in phase 1,
and whether the course ended early. Plain values in, frozen results out:
the service reads the rows, the UI puts the figures into words.

A phase covers the days from its actual start to its actual end, both
included; the running phase covers the days so far, today included. A day
belongs to the later phase when two phases share it (an advance on the day
a phase started: the earlier phase then had 0 days), as the check-ins'
phase on the timeline does. Contacts dated after today are not counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from .cti import FOLLOW_UP_MONTHS, is_early_end
from .dates import add_months
from .enums import Cadence, ContactForm

# An average month, so a cadence's monthly figure is the same in February and March.
DAYS_PER_MONTH = 365.25 / 12
# Days between contacts: weekly ≈ 4.3 contacts a month, every two weeks ≈ 2.2, monthly 1.
INTERVAL_DAYS: dict[Cadence, float] = {Cadence.WEEKLY: 7, Cadence.BIWEEKLY: 14, Cadence.MONTHLY: DAYS_PER_MONTH}
# Phases are "about three months", and an advance is decided at a contact after the planned end,
# up to two weeks later in phase 2: within 14 days either way a phase kept to its plan.
LENGTH_TOLERANCE_DAYS = 14
# Holidays and illness cost a weekly phase two or three of its 13 contacts without the
# cadence being dropped; fewer than 80% of the contacts due is a cadence not kept.
CADENCE_MET_SHARE = 0.8
# CACTI: "as a general rule … at least four meetings should take place in the community"
# in phase 1 (domain.md §1.2).
PHASE1_COMMUNITY_CONTACTS = 4


class PhaseLike(Protocol):
    phase: int
    planned_start: dt.date
    planned_end: dt.date
    actual_start: dt.date | None
    actual_end: dt.date | None
    cadence: Cadence


class ContactLike(Protocol):
    held_on: dt.date
    in_community: bool
    form: ContactForm | None


@dataclass(frozen=True)
class PhaseDates:
    """A phase as the measures need it (any object with these attributes will do)."""

    phase: int
    planned_start: dt.date
    planned_end: dt.date
    actual_start: dt.date | None = None
    actual_end: dt.date | None = None
    cadence: Cadence = Cadence.WEEKLY


@dataclass(frozen=True)
class Contact:
    """A CTI check-in as the measures need it."""

    held_on: dt.date
    in_community: bool = False
    form: ContactForm | None = None


def in_the_community(contact: ContactLike) -> bool:
    """The flag, or a check-in recorded as held in the community."""
    return bool(contact.in_community) or contact.form is ContactForm.COMMUNITY


class Length(str, Enum):
    NOT_STARTED = "not_started"
    ON_PLAN = "on_plan"  # ended within the tolerance, or running and not yet past it
    LONGER = "longer"    # ended, or still running, more than the tolerance past the plan
    SHORTER = "shorter"  # ended more than the tolerance before the plan


@dataclass(frozen=True)
class PhaseFidelity:
    phase: int
    cadence: Cadence
    planned_days: int
    actual_days: int | None  # None: not started; the running phase: so far, today included
    running: bool
    length: Length
    contacts: int  # check-ins held in the phase
    community_contacts: int  # of them, in the community
    contacts_due: int | None  # one per whole cadence interval of the phase; None: not started

    @property
    def planned_weeks(self) -> float:
        return self.planned_days / 7

    @property
    def actual_weeks(self) -> float | None:
        return None if self.actual_days is None else self.actual_days / 7

    @property
    def days_off_plan(self) -> int | None:
        """Actual minus planned days (negative: shorter); None when not started."""
        return None if self.actual_days is None else self.actual_days - self.planned_days

    @property
    def per_month(self) -> float | None:
        """Contacts a month in the phase; None for a phase with no days."""
        return self.contacts * DAYS_PER_MONTH / self.actual_days if self.actual_days else None

    @property
    def expected_per_month(self) -> float:
        return DAYS_PER_MONTH / INTERVAL_DAYS[self.cadence]

    @property
    def share_met(self) -> float | None:
        """Contacts held against contacts due (over 1.0: more than the cadence);
        None until a whole interval has passed (too early to say)."""
        return self.contacts / self.contacts_due if self.contacts_due else None

    @property
    def cadence_met(self) -> bool | None:
        share = self.share_met
        return None if share is None else share >= CADENCE_MET_SHARE


@dataclass(frozen=True)
class CourseFidelity:
    phases: tuple[PhaseFidelity, ...]
    outside: int  # check-ins held on no phase's days (before the course, after its end, in a gap)
    ended_on: dt.date | None
    ended_early: bool  # ended before nine months after phase 1 started (or before phase 1)
    end_reason: str
    nine_months_on: dt.date | None  # nine months after phase 1 started

    def phase(self, number: int) -> PhaseFidelity | None:
        return next((p for p in self.phases if p.phase == number), None)

    @property
    def phase1_community(self) -> tuple[int, int] | None:
        """(in the community, all) contacts of phase 1; None before phase 1."""
        p = self.phase(1)
        return None if p is None or p.actual_days is None else (p.community_contacts, p.contacts)

    @property
    def phase1_community_met(self) -> bool | None:
        counts = self.phase1_community
        return None if counts is None else counts[0] >= PHASE1_COMMUNITY_CONTACTS


def _length(actual: int, planned: int, running: bool) -> Length:
    if actual > planned + LENGTH_TOLERANCE_DAYS:
        return Length.LONGER
    if not running and actual < planned - LENGTH_TOLERANCE_DAYS:
        return Length.SHORTER
    return Length.ON_PLAN


def course_fidelity(phases: Sequence[PhaseLike], contacts: Iterable[ContactLike], *, today: dt.date,
                    ended_on: dt.date | None = None, end_reason: str = "") -> CourseFidelity:
    """The course's fidelity on ``today`` from its phases and check-ins."""
    ordered = sorted(phases, key=lambda p: p.phase)
    held = [c for c in contacts if c.held_on <= today]
    starts = [p.actual_start for p in ordered]
    results, windows = [], []
    for index, p in enumerate(ordered):
        planned = (p.planned_end - p.planned_start).days + 1
        cadence = Cadence(p.cadence)
        if p.actual_start is None:
            results.append(PhaseFidelity(p.phase, cadence, planned, None, False, Length.NOT_STARTED, 0, 0, None))
            continue
        running = p.actual_end is None and ended_on is None
        last = today if running else (p.actual_end or ended_on)
        later = [s for s in starts[index + 1:] if s is not None]
        if later:  # a shared day belongs to the later phase
            last = min(last, min(later) - dt.timedelta(days=1))
        days = max(0, (last - p.actual_start).days + 1)
        windows.append((p.actual_start, last))
        mine = [c for c in held if p.actual_start <= c.held_on <= last]
        results.append(PhaseFidelity(
            phase=p.phase, cadence=cadence, planned_days=planned, actual_days=days, running=running,
            length=_length(days, planned, running), contacts=len(mine),
            community_contacts=sum(1 for c in mine if in_the_community(c)),
            contacts_due=int(days // INTERVAL_DAYS[cadence])))
    phase1 = next((p.actual_start for p in ordered if p.phase == 1), None)
    return CourseFidelity(
        phases=tuple(results), outside=sum(1 for c in held if not any(a <= c.held_on <= b for a, b in windows)),
        ended_on=ended_on,
        ended_early=ended_on is not None and is_early_end(phase1, ended_on),
        end_reason=end_reason if ended_on is not None else "",
        nine_months_on=add_months(phase1, FOLLOW_UP_MONTHS) if phase1 else None)
