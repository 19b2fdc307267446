"""Merging per field against the version the laptop started from (the
scenarios of shared/reference §A.4), on a real PostgreSQL and laptop files."""

from __future__ import annotations

import datetime as dt

from enplan.domain.enums import TargetGroup
from enplan.services import CitizenInput

DUE = dt.date(2026, 11, 25)


def _edit(services, cid: str, **changes) -> None:  # noqa: ANN001, ANN003
    c = services.citizen_detail(cid).citizen
    values = {"name": c.name, "target_group": TargetGroup(c.target_group), "phone": c.phone, "email": c.email,
              "address": c.address, "caseworker": c.caseworker, **changes}
    services.update_citizen(cid, CitizenInput(**values))


def test_different_fields_changed_on_both_sides_are_both_kept(team, laptop):
    cid = team.citizen("Åse Østergaard")
    mine = laptop("mette")
    _edit(mine, cid, phone="20 30 40 50")
    _edit(team.services("mette"), cid, email="ase@example.dk")
    mine.sync()
    for side in (team.services(), mine):
        citizen = side.citizen_detail(cid).citizen
        assert (citizen.phone, citizen.email) == ("20 30 40 50", "ase@example.dk")
    assert mine.conflicts() == [] and team.services().conflicts() == []


def test_the_same_field_changed_differently_keeps_the_server_value_and_both_in_a_conflict(team, laptop):
    cid = team.citizen("Åse Østergaard", phone="11 11 11 11")
    mine = laptop("mette")
    _edit(mine, cid, phone="22 22 22 22")
    _edit(team.services("jonas"), cid, phone="33 33 33 33")
    mine.sync()
    assert team.services().citizen_detail(cid).citizen.phone == "33 33 33 33"
    assert mine.citizen_detail(cid).citizen.phone == "33 33 33 33"  # the laptop shows what the server kept
    [conflict] = team.services().conflicts("mette")
    assert (conflict.field, conflict.base, conflict.server, conflict.laptop) == (
        "phone", "11 11 11 11", "33 33 33 33", "22 22 22 22")
    assert (conflict.laptop_author, conflict.server_author, conflict.citizen_name) == ("mette", "jonas",
                                                                                       "Åse Østergaard")
    assert conflict.laptop_at is not None and conflict.server_at is not None
    assert [c.id for c in mine.conflicts()] == [conflict.id]  # visible on the laptop too


def test_the_same_value_on_both_sides_is_no_conflict(team, laptop):
    cid = team.citizen("Åse Østergaard")
    mine = laptop("mette")
    _edit(mine, cid, phone="44 44 44 44")
    _edit(team.services("jonas"), cid, phone="44 44 44 44")
    mine.sync()
    assert team.services().conflicts() == []
    assert mine.sync_status().state == "synced"


def test_new_records_on_both_sides_are_all_kept(team, laptop):
    cid = team.citizen("Åse Østergaard")
    mine = laptop("mette")
    mine.add_follow_up(cid, "Fra laptoppen", DUE)
    team.services("mette").add_follow_up(cid, "Fra skrivebordet", DUE)
    mine.sync()
    for side in (team.services(), mine):
        assert sorted(f.title for f in side.follow_ups(cid)) == ["Fra laptoppen", "Fra skrivebordet"]


def test_edited_on_the_laptop_but_deleted_on_the_server_is_a_conflict(team, laptop):
    cid = team.citizen("Åse Østergaard")
    desk = team.services("jonas")
    fid = desk.add_follow_up(cid, "Ring", DUE)
    mine = laptop("mette")
    mine.update_follow_up(fid, title="Ring i morgen", due_on=DUE, owner="")
    desk.delete_follow_up(fid)
    mine.sync()
    assert [f.id for f in team.services().follow_ups(cid)] == []  # it stays deleted …
    [conflict] = team.services().conflicts()
    assert (conflict.kind, conflict.field, conflict.laptop) == ("edited_deleted", "title", "Ring i morgen")
    team.services("mette").resolve_conflict(conflict.id, "laptop")  # … until someone brings the edit back
    assert [f.title for f in team.services().follow_ups(cid)] == ["Ring i morgen"]


def test_deleted_on_the_laptop_but_edited_on_the_server_is_a_conflict(team, laptop):
    cid = team.citizen("Åse Østergaard")
    fid = team.services("mette").add_follow_up(cid, "Ring", DUE)
    mine = laptop("mette")
    mine.delete_follow_up(fid)
    team.services("jonas").update_follow_up(fid, title="Ring til lægen", due_on=DUE, owner="")
    mine.sync()
    assert [f.title for f in team.services().follow_ups(cid)] == ["Ring til lægen"]  # the edit is not lost
    [conflict] = team.services().conflicts()
    assert conflict.kind == "deleted_edited"
    team.services("mette").resolve_conflict(conflict.id, "laptop")
    assert team.services().follow_ups(cid) == []


