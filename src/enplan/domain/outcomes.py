"""The outcome report (issue 12): what became of a cohort of citizens in the
year after their course started, rebuilt from the municipality's own records
in the layout of the Rambøll 2021 evaluation of CTI (20% vs 11% in ordinary
work after a year, 80% vs 41% with a company-based activity, trivsel 49 → 57).

Plain values in (``CohortData``, read by services/reports.py), a read model
out. Every row carries its n and how many citizens could not be counted, so
nobody mistakes a small or half-observed cohort for a result. The
definitions are written out for people in docs/outcomes.md; keep the two
together. It is the municipality's own data, not an effect study: there is
no comparison group built to be alike, so a difference between two cohorts
is a description, never a cause.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from .dates import add_months
from .enums import PlacementKind, StrEnum, TargetGroup
from .errors import ValidationError
from .measures import HOURS, TRIVSEL, WHO5
from .phrases import N_, Phrase
from .placements import RETENTION_KINDS

YEAR_DAYS = 365  # "after one year": day 365 after the start, and the window "within 365 days"
YEAR = dt.timedelta(days=YEAR_DAYS)
START_WINDOW_DAYS = 30  # a measure this close to the start counts as the measure "at start"
RETENTION_MONTHS = (3, 6, 12)
CASELOAD_GUIDELINE = (35, 55)  # citizens per caseworker, the Danish guideline
CTI_CASELOAD_MAX = 20  # CTI citizens per caseworker (CACTI: at most 20 per full-time worker)
# Ordinary work: an ordinary job or an IPS job (competitive work at ordinary pay), as for retention.
ORDINARY_KINDS = RETENTION_KINDS
# Company-based activity: work at a company. Fleksjob is left out: it is supported
# employment, an outcome of its own, not a step towards one.
COMPANY_KINDS = frozenset({PlacementKind.VIRKSOMHEDSPRAKTIK, PlacementKind.LOENTILSKUD, PlacementKind.SMAAJOB,
                           *ORDINARY_KINDS})
PAIRED_INSTRUMENTS = (TRIVSEL, WHO5)
NOT_AN_EFFECT_STUDY = N_("The municipality's own data, not an effect study: nobody was compared with a group built "
                         "to be alike, so the figures describe these citizens and do not show what caused a change.")


class Course(StrEnum):
    """Which citizens of the period: all, those with a CTI course, those without one."""

    ANY = "any"
    CTI = "cti"
    PLAN = "plan"


@dataclass(frozen=True)
class Cohort:
    """Citizens whose course (their first CTI course, or their plan when they have
    no CTI course) started from ``start`` to ``end``, both days included."""

    start: dt.date
    end: dt.date
    caseworker: str = ""  # "" = every caseworker
    target_group: TargetGroup | None = None
    course: Course = Course.ANY


def check_period(start: dt.date, end: dt.date, field: str = "to") -> None:
    if end < start:
        raise ValidationError(Phrase("The period ends ({end}) before it starts ({start}).",
                                     start=f"{start:%d-%m-%Y}", end=f"{end:%d-%m-%Y}"), field)


# -- what the services read --------------------------------------------------------------
# Named tuples, not dataclasses: a municipality's report builds some 80,000 of them, and a
# frozen dataclass takes several times as long to make. A citizen's id is only a key to
# group by here: a UUID, or its text as the database gives it.
class Member(NamedTuple):
    citizen_id: uuid.UUID | str
    start: dt.date
    cti: bool


class Spell(NamedTuple):
    """A placement that started (not one still planned); ``end`` None: still running."""

    citizen_id: uuid.UUID | str
    kind: PlacementKind
    start: dt.date
    end: dt.date | None

    def holds(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class Reading(NamedTuple):
    citizen_id: uuid.UUID | str
    instrument: str
    day: dt.date
    value: float


@dataclass(frozen=True)
class Caseload:
    caseworker: str
    citizens: int
    cti_citizens: int

    @property
    def within(self) -> bool:
        low, high = CASELOAD_GUIDELINE
        return low <= self.citizens <= high


@dataclass(frozen=True)
class CohortData:
    cohort: Cohort
    members: tuple[Member, ...]
    spells: tuple[Spell, ...]  # the members' placements of the kinds above
    readings: tuple[Reading, ...]  # trivsel and WHO-5 around the first year, paid hours > 0 within it
    follow_ups_due: int  # the members' follow-ups due in their first year, before today
    follow_ups_on_time: int  # of those, done on or before the day they were due
    caseloads: tuple[Caseload, ...]  # per caseworker, today


# -- the report ----------------------------------------------------------------------------
CITIZENS, FOLLOW_UPS, CASEWORKERS = "citizens", "follow_ups", "caseworkers"
ROW_LABELS = {
    "job_day_365": N_("In ordinary work 365 days after start"),
    "job_within_365": N_("Any ordinary job started within 365 days"),
    "company_activity": N_("Company-based activity started within 365 days"),
    TRIVSEL: N_("Trivsel (1–100), mean at start → latest within 12 months"),
    WHO5: N_("WHO-5 (0–100), mean at start → latest within 12 months"),
    "retention_3": N_("Still in ordinary work 3 months after a job started"),
    "retention_6": N_("Still in ordinary work 6 months after a job started"),
    "retention_12": N_("Still in ordinary work 12 months after a job started"),
    "follow_ups_on_time": N_("Follow-ups done on time"),
    "caseload": N_("Caseworkers with 35–55 citizens (the Danish guideline)"),
    "cti_caseload": N_("CTI caseworkers with at most 20 CTI citizens (the CTI guideline)"),
}


@dataclass(frozen=True)
class Row:
    """One line of the report. A share: ``count`` of ``n``; paired means: ``before``
    → ``after`` over ``n`` citizens measured at both. ``missing``: members not
    counted (not yet that far, or not measured twice)."""

    key: str
    unit: str  # CITIZENS, FOLLOW_UPS or CASEWORKERS: what n counts
    n: int
    missing: int
    count: int | None = None
    before: float | None = None
    after: float | None = None

    @property
    def label(self) -> str:
        return ROW_LABELS[self.key]

    @property
    def paired(self) -> bool:
        return self.count is None

    @property
    def percent(self) -> float | None:
        return 100 * self.count / self.n if self.count is not None and self.n else None

    @property
    def change(self) -> float | None:
        return self.after - self.before if self.after is not None and self.before is not None else None


@dataclass(frozen=True)
class CohortReport:
    cohort: Cohort
    size: int
    with_cti: int
    rows: tuple[Row, ...]
    caseloads: tuple[Caseload, ...]  # today's, per caseworker

    def row(self, key: str) -> Row:
        return next(r for r in self.rows if r.key == key)


@dataclass(frozen=True)
class Difference:
    """First cohort against the second: percentage points (shares) or points of
    change (paired means), and for shares the relative difference in percent
    ("82% more"); None where a figure is missing or the second share is 0."""

    key: str
    points: float | None
    relative: float | None


@dataclass(frozen=True)
class OutcomeReport:
    today: dt.date
    first: CohortReport
    second: CohortReport | None = None
    differences: tuple[Difference, ...] = ()

    def difference(self, key: str) -> Difference | None:
        return next((d for d in self.differences if d.key == key), None)


def outcome_report(first: CohortData, second: CohortData | None, today: dt.date) -> OutcomeReport:
    one = cohort_report(first, today)
    if second is None:
        return OutcomeReport(today, one)
    two = cohort_report(second, today)
    return OutcomeReport(today, one, two, tuple(_difference(a, b) for a, b in zip(one.rows, two.rows, strict=True)))


def cohort_report(data: CohortData, today: dt.date) -> CohortReport:
    members = data.members
    spells = _by_citizen(data.spells)
    measured: defaultdict = defaultdict(list)  # (citizen, instrument) -> [(day, value)]
    for citizen_id, instrument, day, value in data.readings:
        measured[citizen_id, instrument].append((day, value))
    year_seen = [m for m in members if m.start + YEAR <= today]
    not_yet = len(members) - len(year_seen)

    def share(key: str, test) -> Row:  # noqa: ANN001
        """Of the members a whole year on: how many pass ``test``; the others are missing."""
        return Row(key, CITIZENS, len(year_seen), not_yet, sum(1 for m in year_seen if test(m)))

    rows = [
        share("job_day_365", lambda m: _holds(spells[m.citizen_id], ORDINARY_KINDS, m.start + YEAR)),
        share("job_within_365", lambda m: _first_job(m, spells[m.citizen_id]) is not None),
        share("company_activity", lambda m: _company_activity(m, spells[m.citizen_id],
                                                              measured.get((m.citizen_id, HOURS), ()))),
        *(_paired(key, members, measured) for key in PAIRED_INSTRUMENTS),
        *_retention(members, spells, today),
        Row("follow_ups_on_time", FOLLOW_UPS, data.follow_ups_due, 0, data.follow_ups_on_time),
        Row("caseload", CASEWORKERS, len(data.caseloads), 0, sum(c.within for c in data.caseloads)),
        _cti_caseload(data.caseloads),
    ]
    return CohortReport(data.cohort, len(members), sum(m.cti for m in members), tuple(rows),
                        tuple(sorted(data.caseloads, key=lambda c: c.caseworker)))


def _by_citizen(items: Iterable) -> defaultdict:
    found: defaultdict = defaultdict(list)
    for item in items:
        found[item.citizen_id].append(item)
    return found


def _holds(spells: list[Spell], kinds: frozenset, day: dt.date) -> bool:
    return any(s.kind in kinds and s.holds(day) for s in spells)


def _started_within(member: Member, day: dt.date) -> bool:
    return member.start <= day <= member.start + YEAR


def _first_job(member: Member, spells: list[Spell]) -> dt.date | None:
    """The day the first ordinary job started within the member's first year."""
    return min((s.start for s in spells if s.kind in ORDINARY_KINDS and _started_within(member, s.start)),
               default=None)


