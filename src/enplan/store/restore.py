"""Replace the database with a checked backup copy, keeping the old file aside.

Order matters: the copy is checked, copied to a private temporary file and
checked again before anything happens to the live database; the live file
is only moved aside (never deleted) once nobody else has it open.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from .backup import SQLITE_HEADER, connect_checked, discard, disk_full, fsync_dir, integrity_ok
from .migrate import is_known_revision


class RestoreError(RuntimeError):
    pass


def _check_copy(backup: Path) -> None:
    if not backup.is_file():
        raise RestoreError(f"{backup} does not exist or is not a file; nothing was changed.")
    try:
        with open(backup, "rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise RestoreError(f"{backup} cannot be read ({exc.strerror}); nothing was changed.") from None
    if header != SQLITE_HEADER:
        raise RestoreError(f"{backup} is not a SQLite database; nothing was changed.")
    if not integrity_ok(backup):
        raise RestoreError(f"{backup} fails its integrity check; nothing was changed. Try an older backup.")
    revision = _revision(backup)
    if revision is None:
        raise RestoreError(f"{backup} is not an enplan database; nothing was changed.")
    if not is_known_revision(revision):
        raise RestoreError(f"{backup} was written by a newer version of enplan; install that version to restore "
                           "it (nothing was changed).")


def _revision(path: Path) -> str | None:
    """The copy's schema revision, or None when it is not an enplan database."""
    try:
        conn = connect_checked(path, timeout=2)
        try:
            return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        finally:
            conn.close()
    except (sqlite3.Error, TypeError):
        return None


def _copy(backup: Path, tmp: Path) -> None:
    """A self-contained (journal_mode=DELETE), 0600, fsynced copy of ``backup``."""
    try:
        tmp.unlink(missing_ok=True)
        os.close(os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
        src = connect_checked(backup, timeout=2)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()
    except (sqlite3.Error, OSError) as exc:
        discard(tmp)
        if disk_full(exc, tmp.parent, backup.stat().st_size):
            raise RestoreError(f"There is no room on the disk for the restored copy of {backup.name}, so nothing "
                               "was changed; free some space and try again.") from None
        reason = getattr(exc, "strerror", None) or exc
        raise RestoreError(f"{backup} could not be copied ({reason}); nothing was changed.") from None
    if not integrity_ok(tmp):
        tmp.unlink(missing_ok=True)
        raise RestoreError(f"The copy of {backup} failed its integrity check; nothing was changed.")
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _settle(target: Path) -> None:
    """Fold the live file's WAL into it and make sure nobody has it open.

    Leaving WAL mode needs the only connection to the file, so this doubles
    as the "is enplan still running?" check. A damaged file is simply moved
    aside as it is."""
    try:
        conn = sqlite3.connect(f"file:{target}?mode=rw", uri=True, timeout=1, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise RestoreError(
                f"{target} is in use by another enplan window or program; close it and run the restore again "
                "(nothing was changed).") from None
    except sqlite3.Error:
        pass


def _same_kind(backup: Path, target: Path) -> None:
    """Demo data never replaces real records, nor the reverse (store/demo_mark.py); an empty file takes either."""
    from .quickread import demo_marked, holds_citizens

    if not target.exists() or not holds_citizens(target):
        return
    backup_demo, target_demo = demo_marked(backup), demo_marked(target)
    if backup_demo is None or target_demo is None or backup_demo == target_demo:
        return
    if backup_demo:
        raise RestoreError(f"{backup} holds demo data and {target} real records; a demo is never restored over real "
                           "data (nothing was changed). Use enplan demo for practice.")
    raise RestoreError(f"{backup} holds real records and {target} is a demo; real data is never restored into a demo "
                       "(nothing was changed). Restore it with --db naming a real database file.")


def restore(backup: Path, target: Path) -> Path | None:
    """Check ``backup`` then put a copy in place of ``target``; returns where
    the replaced file was kept (None when there was none)."""
    _check_copy(backup)
    if not target.parent.is_dir():
        raise RestoreError(f"The folder {target.parent} does not exist; nothing was changed.")
    try:
        if target.exists() and os.path.samefile(backup, target):
            raise RestoreError(f"{backup} is the database itself; choose a backup copy.")
    except OSError:
        pass
    _same_kind(backup, target)
    tmp = target.with_name(target.name + ".restoring")
    _copy(backup, tmp)
    kept = None
    try:
        if target.exists():
            _settle(target)
            kept = target.with_name(f"{target.name}.replaced-{dt.datetime.now():%Y%m%d-%H%M%S-%f}")
            os.replace(target, kept)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{target}{suffix}")
                if side.exists():
                    os.replace(side, Path(f"{kept}{suffix}"))
        os.replace(tmp, target)
        fsync_dir(target.parent)
    finally:
        tmp.unlink(missing_ok=True)
    return kept
