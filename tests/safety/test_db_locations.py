"""Where --db may point. SQLite files and PostgreSQL URLs only; an empty value
or a database in memory is refused, never swapped for another database; a
device, pipe, socket or folder is refused untouched (never opened, created,
written or chmod-ed); a read-only file is read by the commands that only
read and refused, as read-only, by those that write."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from enplan.paths import data_dir, default_db_path, resolve_db
from tests.safety.helpers import (
    KINDS, NOBODY, count, digest, make_db, run_cli, run_cli_as_nobody, short_folder, special, state,
    today_arg,
)

UNKNOWN_ID = "00000000-0000-4000-8000-000000000009"


def one_sentence(code: int, err: str) -> str:
    """The contract of a refusal: exit code 2 and one line on stderr, no traceback, no crash report."""
    assert code == 2, err
    assert err.startswith("enplan: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert not (data_dir() / "crash-reports").exists()
    return err


@pytest.fixture
def tiny(tmp_path) -> Path:
    """A valid document with one citizen: an import that reports success must have put them somewhere."""
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps({"format_version": 1, "citizens": [
        {"id": str(uuid.uuid4()), "name": "Tiny Person", "target_group": "other"}]}), encoding="utf-8")
    return path


@pytest.fixture
def no_hang():
    """A refusal must never wait on a pipe: fail instead of hanging the run."""
    def stuck(*_args):  # noqa: ANN002
        raise TimeoutError("enplan waited on a special file")

    old = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


# -- what --db may be -------------------------------------------------------------------
@pytest.mark.parametrize(("value", "expected"), [
    ("foo://bar/x", "SQLite files and PostgreSQL servers only"),
    ("mysql://u@secret-host/x", "SQLite files and PostgreSQL servers only"),
    ("postgres://u@secret-host/x", "SQLite files and PostgreSQL servers only"),
    ("sqlite://", "in memory"),
    ("sqlite:///:memory:", "in memory"),
    ("sqlite:////tmp/x.db?mode=ro&uri=true", "with options"),
    ("sqlite://secret-host/x.db", "not a SQLite URL"),
    ("postgresql://u@secret-host:99999999999/x", "not a PostgreSQL URL"),
    ("postgresql://u:pw@secret-host:port/x", "not a PostgreSQL URL"),
    ("", "--db is empty"),
    ("  ", "--db is empty"),
    ("x\x00y", "no file name or URL can hold"),
])
def test_what_enplan_cannot_use_is_refused_in_one_sentence(capsys, tiny, value, expected):
    code, out, err = run_cli(capsys, "import", str(tiny), "--db", value, today_arg())
    assert expected in one_sentence(code, err) and out == ""
    assert "secret-host" not in err  # a URL may hold a password: never repeated
    assert not default_db_path().exists()  # nothing went to the default database instead


def test_an_empty_enplan_db_is_refused_too(capsys, tiny, monkeypatch):
    monkeypatch.setenv("ENPLAN_DB", "")
    code, _out, err = run_cli(capsys, "import", str(tiny), today_arg())
    assert "ENPLAN_DB is empty" in one_sentence(code, err)
    assert not default_db_path().exists()


def test_db_in_config_is_checked_like_the_flag(capsys, tiny):
    from enplan.paths import config_file

    config_file().parent.mkdir(parents=True)
    config_file().write_text('db = "sqlite:///:memory:"\n', encoding="utf-8")
    code, _out, err = run_cli(capsys, "import", str(tiny), today_arg())
    assert "db in config.toml names a database in memory" in one_sentence(code, err)


def test_a_plain_postgresql_url_means_psycopg(capsys):
    assert resolve_db("postgresql://mette@db.example/enplan") == "postgresql+psycopg://mette@db.example/enplan"
    assert resolve_db("postgresql+psycopg://m@h/e") == "postgresql+psycopg://m@h/e"
    code, _out, err = run_cli(capsys, "overdue", "--db", "postgresql://nobody@127.0.0.1:1/enplan", today_arg())
    one_sentence(code, err)  # nothing listens on port 1: refused, not ModuleNotFoundError psycopg2


def test_locate_shows_the_path_and_never_a_password(tmp_path, capsys):
    odd = tmp_path / "a b%20c.db"
    assert run_cli(capsys, "locate", "--db", str(odd))[1].splitlines()[0] == f"database: {odd}"
    out = run_cli(capsys, "locate", "--db", "postgresql://mette:s3cret@db.example/enplan")[1]
    assert out.splitlines()[0] == "database: postgresql+psycopg://mette:***@db.example/enplan"


def test_a_path_with_url_characters_opens_the_file_it_names(tmp_path, capsys, tiny):
    folder = tmp_path / "a ?b#c %20d"
    folder.mkdir()
    code, _out, err = run_cli(capsys, "import", str(tiny), "--db", str(folder / "enplan.db"), today_arg())
    assert code == 0, err
    assert count(folder / "enplan.db", "citizen") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([folder.name, tiny.name])  # no file beside it


# -- files that are not regular files ---------------------------------------------------
@pytest.fixture
def place():
    with short_folder() as folder:
        yield folder


COMMANDS = {
    "overdue": ["overdue", "--json"], "import": ["import", "TINY"], "export": ["export"], "migrate": ["migrate"],
    "backup": ["backup"], "erase": ["erase", "--citizen", UNKNOWN_ID, "--yes"],
    "audit": ["audit", "--citizen", UNKNOWN_ID], "restore": ["restore", "BACKUP"], "locate": ["locate"],
}


@pytest.mark.parametrize("kind", KINDS)
def test_special_files_are_refused_untouched(place, kind, tiny, tmp_path, capsys, no_hang):
    path = special(place, kind)
    backup = tmp_path / "copy.db"
    make_db(backup)
    before = state(place)
    for name, argv in COMMANDS.items():
        argv = [str(tiny) if a == "TINY" else str(backup) if a == "BACKUP" else a for a in argv]
        code, out, err = run_cli(capsys, *argv, "--db", str(path), today_arg())
        message = one_sentence(code, err)
        assert out == "", name
        assert "folder" in message or "regular file" in message or "does not exist" in message, (name, message)
        assert state(place) == before, name


def test_a_device_as_an_export_or_backup_target(place, tmp_path, capsys):
    """Writing an export to a device is fine, but it is never chmod-ed; a backup never replaces it."""
    device = special(place, "device")
    db = tmp_path / "enplan.db"
    make_db(db)
    before = state(place)
    code, _out, err = run_cli(capsys, "export", str(device), "--db", str(db), today_arg())
    assert code == 0, err
    assert "regular file" in one_sentence(*run_cli(capsys, "backup", str(device), "--db", str(db))[::2])
    assert state(place) == before


@pytest.fixture
def dev_null_mode():
    """The machine's /dev/null must keep its mode; put it back even if enplan broke it."""
    before = os.stat("/dev/null").st_mode
    yield before
    if os.stat("/dev/null").st_mode != before:
        os.chmod("/dev/null", stat.S_IMODE(before))
        pytest.fail("enplan changed the mode of /dev/null")


