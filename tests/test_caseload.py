"""The caseload's figures: last contact, next due, overdue counts and the header sums."""

from __future__ import annotations

import datetime as dt

from enplan.domain.enums import CheckinWith, ContactForm, MeetingOutcome, MeetingType, TargetGroup
from enplan.services import CheckinInput, CitizenInput, MeetingInput
from tests.conftest import TODAY


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), dt.timezone.utc)


def test_last_contact_counts_only_held_meetings_that_have_happened(services):
    cid = services.create_citizen(CitizenInput(name="Ida Ærø", target_group=TargetGroup.JOBPARAT, caseworker="tester"))
    meeting = lambda day, outcome=MeetingOutcome.HELD: services.record_meeting(  # noqa: E731
        cid, MeetingInput(type=MeetingType.JOBSAMTALE, form=ContactForm.PERSONAL, starts_at=_at(day), outcome=outcome))
    meeting(TODAY - dt.timedelta(days=5))
    meeting(TODAY - dt.timedelta(days=1), MeetingOutcome.NO_SHOW)
    meeting(TODAY + dt.timedelta(days=3))  # booked, not yet held
    [row] = services.caseload("tester")
    assert row.last_contact == TODAY - dt.timedelta(days=5)


def test_overdue_counts_and_header_sums(services):
    cid = services.create_citizen(CitizenInput(name="Bo Ølund", target_group=TargetGroup.AKTIVITETSPARAT, caseworker="tester"))
    services.add_follow_up(cid, "late", TODAY - dt.timedelta(days=3))
    services.add_follow_up(cid, "later", TODAY + dt.timedelta(days=20))
    soon = services.add_follow_up(cid, "soon", TODAY + dt.timedelta(days=2))
    done = services.add_follow_up(cid, "was late, done", TODAY - dt.timedelta(days=9))
    services.set_follow_up_done(done, True)
    course = services.start_cti(cid, TODAY - dt.timedelta(days=40))
    services.record_checkin(course, CheckinInput(held_on=TODAY - dt.timedelta(days=20), form=ContactForm.COMMUNITY,
                                                 in_community=True, with_whom=CheckinWith.CITIZEN))
    rows, summary = services.caseload_view("tester")
    [row] = rows
    assert row.cti_phase == 0 and row.cti_overdue  # weekly cadence, last contact 20 days ago
    assert row.overdue_count == 2  # one follow-up + the CTI contact
    assert row.next_due == TODAY - dt.timedelta(days=13)  # the CTI contact was due a week after the check-in
    assert (summary.citizens, summary.overdue_follow_ups, summary.cti_contacts_overdue, summary.due_this_week) == (1, 1, 1, 1)
    services.set_follow_up_done(soon, True)
    assert services.caseload_summary("tester").due_this_week == 0


def test_closed_citizens_leave_the_caseload_unless_asked(services):
    cid = services.create_citizen(CitizenInput(name="Åge Holm", target_group=TargetGroup.OTHER, caseworker="tester"))
    services.close_case(cid, "moved away")
    assert services.caseload("tester") == []
    assert [r.name for r in services.caseload("tester", include_closed=True)] == ["Åge Holm"]
