"""A meeting closes what it handled: the follow-ups ticked in the meeting
are marked done on the meeting's date, in the meeting's own transaction; the
citizen's file lists what is open for the meeting form to tick."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from enplan.domain.enums import ContactForm, MeetingType, TargetGroup
from enplan.domain.errors import ValidationError
from enplan.domain.followups import WorkKind
from enplan.services import CitizenInput, MeetingInput, NextStep
from enplan.store import tables as t

D = dt.date
CPH = ZoneInfo("Europe/Copenhagen")


def _citizen(services, name: str):  # noqa: ANN202
    return services.create_citizen(CitizenInput(name=name, target_group=TargetGroup.JOBPARAT, caseworker="mette"))


def _meeting(starts_at: dt.datetime, *steps: NextStep) -> MeetingInput:
    return MeetingInput(type=MeetingType.JOBSAMTALE, form=ContactForm.PERSONAL, starts_at=starts_at,
                        next_steps=steps)


def _done(services, cid) -> dict:  # noqa: ANN001
    return {f.title: f.done_on for f in services.follow_ups(cid)}


def _meetings(services) -> int:  # noqa: ANN001
    with services.db.read() as s:
        return s.execute(sa.select(sa.func.count()).select_from(t.Meeting)).scalar_one()


def test_the_open_follow_ups_are_in_the_citizens_file_soonest_first(services):
    cid = _citizen(services, "Åse Østergaard")
    later = services.add_follow_up(cid, "Send CV", D(2026, 12, 1))
    sooner = services.add_follow_up(cid, "[bold]Ring[/] til lægen", D(2026, 11, 10))
    services.set_follow_up_done(services.add_follow_up(cid, "Gammel", D(2026, 11, 1)), True)
    items = services.citizen_detail(cid).open_items
    assert [(i.kind, i.id, i.text, i.due_on) for i in items] == [
        (WorkKind.FOLLOW_UP, sooner, "[bold]Ring[/] til lægen", D(2026, 11, 10)),
        (WorkKind.FOLLOW_UP, later, "Send CV", D(2026, 12, 1))]


def test_ticked_follow_ups_are_done_on_the_meeting_date_and_audited(services):
    cid = _citizen(services, "Åse Østergaard")
    ring = services.add_follow_up(cid, "Ring til lægen", D(2026, 11, 10))
    cv = services.add_follow_up(cid, "Send CV", D(2026, 12, 1))
    untouched = services.add_follow_up(cid, "Søg boligstøtte", D(2026, 11, 30))
    # 00:30 in Copenhagen on the 20th: the meeting's day is the 20th, though UTC still says the 19th
    meeting = services.record_meeting(cid, _meeting(dt.datetime(2026, 11, 20, 0, 30, tzinfo=CPH).astimezone(dt.UTC),
                                                    NextStep("Følg op", D(2026, 12, 3))),
                                      done_follow_up_ids=(ring, cv, ring))
    assert _done(services, cid) == {"Ring til lægen": D(2026, 11, 20), "Send CV": D(2026, 11, 20),
                                    "Søg boligstøtte": None, "Følg op": None}
    assert [i.id for i in services.citizen_detail(cid).open_items] == [
        untouched, next(f.id for f in services.follow_ups(cid) if f.title == "Følg op")]
    done = [e for e in services.audit_log(cid) if e.entity == "follow_up" and e.action == "update"]
    assert sorted(str(e.entity_id) for e in done) == sorted([str(ring), str(cv)])
    assert all(e.changes == {"done_on": [None, "2026-11-20"]} and e.actor == "tester" for e in done)
    assert services.citizen_detail(cid).meetings[0].id == meeting


def test_one_done_meanwhile_keeps_its_own_date(services):
    cid = _citizen(services, "Åse Østergaard")
    ring = services.add_follow_up(cid, "Ring til lægen", D(2026, 11, 10))
    services.set_follow_up_done(ring, True)  # today, 22-11-2026
    services.record_meeting(cid, _meeting(dt.datetime(2026, 11, 19, 9, 0, tzinfo=CPH)), done_follow_up_ids=(ring,))
    assert _done(services, cid) == {"Ring til lægen": D(2026, 11, 22)}


def test_another_citizens_follow_up_is_refused_and_nothing_is_saved(services):
    cid, other = _citizen(services, "Åse Østergaard"), _citizen(services, "Bjørn Ærø")
    mine = services.add_follow_up(cid, "Ring til lægen", D(2026, 11, 10))
    theirs = services.add_follow_up(other, "Not Åse's", D(2026, 11, 10))
    with pytest.raises(ValidationError) as refused:
        services.record_meeting(cid, _meeting(dt.datetime(2026, 11, 19, 9, 0, tzinfo=CPH)),
                                done_follow_up_ids=(mine, theirs))
    assert refused.value.field == "done_follow_ups"
    assert _done(services, cid) == {"Ring til lægen": None} and _done(services, other) == {"Not Åse's": None}
    assert _meetings(services) == 0


def test_all_or_nothing_when_the_meeting_cannot_be_saved(services):
    cid = _citizen(services, "Åse Østergaard")
    ring = services.add_follow_up(cid, "Ring til lægen", D(2026, 11, 10))
    too_long_owner = NextStep("Følg op", D(2026, 12, 3), owner="x" * 500)  # refused after the ticks are written
    with pytest.raises(ValidationError):
        services.record_meeting(cid, _meeting(dt.datetime(2026, 11, 19, 9, 0, tzinfo=CPH), too_long_owner),
                                done_follow_up_ids=(ring,))
    assert _done(services, cid) == {"Ring til lægen": None} and _meetings(services) == 0
    assert not [e for e in services.audit_log(cid) if e.entity == "follow_up" and e.action == "update"]
