"""Opening a database that is not fine: one sentence, exit code 2, file untouched."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.safety.helpers import make_db, run_as_nobody, run_cli, side_files, snapshot


def _refused(capsys, path: Path, *must_contain: str) -> str:
    before = snapshot(path) if path.is_file() else None
    code, out, err = run_cli(capsys, "overdue", "--db", str(path))
    assert code == 2, (out, err)
    assert out == ""
    message = err.strip()
    assert message.startswith("enplan: ") and "\n" not in message, message
    assert message.endswith("."), message
    assert "Traceback" not in message
    for text in must_contain:
        assert text in message, message
    if before is not None:
        assert snapshot(path) == before, "the refused file (or its folder) changed"
    return message


def test_not_a_database(tmp_path, capsys):
    path = tmp_path / "notes.db"
    path.write_text("Dear diary,\n" * 500)
    _refused(capsys, path, "not a SQLite file", "enplan restore")


def test_corrupt_database(tmp_path, capsys):
    path = tmp_path / "enplan.db"
    make_db(path, citizens=30)
    size = path.stat().st_size
    page = 4096
    middle = (size // page // 2) * page
    with open(path, "r+b") as fh:  # garbage over a whole page in the middle
        fh.seek(middle)
        fh.write(bytes((i * 37 + 11) % 256 for i in range(page)))
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    except sqlite3.DatabaseError:
        pass
    finally:
        conn.close()
    _refused(capsys, path, "damaged", "enplan restore")


def test_corrupt_header_page(tmp_path, capsys):
    path = tmp_path / "enplan.db"
    make_db(path)
    with open(path, "r+b") as fh:
        fh.seek(100)
        fh.write(b"\xff" * 400)  # keep the magic string, ruin the schema page
    _refused(capsys, path, "damaged", "enplan restore")


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_newer_enplan_database(tmp_path, capsys, journal):
    path = tmp_path / "enplan.db"
    make_db(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode={journal}")
    conn.execute("UPDATE alembic_version SET version_num = 'f00dfeed9999'")
    conn.commit()
    conn.close()
    assert side_files(path) == set()
    _refused(capsys, path, "newer version of enplan", "enplan restore")


def test_foreign_sqlite_database(tmp_path, capsys):
    path = tmp_path / "places.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE bookmarks (url TEXT)")
    conn.commit()
    conn.close()
    _refused(capsys, path, "not an enplan one")


def test_folder_does_not_exist(tmp_path, capsys):
    path = tmp_path / "nowhere" / "enplan.db"
    _refused(capsys, path, "does not exist", str(path.parent))
    assert not path.parent.exists()


def test_path_is_a_folder(tmp_path, capsys):
    _refused(capsys, tmp_path, "is a folder")


_HOLDERS = {
    # a stuck writer in rollback-journal mode: BEGIN EXCLUSIVE blocks every reader
    "begin-exclusive": """
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("BEGIN EXCLUSIVE")
    """,
    # a process that took the file for itself (WAL database, exclusive locking mode)
    "locking-mode-exclusive": """
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN IMMEDIATE"); conn.execute("COMMIT")
    """,
}


@pytest.mark.parametrize("how", list(_HOLDERS))
def test_locked_by_a_stuck_process(tmp_path, capsys, how):
    path = tmp_path / "enplan.db"
    make_db(path)
    code = "import sqlite3, sys, time\npath = sys.argv[1]\n" + textwrap.dedent(_HOLDERS[how]) + \
        "print('holding', flush=True)\ntime.sleep(60)\n"
    holder = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        _refused(capsys, path, "locked by another program")
    finally:
        holder.kill()
        holder.wait()


def test_unreadable_file(tmp_path, capsys):
    """chmod 000. Root ignores file modes, so as root the check runs in a
    forked child that has dropped to the `nobody` user."""
    if os.geteuid() != 0:
        path = tmp_path / "enplan.db"
        make_db(path)
        os.chmod(path, 0)
        try:
            message = _refused(capsys, path, "may not read and write", "chmod 600")
            assert "restore" not in message  # a permission problem, not damage
        finally:
            os.chmod(path, 0o600)
        return
    shared = Path("/dev/shm")
    if not (shared.is_dir() and os.access(shared, os.W_OK) and shared.stat().st_mode & 0o1777 == 0o1777):
        pytest.skip("running as root and no world-writable /dev/shm to hand an unreadable file to `nobody`")
    import tempfile

    import enplan.commands  # noqa: F401 - the child cannot import from root's folders after dropping privileges
    import enplan.services  # noqa: F401

    folder = Path(tempfile.mkdtemp(prefix="enplan-unreadable-", dir=shared))
    try:
        os.chmod(folder, 0o777)
        path = folder / "enplan.db"
        make_db(path)
        os.chmod(path, 0)
        before = snapshot(path)
        message = _run_as_nobody(path)
        assert message.startswith("enplan: ") and "\n" not in message.strip(), message
        assert "may not read and write" in message and "chmod 600" in message, message
        assert "restore" not in message, message  # a permission problem, not damage
        assert snapshot(path) == before
    finally:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


def _run_as_nobody(path: Path) -> str:
    def attempt() -> str:
        from enplan.store.opening import DatabaseOpenError, open_database

        try:
            open_database(f"sqlite:///{path}")
            return "opened?!"
        except DatabaseOpenError as exc:
            return f"enplan: {exc}"

    return run_as_nobody(attempt)


def test_good_database_leaves_no_side_files(tmp_path, capsys):
    from enplan.store.opening import check_sqlite_file, open_database

    path = tmp_path / "enplan.db"
    make_db(path)
    assert side_files(path) == set()
    assert check_sqlite_file(path) == "enplan"
    assert side_files(path) == set()
    db = open_database(f"sqlite:///{path}", daily_backup=False)
    db.dispose()
    assert side_files(path) == set()
    code, _out, err = run_cli(capsys, "backup", "--db", str(path))
    assert code == 0, err
    assert side_files(path) == set()


def test_check_happens_before_any_write(tmp_path):
    """Refusing a newer database must not even switch its journal mode."""
    from enplan.store.opening import DatabaseOpenError, open_database

    path = tmp_path / "enplan.db"
    make_db(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("UPDATE alembic_version SET version_num = 'zzz'")
    conn.commit()
    conn.close()
    header = path.read_bytes()[:100]
    with pytest.raises(DatabaseOpenError, match="newer version"):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes()[:100] == header


@pytest.mark.parametrize("how", ["script", "module"])
def test_exit_code_from_a_real_process(tmp_path, how):
    path = tmp_path / "enplan.db"
    path.write_bytes(b"\x00" * 8192)
    before = snapshot(path)
    cmd = [str(Path(sys.executable).parent / "enplan")] if how == "script" else [sys.executable, "-m", "enplan.cli"]
    res = subprocess.run([*cmd, "overdue", "--db", str(path)],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 2
    assert res.stderr.count("\n") == 1 and "not a SQLite file" in res.stderr
    assert snapshot(path) == before
