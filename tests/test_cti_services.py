"""CTI services on a real SQLite database: the fidelity on the citizen's CTI
read model, a phase's cadence changed (validated, audited, versioned, the
next contact due follows it) and a phase advance backdated."""

from __future__ import annotations

import datetime as dt

import pytest

from enplan.domain.cti import follow_up_date
from enplan.domain.cti_fidelity import Length
from enplan.domain.enums import Cadence, ContactForm, TargetGroup
from enplan.domain.errors import ValidationError
from enplan.services import CheckinInput, CitizenInput, ConflictError
from tests.conftest import TODAY

D = dt.date


def course_for(services, start: dt.date = D(2026, 8, 10)):  # noqa: ANN001, ANN201
    cid = services.create_citizen(CitizenInput(name="Søren Åbjerg", target_group=TargetGroup.AKTIVITETSPARAT,
                                               caseworker="mette"))
    return cid, services.start_cti(cid, start)


def phase(services, cid, number: int):  # noqa: ANN001, ANN201
    return next(p for p in services.citizen_detail(cid).cti.phases if p.phase == number)


def checkin(services, course, day: dt.date, *, community: bool = False) -> None:  # noqa: ANN001
    services.record_checkin(course, CheckinInput(held_on=day, form=ContactForm.PERSONAL, in_community=community))


def test_the_cti_read_model_carries_the_fidelity_of_every_check_in(sqlite_services):
    services = sqlite_services
    cid, course = course_for(services)  # contact period 10-08 .. 06-09 planned
    for day in (D(2026, 8, 10), D(2026, 8, 17), D(2026, 8, 24), D(2026, 8, 31)):
        checkin(services, course, day)
    services.advance_phase(course, D(2026, 9, 7))
    for week in range(10):
        checkin(services, course, D(2026, 9, 8) + dt.timedelta(weeks=week), community=week < 2)
    checkin(services, course, D(2026, 12, 1))  # planned ahead: not counted yet

    full = services.citizen_detail(cid).cti
    cut = services.citizen_detail(cid, history_limit=3).cti
    assert len(cut.checkins) == 3 and cut.fidelity == full.fidelity  # not only the check-ins shown
    f = full.fidelity
    p0, p1 = f.phase(0), f.phase(1)
    assert (p0.planned_days, p0.actual_days, p0.length, p0.contacts, p0.contacts_due, p0.share_met) == (
        28, 28, Length.ON_PLAN, 4, 4, 1.0)
    # Phase 1 from 07-09, day 77 today: 11 weekly contacts due, 10 held, 2 in the community.
    assert (p1.actual_days, p1.running, p1.contacts, p1.contacts_due, p1.community_contacts) == (77, True, 10, 11, 2)
    assert (f.phase1_community, f.phase1_community_met, f.outside) == ((2, 10), False, 0)
    assert (f.ended_early, f.nine_months_on) == (False, D(2027, 6, 7))


def test_an_early_end_shows_in_the_fidelity(sqlite_services):
    cid, course = course_for(sqlite_services)
    sqlite_services.advance_phase(course, D(2026, 9, 7))
    sqlite_services.end_cti(course, D(2026, 11, 2), reason="Flyttet")
    f = sqlite_services.citizen_detail(cid).cti.fidelity
    assert (f.ended_on, f.ended_early, f.end_reason) == (D(2026, 11, 2), True, "Flyttet")
    assert [(p.phase, p.running, p.actual_days) for p in f.phases] == [
        (0, False, 28), (1, False, 57), (2, False, None), (3, False, None)]