def test_dev_null_is_refused_and_keeps_its_mode(capsys, tiny, dev_null_mode, no_hang):
    for argv in (["overdue", "--json"], ["import", str(tiny)], ["migrate"], ["backup"]):
        code, _out, err = run_cli(capsys, *argv, "--db", "/dev/null", today_arg())
        assert "regular file" in one_sentence(code, err)
    assert os.stat("/dev/null").st_mode == dev_null_mode


# -- read-only databases ----------------------------------------------------------------
@pytest.fixture
def read_only_disk(tmp_path):
    """A database on a read-only bind mount; skipped where mounting is not allowed."""
    writable, mounted = tmp_path / "rw", tmp_path / "ro"
    writable.mkdir()
    mounted.mkdir()
    ids = make_db(writable / "enplan.db")
    for argv in (["mount", "--bind", str(writable), str(mounted)], ["mount", "-o", "remount,bind,ro", str(mounted)]):
        try:
            subprocess.run(argv, check=True, capture_output=True, timeout=30)
        except (OSError, subprocess.SubprocessError) as exc:
            subprocess.run(["umount", str(mounted)], capture_output=True, timeout=30)
            pytest.skip(f"a read-only mount needs root and mount(8) ({exc}); the 0400 case runs as nobody below")
    yield mounted / "enplan.db", ids
    # Lazy: the in-process commands leave their connections to the pool's garbage collection.
    subprocess.run(["umount", "--lazy", str(mounted)], check=True, capture_output=True, timeout=30)


