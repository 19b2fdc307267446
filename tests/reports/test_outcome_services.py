"""The outcome report against a real database (SQLite and PostgreSQL): the
acceptance cohorts of issue 12 exactly, the filters, soft-deleted records
left out, each citizen's start day in Danish time, and a fixed number of
statements whatever the cohort's size."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from enplan.documents import outcomes as words
from enplan.domain.clock import local_date
from enplan.domain.enums import PlacementKind, TargetGroup
from enplan.domain.errors import ValidationError
from enplan.domain.outcomes import Cohort, Course
from enplan.services import CitizenInput, EmployerInput, MeasuresInput, PlacementInput
from enplan.store import tables as t
from enplan.store.days import local_day, plus_days
from enplan.store.types import UTCDateTime
from tests.reports.cohorts import FIRST, SECOND, build_cohort

D = dt.date
UTC = dt.timezone.utc


def test_the_acceptance_cohorts_give_the_evaluations_figures(services):
    build_cohort(services, FIRST[0], jobs=20, activities=80, trivsel=(45, 50, 53, 64))
    build_cohort(services, SECOND[0], jobs=11, activities=41, trivsel=(48, 50, 52, 54))
    report = services.outcome_report(Cohort(*FIRST), Cohort(*SECOND))
    first, second = report.first, report.second
    assert (first.size, first.with_cti, second.size) == (100, 100, 100)
    assert [words.result_text(first.row(k)) for k in ("job_day_365", "company_activity", "trivsel")] == \
        ["20%", "80%", "49 → 57"]
    assert [words.result_text(second.row(k)) for k in ("job_day_365", "company_activity")] == ["11%", "41%"]
    assert (first.row("trivsel").n, first.row("trivsel").missing) == (100, 0)
    assert words.difference_text(report.difference("job_day_365"), first.row("job_day_365")) == \
        "+9 percentage points, 82% more"
    assert words.difference_text(report.difference("company_activity"), first.row("company_activity")) \
        .startswith("+39 percentage points")
    assert (first.row("retention_12").n, first.row("retention_12").count) == (20, 20)
    assert first.caseloads[0].citizens == 200 and first.caseloads[0].cti_citizens == 200


def _citizen(services, name: str, caseworker: str = "anne", group=TargetGroup.AKTIVITETSPARAT):  # noqa: ANN001, ANN202
    return services.create_citizen(CitizenInput(name=name, caseworker=caseworker, target_group=group))


def test_filters_and_soft_deleted_records(services):
    employer = services.create_employer(EmployerInput("Netto"))
    cti = _citizen(services, "Åse Cti")
    services.start_cti(cti, D(2025, 2, 1))
    job = services.create_placement(cti, PlacementInput(employer, PlacementKind.ORDINARY_JOB, D(2025, 5, 1)))
    other = _citizen(services, "Bo Anden", caseworker="bent", group=TargetGroup.JOBPARAT)
    services.start_cti(other, D(2025, 3, 1))
    plan_only = _citizen(services, "Carl Plan")  # no CTI course: the plan's day counts, today (the real clock)
    year = Cohort(D(2025, 1, 1), D(2025, 12, 31))
    assert services.outcome_report(year).first.size == 2
    assert services.outcome_report(Cohort(D(2025, 1, 1), D(2025, 12, 31), caseworker="anne")).first.size == 1
    only_jobparat = Cohort(year.start, year.end, target_group=TargetGroup.JOBPARAT)
    assert services.outcome_report(only_jobparat).first.size == 1
    plan_day = local_date(dt.datetime.now(UTC))
    plans = Cohort(plan_day, plan_day, course=Course.PLAN)
    assert services.outcome_report(plans).first.size == 1
    assert services.outcome_report(Cohort(plan_day, plan_day, course=Course.CTI)).first.size == 0
    assert services.outcome_report(year).first.row("job_day_365").count == 1
    services.delete_record("placement", job)
    assert services.outcome_report(year).first.row("job_day_365").count == 0
    assert plan_only


def test_a_plan_made_late_in_the_evening_starts_on_its_danish_day(services):
    """Without a CTI course the plan's day counts, in Danish time: 23:30 UTC on 31 December is
    New Year's Day in Copenhagen, and 21:30 UTC on 30 June is still 30 June."""
    new_year, midsummer = _citizen(services, "Nytår"), _citizen(services, "Sommer")
    stamps = {new_year: dt.datetime(2024, 12, 31, 23, 30, tzinfo=UTC), midsummer: dt.datetime(2025, 6, 30, 21, 30,
                                                                                               tzinfo=UTC)}
    with services.db.write() as s:
        for cid, stamp in stamps.items():
            s.execute(sa.update(t.Plan).where(t.Plan.citizen_id == cid).values(created_at=stamp))
    first_half = services.outcome_report(Cohort(D(2025, 1, 1), D(2025, 6, 30))).first
    assert first_half.size == 2
    assert services.outcome_report(Cohort(D(2024, 1, 1), D(2024, 12, 31))).first.size == 0
    assert services.outcome_report(Cohort(D(2025, 7, 1), D(2025, 12, 31))).first.size == 0


