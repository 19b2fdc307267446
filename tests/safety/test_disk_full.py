"""A full disk: every command that writes says so in one sentence (exit code
2, no traceback), and the database is exactly as it was. The disk is a small
tmpfs mounted for the test (root only; skipped with the reason elsewhere),
filled to leave (a) no room at all or (b) room for the backup copy an import
takes first, but not for the import itself."""

from __future__ import annotations

import gc
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from enplan.demo import sample_document, shift_document
from tests.conftest import TODAY
from tests.realdata import as_real
from tests.safety.helpers import digest, make_db, run_cli, today_arg

SIZE = 8 << 20


@pytest.fixture
def disk(tmp_path):
    folder = tmp_path / "disk"
    folder.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0700", "tmpfs", str(folder)],
                       check=True, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"mounting a small tmpfs needs root and mount(8) ({exc})")
    yield folder
    gc.collect()  # in-process commands leave pooled connections to the garbage collector
    subprocess.run(["umount", "--lazy", str(folder)], check=True, capture_output=True, timeout=30)


@pytest.fixture
def demo_json(tmp_path) -> Path:
    path = tmp_path / "demo.json"
    # real data (the sample with other ids): the database it goes into holds real records
    path.write_text(json.dumps(as_real(shift_document(sample_document(), TODAY)), ensure_ascii=False),
                    encoding="utf-8")
    return path


def fill(folder: Path, leave: int) -> Path:
    """Take the disk's free space down to about ``leave`` bytes; the ballast file, to free it again."""
    ballast = folder / "ballast"
    with open(ballast, "ab") as fh:
        while (free := shutil.disk_usage(folder).free) > leave:
            try:
                fh.write(b"\0" * min(free - leave, 1 << 20))
                fh.flush()
            except OSError:
                break
    return ballast


def contents(path: Path) -> tuple:
    """What must survive: the integrity check and every row that counts."""
    conn = sqlite3.connect(path)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        rows = tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed names
                     for t in ("citizen", "follow_up", "meeting", "audit_event"))
    finally:
        conn.close()
    return check, rows


def prepared(disk: Path, capsys) -> Path:  # noqa: ANN001
    """A database on the small disk, opened once today (so its daily backup exists), WAL folded in."""
    db = disk / "enplan.db"
    make_db(db)
    assert run_cli(capsys, "overdue", "--db", str(db), today_arg())[0] == 0
    gc.collect()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db


def refused_on_a_full_disk(capsys, db: Path, ballast: Path, *argv: str) -> str:
    before = digest(db)
    code, out, err = run_cli(capsys, *argv, "--db", str(db), today_arg())
    gc.collect()
    ballast.unlink()  # room again, so the checks below can open the file
    assert code == 2, (argv, out, err)
    assert err.startswith("enplan: ") and err.count("\n") == 1 and "Traceback" not in err, err
    assert "full" in err or "room" in err, err
    assert digest(db) == before, argv
    return err


def commands(tmp_path: Path, disk: Path, demo_json: Path) -> dict[str, list[str]]:
    outside = tmp_path / "outside.db"  # a good backup copy on another disk, for restore
    make_db(outside, citizens=40)
    return {
        "import": ["import", str(demo_json)],
        "backup": ["backup"],
        "backup to a file": ["backup", str(disk / "copy.db")],
        "export to a file": ["export", str(disk / "export.json")],
        "restore": ["restore", str(outside)],
        "erase": ["erase", "--citizen", "00000000-0000-4000-8000-000000000009", "--yes"],
        "migrate": ["migrate"],
    }


def test_no_room_at_all(disk, tmp_path, demo_json, capsys):
    db = prepared(disk, capsys)
    kept = contents(db)
    for name, argv in commands(tmp_path, disk, demo_json).items():
        refused_on_a_full_disk(capsys, db, fill(disk, 0), *argv)
        assert contents(db) == kept, name
        assert not (disk / "export.json").exists() and not (disk / "copy.db").exists(), name
        assert not [p for p in disk.iterdir() if p.name.endswith((".tmp", ".restoring"))], name


def test_a_new_database_on_a_full_disk(disk, capsys):
    ballast = fill(disk, 0)
    code, _out, err = run_cli(capsys, "migrate", "--db", str(disk / "new.db"), today_arg())
    gc.collect()
    ballast.unlink()
    assert code == 2 and err.count("\n") == 1 and "full" in err, err


def test_room_for_the_backup_but_not_the_import(disk, demo_json, capsys):
    db = prepared(disk, capsys)
    kept = contents(db)
    ballast = fill(disk, db.stat().st_size + (512 << 10))
    err = refused_on_a_full_disk(capsys, db, ballast, "import", str(demo_json))
    assert "nothing was saved" in err or "nothing was changed" in err, err
    assert contents(db) == kept
    code, _out, err = run_cli(capsys, "import", str(demo_json), "--db", str(db), today_arg())
    assert code == 0, err  # with room again, the same import goes through


def test_room_for_the_backup_but_not_a_restore(disk, tmp_path, capsys):
    db = prepared(disk, capsys)
    kept = contents(db)
    big = tmp_path / "big.db"
    make_db(big, citizens=400)
    ballast = fill(disk, db.stat().st_size + (64 << 10))
    assert big.stat().st_size > db.stat().st_size + (64 << 10)
    refused_on_a_full_disk(capsys, db, ballast, "restore", str(big))
    assert contents(db) == kept and not [p for p in disk.iterdir() if ".replaced-" in p.name]


def test_the_disk_of_a_copy_is_full(disk, tmp_path, capsys):
    """The database has room; the backup copy or export file goes to a full disk (or /dev/full)."""
    db = tmp_path / "enplan.db"
    make_db(db)
    kept = contents(db)
    ballast = fill(disk, 0)
    for argv in (["backup", str(disk / "copy.db")], ["export", str(disk / "export.json")], ["export", "/dev/full"]):
        code, out, err = run_cli(capsys, *argv, "--db", str(db), today_arg())
        assert code == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err, (argv, err)
        assert "room" in err or "No space left" in err, err
        if argv[1] != "/dev/full":  # a device is logged before it is written: the log never says less
            assert contents(db) == kept, argv  # an export that failed is not in the audit log
    assert sorted(p.name for p in disk.iterdir()) == [ballast.name]  # no half-written copy left behind