def _company_activity(member: Member, spells: list[Spell], hours: Iterable[tuple[dt.date, float]]) -> bool:
    # Ordinary paid hours recorded as a measure count too: småjob hours are often only recorded that way.
    return (any(s.kind in COMPANY_KINDS and _started_within(member, s.start) for s in spells)
            or any(value > 0 and _started_within(member, day) for day, value in hours))


def _paired(key: str, members: tuple[Member, ...], measured: defaultdict) -> Row:
    """Mean at start against the latest within 12 months, for those measured at both."""
    pairs = [pair for m in members if (pair := _pair(m.start, measured.get((m.citizen_id, key)))) is not None]
    if not pairs:
        return Row(key, CITIZENS, 0, len(members))
    return Row(key, CITIZENS, len(pairs), len(members) - len(pairs), None,
               sum(p[0] for p in pairs) / len(pairs), sum(p[1] for p in pairs) / len(pairs))


def _pair(start: dt.date, own: list[tuple[dt.date, float]] | None) -> tuple[float, float] | None:
    """(at start, latest): the measure nearest the start (the earlier of two as near), and
    the last one after it within the year."""
    near = min(((abs((day - start).days), day, value) for day, value in own or ()), default=None)
    if near is None or near[0] > START_WINDOW_DAYS:
        return None
    _, first_day, first = near
    later = [(day, value) for day, value in own if first_day < day <= start + YEAR]
    return (first, max(later)[1]) if later else None


