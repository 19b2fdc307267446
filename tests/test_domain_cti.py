"""CTI phases, cadence and next contact due, fidelity rules."""

from __future__ import annotations

import datetime as dt

import pytest

from enplan.domain.cti import (
    CadenceState,
    cadence_state,
    follow_up_date,
    is_early_end,
    next_contact_due,
    phase_progress,
    plan_phases,
    validate_focus_areas,
)
from enplan.domain.enums import Cadence, LifeArea
from enplan.domain.errors import ValidationError

D = dt.date


def test_plan_phases_contact_period_then_three_phases_of_three_months():
    phases = plan_phases(D(2026, 1, 15))
    assert [(p.phase, p.planned_start, p.planned_end) for p in phases] == [
        (0, D(2026, 1, 15), D(2026, 2, 11)),
        (1, D(2026, 2, 12), D(2026, 5, 11)),
        (2, D(2026, 5, 12), D(2026, 8, 11)),
        (3, D(2026, 8, 12), D(2026, 11, 11)),
    ]


def test_phases_are_back_to_back():
    phases = plan_phases(D(2026, 3, 2))
    for before, after in zip(phases, phases[1:]):
        assert after.planned_start == before.planned_end + dt.timedelta(days=1)


def test_default_cadence_decreases():
    cadences = [p.cadence for p in plan_phases(D(2026, 1, 15))]
    assert cadences == [Cadence.WEEKLY, Cadence.WEEKLY, Cadence.BIWEEKLY, Cadence.MONTHLY]


def test_cadence_is_configurable_per_phase():
    cadences = [p.cadence for p in plan_phases(D(2026, 1, 15), cadence={2: Cadence.WEEKLY})]
    assert cadences == [Cadence.WEEKLY, Cadence.WEEKLY, Cadence.WEEKLY, Cadence.MONTHLY]


def test_shorter_variant_and_contact_period_length():
    phases = plan_phases(D(2026, 1, 1), contact_weeks=2, phase_months=2)
    assert phases[1].planned_start == D(2026, 1, 15)
    assert phases[1].planned_end == D(2026, 3, 14)
    assert phases[3].planned_end == D(2026, 7, 14)


def test_phase_months_clamp_at_month_end():
    # Phase 1 starts 31 January: three months later is 30 April (no 31st).
    phases = plan_phases(D(2026, 1, 3))
    assert phases[1].planned_start == D(2026, 1, 31)
    assert phases[1].planned_end == D(2026, 4, 29)
    assert phases[2].planned_start == D(2026, 4, 30)


def test_follow_up_date_is_nine_months_after_phase_1_on_a_working_day():
    assert follow_up_date(D(2026, 2, 12)) == D(2026, 11, 12)
    assert follow_up_date(D(2026, 3, 24)) == D(2026, 12, 28)  # 24 December rolls past Christmas


@pytest.mark.parametrize(("last", "cadence", "due"), [
    (D(2026, 1, 8), Cadence.WEEKLY, D(2026, 1, 15)),
    (D(2026, 1, 8), Cadence.BIWEEKLY, D(2026, 1, 22)),
    (D(2026, 1, 8), Cadence.MONTHLY, D(2026, 2, 9)),      # 8 Feb is a Sunday
    (D(2026, 3, 26), Cadence.WEEKLY, D(2026, 4, 7)),      # skærtorsdag .. 2. påskedag
    (D(2026, 12, 10), Cadence.BIWEEKLY, D(2026, 12, 28)),  # 24 December
    (D(2026, 1, 31), Cadence.MONTHLY, D(2026, 3, 2)),     # 28 Feb (clamped) is a Saturday
    (D(2026, 4, 24), Cadence.WEEKLY, D(2026, 5, 1)),      # 1 May is a working day
])
def test_next_contact_due(last, cadence, due):
    assert next_contact_due(last, cadence) == due


@pytest.mark.parametrize(("due", "state"), [
    (D(2026, 11, 21), CadenceState.OVERDUE),
    (D(2026, 11, 22), CadenceState.DUE_TODAY),
    (D(2026, 11, 23), CadenceState.DUE_SOON),
    (D(2026, 11, 29), CadenceState.DUE_SOON),
    (D(2026, 11, 30), CadenceState.ON_TRACK),
])
def test_cadence_state(due, state):
    assert cadence_state(due, D(2026, 11, 22)) is state


def test_focus_areas_one_to_three_distinct():
    assert validate_focus_areas(["bolig"]) == (LifeArea.BOLIG,)
    assert validate_focus_areas(["bolig", "misbrug", "oekonomi"]) == (
        LifeArea.BOLIG, LifeArea.MISBRUG, LifeArea.OEKONOMI)
    assert validate_focus_areas(["bolig", "bolig"]) == (LifeArea.BOLIG,)


@pytest.mark.parametrize("areas", [[], ["bolig", "misbrug", "oekonomi", "netvaerk"], ["housing"]])
def test_focus_areas_rejected(areas):
    with pytest.raises(ValidationError) as err:
        validate_focus_areas(areas)
    assert err.value.field == "focus_areas"


def test_early_end_before_nine_months():
    assert is_early_end(None, D(2026, 1, 1))
    assert is_early_end(D(2026, 1, 1), D(2026, 9, 30))
    assert not is_early_end(D(2026, 1, 1), D(2026, 10, 1))


def test_phase_progress():
    start, end = D(2026, 1, 1), D(2026, 1, 11)
    assert phase_progress(start, end, D(2025, 12, 1)) == 0.0
    assert phase_progress(start, end, D(2026, 1, 6)) == 0.5
    assert phase_progress(start, end, D(2026, 2, 1)) == 1.0
    assert phase_progress(start, start, start) == 1.0
