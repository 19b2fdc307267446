"""CTI fidelity from the records: phase lengths against plan, contacts against
the cadence, phase 1 in the community, early ends. Exact figures throughout."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from enplan.domain.cti import plan_phases
from enplan.domain.cti_fidelity import (
    DAYS_PER_MONTH,
    Contact,
    Length,
    PhaseDates,
    course_fidelity,
)
from enplan.domain.enums import Cadence, ContactForm

D = dt.date
START = D(2026, 1, 5)  # planned: contact period 05-01..01-02 (28 days), phase 1 02-02..01-05 (89),
#                        phase 2 02-05..01-08 (92), phase 3 02-08..01-11 (92)


def planned(**actual: tuple[dt.date | None, dt.date | None]) -> list[PhaseDates]:
    """The default plan from START; ``p1=(start, end)`` gives phase 1 its actual dates."""
    out = []
    for p in plan_phases(START):
        start, end = actual.get(f"p{p.phase}", (None, None))
        out.append(PhaseDates(p.phase, p.planned_start, p.planned_end, start, end, p.cadence))
    return out


def weekly_from(day: dt.date, n: int, **kwargs) -> list[Contact]:  # noqa: ANN003
    return [Contact(day + dt.timedelta(weeks=i), **kwargs) for i in range(n)]


def test_a_course_in_phase_2_with_exact_figures():
    phases = planned(p0=(START, D(2026, 2, 1)), p1=(D(2026, 2, 2), D(2026, 5, 17)), p2=(D(2026, 5, 18), None))
    contacts = [
        *weekly_from(START, 4),                                       # contact period: 4 in 28 days
        *weekly_from(D(2026, 2, 3), 6),                               # phase 1: 9 in 105 days …
        *weekly_from(D(2026, 4, 1), 2, in_community=True),           # … 3 of them in the community,
        Contact(D(2026, 5, 1), form=ContactForm.COMMUNITY),          # one only by its form
        Contact(D(2026, 5, 18)), Contact(D(2026, 6, 1)), Contact(D(2026, 6, 15)),  # phase 2: 3 in 42 days
        Contact(D(2026, 1, 2)),                                       # before the course: outside
        Contact(D(2026, 7, 1)),                                       # after today: not counted
    ]
    f = course_fidelity(phases, contacts, today=D(2026, 6, 28))
    p0, p1, p2, p3 = f.phases

    assert (p0.planned_days, p0.actual_days, p0.length, p0.running) == (28, 28, Length.ON_PLAN, False)
    assert (p0.contacts, p0.contacts_due, p0.share_met, p0.cadence_met) == (4, 4, 1.0, True)
    assert p0.per_month == pytest.approx(p0.expected_per_month) == pytest.approx(4.348, abs=1e-3)

    assert (p1.planned_days, p1.actual_days, p1.days_off_plan, p1.length) == (89, 105, 16, Length.LONGER)
    assert (p1.planned_weeks, p1.actual_weeks) == (pytest.approx(12.714, abs=1e-3), 15.0)
    assert (p1.contacts, p1.contacts_due, p1.share_met, p1.cadence_met) == (9, 15, 0.6, False)
    assert p1.per_month == pytest.approx(9 * DAYS_PER_MONTH / 105) == pytest.approx(2.609, abs=1e-3)
    assert p1.community_contacts == 3
    assert (f.phase1_community, f.phase1_community_met) == ((3, 9), False)

    assert (p2.cadence, p2.planned_days, p2.actual_days, p2.running, p2.length) == (
        Cadence.BIWEEKLY, 92, 42, True, Length.ON_PLAN)  # so far, today included
    assert (p2.contacts, p2.contacts_due, p2.share_met, p2.cadence_met) == (3, 3, 1.0, True)
    assert p2.expected_per_month == pytest.approx(2.174, abs=1e-3)

    assert (p3.actual_days, p3.length, p3.contacts, p3.contacts_due, p3.per_month, p3.share_met) == (
        None, Length.NOT_STARTED, 0, None, None, None)
    assert p3.expected_per_month == 1.0
    assert f.outside == 1
    assert (f.ended_on, f.ended_early, f.nine_months_on) == (None, False, D(2026, 11, 2))


def test_no_phase_started_counts_every_contact_outside():
    f = course_fidelity(planned(), [Contact(START), Contact(D(2026, 1, 9), in_community=True)], today=D(2026, 2, 1))
    assert [p.length for p in f.phases] == [Length.NOT_STARTED] * 4
    assert [p.actual_days for p in f.phases] == [None] * 4
    assert f.outside == 2
    assert (f.phase1_community, f.phase1_community_met, f.nine_months_on, f.ended_early) == (None, None, None, False)


def test_no_phases_at_all():
    f = course_fidelity([], [Contact(START)], today=START)
    assert (f.phases, f.outside, f.phase(1), f.phase1_community) == ((), 1, None, None)


def test_a_phase_advanced_on_the_day_it_started_has_0_days():
    # The service ends such a phase on its own start day; the day belongs to the next phase.
    phases = planned(p0=(START, START), p1=(START, None))
    f = course_fidelity(phases, [Contact(START, in_community=True)], today=D(2026, 1, 6))
    p0, p1 = f.phase(0), f.phase(1)
    assert (p0.actual_days, p0.contacts, p0.contacts_due, p0.per_month, p0.share_met, p0.cadence_met) == (
        0, 0, 0, None, None, None)
    assert p0.length is Length.SHORTER  # 0 of 28 planned days
    assert (p1.actual_days, p1.contacts, p1.community_contacts, p1.running) == (2, 1, 1, True)
    assert f.outside == 0


def test_a_running_phase_is_judged_so_far():
    phases = planned(p0=(START, D(2026, 2, 1)), p1=(D(2026, 2, 2), None))
    # Five days in: not a whole week yet, too early to say anything about the cadence.
    early = course_fidelity(phases, [], today=D(2026, 2, 6)).phase(1)
    assert (early.actual_days, early.contacts_due, early.share_met, early.cadence_met) == (5, 0, None, None)
    assert early.length is Length.ON_PLAN  # running: not "shorter" however short so far
    # Ten days in with one contact: one contact was due, one was held.
    ten = course_fidelity(phases, [Contact(D(2026, 2, 4))], today=D(2026, 2, 11)).phase(1)
    assert (ten.actual_days, ten.contacts_due, ten.share_met, ten.cadence_met) == (10, 1, 1.0, True)
    # Past the plan and the tolerance: 89 planned days + 14 is day 103; day 104 is longer.
    assert course_fidelity(phases, [], today=D(2026, 5, 15)).phase(1).length is Length.ON_PLAN  # day 103
    late = course_fidelity(phases, [], today=D(2026, 5, 16)).phase(1)
    assert (late.actual_days, late.days_off_plan, late.length, late.running) == (104, 15, Length.LONGER, True)


def test_length_tolerance_is_14_days_either_way():
    phase1 = D(2026, 2, 2)
    days = lambda n: phase1 + dt.timedelta(days=n - 1)  # noqa: E731 - the last day of an n-day phase
    for n, expected in [(75, Length.ON_PLAN), (74, Length.SHORTER), (103, Length.ON_PLAN), (104, Length.LONGER)]:
        f = course_fidelity(planned(p0=(START, D(2026, 2, 1)), p1=(phase1, days(n))), [], today=D(2026, 12, 1))
        assert (f.phase(1).actual_days, f.phase(1).length) == (n, expected)


def test_expected_contacts_a_month_per_cadence():
    base = PhaseDates(1, START, D(2026, 4, 4), START, D(2026, 4, 4))  # 90 days
    expected = {Cadence.WEEKLY: (4.348, 12), Cadence.BIWEEKLY: (2.174, 6), Cadence.MONTHLY: (1.0, 2)}
    for cadence, (per_month, due) in expected.items():
        (p,) = course_fidelity([replace(base, cadence=cadence)], [], today=D(2026, 5, 1)).phases
        assert (round(p.expected_per_month, 3), p.contacts_due) == (per_month, due)


def test_more_contacts_than_the_cadence_is_over_100_percent():
    (p,) = course_fidelity([PhaseDates(2, START, D(2026, 2, 1), START, D(2026, 2, 1), Cadence.BIWEEKLY)],
                           weekly_from(START, 4), today=D(2026, 3, 1)).phases
    assert (p.contacts, p.contacts_due, p.share_met, p.cadence_met) == (4, 2, 2.0, True)


def test_the_cadence_is_kept_at_80_percent_of_the_contacts_due():
    phases = [PhaseDates(1, START, D(2026, 3, 1), START, D(2026, 3, 1))]  # 56 days, 8 weekly contacts due
    assert course_fidelity(phases, weekly_from(START, 7), today=D(2026, 4, 1)).phases[0].cadence_met is True
    assert course_fidelity(phases, weekly_from(START, 6), today=D(2026, 4, 1)).phases[0].cadence_met is False


def test_phase_1_meets_the_community_guide_at_four():
    phases = planned(p0=(START, D(2026, 2, 1)), p1=(D(2026, 2, 2), None))
    contacts = weekly_from(D(2026, 2, 2), 4, in_community=True) + weekly_from(D(2026, 3, 2), 2)
    f = course_fidelity(phases, contacts, today=D(2026, 4, 1))
    assert (f.phase1_community, f.phase1_community_met) == ((4, 6), True)


def test_an_early_end_keeps_its_reason_and_contacts_after_it_are_outside():
    phases = planned(p0=(START, D(2026, 2, 1)), p1=(D(2026, 2, 2), D(2026, 6, 30)))
    f = course_fidelity(phases, [Contact(D(2026, 6, 30)), Contact(D(2026, 7, 3))], today=D(2026, 8, 1),
                        ended_on=D(2026, 6, 30), end_reason="Flyttet")
    assert (f.ended_on, f.ended_early, f.end_reason, f.nine_months_on) == (D(2026, 6, 30), True, "Flyttet",
                                                                           D(2026, 11, 2))
    assert (f.phase(1).running, f.phase(1).actual_days, f.phase(1).contacts, f.outside) == (False, 149, 1, 1)


def test_ending_after_nine_months_is_not_early_and_ending_before_phase_1_is():
    done = planned(p0=(START, D(2026, 2, 1)), p1=(D(2026, 2, 2), D(2026, 5, 1)), p2=(D(2026, 5, 2), D(2026, 8, 1)),
                   p3=(D(2026, 8, 2), D(2026, 11, 2)))
    assert not course_fidelity(done, [], today=D(2026, 12, 1), ended_on=D(2026, 11, 2)).ended_early
    assert course_fidelity(done, [], today=D(2026, 12, 1), ended_on=D(2026, 11, 1)).ended_early
    before = planned(p0=(START, D(2026, 1, 20)))
    f = course_fidelity(before, [], today=D(2026, 2, 1), ended_on=D(2026, 1, 20), end_reason="Ønskede det ikke")
    assert (f.ended_early, f.end_reason, f.nine_months_on, f.phase1_community) == (
        True, "Ønskede det ikke", None, None)


def test_a_running_phase_of_an_ended_course_ends_with_the_course():
    # Data where the phase was left open: the course's end date closes it.
    phases = planned(p0=(START, None))
    f = course_fidelity(phases, [Contact(D(2026, 1, 12))], today=D(2026, 3, 1), ended_on=D(2026, 1, 18))
    assert (f.phase(0).running, f.phase(0).actual_days, f.phase(0).contacts) == (False, 14, 1)


def test_cadence_given_as_its_code():
    (p,) = course_fidelity([PhaseDates(3, START, D(2026, 2, 1), START, None, "monthly")], [],  # type: ignore[arg-type]
                           today=D(2026, 2, 1)).phases
    assert (p.cadence, p.contacts_due) == (Cadence.MONTHLY, 0)
