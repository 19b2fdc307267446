"""Setting up a laptop, working offline, syncing: the everyday path."""

from __future__ import annotations

import datetime as dt



def test_setup_copies_only_the_caseworkers_own_active_citizens(team, laptop):
    own = team.citizen("Åse Østergaard")
    team.citizen("Bent Andersen", caseworker="jonas")
    closed = team.citizen("Carl Closed")
    team.services("mette").close_case(closed, "Moved away")
    services = laptop("mette")
    assert [r.name for r in services.caseload("mette", include_closed=True)] == ["Åse Østergaard"]
    assert services.db.laptop is not None and services.db.laptop.caseworker == "mette"
    status = services.sync_status()
    assert status.state == "synced" and status.waiting == 0
    desk = team.services("mette")
    desk_detail, laptop_detail = desk.citizen_detail(own), services.citizen_detail(own)
    assert laptop_detail.citizen == desk_detail.citizen and laptop_detail.plan == desk_detail.plan


def test_an_offline_edit_reaches_the_server_with_author_and_laptop_time(team, laptop):
    cid = team.citizen("Åse Østergaard")
    services = laptop("mette")
    services.add_follow_up(cid, "Ring til Åse", dt.date(2026, 11, 25))
    assert services.sync_status().waiting == 1
    report = services.sync()
    assert report.sent == 1 and report.quarantined == 0
    assert services.sync_status().state == "synced"
    desk = team.services("desk")
    assert [f.title for f in desk.follow_ups(cid)] == ["Ring til Åse"]
    synced = [e for e in desk.audit_log(cid) if e.entity == "follow_up"]
    assert synced and synced[-1].actor == "mette"


def test_desk_changes_reach_the_laptop(team, laptop):
    cid = team.citizen("Åse Østergaard")
    services = laptop("mette")
    team.services("mette").add_follow_up(cid, "From the desk", dt.date(2026, 11, 26))
    newcomer = team.citizen("Ny Borger")
    services.sync()
    assert [f.title for f in services.follow_ups(cid)] == ["From the desk"]
    assert {r.name for r in services.caseload("mette")} == {"Åse Østergaard", "Ny Borger"}
    assert services.citizen_detail(newcomer).citizen.name == "Ny Borger"


def test_measures_taken_offline_reach_the_server_with_their_answers(team, laptop):
    from enplan.services import MeasuresInput

    cid = team.citizen("Åse Østergaard")
    services = laptop("mette")
    day = services.today
    services.record_measures(cid, MeasuresInput(day, values={"trivsel": 57, "belief": 4},
                                                answers={"who5": (3, 3, 3, 3, 3)}))
    assert services.sync_status().waiting == 3
    report = services.sync()
    assert report.sent == 3 and report.quarantined == 0
    desk = team.services("desk").progress(cid)
    assert {s.instrument.key: s.latest for s in desk.series} == {"trivsel": 57, "who5": 60, "belief": 4}
    assert desk.of("who5").points and next(r for r in desk.rows if r.instrument == "who5").answers == (3, 3, 3, 3, 3)
