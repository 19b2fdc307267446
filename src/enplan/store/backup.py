"""Online backups with SQLite's backup API: copy, integrity-check, rename.

A copy is written to a temporary file beside the target, checked with
``PRAGMA integrity_check``, fsynced and only then renamed into place, so a
half-written backup can never be mistaken for a good one.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

KEEP = 10


class BackupError(RuntimeError):
    pass


def integrity_ok(path: Path, quick: bool = False) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            pragma = "quick_check" if quick else "integrity_check"
            return conn.execute(f"PRAGMA {pragma}").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def backup_to(source: Path, target: Path) -> Path:
    """Copy the live database ``source`` to ``target`` safely (0600)."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    os.close(os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=15)
    dst = sqlite3.connect(tmp)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
    finally:
        dst.close()
        src.close()
    if not integrity_ok(tmp):
        tmp.unlink(missing_ok=True)
        raise BackupError(f"The backup copy of {source.name} failed its integrity check.")
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)
    os.chmod(target, 0o600)
    return target


def rotating_backup(source: Path, backup_dir: Path, reason: str, keep: int = KEEP) -> Path:
    """A timestamped backup in ``backup_dir``; only the newest ``keep`` are kept."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_dir / f"{source.stem}-{stamp}-{reason}.db"
    backup_to(source, target)
    copies = sorted(backup_dir.glob(f"{source.stem}-*.db"))
    for old in copies[:-keep]:
        old.unlink(missing_ok=True)
    return target


def has_backup_today(source: Path, backup_dir: Path) -> bool:
    today = dt.datetime.now().strftime("%Y%m%d")
    return any(backup_dir.glob(f"{source.stem}-{today}-*.db"))