def test_resolving_on_the_laptop_reaches_the_server(team, laptop):
    cid = team.citizen("Åse Østergaard", phone="11")
    mine = laptop("mette")
    _edit(mine, cid, phone="22")
    _edit(team.services("jonas"), cid, phone="33")
    mine.sync()
    [conflict] = mine.conflicts()
    mine.resolve_conflict(conflict.id, "value", "20 30 40 50")
    mine.sync()
    assert team.services().citizen_detail(cid).citizen.phone == "20 30 40 50"
    assert team.services().conflicts() == []
    resolved = team.services().conflicts(resolved=True)
    assert [(c.resolution, c.resolved_by) for c in resolved] == [("value", "mette")]
    assert any(e.action == "resolve" and e.actor == "mette" for e in team.services().audit_log(cid))


def test_a_citizen_reassigned_while_offline_reaches_the_new_owner_and_leaves_the_laptop(team, laptop):
    cid = team.citizen("Åse Østergaard")
    mine = laptop("mette")
    mine.add_follow_up(cid, "Skrevet offline", DUE)
    _edit(team.services("leder"), cid, caseworker="jonas")
    mine.sync()
    assert team.services().follow_ups(cid) == []  # not applied behind the new owner's back …
    [conflict] = team.services().conflicts("jonas")  # … but theirs to review
    assert conflict.kind == "reassigned" and conflict.laptop["title"] == "Skrevet offline"
    assert mine.caseload("mette", include_closed=True) == []  # the laptop dropped its copy
    team.services("jonas").resolve_conflict(conflict.id, "laptop")
    assert [f.title for f in team.services().follow_ups(cid)] == ["Skrevet offline"]


def test_an_erased_citizen_is_purged_from_the_laptop_with_its_waiting_changes(team, laptop):
    cid = team.citizen("Åse Østergaard")
    keep = team.citizen("Bo Bliver")
    mine = laptop("mette")
    mine.add_follow_up(cid, "Hemmelig note", DUE)
    team.owner_services("leder").erase_citizen(cid, "Request 2026-11-20")  # the owner's on a server
    mine.sync()
    assert [r.name for r in mine.caseload("mette")] == ["Bo Bliver"]
    assert mine.queued_changes(quarantined_only=False) == []
    with mine.db.read() as s:
        raw = s.connection().exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar_one()
    assert raw == 0 and keep


def test_a_refused_change_is_quarantined_while_the_others_sync(team, laptop):
    cid = team.citizen("Åse Østergaard")
    fid = team.services("mette").add_follow_up(cid, "Ring", DUE)
    mine = laptop("mette")
    mine.update_follow_up(fid, title="Ring igen", due_on=DUE, owner="")
    mine.add_follow_up(cid, "Uafhængig", DUE)
    with team.services().db.write() as s:  # gone from the server without a trace (as by a DBA)
        s.connection().exec_driver_sql(f"DELETE FROM follow_up WHERE id = '{fid}'")
    report = mine.sync()
    assert report.quarantined == 1
    [refused] = mine.queued_changes()
    assert refused.reason == "This record is no longer on the server." and refused.fields == ("title",)
    assert [f.title for f in team.services().follow_ups(cid)] == ["Uafhængig"]
    status = mine.sync_status()
    assert (status.quarantined, status.waiting, status.state) == (1, 0, "synced")
    mine.discard_change(refused.event_id)
    assert mine.queued_changes() == []
    assert any(e.action == "sync_discard" for e in mine.audit_log(cid))


def test_a_change_that_depends_on_a_refused_one_waits_with_it(team, laptop):
    cid = team.citizen("Åse Østergaard")
    fid = team.services("mette").add_follow_up(cid, "Ring", DUE)
    mine = laptop("mette")
    mine.update_follow_up(fid, title="Ring igen", due_on=DUE, owner="")
    with team.services().db.write() as s:
        s.connection().exec_driver_sql(f"DELETE FROM follow_up WHERE id = '{fid}'")
    mine.sync()
    mine.update_follow_up(fid, title="Ring en tredje gang", due_on=DUE, owner="")
    mine.sync()
    changes = mine.queued_changes(quarantined_only=False)
    assert [(c.state, c.fields) for c in changes] == [("quarantined", ("title",)), ("waiting", ("title",))]
    assert mine.sync_status().state == "waiting"
    mine.retry_change(changes[0].event_id)  # sent again, with the one waiting for it: the server still
    mine.sync()                              # lacks the record, so both are refused, and both are kept
    assert [c.state for c in mine.queued_changes(quarantined_only=False)] == ["quarantined", "quarantined"]
