"""Measures against a real database (SQLite and PostgreSQL): recorded on their
own, in a meeting and at a check-in; refused whole when one value is wrong;
read back as progress; due on the worklist at start, phase change and quarterly."""

from __future__ import annotations

import datetime as dt

import pytest

from enplan.domain.enums import ContactForm, MeetingOutcome, MeetingType, TargetGroup
from enplan.domain.errors import ValidationError
from enplan.domain.followups import WorkKind
from enplan.services import CheckinInput, CitizenInput, MeasuresInput, MeetingInput, Services
from tests.conftest import TODAY

D = dt.date
CPH = dt.timezone(dt.timedelta(hours=1))


def _citizen(services, **extra) -> object:  # noqa: ANN001
    return services.create_citizen(CitizenInput(name="Åse Ørnebjerg", target_group=TargetGroup.AKTIVITETSPARAT,
                                                caseworker="tester", **extra))


def _measure_items(services):  # noqa: ANN001, ANN202
    return [i for i in services.worklist("tester") if i.kind is WorkKind.MEASURE]


def test_a_sitting_is_stored_with_its_raw_answers_and_read_back_as_progress(services):
    cid = _citizen(services, benefit_start_on=D(2026, 1, 5))
    services.record_measures(cid, MeasuresInput(D(2026, 2, 1), values={"trivsel": 49, "belief": 2},
                                                answers={"who5": (2, 2, 2, 2, 2)}))
    services.record_measures(cid, MeasuresInput(D(2026, 5, 1), values={"trivsel": 57, "belief": 4, "hours": 8.5},
                                                answers={"who5": (3, 3, 3, 3, 3)}, note="Glad for praktikken"))
    progress = services.progress(cid)
    trivsel, who5 = progress.of("trivsel"), progress.of("who5")
    assert (trivsel.first, trivsel.latest, trivsel.change, trivsel.meaningful) == (49, 57, 8, False)
    assert (who5.first, who5.latest, who5.change, who5.meaningful) == (40, 60, 20, True)
    assert progress.of("hours").points == ((D(2026, 5, 1), 8.5),)
    assert [s.instrument.key for s in progress.series] == ["trivsel", "who5", "belief", "hours"]
    newest = progress.rows[0]
    assert newest.measured_on == D(2026, 5, 1) and newest.note == "Glad for praktikken"
    assert next(r for r in progress.rows if r.instrument == "who5").answers == (3, 3, 3, 3, 3)
    assert progress.next_due == D(2026, 8, 1)  # quarterly after the last sitting
    assert {e.entity for e in services.audit_log(cid)} >= {"measure"}


@pytest.mark.parametrize(("data", "field", "message"), [
    (MeasuresInput(TODAY, values={"trivsel": 57, "belief": 9}), "belief", "from 1 to 5"),
    (MeasuresInput(TODAY, values={"trivsel": 57}, answers={"who5": (3, None, 3, 3, 3)}), "who5", "question 2"),
    (MeasuresInput(TODAY + dt.timedelta(days=1), values={"trivsel": 57}), "measured_on", "future"),
    (MeasuresInput(D(2025, 12, 31), values={"trivsel": 57}), "measured_on", "before the citizen's case started"),
    (MeasuresInput(TODAY, values={"trivsel": None}), "measures", "at least one"),
    (MeasuresInput(TODAY, values={"nonsense": 3}), "measures", "Unknown measure"),
])
def test_one_wrong_value_stores_nothing_and_says_which_field(services, data, field, message):
    cid = _citizen(services, benefit_start_on=D(2026, 1, 5))
    with pytest.raises(ValidationError, match=message) as caught:
        services.record_measures(cid, data)
    assert caught.value.field == field
    assert services.progress(cid).rows == ()