def test_a_second_period_that_ends_before_it_starts_is_refused(services):
    with pytest.raises(ValidationError) as caught:
        services.outcome_report(Cohort(D(2025, 1, 1), D(2025, 12, 31)), Cohort(D(2024, 12, 31), D(2024, 1, 1)))
    assert caught.value.field == "compare_to"


@pytest.mark.parametrize("stamp", [
    dt.datetime(2025, 1, 15, 22, 59, tzinfo=UTC), dt.datetime(2025, 1, 15, 23, 0, tzinfo=UTC),
    dt.datetime(2025, 3, 30, 0, 59, tzinfo=UTC), dt.datetime(2025, 3, 30, 1, 0, tzinfo=UTC),
    dt.datetime(2025, 3, 29, 22, 30, tzinfo=UTC), dt.datetime(2025, 7, 1, 21, 59, tzinfo=UTC),
    dt.datetime(2025, 7, 1, 22, 0, tzinfo=UTC), dt.datetime(2025, 10, 25, 22, 30, tzinfo=UTC),
    dt.datetime(2025, 10, 26, 0, 59, tzinfo=UTC), dt.datetime(2025, 10, 26, 1, 0, tzinfo=UTC),
    dt.datetime(2025, 10, 26, 22, 59, 59, 999999, tzinfo=UTC), dt.datetime(2024, 12, 31, 23, 0, tzinfo=UTC),
])
def test_a_stamps_day_in_sql_is_its_day_in_copenhagen(db, stamp):
    with db.read() as s:
        day, later = s.execute(sa.select(local_day(sa.literal(stamp, UTCDateTime)),
                                         plus_days(local_day(sa.literal(stamp, UTCDateTime)), 365))).one()
    assert (_date(day), _date(later)) == (local_date(stamp), local_date(stamp) + dt.timedelta(days=365))


def _date(value: object) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def test_the_number_of_statements_does_not_grow_with_the_cohort(services):
    employer = services.create_employer(EmployerInput("Føtex"))

    def add(n: int) -> None:
        for i in range(n):
            cid = _citizen(services, f"Borger {i}")
            services.start_cti(cid, D(2025, 1, 1) + dt.timedelta(days=i))
            services.create_placement(cid, PlacementInput(employer, PlacementKind.SMAAJOB, D(2025, 6, 1)))
            services.record_measures(cid, MeasuresInput(D(2025, 1, 1) + dt.timedelta(days=i),
                                                        values={"trivsel": 40}))

    def statements() -> int:
        seen = []
        listen = lambda *args: seen.append(1)  # noqa: E731
        sa.event.listen(services.db.engine, "before_cursor_execute", listen)
        try:
            services.outcome_report(Cohort(D(2025, 1, 1), D(2025, 12, 31)), Cohort(D(2025, 1, 1), D(2025, 3, 31)))
        finally:
            sa.event.remove(services.db.engine, "before_cursor_execute", listen)
        return len(seen)

    add(2)
    few = statements()
    add(10)
    assert statements() == few
