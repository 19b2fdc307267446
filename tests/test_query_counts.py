"""No N+1: opening a citizen, the caseload and the worklist cost a fixed
number of SQL statements however much history there is."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from sqlalchemy import event

from enplan.domain.enums import ContactForm, LifeArea, MeetingType, PlacementKind, Provider, TargetGroup
from enplan.services import (
    CheckinInput,
    CitizenInput,
    EmployerFollowUpInput,
    EmployerInput,
    GoalNoteInput,
    MeetingInput,
    NextStep,
    PlacementInput,
)
from tests.conftest import TODAY


@contextmanager
def count_statements(engine):
    seen: list[str] = []

    def before(conn, cursor, statement, *args):  # noqa: ANN001
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _citizen_with_history(services, n: int, name: str = "Åse Øberg"):
    cid = services.create_citizen(CitizenInput(name=name, target_group=TargetGroup.AKTIVITETSPARAT, caseworker="tester"))
    goals = [services.add_goal(cid, LifeArea.BOLIG, f"Goal {i}") for i in range(3)]
    for g in goals:
        services.add_action(g, "Action", Provider.JOBCENTER, TODAY)
    course = services.start_cti(cid, TODAY - dt.timedelta(days=60))
    employer = services.create_employer(EmployerInput(name=f"Firma {name}"))
    placement = services.create_placement(cid, PlacementInput(employer_id=employer, kind=PlacementKind.SMAAJOB,
                                                              start_on=TODAY - dt.timedelta(days=30)))
    for i in range(n):
        day = TODAY - dt.timedelta(days=i + 1)
        services.record_meeting(cid, MeetingInput(
            type=MeetingType.JOBSAMTALE, form=ContactForm.PERSONAL,
            starts_at=dt.datetime.combine(day, dt.time(9), dt.timezone.utc),
            goal_notes=tuple(GoalNoteInput(g, None, f"note {i}") for g in goals),
            next_steps=(NextStep(f"step {i}", TODAY + dt.timedelta(days=i)),)))
        services.record_checkin(course, CheckinInput(held_on=day, form=ContactForm.PHONE))
        services.record_employer_follow_up(EmployerFollowUpInput(held_on=day, placement_id=placement,
                                                                 next_due_on=TODAY + dt.timedelta(days=i)))
    return cid


def test_opening_a_citizen_costs_the_same_with_1_or_25_of_everything(services):
    small = _citizen_with_history(services, 1, "Bo Ærø")
    big = _citizen_with_history(services, 25, "Åse Øberg")
    with count_statements(services.db.engine) as few:
        services.citizen_detail(small)
    with count_statements(services.db.engine) as many:
        detail = services.citizen_detail(big)
    assert len(detail.meetings) == 25 and len(detail.meetings[0].goal_notes) == 3
    assert len(many) == len(few), many


def test_caseload_and_worklist_cost_the_same_for_1_or_8_citizens(services):
    _citizen_with_history(services, 2, "Bo Ærø")
    with count_statements(services.db.engine) as one:
        services.caseload_view("tester")
        services.worklist("tester")
    for i in range(7):
        _citizen_with_history(services, 2, f"Citizen {i}")
    with count_statements(services.db.engine) as eight:
        rows, summary = services.caseload_view("tester")
        services.worklist("tester")
    assert len(rows) == 8 and summary.citizens == 8
    assert len(eight) == len(one), eight


def test_history_limit_keeps_the_newest_and_counts_the_rest(services):
    cid = _citizen_with_history(services, 6)
    full = services.citizen_detail(cid)
    cut = services.citizen_detail(cid, history_limit=4)
    assert cut.meetings == full.meetings[:4]
    assert [c.held_on for c in cut.cti.checkins] == [c.held_on for c in full.cti.checkins][:4]
    assert cut.employer_follow_ups == full.employer_follow_ups[:4]
    assert cut.totals == full.totals == {"meetings": 6, "checkins": 6, "employer_follow_ups": 6}
    assert cut.cti.next_contact_due == full.cti.next_contact_due
    small = _citizen_with_history(services, 1, "Bo Ærø")
    with count_statements(services.db.engine) as few:
        services.citizen_detail(small, history_limit=4)
    with count_statements(services.db.engine) as many:
        services.citizen_detail(cid, history_limit=4)
    assert len(few) == len(many)  # the totals come with the page (a window count), whatever the history
