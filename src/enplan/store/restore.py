"""Replace the database with a checked backup copy, keeping the old file aside."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from .backup import integrity_ok


class RestoreError(RuntimeError):
    pass


def restore(backup: Path, target: Path) -> Path | None:
    """Check ``backup`` then put a copy in place of ``target``; returns where
    the replaced file was kept (None when there was none)."""
    if not backup.is_file():
        raise RestoreError(f"{backup} does not exist or is not a file.")
    with open(backup, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise RestoreError(f"{backup} is not a SQLite database; nothing was changed.")
    if not integrity_ok(backup):
        raise RestoreError(f"{backup} fails its integrity check; nothing was changed. Try an older backup.")
    if not target.parent.exists():
        raise RestoreError(f"The folder {target.parent} does not exist.")
    tmp = target.with_name(target.name + ".restoring")
    shutil.copyfile(backup, tmp)
    os.chmod(tmp, 0o600)
    kept = None
    if target.exists():
        kept = target.with_name(f"{target.name}.replaced-{dt.datetime.now():%Y%m%d-%H%M%S}")
        os.replace(target, kept)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{target}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{kept}{suffix}"))
    os.replace(tmp, target)
    return kept