def _retention(members: tuple[Member, ...], spells: defaultdict, today: dt.date) -> list[Row]:
    """Of those whose first ordinary job started within the first year: still in
    ordinary work (that job or another) 3, 6 and 12 months after it started."""
    starts = [(m, day) for m in members if (day := _first_job(m, spells[m.citizen_id])) is not None]
    rows = []
    for months in RETENTION_MONTHS:
        seen = [(m, add_months(day, months)) for m, day in starts if add_months(day, months) <= today]
        held = sum(1 for m, day in seen if _holds(spells[m.citizen_id], ORDINARY_KINDS, day))
        rows.append(Row(f"retention_{months}", CITIZENS, len(seen), len(starts) - len(seen), held))
    return rows


def _cti_caseload(caseloads: tuple[Caseload, ...]) -> Row:
    cti = [c for c in caseloads if c.cti_citizens]
    return Row("cti_caseload", CASEWORKERS, len(cti), 0, sum(c.cti_citizens <= CTI_CASELOAD_MAX for c in cti))


def _difference(a: Row, b: Row) -> Difference:
    if a.paired:
        points = a.change - b.change if a.change is not None and b.change is not None else None
        return Difference(a.key, points, None)
    if a.percent is None or b.percent is None:
        return Difference(a.key, None, None)
    relative = 100 * (a.percent / b.percent - 1) if b.percent else None
    return Difference(a.key, a.percent - b.percent, relative)
