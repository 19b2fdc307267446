"""Automatic rotating backups, `enplan backup` and `enplan restore`."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid

import pytest

from enplan.store import backup as bk
from tests.safety.helpers import count, digest, make_db, mode, run_cli, side_files, snapshot


def _backups(db):  # noqa: ANN001, ANN202
    return bk.list_backups(db, db.parent / "backups")


def test_rotation_keeps_a_bounded_number(tmp_path):
    db = tmp_path / "enplan.db"
    make_db(db)
    folder = tmp_path / "backups"
    folder.mkdir()
    stranger = folder / "enplan-old-notes.db"  # not one of ours: never rotated away
    stranger.write_bytes(b"x")
    made = [bk.rotating_backup(db, folder, "manual", keep=4) for _ in range(7)]
    assert _backups(db) == made[-4:]
    assert stranger.exists()
    for p in made[-4:]:
        assert bk.integrity_ok(p) and mode(p) == 0o600
    assert not list(folder.glob("*.tmp"))


def test_a_copy_that_fails_its_check_is_never_kept(tmp_path, monkeypatch):
    db = tmp_path / "enplan.db"
    make_db(db)
    good = bk.rotating_backup(db, tmp_path / "backups", "manual")
    monkeypatch.setattr(bk, "integrity_ok", lambda path, quick=False: False)
    with pytest.raises(bk.BackupError, match="integrity check"):
        bk.rotating_backup(db, tmp_path / "backups", "manual")
    assert _backups(db) == [good]
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == [good.name]


def test_backup_before_migration(tmp_path):
    from alembic import command

    from enplan.store.migrate import alembic_config
    from enplan.store.opening import open_database

    db = tmp_path / "enplan.db"
    make_db(db)
    command.downgrade(alembic_config(f"sqlite:///{db}"), "0002")
    open_database(f"sqlite:///{db}", daily_backup=False).dispose()
    (copy,) = _backups(db)
    assert copy.name.endswith("-migration.db")
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0002"  # the state before
    conn.close()


def test_backup_on_first_start_of_each_day(tmp_path):
    from enplan.store.opening import open_database

    db = tmp_path / "enplan.db"
    make_db(db)
    for _ in range(3):
        open_database(f"sqlite:///{db}").dispose()
    (daily,) = _backups(db)
    assert daily.name.endswith("-daily.db")
    yesterday = (dt.datetime.now() - dt.timedelta(days=1)).strftime("%Y%m%d")
    daily.rename(daily.with_name(daily.name.replace(daily.name.split("-")[1], yesterday, 1)))
    open_database(f"sqlite:///{db}").dispose()
    assert len(_backups(db)) == 2


def test_backup_before_import(tmp_path, capsys):
    db = tmp_path / "enplan.db"
    make_db(db)
    doc = tmp_path / "in.json"
    doc.write_text(json.dumps({"format_version": 1, "citizens": [
        {"id": str(uuid.uuid4()), "name": "New Person", "target_group": "other"}]}))
    code, _out, err = run_cli(capsys, "import", str(doc), "--db", str(db))
    assert code == 0, err
    names = [p.name for p in _backups(db)]
    assert any(n.endswith("-import.db") for n in names)
    import_copy = next(p for p in _backups(db) if p.name.endswith("-import.db"))
    assert count(import_copy, "citizen") == count(db, "citizen") - 1  # taken before the import


def test_backup_and_restore_round_trip(tmp_path, capsys):
    db = tmp_path / "enplan.db"
    make_db(db, citizens=2)
    target = tmp_path / "copies" / "before.db"
    code, out, err = run_cli(capsys, "backup", str(target), "--db", str(db))
    assert code == 0 and str(target) in out, err
    assert mode(target) == 0o600 and bk.integrity_ok(target)
    copy_digest = digest(target)
    make_db(db, citizens=3)  # more work after the backup
    assert count(db, "citizen") == 5
    code, out, err = run_cli(capsys, "restore", str(target), "--db", str(db))
    assert code == 0, err
    assert count(db, "citizen") == 2
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("enplan.db.replaced-")]
    assert len(kept) == 1 and count(kept[0], "citizen") == 5 and str(kept[0]) in out
    assert mode(db) == 0o600
    assert digest(target) == copy_digest  # the backup copy itself is left as it was
    code, _out, err = run_cli(capsys, "overdue", "--db", str(db))
    assert code == 0, err


def test_backup_without_path_rotates(tmp_path, capsys):
    db = tmp_path / "enplan.db"
    make_db(db)
    assert run_cli(capsys, "backup", "--db", str(db))[0] == 0
    assert [p.name.endswith("-manual.db") for p in _backups(db)].count(True) == 1


@pytest.mark.parametrize("damage", ["corrupt", "not-sqlite", "missing", "not-enplan", "newer"])
def test_restore_refuses_a_bad_copy_and_changes_nothing(tmp_path, capsys, damage):
    db = tmp_path / "enplan.db"
    make_db(db, citizens=20)
    copy = tmp_path / "copy.db"
    bk.backup_to(db, copy)
    if damage == "corrupt":
        data = bytearray(copy.read_bytes())
        data[len(data) // 2: len(data) // 2 + 4096] = bytes(range(256)) * 16
        copy.write_bytes(bytes(data))
    elif damage == "not-sqlite":
        copy.write_text("hello")
    elif damage in ("not-enplan", "newer"):
        conn = sqlite3.connect(copy)
        conn.execute("DROP TABLE alembic_version" if damage == "not-enplan" else
                     "UPDATE alembic_version SET version_num = 'beyond'")
        conn.commit()
        conn.close()
    else:
        copy.unlink()
    before = snapshot(db)
    code, _out, err = run_cli(capsys, "restore", str(copy), "--db", str(db))
    assert code == 2 and "nothing was changed" in err, err
    assert snapshot(db) == before


def test_restore_refuses_while_the_database_is_in_use(tmp_path, capsys):
    db = tmp_path / "enplan.db"
    make_db(db)
    copy = tmp_path / "copy.db"
    bk.backup_to(db, copy)
    app = sqlite3.connect(db)  # an enplan window with the file open
    app.execute("SELECT count(*) FROM citizen").fetchone()
    try:
        code, _out, err = run_cli(capsys, "restore", str(copy), "--db", str(db))
    finally:
        app.close()
    assert code == 2 and "in use" in err
    assert not [p for p in tmp_path.iterdir() if ".replaced-" in p.name]
    assert side_files(db) == set()


def test_restore_never_puts_demo_data_over_real_records_nor_the_reverse(tmp_path, capsys):
    from enplan.demo import prepare_demo

    real = tmp_path / "enplan.db"
    make_db(real, citizens=3)
    demo = prepare_demo(dt.date(2026, 11, 22), path=tmp_path / "demo" / "demo.db")
    demo_copy, real_copy = tmp_path / "demo-copy.db", tmp_path / "real-copy.db"
    bk.backup_to(demo, demo_copy)
    bk.backup_to(real, real_copy)
    for copy, target, says in ((demo_copy, real, "holds demo data"), (real_copy, demo, "is a demo")):
        before = snapshot(target)
        code, _out, err = run_cli(capsys, "restore", str(copy), "--db", str(target))
        assert code == 2 and says in err and "nothing was changed" in err, err
        assert snapshot(target) == before
    empty = tmp_path / "new.db"
    make_db(empty, citizens=0)
    assert run_cli(capsys, "restore", str(demo_copy), "--db", str(empty))[0] == 0  # an empty file takes either
