"""Online backups with SQLite's backup API: copy, integrity-check, rename.

A copy is written to a temporary file beside the target, checked with
``PRAGMA integrity_check``, fsynced and only then renamed into place, so a
half-written backup can never be mistaken for a good one. Automatic copies
(before a migration, before an import, first start of the day) rotate: only
the newest ``KEEP`` are kept.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

KEEP = 10
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 15


class BackupError(RuntimeError):
    pass


def connect_checked(path: Path, timeout: float = BUSY_TIMEOUT_S) -> sqlite3.Connection:
    """A connection that never writes (``query_only``) to an existing file.

    Read-write on purpose: a ``mode=ro`` connection leaves empty -wal/-shm
    files beside a WAL database; a read-write one removes them on close."""
    conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=timeout, isolation_level=None)
    conn.execute("PRAGMA query_only=ON")
    return conn


def integrity_ok(path: Path, quick: bool = False) -> bool:
    try:
        conn = connect_checked(path, timeout=2)
        try:
            pragma = "quick_check" if quick else "integrity_check"
            return [row[0] for row in conn.execute(f"PRAGMA {pragma}(5)")] == ["ok"]
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op where folders cannot be fsynced)."""
    try:
        _fsync(folder)
    except OSError:
        pass


def backup_to(source: Path, target: Path) -> Path:
    """Copy the live database ``source`` to ``target`` safely (0600)."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    os.close(os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    try:
        src = connect_checked(source)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)  # one step: a consistent snapshot even while others write
            dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            dst.close()
            src.close()
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"The backup of {source.name} could not be written ({exc}).") from None
    if not integrity_ok(tmp):
        tmp.unlink(missing_ok=True)
        raise BackupError(f"The backup copy of {source.name} failed its integrity check.")
    _fsync(tmp)
    os.replace(tmp, target)
    os.chmod(target, 0o600)
    fsync_dir(target.parent)
    return target


def _pattern(source: Path) -> re.Pattern[str]:
    return re.compile(re.escape(source.stem) + r"-(\d{8})-\d{6}-\d{6}-[a-z]+\.db")


def list_backups(source: Path, backup_dir: Path) -> list[Path]:
    """The rotating backups of ``source``, oldest first."""
    if not backup_dir.is_dir():
        return []
    pattern = _pattern(source)
    return sorted(p for p in backup_dir.iterdir() if pattern.fullmatch(p.name))


def rotating_backup(source: Path, backup_dir: Path, reason: str, keep: int = KEEP) -> Path:
    """A timestamped backup in ``backup_dir``; only the newest ``keep`` are kept."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"{source.stem}-{stamp}-{reason}.db"
    backup_to(source, target)
    for old in list_backups(source, backup_dir)[:-keep]:
        old.unlink(missing_ok=True)
    return target


def has_backup_today(source: Path, backup_dir: Path) -> bool:
    today = dt.datetime.now().strftime("%Y%m%d")
    pattern = _pattern(source)
    return any(pattern.fullmatch(p.name).group(1) == today for p in list_backups(source, backup_dir))
