"""Open a database safely: check it, back it up, migrate it, or refuse with
one clear sentence and leave the file exactly as it was."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlalchemy as sa

from ..paths import backup_dir_for, ensure_private_dir, sqlite_path
from . import backup, migrate
from .engine import Database

RESTORE_HINT = "run `enplan restore BACKUP` with one of the copies in {dir}"


class DatabaseOpenError(RuntimeError):
    """The database cannot be opened; the message says what to do."""


def _check_sqlite_file(path: Path) -> None:
    """Read-only checks before SQLite or Alembic may write anything."""
    hint = RESTORE_HINT.format(dir=backup_dir_for(path))
    if not path.parent.exists():
        raise DatabaseOpenError(f"The folder {path.parent} does not exist; create it or choose another --db path.")
    if path.is_dir():
        raise DatabaseOpenError(f"{path} is a folder, not a database file; choose a file path with --db.")
    if not path.exists():
        return
    if not os.access(path, os.R_OK) or not os.access(path, os.W_OK):
        raise DatabaseOpenError(f"enplan may not read and write {path}; fix its permissions (chmod 600) or {hint}.")
    if path.stat().st_size == 0:
        return
    with open(path, "rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise DatabaseOpenError(f"{path} is not an enplan database (not a SQLite file); check --db or {hint}.")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseOpenError(
                f"{path} is locked by another program; close other enplan windows or stuck processes and try again."
            ) from None
        raise DatabaseOpenError(f"{path} cannot be read ({exc}); {hint}.") from None
    except sqlite3.DatabaseError:
        raise DatabaseOpenError(f"{path} is damaged and cannot be opened; {hint}.") from None
    if result != "ok":
        raise DatabaseOpenError(f"{path} is damaged (the integrity check failed); {hint}.")


def open_database(url: str, *, migrate_now: bool = True, daily_backup: bool = True) -> Database:
    """Check, back up, migrate and return a ready Database."""
    path = sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path)
        if not path.exists() or path.stat().st_size == 0:
            ensure_private_dir(path.parent)
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)  # SQLite's -wal/-shm inherit this mode
            os.close(fd)
            os.chmod(path, 0o600)
    db = Database(url)
    try:
        behind = migrate.needs_upgrade(db.engine)
    except migrate.NewerDatabaseError as exc:
        db.dispose()
        raise DatabaseOpenError(f"{exc} ({path or 'server database'})") from None
    except sa.exc.OperationalError as exc:
        db.dispose()
        raise DatabaseOpenError(f"Cannot connect to the database: {_first_line(exc)}") from None
    fresh = migrate.current_revision(db.engine) is None
    if path is not None and not fresh and (behind or (daily_backup and not backup.has_backup_today(path, backup_dir_for(path)))):
        backup.rotating_backup(path, ensure_private_dir(backup_dir_for(path)), "migration" if behind else "daily")
    if behind:
        if not migrate_now:
            db.dispose()
            raise DatabaseOpenError("The database needs an upgrade; run `enplan migrate` first.")
        migrate.upgrade(db.engine)
    db.fix_modes()
    return db


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", exc)) or exc.__class__.__name__
    return text.strip().splitlines()[0]
