"""Writing a file that leaves enplan (an export, a document, a calendar, a
spreadsheet): one sentence when it cannot be written, never half a file.

A file gets a complete 0600 copy or none: written beside it, flushed, then
renamed over it, so a full disk never leaves half a file or destroys the
last one. ``log`` (the audit entry) runs once the copy is complete and
before it is renamed into place, so the log never names a file that did not
get written. A device or pipe (/dev/stdout, a FIFO) is written as it is,
never chmod-ed or replaced. An existing file is replaced only with ``force``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from .domain.errors import Refusal

# Why no file may be written at all in this process, or None: set for a browser tab of `enplan demo --web`
# (web/session.py), whose user is not at this machine and must not write files on it.
WRITES_REFUSED: str | None = None


def check_target(path: Path, *, force: bool) -> Path:
    """The real path to write, or Refusal saying why not (nothing is written)."""
    if WRITES_REFUSED:
        raise Refusal(WRITES_REFUSED)
    try:
        return _checked(path, force=force)
    except OSError as exc:  # e.g. a name longer than the disk allows
        raise Refusal(f"{path} cannot be used as a file name ({exc.strerror or exc}); choose another.") from None


def _checked(path: Path, *, force: bool) -> Path:
    target = Path(os.path.realpath(path))
    folder = target.parent
    if not folder.is_dir():
        raise Refusal(f"The folder {folder} does not exist; create it or choose another file.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise Refusal(f"enplan may not write in {folder}; choose another folder.")
    if target.exists():
        if target.is_dir():
            raise Refusal(f"{path} is a folder; give a file name.")
        if stat.S_ISREG(target.stat().st_mode) and not force:
            raise Refusal(f"{path} already exists; choose another name, or replace it with --force.")
    return target


def write_private(path: Path, data: bytes | str, log: Callable[[], None] = lambda: None, *,
                  force: bool = True) -> Path:
    """Write ``data`` to ``path`` (see the module); the path written."""
    target = check_target(path, force=force)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if target.exists() and not stat.S_ISREG(target.stat().st_mode):
            log()
            with open(target, "wb") as fh:
                fh.write(payload)
            return target
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            log()
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise Refusal(f"Cannot write {path}: {exc.strerror or exc}; nothing was written.") from None
    return target
