"""File modes: folders 0700; database, -wal/-shm, backups and exports 0600."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from enplan.domain.enums import TargetGroup
from enplan.paths import data_dir, default_db_path, demo_db_path
from enplan.services import CitizenInput, Services
from tests.safety.helpers import make_db, mode, run_cli, today_arg


@pytest.fixture(params=[0o022, 0o000], ids=["umask022", "umask000"])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def test_fresh_default_location(umask, capsys):
    """First start: the data folder (and folders above it that enplan creates)
    0700, the database and while it is open its -wal/-shm 0600."""
    from enplan.paths import resolve_db
    from enplan.store.opening import open_database

    assert not data_dir().exists()
    code, _out, err = run_cli(capsys, "overdue", today_arg())
    assert code == 0, err
    assert mode(data_dir()) == 0o700 and mode(data_dir().parent) == 0o700
    assert mode(default_db_path()) == 0o600
    db = open_database(resolve_db(None))
    try:
        Services(db, actor="t").create_citizen(CitizenInput(name="A B", target_group=TargetGroup.OTHER))
        wal, shm = Path(f"{default_db_path()}-wal"), Path(f"{default_db_path()}-shm")
        assert wal.exists() and shm.exists()
        assert mode(wal) == 0o600 and mode(shm) == 0o600
    finally:
        db.dispose()
    backups = default_db_path().parent / "backups"
    assert mode(backups) == 0o700
    assert all(mode(p) == 0o600 for p in backups.iterdir())


def test_backups_and_exports(tmp_path, umask, capsys):
    db = tmp_path / "enplan.db"
    make_db(db)
    assert mode(db) == 0o600
    assert run_cli(capsys, "backup", "--db", str(db))[0] == 0
    assert run_cli(capsys, "backup", str(tmp_path / "mine" / "copy.db"), "--db", str(db))[0] == 0
    assert mode(tmp_path / "backups") == 0o700
    copies = list((tmp_path / "backups").iterdir()) + [tmp_path / "mine" / "copy.db"]
    assert copies and all(mode(p) == 0o600 for p in copies)
    export = tmp_path / "export.json"
    export.write_text("old")
    os.chmod(export, 0o644)  # an existing, world-readable file is tightened when overwritten
    assert run_cli(capsys, "export", str(export), "--db", str(db))[0] == 0
    assert mode(export) == 0o600
    assert run_cli(capsys, "export", str(tmp_path / "new.json"), "--db", str(db), "--include-cpr")[0] == 0
    assert mode(tmp_path / "new.json") == 0o600


def test_restored_and_replaced_files(tmp_path, capsys):
    db = tmp_path / "enplan.db"
    make_db(db)
    copy = tmp_path / "copy.db"
    assert run_cli(capsys, "backup", str(copy), "--db", str(db))[0] == 0
    assert run_cli(capsys, "restore", str(copy), "--db", str(db))[0] == 0
    assert mode(db) == 0o600
    (kept,) = [p for p in tmp_path.iterdir() if ".replaced-" in p.name]
    assert mode(kept) == 0o600


def test_demo_database(umask, capsys):
    code, out, err = run_cli(capsys, "demo", "--prepare", today_arg())
    assert code == 0, err
    path = Path(out.strip())
    assert path == demo_db_path()
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700 and mode(data_dir()) == 0o700
    assert not Path(f"{path}-wal").exists() or mode(Path(f"{path}-wal")) == 0o600


def test_a_folder_the_user_chose_is_left_alone(tmp_path, capsys):
    """--db in an existing folder (a home, /tmp …): enplan does not chmod it."""
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o755)
    assert run_cli(capsys, "overdue", "--db", str(folder / "enplan.db"), today_arg())[0] == 0
    assert mode(folder) == 0o755 and mode(folder / "enplan.db") == 0o600
