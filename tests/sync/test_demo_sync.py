"""Demo data and real data never meet through a laptop (issue 14): a sync or a
setup across the two is refused in one sentence, before anything is sent or
fetched, and the laptop keeps its waiting changes. Real PostgreSQL, real laptop files."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from enplan.services.sync.errors import DEMO_DATA, SyncRefusal
from enplan.services.sync.setup import setup_laptop
from enplan.store import demo_mark
from enplan.store.opening import open_database
from tests.conftest import TODAY


def mark(db) -> None:  # noqa: ANN001
    with db.write() as s:
        demo_mark.mark_demo(s.connection())


def marked(url: str) -> bool:
    db = open_database(url, daily_backup=False)
    try:
        with db.read() as s:
            return demo_mark.is_demo(s)
    finally:
        db.dispose()


def test_a_real_laptop_does_not_sync_with_a_server_that_became_a_demo(team, laptop):
    cid = team.citizen("Åse Østergaard")
    services = laptop("mette")
    services.add_follow_up(cid, "Ring til Åse", dt.date(2026, 11, 25))
    server = team.services("desk")
    mark(server.db)  # e.g. the server's database was replaced by a training copy
    with pytest.raises(SyncRefusal) as refused:
        services.sync()
    assert refused.value.message == DEMO_DATA
    status = services.sync_status()
    assert status.waiting == 1 and status.state == "offline"
    assert [f.title for f in services.follow_ups(cid)] == ["Ring til Åse"]
    assert server.follow_ups(cid) == []  # nothing was sent


def test_a_demo_laptop_does_not_sync_with_a_real_server(team, laptop, capsys):
    from enplan.cli import main

    cid = team.citizen("Åse Østergaard")
    services = laptop("mette")
    services.add_follow_up(cid, "Ring til Åse", dt.date(2026, 11, 25))
    mark(services.db)  # a demo file put where the laptop's was
    team.services("mette").add_follow_up(cid, "From the desk", dt.date(2026, 11, 26))
    capsys.readouterr()
    path = services.db.url.removeprefix("sqlite:///")
    assert main(["sync", "--db", path, "--today", TODAY.isoformat()]) == 2
    err = capsys.readouterr().err
    assert err == f"enplan: {DEMO_DATA}\n"
    assert services.sync_status().waiting == 1
    assert [f.title for f in services.follow_ups(cid)] == ["Ring til Åse"]  # nothing fetched either
    assert team.services("desk").follow_ups(cid)[0].title == "From the desk"
    assert len(team.services("desk").follow_ups(cid)) == 1


def test_an_empty_demo_file_is_not_set_up_from_a_real_server(team, tmp_path):
    import sqlalchemy as sa

    from enplan.store.sync_tables import SyncDevice

    team.citizen("Åse Østergaard")
    path = tmp_path / "laptop.db"
    empty = open_database(f"sqlite:///{path}", daily_backup=False)
    mark(empty)
    empty.dispose()
    with pytest.raises(SyncRefusal) as refused:
        setup_laptop(team.url, f"sqlite:///{path}", "mette", "mette")
    assert refused.value.message == DEMO_DATA
    db = open_database(f"sqlite:///{path}", daily_backup=False)
    try:
        with db.read() as s:
            assert s.execute(sa.select(sa.func.count()).select_from(sa.text("citizen"))).scalar_one() == 0
    finally:
        db.dispose()
    server = team.services("desk")
    with server.db.read() as s:
        assert s.execute(sa.select(SyncDevice.id)).first() is None  # the server learnt no laptop


def test_a_demo_servers_laptop_is_a_demo_too(team, tmp_path, capsys):
    """A training server filled with the demo caseload: its laptops say they are demo data."""
    from enplan.cli import main
    from enplan.demo import sample_document, shift_document

    sample = tmp_path / "sample.json"
    sample.write_text(json.dumps(shift_document(sample_document(), TODAY), ensure_ascii=False), encoding="utf-8")
    assert main(["import", "--db", team.url, "--today", TODAY.isoformat(), str(sample)]) == 0
    assert marked(team.url)
    path = tmp_path / "laptop.db"
    report = setup_laptop(team.url, f"sqlite:///{path}", "mette", "mette")
    assert report.citizens > 0 and marked(f"sqlite:///{path}")
    db = open_database(f"sqlite:///{path}", daily_backup=False)
    try:
        from enplan.services import Services

        assert Services(db, today=TODAY, actor="mette").sync().sent == 0  # demo with demo: syncs
    finally:
        db.dispose()
