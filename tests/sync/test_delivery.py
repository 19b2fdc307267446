"""Delivery: order, duplicates, clocks, versions, identities, volume, and the
faults an outreach worker meets (unreachable server, wrong password …)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import uuid

import pytest
import sqlalchemy as sa

from enplan.failures import LOGIN_REFUSED, UNREACHABLE, describe
from enplan.services.sync import errors
from enplan.services.sync.apply import Change, apply_batch
from enplan.services.sync.setup import setup_laptop
from enplan.store.sync_tables import SyncEvent, SyncLaptop, SyncOutbox
from tests.conftest import TODAY
from tests.safety.helpers import run_cli, today_arg

DUE = dt.date(2026, 11, 25)


def _outbox(services) -> list[Change]:  # noqa: ANN001
    with services.db.read() as s:
        rows = s.execute(sa.select(SyncOutbox).order_by(SyncOutbox.seq)).scalars().all()
        return [Change(r.event_id, i, r.entity, r.entity_id, r.citizen_id, r.op, dict(r.payload), r.base_version,
                       r.author, r.recorded_at) for i, r in enumerate(rows, start=1)]


def test_a_create_and_its_update_arriving_backwards_are_applied_in_order(team, laptop):
    cid = team.citizen("Åse Østergaard")
    mine = laptop("mette")
    fid = mine.add_follow_up(cid, "Ring", DUE)
    mine.update_follow_up(fid, title="Ring til Åse", due_on=DUE, owner="")
    create, update = _outbox(mine)
    device = mine.db.laptop.device_id
    with team.services().db.write() as s:
        assert [o.outcome for o in apply_batch(s, device, "mette", [update], TODAY)] == ["held"]
    assert team.services().follow_ups(cid) == []  # the update waits for its create
    with team.services().db.write() as s:
        assert [o.outcome for o in apply_batch(s, device, "mette", [create], TODAY)] == ["applied"]
    assert [f.title for f in team.services().follow_ups(cid)] == ["Ring til Åse"]


def test_the_same_batch_twice_is_applied_once_and_answered_alike(team, laptop):
    cid = team.citizen("Åse Østergaard")
    mine = laptop("mette")
    mine.add_follow_up(cid, "Ring", DUE)
    batch = _outbox(mine)
    device = mine.db.laptop.device_id
    for _ in range(2):  # the answer was lost: the laptop sends the same batch again
        with team.services().db.write() as s:
            assert [o.outcome for o in apply_batch(s, device, "mette", batch, TODAY)] == ["applied"]
    assert [f.title for f in team.services().follow_ups(cid)] == ["Ring"]
    with team.services().db.read() as s:
        assert s.execute(sa.select(sa.func.count()).select_from(SyncEvent)).scalar_one() == 1


@pytest.mark.parametrize("clock", [dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc), "two days ahead"])
def test_a_wrong_laptop_clock_changes_nothing_but_the_time_shown(team, laptop, monkeypatch, clock):
    from enplan.store import change_log

    cid = team.citizen("Åse Østergaard", phone="11")
    mine = laptop("mette")
    wrong = clock if isinstance(clock, dt.datetime) else dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)
    monkeypatch.setattr(change_log, "utcnow", lambda: wrong)
    mine.add_follow_up(cid, "Ring", DUE)
    from tests.sync.test_merge import _edit

    _edit(mine, cid, phone="22")
    _edit(team.services("jonas"), cid, phone="33")  # on the server *after* the laptop's (wrong) time
    mine.sync()
    assert [f.title for f in team.services().follow_ups(cid)] == ["Ring"]
    [conflict] = team.services().conflicts()
    assert (conflict.server, conflict.laptop) == ("33", "22")  # the server's value stays: no clock decides
    assert conflict.laptop_at == wrong
    logged = [e for e in team.services().audit_log(cid) if e.entity == "follow_up"]
    assert logged and abs((logged[-1].at - dt.datetime.now(dt.timezone.utc)).total_seconds()) < 120
    assert logged[-1].recorded_at == wrong  # the laptop's own time is kept beside the server's


@pytest.mark.parametrize(("revision", "sentence"), [("0003", errors.SERVER_OLDER), ("9999", errors.SERVER_NEWER)])
def test_a_server_on_another_schema_version_gets_nothing(team, laptop, revision, sentence):
    cid = team.citizen("Åse Østergaard")
    mine = laptop("mette")
    mine.add_follow_up(cid, "Ring", DUE)
    desk = team.services()  # opened before: opening it afterwards would refuse (or try to migrate) itself
    from tests.pg import owner

    engine = sa.create_engine(owner(team.url))  # the schema's version is the owner's to change (issue 15)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = :v"), {"v": revision})
    finally:
        engine.dispose()
    with pytest.raises(errors.SyncRefusal) as refused:
        mine.sync()
    assert refused.value.message == sentence
    assert mine.sync_status().waiting == 1 and mine.sync_status().problem == sentence
    with desk.db.read() as s:
        assert s.execute(sa.text("SELECT count(*) FROM follow_up")).scalar_one() == 0


def test_pulls_never_miss_a_commit_that_finishes_late(team, laptop):
    """Numbers follow commit order: a transaction that started first but commits
    last is still seen (a timestamp or sequence taken at write time would be skipped)."""
    cid = team.citizen("Åse Østergaard")
    mine = laptop("mette")
    slow = team.services("mette")
    started, finish = threading.Event(), threading.Event()

    def slow_write() -> None:
        with slow.db.write() as s:
            from enplan.store import tables as t

            s.add(t.FollowUp(citizen_id=uuid.UUID(cid), title="Langsom", due_on=DUE, updated_by="mette"))
            s.flush()
            started.set()
            finish.wait(10)

    writer = threading.Thread(target=slow_write)
    writer.start()
    started.wait(10)
    team.services("mette").add_follow_up(cid, "Hurtig", DUE)  # waits for the slow one's clock lock …
    finish.set()
    writer.join()
    mine.sync()
    assert sorted(f.title for f in mine.follow_ups(cid)) == ["Hurtig", "Langsom"]


def test_two_laptops_with_one_identity_are_refused_and_keep_their_changes(team, laptop, tmp_path):
    cid = team.citizen("Åse Østergaard")
    first = laptop("mette")
    copy_path = tmp_path / "copy.db"
    raw = sqlite3.connect(first.db.path, isolation_level=None)  # a file copy, as a second laptop would get it
    raw.execute("VACUUM INTO ?", (str(copy_path),))
    raw.close()
    from enplan.services import Services
    from enplan.store.opening import open_database

    copy = Services(open_database(f"sqlite:///{copy_path}", daily_backup=False), today=TODAY, actor="mette")
    first.add_follow_up(cid, "Fra den første", DUE)
    copy.add_follow_up(cid, "Fra kopien", DUE)
    first.sync()
    with pytest.raises(errors.SyncRefusal) as refused:
        copy.sync()
    assert refused.value.message == errors.COPIED_LAPTOP
    assert copy.sync_status().waiting == 1
    assert [f.title for f in team.services().follow_ups(cid)] == ["Fra den første"]
    copy.db.dispose()


def test_five_thousand_waiting_changes_all_arrive_before_synced(team, laptop):
    cid = team.citizen("Åse Østergaard")
    mine = laptop("mette")
    with mine.db.write() as s:  # 5,000 follow-ups, each a recorded change (one flush, one outbox row each)
        from enplan.store import tables as t

        s.add_all(t.FollowUp(citizen_id=uuid.UUID(cid), title=f"Opgave {i}", due_on=DUE, updated_by="mette")
                  for i in range(5000))
    assert mine.sync_status().waiting == 5000
    report = mine.sync()
    assert report.sent == 5000 and mine.sync_status().state == "synced"
    with team.services().db.read() as s:
        assert s.execute(sa.text("SELECT count(DISTINCT title) FROM follow_up")).scalar_one() == 5000


def test_setup_and_sync_faults_are_one_sentence_and_lose_nothing(team, laptop, pg_server, tmp_path, capsys):
    cid = team.citizen("Åse Østergaard")
    mine = laptop("mette")
    mine.add_follow_up(cid, "Ring", DUE)
    path = str(mine.db.path)
    cases = {
        "unreachable": (f"postgresql://enplan@127.0.0.1:1/{team.url.rsplit('/', 1)[1]}", UNREACHABLE),
        "wrong password": (team.url.replace("//tester@", "//pwuser:wrong@"), LOGIN_REFUSED),
        "no enplan schema": (pg_server.daily_url("postgres"), errors.NO_SCHEMA),
    }
    pg_server.password_role("pwuser", "right")
    for label, (url, sentence) in cases.items():
        with mine.db.write(sync_apply=True) as s:
            s.execute(sa.update(SyncLaptop).values(server_url=url))
        code, out, err = run_cli(capsys, "sync", "--db", path, today_arg())
        assert code == 2 and err.strip() == f"enplan: {sentence}", (label, err)
        assert "offline · 1 waiting" in out.replace("State: ", ""), label
        assert mine.sync_status().waiting == 1
        code, _out, err = run_cli(capsys, "laptop", "setup", "--server", url, "--caseworker", "mette",
                                  "--db", str(tmp_path / f"{label}.db"), today_arg())
        assert code == 2 and err.strip() == f"enplan: {sentence}", (label, err)
    code, _out, err = run_cli(capsys, "laptop", "setup", "--server", "mysql://u@host/x", "--db",
                              str(tmp_path / "x.db"), today_arg())
    assert code == 2 and err.strip() == f"enplan: {describe(errors.SyncRefusal(errors.NOT_POSTGRES))}"


def test_a_laptop_file_already_in_use_is_never_overwritten(team, laptop):
    team.citizen("Åse Østergaard")
    mine = laptop("mette")
    with pytest.raises(errors.SyncRefusal) as refused:
        setup_laptop(team.url, mine.db.url, "mette", "mette")
    assert refused.value.message == errors.LAPTOP_EXISTS
    assert len(mine.caseload("mette")) == 1


def test_a_change_the_database_refuses_is_refused_alone(team, laptop):
    cid = team.citizen("Åse Østergaard")
    mine = laptop("mette")
    mine.add_follow_up(cid, "Før", DUE)
    mine.add_follow_up(cid, "Efter", DUE)
    before, after = _outbox(mine)
    ghost = uuid.uuid4()  # an employer the server does not have: only the database's foreign key notices
    bad = Change(uuid.uuid4(), 2, "employer_follow_up", uuid.uuid4(), None, "create",
                 {"id": str(uuid.uuid4()), "employer_id": str(ghost), "placement_id": None, "held_on": "2026-11-20",
                  "contact_person": "", "face_to_face": False, "outcome": "", "notes": "", "next_due_on": None,
                  "created_at": "2026-11-20T09:00:00+00:00", "updated_at": "2026-11-20T09:00:00+00:00",
                  "deleted_at": None, "version": 1, "updated_by": "mette"}, 0, "mette", before.recorded_at)
    after = Change(after.event_id, 3, *(getattr(after, f) for f in ("entity", "entity_id", "citizen_id", "op",
                                                                     "payload", "base_version", "author",
                                                                     "recorded_at")))
    with team.services().db.write() as s:
        outcomes = apply_batch(s, mine.db.laptop.device_id, "mette", [before, bad, after], TODAY)
    assert [o.outcome for o in outcomes] == ["applied", "rejected", "applied"]
    assert sorted(f.title for f in team.services().follow_ups(cid)) == ["Efter", "Før"]


def test_a_laptop_neither_imports_nor_erases(team, laptop, tmp_path, capsys):
    cid = team.citizen("Åse Østergaard")
    mine = laptop("mette")
    doc = tmp_path / "doc.json"
    doc.write_text('{"format_version": 1}', encoding="utf-8")
    code, _out, err = run_cli(capsys, "import", str(doc), "--db", str(mine.db.path), today_arg())
    assert code == 2 and "takes no imports" in err
    code, _out, err = run_cli(capsys, "erase", "--citizen", cid, "--yes", "--db", str(mine.db.path), today_arg())
    assert code == 2 and "Erase on the team server" in err
    assert len(mine.caseload("mette")) == 1


def test_a_connection_that_drops_mid_push_loses_nothing(team, laptop, monkeypatch):
    """The network drops while the server applies a batch: the server rolls it back, the laptop keeps
    every change waiting and says why in one sentence; the next sync sends them once."""
    from enplan.services.sync import laptop as laptop_sync

    cid = team.citizen("Åse Østergaard")
    mine = laptop("mette")
    for n in range(3):
        mine.add_follow_up(cid, f"Opgave {n}", DUE)
    real = laptop_sync.apply_batch

    def dropped(session, *args):  # noqa: ANN001, ANN002, ANN202
        outcomes = real(session, *args)
        pid = session.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
        with team.services().db.engine.connect() as other:  # the connection dies before the commit
            other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        return outcomes

    monkeypatch.setattr(laptop_sync, "apply_batch", dropped)
    with pytest.raises(Exception) as failed:  # noqa: PT011 - whatever the driver raises: one sentence for it
        mine.sync()
    assert describe(failed.value) == UNREACHABLE
    assert mine.sync_status().waiting == 3 and mine.sync_status().problem == UNREACHABLE
    assert team.services().follow_ups(cid) == []
    monkeypatch.setattr(laptop_sync, "apply_batch", real)
    mine.sync()
    assert sorted(f.title for f in team.services().follow_ups(cid)) == ["Opgave 0", "Opgave 1", "Opgave 2"]
