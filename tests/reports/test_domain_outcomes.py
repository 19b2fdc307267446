"""The outcome report's definitions on plain values (domain/outcomes.py) and
its words (documents/outcomes.py): day 365 against any job within the year,
the measure at start and the latest within 12 months, retention through a
change of job, who is missing and why, and the comparison's wording."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from enplan.documents import outcomes as words
from enplan.domain import outcomes as o
from enplan.domain.enums import PlacementKind as K
from enplan.domain.errors import ValidationError

D = dt.date
TODAY = D(2026, 11, 22)
START = D(2025, 1, 10)
COHORT = o.Cohort(D(2025, 1, 1), D(2025, 12, 31))


def _member(start: dt.date = START, cti: bool = True) -> o.Member:
    return o.Member(uuid.uuid4(), start, cti)


def _day(n: int, start: dt.date = START) -> dt.date:
    return start + dt.timedelta(days=n)


def _data(members, spells=(), readings=(), caseloads=(), due: int = 0, on_time: int = 0) -> o.CohortData:  # noqa: ANN001
    return o.CohortData(COHORT, tuple(members), tuple(spells), tuple(readings), due, on_time, tuple(caseloads))


def _report(*args, **kwargs) -> o.CohortReport:  # noqa: ANN002, ANN003
    return o.cohort_report(_data(*args, **kwargs), TODAY)


def test_day_365_counts_a_job_held_that_day_and_within_365_any_job_started_in_the_year():
    held, left, late, none = (_member() for _ in range(4))
    spells = [o.Spell(held.citizen_id, K.IPS_JOB, _day(200), None),
              o.Spell(left.citizen_id, K.ORDINARY_JOB, _day(100), _day(300)),  # gone before day 365
              o.Spell(late.citizen_id, K.ORDINARY_JOB, _day(366), None)]  # started after the year
    report = _report([held, left, late, none], spells)
    day_365, within = report.row("job_day_365"), report.row("job_within_365")
    assert (day_365.n, day_365.count, day_365.percent) == (4, 1, 25.0)
    assert (within.count, within.missing) == (2, 0)


def test_a_citizen_not_yet_a_year_in_is_missing_not_a_failure():
    early, recent = _member(), _member(TODAY - dt.timedelta(days=100))
    row = _report([early, recent]).row("job_day_365")
    assert (row.n, row.count, row.missing) == (1, 0, 1)
    assert words.missing_text(row) == "1 citizen has not had 365 days since the start yet"


def test_company_based_activity_is_a_placement_started_in_the_year_or_paid_hours_recorded():
    praktik, hours, fleks, before, none = (_member() for _ in range(5))
    spells = [o.Spell(praktik.citizen_id, K.VIRKSOMHEDSPRAKTIK, _day(30), _day(120)),
              o.Spell(fleks.citizen_id, K.FLEKSJOB, _day(30), None),  # supported employment, not an activity
              o.Spell(before.citizen_id, K.LOENTILSKUD, _day(-10), None)]  # began before the course
    readings = [o.Reading(hours.citizen_id, "hours", _day(60), 7.5)]
    assert _report([praktik, hours, fleks, before, none], spells, readings).row("company_activity").count == 2


def test_trivsel_pairs_the_measure_nearest_the_start_with_the_latest_within_twelve_months():
    a, b, only_start, too_far = (_member() for _ in range(4))
    readings = [o.Reading(a.citizen_id, "trivsel", _day(-40), 10),  # too long before the start
                o.Reading(a.citizen_id, "trivsel", _day(-5), 40),
                o.Reading(a.citizen_id, "trivsel", _day(3), 45),  # nearer the start: this one
                o.Reading(a.citizen_id, "trivsel", _day(180), 50),
                o.Reading(a.citizen_id, "trivsel", _day(360), 60),  # the latest within the year
                o.Reading(a.citizen_id, "trivsel", _day(400), 99),  # after it: not counted
                o.Reading(b.citizen_id, "trivsel", _day(0), 55),
                o.Reading(b.citizen_id, "trivsel", _day(90), 50),
                o.Reading(b.citizen_id, "who5", _day(0), 20),  # another instrument
                o.Reading(only_start.citizen_id, "trivsel", _day(0), 30),
                o.Reading(too_far.citizen_id, "trivsel", _day(31), 30),
                o.Reading(too_far.citizen_id, "trivsel", _day(200), 60)]
    report = _report([a, b, only_start, too_far], readings=readings)
    row = report.row("trivsel")
    assert (row.n, row.missing, row.before, row.after, row.change) == (2, 2, 50.0, 55.0, 5.0)
    assert words.result_text(row) == "50 → 55"
    assert report.row("who5").n == 0 and words.result_text(report.row("who5")) == "–"


def test_retention_follows_the_first_job_of_the_year_through_a_change_of_job():
    stayed, moved, lost, fresh = _member(), _member(), _member(), _member(TODAY - dt.timedelta(days=250))
    spells = [o.Spell(stayed.citizen_id, K.ORDINARY_JOB, _day(50), None),
              o.Spell(moved.citizen_id, K.ORDINARY_JOB, _day(50), _day(120)),
              o.Spell(moved.citizen_id, K.IPS_JOB, _day(121), None),
              o.Spell(lost.citizen_id, K.ORDINARY_JOB, _day(50), _day(200)),
              o.Spell(fresh.citizen_id, K.ORDINARY_JOB, _day(200, fresh.start), None)]  # 50 days ago
    report = _report([stayed, moved, lost, fresh], spells)
    three, six, twelve = (report.row(f"retention_{m}") for m in o.RETENTION_MONTHS)
    assert (three.n, three.count, three.missing) == (3, 3, 1)
    assert (six.n, six.count) == (3, 2) and (twelve.n, twelve.count) == (3, 2)
    assert words.missing_text(twelve) == "1 citizen's job started less than 12 months ago"


def test_a_placement_ended_without_an_end_day_is_not_counted_as_held():
    member = _member()
    spell = o.Spell(member.citizen_id, K.ORDINARY_JOB, _day(10), _day(10))  # as the services pass it
    assert _report([member], [spell]).row("job_day_365").count == 0


def test_caseloads_against_the_guidelines():
    loads = [o.Caseload("a", 35, 0), o.Caseload("b", 56, 21), o.Caseload("c", 20, 20)]
    report = _report([], caseloads=loads)
    assert (report.row("caseload").n, report.row("caseload").count) == (3, 1)
    assert (report.row("cti_caseload").n, report.row("cti_caseload").count) == (2, 1)
    assert words.n_text(report.row("caseload")) == "3 caseworkers"


def test_follow_ups_on_time():
    row = _report([], due=8, on_time=6).row("follow_ups_on_time")
    assert (row.unit, row.n, row.count, words.result_text(row)) == ("follow_ups", 8, 6, "75%")


def test_a_comparison_in_percentage_points_and_relative():
    def cohort(jobs: int, n: int = 100) -> o.CohortData:
        members = [_member() for _ in range(n)]
        return _data(members, [o.Spell(m.citizen_id, K.ORDINARY_JOB, _day(10), None) for m in members[:jobs]])

    report = o.outcome_report(cohort(20), cohort(11), TODAY)
    first = report.first.row("job_day_365")
    assert words.difference_text(report.difference("job_day_365"), first) == "+9 percentage points, 82% more"
    assert words.difference_text(report.difference("job_day_365"), first, short=True) == "+9 pp, 82% more"
    fewer = o.outcome_report(cohort(11), cohort(20), TODAY)
    assert words.difference_text(fewer.difference("job_day_365"), first) == "−9 percentage points, 45% fewer"
    nobody = o.outcome_report(cohort(5), cohort(0), TODAY).difference("job_day_365")
    assert (nobody.points, nobody.relative) == (5.0, None)  # no relative change from nothing


def test_figures_are_rounded_half_up():
    assert [words.whole(x) for x in (20.5, 81.8, 49.49, -0.5, -2.5)] == [21, 82, 49, -1, -3]


def test_a_period_that_ends_before_it_starts_is_refused_at_its_field():
    with pytest.raises(ValidationError, match="ends .30-06-2025. before it starts .01-07-2025.") as caught:
        o.check_period(D(2025, 7, 1), D(2025, 6, 30), "compare_to")
    assert caught.value.field == "compare_to"
    o.check_period(D(2025, 7, 1), D(2025, 7, 1))  # one day is a period
