"""Small helpers shared by the data-safety tests."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
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