def _reads_work(run, path: Path, citizen: uuid.UUID) -> None:  # noqa: ANN001
    code, out, err = run("overdue", "--json", "--db", str(path), today_arg())
    assert code == 0 and json.loads(out) == [], err
    code, out, err = run("export", "--db", str(path), today_arg())
    assert code == 0 and len(json.loads(out)["citizens"]) == 3, err
    assert err == "enplan: the database is read-only, so this export is not in its audit log.\n"
    code, out, err = run("audit", "--citizen", str(citizen), "--json", "--db", str(path), today_arg())
    assert code == 0 and [e["action"] for e in json.loads(out)] == ["create", "create"], err


def _writes_say_read_only(run, path: Path, tiny: Path, citizen: uuid.UUID) -> None:  # noqa: ANN001
    for argv in (["import", str(tiny)], ["erase", "--citizen", str(citizen), "--yes"], ["migrate"],
                 ["export", "--include-cpr"]):
        code, out, err = run(*argv, "--db", str(path), today_arg())
        assert code == 2 and out == "" and err.count("\n") == 1, (argv, err)
        assert "read-only" in err and "restore" not in err and "damaged" not in err, (argv, err)


def test_read_only_disk(read_only_disk, tiny, capsys):
    path, ids = read_only_disk
    before = (digest(path), sorted(p.name for p in path.parent.iterdir()))
    run = lambda *argv: run_cli(capsys, *argv)  # noqa: E731
    _reads_work(run, path, ids[0])
    _writes_say_read_only(run, path, tiny, ids[0])
    assert (digest(path), sorted(p.name for p in path.parent.iterdir())) == before


@pytest.fixture
def nobody_folder(tmp_path, capsys, tiny):
    """A folder `nobody` may write in, holding a database only `nobody` may read (0400)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to hand a file to the `nobody` user")
    warm = tmp_path / "warm.db"  # the child cannot import from root's folders: load every module first
    make_db(warm)
    for argv in (["overdue", "--json"], ["export"], ["audit", "--citizen", UNKNOWN_ID], ["import", str(tiny)]):
        run_cli(capsys, *argv, "--db", str(warm), today_arg())
    folder = Path(tempfile.mkdtemp(prefix="enplan-nobody-", dir="/tmp"))
    os.chmod(folder, 0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_read_only_file_mode_as_a_normal_user(nobody_folder, tiny):
    path = nobody_folder / "enplan.db"
    ids = make_db(path)
    os.chown(path, NOBODY, NOBODY)
    os.chmod(path, 0o400)
    shutil.copy(tiny, nobody_folder / "tiny.json")
    before = (digest(path), os.stat(path).st_mode, sorted(p.name for p in nobody_folder.iterdir()))
    run = lambda *argv: run_cli_as_nobody(nobody_folder, *argv)  # noqa: E731
    _reads_work(run, path, ids[0])
    _writes_say_read_only(run, path, nobody_folder / "tiny.json", ids[0])
    after = sorted(p.name for p in nobody_folder.iterdir() if p.name not in ("data", "config"))
    assert (digest(path), os.stat(path).st_mode, after) == before


def test_dev_null_as_a_normal_user(nobody_folder, dev_null_mode, capsys):
    run_cli(capsys, "overdue", "--db", "/dev/null", today_arg())  # as root first: loads the modules
    code, _out, err = run_cli_as_nobody(nobody_folder, "overdue", "--db", "/dev/null", today_arg())
    assert code == 2 and "regular file" in err and err.count("\n") == 1, err
    assert os.stat("/dev/null").st_mode == dev_null_mode
