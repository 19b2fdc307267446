"""Virksomhedspraktik legal length and retention follow-ups after a job starts."""

from __future__ import annotations

import datetime as dt

import pytest

from enplan.domain.enums import PlacementKind, TargetGroup
from enplan.domain.placements import praktik_limit_weeks, praktik_warning, retention_schedule

D = dt.date
PRAKTIK = PlacementKind.VIRKSOMHEDSPRAKTIK
START = D(2026, 1, 5)  # a Monday
TODAY = D(2026, 11, 22)


def after(weeks: int, days: int = 0) -> dt.date:
    """The last day of a placement lasting ``weeks`` weeks plus ``days`` days."""
    return START + dt.timedelta(weeks=weeks, days=days - 1)


@pytest.mark.parametrize(("group", "extended", "weeks"), [
    (TargetGroup.JOBPARAT, False, 4),
    (TargetGroup.UDDANNELSESHJAELP, False, 4),
    (TargetGroup.JOBPARAT, True, 4),
    (TargetGroup.AKTIVITETSPARAT, False, 13),
    (TargetGroup.RESSOURCEFORLOEB, False, 13),
    (TargetGroup.AKTIVITETSPARAT, True, 26),
])
def test_praktik_limit_weeks(group, extended, weeks):
    assert praktik_limit_weeks(group, extended) == weeks


@pytest.mark.parametrize(("group", "extended", "weeks"), [
    (TargetGroup.JOBPARAT, False, 4),
    (TargetGroup.AKTIVITETSPARAT, False, 13),
    (TargetGroup.AKTIVITETSPARAT, True, 26),
])
def test_warning_starts_the_day_after_the_legal_length(group, extended, weeks):
    assert praktik_warning(PRAKTIK, group, START, after(weeks), TODAY, extended) is None
    warning = praktik_warning(PRAKTIK, group, START, after(weeks, 1), TODAY, extended)
    assert warning is not None
    assert f"{weeks} weeks" in warning
    assert after(weeks).strftime("%d-%m-%Y") in warning  # the last allowed day


def test_thirteen_weeks_warning_hints_at_extension_but_not_for_four_or_26():
    thirteen = praktik_warning(PRAKTIK, TargetGroup.AKTIVITETSPARAT, START, after(14), TODAY)
    four = praktik_warning(PRAKTIK, TargetGroup.JOBPARAT, START, after(5), TODAY)
    twenty_six = praktik_warning(PRAKTIK, TargetGroup.AKTIVITETSPARAT, START, after(27), TODAY, extended=True)
    assert "extended to 26 weeks" in thirteen
    assert "extended" not in four
    assert "extended" not in twenty_six


def test_open_ended_praktik_is_measured_to_today():
    five_weeks_in = START + dt.timedelta(weeks=5)
    assert praktik_warning(PRAKTIK, TargetGroup.JOBPARAT, START, None, five_weeks_in) is not None
    assert praktik_warning(PRAKTIK, TargetGroup.AKTIVITETSPARAT, START, None, five_weeks_in) is None


@pytest.mark.parametrize("kind", [k for k in PlacementKind if k is not PRAKTIK])
def test_other_placements_have_no_praktik_warning(kind):
    assert praktik_warning(kind, TargetGroup.JOBPARAT, START, after(52), TODAY) is None


def test_retention_schedule_after_a_job_starts():
    assert retention_schedule(D(2026, 3, 2)) == [
        ("1w", D(2026, 3, 9)),
        ("1m", D(2026, 4, 7)),  # 2 April is skærtorsdag: rolled past Easter
        ("3m", D(2026, 6, 2)),
        ("6m", D(2026, 9, 2)),
        ("12m", D(2027, 3, 2)),
    ]


def test_retention_dates_roll_forward_and_clamp():
    schedule = dict(retention_schedule(D(2026, 11, 24)))
    assert schedule["1m"] == D(2026, 12, 28)  # 24 December
    schedule = dict(retention_schedule(D(2026, 1, 31)))  # a Saturday start
    assert schedule["1w"] == D(2026, 2, 9)  # 7 Feb is a Saturday
    assert schedule["1m"] == D(2026, 3, 2)  # clamped to 28 Feb, a Saturday
    assert schedule["12m"] == D(2027, 2, 1)  # 31 Jan 2027 is a Sunday
