"""Small helpers shared by the data-safety tests."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import socket
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ACTOR, TODAY

CPR = "0101901234"  # a valid-date test CPR: must never leak outside the explicit reveal
CPR_DASHED = "010190-1234"
NAME = "Zygmunt Quellenberg"  # distinctive, so a raw-byte search cannot hit by chance


def make_db(path: Path, citizens: int = 3) -> list:
    """A real, migrated enplan database with a few citizens; closed again."""
    from enplan.domain.enums import TargetGroup
    from enplan.services import CitizenInput, Services
    from enplan.store.opening import open_database

    db = open_database(f"sqlite:///{path}", daily_backup=False)
    try:
        services = Services(db, today=TODAY, actor=ACTOR)
        return [services.create_citizen(CitizenInput(name=f"Citizen {i}", target_group=TargetGroup.JOBPARAT))
                for i in range(citizens)]
    finally:
        db.dispose()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir() if p.name.startswith(path.name + "-")}


def snapshot(path: Path) -> tuple:
    """Everything that must not change when enplan refuses a file."""
    listing = sorted(p.name for p in path.parent.iterdir())
    return digest(path), path.stat().st_mode, listing


def count(path: Path, table: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - test tables only
    finally:
        conn.close()


def mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """Run enplan's CLI in this process; (exit code, stdout, stderr)."""
    from enplan.cli import main

    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def today_arg() -> str:
    return f"--today={TODAY.isoformat()}"


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.timezone.utc)


NOBODY = 65534  # uid and gid of `nobody`: root ignores file modes, so mode tests drop to this user


def run_as_nobody(func: Callable[[], str]) -> str:
    """What ``func()`` returns when run in a forked child as the `nobody` user
    (its traceback if it raises). The child cannot import modules from root's
    folders: import (or run once as root) what ``func`` needs first."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: drop to nobody, run, report, never return into pytest
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            os.write(write, func().encode("utf-8", "replace"))
        except BaseException:  # noqa: BLE001 - report, never run on in the child
            import traceback

            os.write(write, traceback.format_exc().encode())
        finally:
            os._exit(0)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode()


@contextmanager
def nobody_home(db_file: Path) -> Iterator[tuple[Path, Path, Path]]:
    """(home, theirs, db) for a command run as `nobody`: a folder `nobody` can reach
    (tmp_path is root's), holding a copy of ``db_file`` `nobody` may write and a
    folder ``theirs`` (root's) `nobody` may not write in. Skips unless root."""
    import shutil
    import tempfile

    import pytest

    if os.geteuid() != 0:
        pytest.skip("needs root to run the command as `nobody`")
    home = Path(tempfile.mkdtemp(prefix="enplan-nobody-", dir="/tmp"))
    try:
        os.chmod(home, 0o777)
        theirs = home / "theirs"
        theirs.mkdir(mode=0o755)
        db = home / "enplan.db"
        # SQLite's backup API: the copy holds what is still in the -wal file too
        # (a copy of the main file alone can be a schema behind, which then asks to migrate).
        source, target = sqlite3.connect(db_file), sqlite3.connect(db)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        os.chmod(db, 0o666)
        yield home, theirs, db
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run_cli_as_nobody(folder: Path, *argv: str) -> tuple[int, str, str]:
    """Like run_cli, as `nobody`, with enplan's data and config folders in ``folder``."""
    import io
    import json
    import sys

    def cli() -> str:
        from enplan.cli import main

        os.environ["ENPLAN_DATA_DIR"] = str(folder / "data")
        os.environ["ENPLAN_CONFIG_DIR"] = str(folder / "config")
        sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
        code = main(list(argv))
        return json.dumps([code, sys.stdout.getvalue(), sys.stderr.getvalue()])

    # `nobody` may not read the checkout (a clean clone in a 0700 temporary folder):
    # every module and data file a command may need is loaded here, before the fork.
    import importlib
    import pkgutil

    import enplan

    def load(package) -> None:  # noqa: ANN001 - every module but the app's and the migrations
        for found in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            if found.name.startswith(("enplan.ui", "enplan.store.migrations", "enplan.__main__")):
                continue
            module = importlib.import_module(found.name)
            if found.ispkg:
                load(module)

    load(enplan)
    from enplan.domain.calendar_table import _table
    from enplan.domain.rules.loading import shipped_book
    from enplan.store import migrate

    _table()  # the working-day table
    shipped_book()  # the rule sets
    migrate.head_revision()  # the migration scripts, read once (they are files in the checkout too)
    text = run_as_nobody(cli)
    try:
        code, out, err = json.loads(text)
    except ValueError:
        raise AssertionError(f"the child failed:\n{text}") from None
    return code, out, err


# -- paths that are not regular files (tests of --db) ------------------------------------
KINDS = ["device", "fifo", "socket", "folder", "link to device", "link to fifo", "link to socket",
         "link to folder", "dangling link"]


def special(place: Path, kind: str) -> Path:
    """A path of ``kind``; the device is a private copy of /dev/null, so a bug cannot break the machine's own."""
    target = place / kind.removeprefix("link to ").replace(" ", "-")
    if kind.endswith("device"):
        os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    elif kind.endswith("fifo"):
        os.mkfifo(target, 0o666)
    elif kind.endswith("socket"):
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(target))
        sock.close()  # the socket file stays
    elif kind.endswith("folder"):
        target.mkdir()
    if not kind.startswith(("link", "dangling")):
        return target
    link = place / f"link-{kind.replace(' ', '-')}"
    link.symlink_to(place / "nothing-here" if kind == "dangling link" else target)
    return link


@contextmanager
def short_folder() -> Iterator[Path]:
    """A private folder with a short path (a unix socket's must fit in 108 bytes), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="enplan-", dir="/tmp"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def state(place: Path) -> dict:
    """Every name in ``place`` with its type, mode, owner, inode and size: what must not change."""
    return {p.name: (s.st_mode, s.st_uid, s.st_ino, s.st_size if stat.S_ISREG(s.st_mode) else 0)
            for p in place.iterdir() for s in [os.lstat(p)]}
