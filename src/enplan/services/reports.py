"""The outcome report: a cohort's records read in five statements whatever its
size (the members, their placements, their measures near the first year,
their follow-ups counted, the caseloads counted), computed in
domain/outcomes.py. Each member's first year is compared with their own
start day inside SQL (store/days.py), so only the records that count are
read: for the 10,000 citizens of `make bench` some 80,000 rows, and the whole
report in well under a second (report_10k_ms)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import col, select

from ..domain import outcomes as o
from ..domain.clock import local_midnight_utc
from ..domain.enums import CitizenStatus, PlacementStatus
from ..domain.measures import HOURS
from ..store import tables as t
from ..store.days import local_day, plus_days
from .base import ServiceBase


class ReportServices(ServiceBase):
    def outcome_report(self, cohort: o.Cohort, compare: o.Cohort | None = None) -> o.OutcomeReport:
        """The report for ``cohort``, beside ``compare`` when given; one snapshot of the database."""
        o.check_period(cohort.start, cohort.end)
        if compare is not None:
            o.check_period(compare.start, compare.end, "compare_to")
        with self.db.read() as s:
            first = self._cohort_data(s, cohort)
            second = self._cohort_data(s, compare) if compare is not None else None
        return o.outcome_report(first, second, self.today)

    def _cohort_data(self, s, cohort: o.Cohort) -> o.CohortData:  # noqa: ANN001
        run = s.connection().execute
        members = _members(cohort)
        found = tuple(o.Member(cid, start, bool(cti)) for cid, start, cti in run(
            select(_key(members.c.cid), members.c.start, members.c.cti)).all())
        within_year = members.c.year
        spells = tuple(o.Spell(cid, kind, start, _end(end, status, start)) for cid, kind, start, end, status in run(
            select(_key(t.Placement.citizen_id), t.Placement.kind, t.Placement.start_on, t.Placement.end_on,
                   t.Placement.status)
            .join(members, members.c.cid == t.Placement.citizen_id)
            .where(col(t.Placement.deleted_at).is_(None), col(t.Placement.kind).in_(o.COMPANY_KINDS),
                   t.Placement.status != PlacementStatus.PLANNED)).all())
        measured = t.Measure.measured_on
        readings = tuple(o.Reading._make(row) for row in run(
            select(_key(t.Measure.citizen_id), t.Measure.instrument, measured, t.Measure.value)
            .join(members, members.c.cid == t.Measure.citizen_id)
            # Both bounds on the day, outside the OR: the (citizen, day) index reads only those days.
            .where(col(t.Measure.deleted_at).is_(None), measured >= members.c.early, measured <= within_year,
                   sa.or_(col(t.Measure.instrument).in_(o.PAIRED_INSTRUMENTS),
                          sa.and_(t.Measure.instrument == HOURS, t.Measure.value > 0, measured >= members.c.start))))
            .all())
        due = t.FollowUp.due_on
        on_time = sa.func.coalesce(sa.func.sum(sa.case((t.FollowUp.done_on <= due, 1), else_=0)), 0)
        counted, in_time = run(
            select(sa.func.count(), on_time).select_from(t.FollowUp)
            .join(members, members.c.cid == t.FollowUp.citizen_id)
            .where(col(t.FollowUp.deleted_at).is_(None), due >= members.c.start, due <= within_year,
                   due < self.today)).one()
        return o.CohortData(cohort, found, spells, readings, counted, int(in_time),
                            self._caseloads(s, cohort.caseworker))

    def _caseloads(self, s, caseworker: str | None = None) -> tuple[o.Caseload, ...]:  # noqa: ANN001
        """Active citizens and running CTI courses per caseworker today: enplan keeps no
        history of who had whom, so a past period's caseloads cannot be told. Not
        narrowed by target group or course: a caseload is the caseworker's whole one."""
        running = (select(t.CtiCourse.citizen_id).distinct()
                   .where(col(t.CtiCourse.deleted_at).is_(None), t.CtiCourse.start_on <= self.today,
                          sa.or_(col(t.CtiCourse.ended_on).is_(None), t.CtiCourse.ended_on > self.today))).subquery()
        citizen = t.Citizen
        query = (select(citizen.caseworker, sa.func.count(), sa.func.count(running.c.citizen_id))
                 .outerjoin(running, running.c.citizen_id == citizen.id)
                 .where(col(citizen.deleted_at).is_(None), citizen.caseworker != "",
                        citizen.status == CitizenStatus.ACTIVE)
                 .group_by(citizen.caseworker))
        if caseworker:
            query = query.where(citizen.caseworker == caseworker)
        return tuple(o.Caseload(*row) for row in s.connection().execute(query))


def _members(cohort: o.Cohort):  # noqa: ANN202 - a CTE: cid, start, cti, early, year
    """The cohort as a CTE: each citizen's first CTI course start, or their plan's day when they have
    none; ``early`` and ``year`` bound the days their measures and first year are looked for in."""
    first_cti = (select(t.CtiCourse.citizen_id.label("cid"), sa.func.min(t.CtiCourse.start_on).label("start"))
                 .where(col(t.CtiCourse.deleted_at).is_(None)).group_by(t.CtiCourse.citizen_id).subquery())
    start = sa.type_coerce(sa.func.coalesce(first_cti.c.start, local_day(t.Plan.created_at)), sa.Date)
    # The period on the stored values (the plan's stamp against Danish midnights in UTC): the
    # same citizens as on ``start``, which is then worked out for those alone.
    made = t.Plan.created_at
    in_period = sa.or_(first_cti.c.start.between(cohort.start, cohort.end),
                       sa.and_(first_cti.c.start.is_(None), made >= local_midnight_utc(cohort.start),
                               made < local_midnight_utc(cohort.end + dt.timedelta(days=1))))
    starts = (select(t.Citizen.id.label("cid"), start.label("start"), first_cti.c.start.is_not(None).label("cti"))
              .outerjoin(first_cti, first_cti.c.cid == t.Citizen.id)
              .outerjoin(t.Plan, sa.and_(t.Plan.citizen_id == t.Citizen.id, col(t.Plan.deleted_at).is_(None)))
              .where(col(t.Citizen.deleted_at).is_(None), in_period))
    if cohort.caseworker:
        starts = starts.where(t.Citizen.caseworker == cohort.caseworker)
    if cohort.target_group is not None:
        starts = starts.where(t.Citizen.target_group == cohort.target_group)
    if cohort.course is not o.Course.ANY:
        starts = starts.where(first_cti.c.start.is_not(None) if cohort.course is o.Course.CTI
                              else first_cti.c.start.is_(None))
    # Materialized, twice: each start is worked out once, not again for every record joined to it.
    found = starts.cte("starts").prefix_with("MATERIALIZED")
    return (select(found.c.cid, found.c.start, found.c.cti,
                   plus_days(found.c.start, -o.START_WINDOW_DAYS).label("early"),
                   plus_days(found.c.start, o.YEAR_DAYS).label("year"))
            .cte("cohort").prefix_with("MATERIALIZED"))


def _key(citizen_id):  # noqa: ANN001, ANN202
    """A citizen's id only to group by, as text: making 80,000 UUIDs takes longer than the query."""
    return sa.cast(citizen_id, sa.String)


def _end(end: dt.date | None, status: PlacementStatus, start: dt.date) -> dt.date | None:
    # Ended without an end day (an old import): held only on its first day, never counted as still held.
    return end if end is not None or status is not PlacementStatus.ENDED else start