def test_changing_the_cadence_moves_the_next_contact_and_is_audited(sqlite_services):
    services = sqlite_services
    cid, course = course_for(services)
    services.advance_phase(course, D(2026, 9, 14))
    checkin(services, course, D(2026, 11, 16))
    assert services.citizen_detail(cid).cti.next_contact_due == D(2026, 11, 23)  # weekly
    p1 = phase(services, cid, 1)
    services.set_phase_cadence(p1.id, Cadence.MONTHLY, expected_version=p1.version)
    cti = services.citizen_detail(cid).cti
    assert cti.next_contact_due == D(2026, 12, 16)  # a month after the last contact
    assert (cti.phases[1].cadence, cti.phases[1].version) == (Cadence.MONTHLY, p1.version + 1)
    assert cti.fidelity.phase(1).cadence is Cadence.MONTHLY
    (event,) = [e for e in services.audit_log(cid) if e.entity == "cti_phase" and "cadence" in e.changes]
    assert (event.action, event.changes["cadence"]) == ("update", ["weekly", "monthly"])

    services.set_phase_cadence(phase(services, cid, 2).id, "weekly")  # a later phase, by its code
    assert phase(services, cid, 2).cadence is Cadence.WEEKLY
    with pytest.raises(ConflictError):  # someone changed it since this version was read
        services.set_phase_cadence(p1.id, Cadence.BIWEEKLY, expected_version=p1.version)


@pytest.mark.parametrize(("which", "cadence", "message"), [
    (1, "daily", "Unknown cadence"),
    (0, Cadence.MONTHLY, "This phase has ended"),
])
def test_a_bad_cadence_change_stores_nothing(sqlite_services, which, cadence, message):
    services = sqlite_services
    cid, course = course_for(services)
    services.advance_phase(course, D(2026, 9, 14))
    before = services.citizen_detail(cid).cti
    with pytest.raises(ValidationError, match=message) as caught:
        services.set_phase_cadence(phase(services, cid, which).id, cadence)
    assert caught.value.field == "cadence"
    assert services.citizen_detail(cid).cti == before


def test_no_cadence_change_after_the_course_ended(sqlite_services):
    cid, course = course_for(sqlite_services)
    sqlite_services.end_cti(course, D(2026, 9, 1), reason="Ønskede det ikke")
    with pytest.raises(ValidationError, match="has ended"):
        sqlite_services.set_phase_cadence(phase(sqlite_services, cid, 3).id, Cadence.WEEKLY)


def test_a_backdated_advance_to_phase_1_moves_the_nine_month_follow_up(sqlite_services):
    services = sqlite_services
    cid, course = course_for(services)
    checkin(services, course, D(2026, 9, 10))
    assert services.advance_phase(course, D(2026, 9, 7)) == 1
    cti = services.citizen_detail(cid).cti
    assert (cti.phases[0].actual_end, cti.phases[1].actual_start, cti.current_phase) == (
        D(2026, 9, 6), D(2026, 9, 7), 1)
    assert cti.follow_up_on == follow_up_date(D(2026, 9, 7)) == D(2027, 6, 7)
    (nine,) = [f for f in services.follow_ups(cid) if f.source_id == course]
    assert nine.due_on == D(2027, 6, 7)
    assert cti.checkins[0].phase == 1  # the check-in after the date counts in the new phase
    assert cti.fidelity.phase(1).contacts == 1
    assert cti.next_contact_due == D(2026, 9, 17)  # a week after that check-in


@pytest.mark.parametrize(("day", "message"), [
    (TODAY + dt.timedelta(days=1), "cannot start in the future"),
    (D(2026, 8, 9), r"before the course did \(10-08-2026\)"),
])
def test_a_bad_advance_date_stores_nothing(sqlite_services, day, message):
    services = sqlite_services
    cid, course = course_for(services)
    before = services.citizen_detail(cid)
    with pytest.raises(ValidationError, match=message) as caught:
        services.advance_phase(course, day)
    assert caught.value.field == "started_on"
    after = services.citizen_detail(cid)
    assert (after.cti, after.follow_ups) == (before.cti, before.follow_ups)


def test_an_advance_cannot_start_before_the_running_phase(sqlite_services):
    services = sqlite_services
    cid, course = course_for(services)
    services.advance_phase(course, D(2026, 9, 14))
    with pytest.raises(ValidationError, match=r"before the current one did \(14-09-2026\)") as caught:
        services.advance_phase(course, D(2026, 9, 13))
    assert caught.value.field == "started_on"
    assert services.citizen_detail(cid).cti.current_phase == 1
    assert services.advance_phase(course, D(2026, 9, 14)) == 2  # the same day: phase 1 had no days of its own
    assert services.citizen_detail(cid).cti.fidelity.phase(1).actual_days == 0