def test_a_meeting_and_a_check_in_record_measures_in_their_own_transaction_on_their_own_day(services):
    cid = _citizen(services, benefit_start_on=D(2026, 1, 5))
    starts = dt.datetime(2026, 3, 2, 10, 0, tzinfo=CPH)
    meeting = services.record_meeting(cid, MeetingInput(MeetingType.JOBSAMTALE, ContactForm.PERSONAL, starts,
                                                        measures=MeasuresInput(TODAY, values={"trivsel": 40})))
    course = services.start_cti(cid, D(2026, 3, 9))
    checkin = services.record_checkin(course, CheckinInput(D(2026, 3, 16), ContactForm.HOME_VISIT,
                                                           measures=MeasuresInput(TODAY, values={"belief": 3})))
    rows = {r.instrument: r for r in services.progress(cid).rows}
    assert (rows["trivsel"].measured_on, rows["trivsel"].source) == (D(2026, 3, 2), "meeting")
    assert (rows["belief"].measured_on, rows["belief"].source) == (D(2026, 3, 16), "checkin")
    assert meeting and checkin
    with pytest.raises(ValidationError, match="from 1 to 100"):
        services.record_meeting(cid, MeetingInput(MeetingType.JOBSAMTALE, ContactForm.PERSONAL, starts,
                                                  measures=MeasuresInput(TODAY, values={"trivsel": 0})))
    with pytest.raises(ValidationError, match="held"):
        services.record_meeting(cid, MeetingInput(MeetingType.JOBSAMTALE, ContactForm.PERSONAL, starts,
                                                  outcome=MeetingOutcome.NO_SHOW,
                                                  measures=MeasuresInput(TODAY, values={"trivsel": 50})))
    assert len(services.citizen_detail(cid).meetings) == 1  # the refused meetings left nothing behind


def test_a_measure_is_due_at_start_at_a_phase_change_and_then_quarterly(services):
    cid = _citizen(services)
    [first] = _measure_items(services)
    assert (first.citizen_id, first.due, first.what) == (cid, TODAY, "Measures: the first sitting")
    services.record_measures(cid, MeasuresInput(TODAY, values={"trivsel": 50, "belief": 3}))
    assert _measure_items(services) == []  # the next is a quarter away: not this fortnight's work
    assert services.progress(cid).next_due == D(2027, 2, 22)
    course = services.start_cti(cid, TODAY)
    services.advance_phase(course, on=TODAY)  # a change on the day of the last measure is measured already
    assert services.progress(cid).next_due == D(2027, 2, 22)
    later = Services(services.db, today=D(2027, 2, 8), actor="tester")
    [regular] = [i for i in later.worklist("tester") if i.kind is WorkKind.MEASURE]
    assert (regular.due, regular.what) == (D(2027, 2, 22), "Measures: the regular sitting")


def test_a_phase_change_after_the_last_measure_makes_one_due_that_day(services):
    cid = _citizen(services)
    course = services.start_cti(cid, TODAY - dt.timedelta(days=60))
    services.record_measures(cid, MeasuresInput(TODAY - dt.timedelta(days=30), values={"trivsel": 50}))
    services.advance_phase(course, on=TODAY - dt.timedelta(days=5))
    [item] = _measure_items(services)
    assert (item.due, item.what) == (TODAY - dt.timedelta(days=5), "Measures: CTI phase 1 started")
    assert services.overdue("tester")[0].kind is WorkKind.MEASURE


def test_a_configured_scale_and_interval_reach_the_services(db):
    from enplan.domain.measures import SHIPPED, MeasureSetup, scales_from_config
    from enplan.services import Services

    scales, _problems = scales_from_config([{"key": "kompas", "name": "Change compass", "topics": ["Bolig", "Job"]}])
    services = Services(db, today=TODAY, actor="tester", measure_setup=MeasureSetup(SHIPPED + scales, every_months=1))
    cid = _citizen(services)
    services.record_measures(cid, MeasuresInput(TODAY, answers={"kompas": (4, 7)}))
    kompas = services.progress(cid).of("kompas")
    assert kompas.latest == 5.5 and kompas.instrument.words("da") == "Change compass"
    assert services.progress(cid).next_due == D(2026, 12, 22)  # a month after, as configured
    with pytest.raises(ValidationError, match="from 1 to 10"):
        services.record_measures(cid, MeasuresInput(TODAY, answers={"kompas": (4, 11)}))
    # another installation without the scale still shows what was measured
    plain = Services(db, today=TODAY, actor="tester").progress(cid)
    assert plain.of("kompas").latest == 5.5 and not plain.of("kompas").instrument.shipped


def test_a_deleted_meeting_does_not_move_the_case_start_back(services):
    cid = _citizen(services)
    early = services.record_meeting(cid, MeetingInput(MeetingType.JOBSAMTALE, ContactForm.PERSONAL,
                                                      dt.datetime(2025, 3, 3, 10, 0, tzinfo=CPH)))
    services.record_measures(cid, MeasuresInput(D(2025, 3, 3), values={"trivsel": 40}))  # the case began then
    services.delete_record("meeting", early)
    with pytest.raises(ValidationError, match="before the citizen's case started"):
        services.record_measures(cid, MeasuresInput(D(2025, 3, 4), values={"trivsel": 41}))
