"""Online backups with SQLite's backup API: copy, integrity-check, rename.

A copy is written to a temporary file beside the target, checked with
``PRAGMA integrity_check``, fsynced and only then renamed into place, so a
half-written backup can never be mistaken for a good one. Automatic copies
(before a migration, before an import, first start of the day) rotate: only
the newest ``KEEP`` are kept.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import shutil
import sqlite3
from pathlib import Path

KEEP = 10
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 15


class BackupError(RuntimeError):
    """No backup copy was made; the message says why and what to do (nothing was changed)."""


def disk_full(exc: BaseException, folder: Path, need: int = 0) -> bool:
    """Whether ``exc`` (from sqlite3 or the OS) means the disk under ``folder`` ran out of room."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_FULL") or "disk is full" in str(exc):
        return True
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in str(exc):
        # Some file systems (tmpfs) report a write that found no room as an
        # I/O error; the room that is left tells the two apart.
        try:
            return shutil.disk_usage(folder).free < need + (1 << 20)
        except OSError:
            return False
    return False


def _failed(source: Path, folder: Path, exc: BaseException) -> BackupError:
    if disk_full(exc, folder, _size(source)):
        return BackupError(f"There is no room on the disk for a backup copy of {source.name}, so nothing was "
                           "changed; free some space and try again.")
    reason = getattr(exc, "strerror", None) or str(exc)
    return BackupError(f"The backup copy of {source.name} could not be written ({reason}), so nothing was changed; "
                       "check the disk and the backups folder, then try again.")


def discard(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # the error that brought us here is the one to report


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def connect_checked(path: Path, timeout: float = BUSY_TIMEOUT_S) -> sqlite3.Connection:
    """A connection that never writes (``query_only``) to an existing file.

    Read-write on purpose: a ``mode=ro`` connection leaves empty -wal/-shm
    files beside a WAL database; a read-write one removes them on close."""
    from ..paths import sqlite_uri

    conn = sqlite3.connect(sqlite_uri(path, "mode=rw"), uri=True, timeout=timeout, isolation_level=None)
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
    if target.exists() and not target.is_file():  # never replace a folder, a device (/dev/null) or a pipe
        raise BackupError(f"{target} is not a regular file, so no backup copy was written there; choose a file path.")
    tmp = target.with_name(target.name + ".tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp.unlink(missing_ok=True)
        os.close(os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
        src = connect_checked(source)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)  # one step: a consistent snapshot even while others write
            dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            dst.close()
            src.close()
    except (sqlite3.Error, OSError) as exc:
        discard(tmp)
        raise _failed(source, target.parent, exc) from None
    if not integrity_ok(tmp):
        discard(tmp)
        raise BackupError(f"The backup copy of {source.name} failed its integrity check, so nothing was changed; "
                          "check the disk and try again.")
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
