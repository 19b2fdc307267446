"""Drafts of forms, kept on disk so typed text survives closing the app.

One JSON file per form key (e.g. ``meeting:<citizen id>``) in the private
data folder, written atomically with mode 0600. Values are whatever the form
holds (strings, booleans, lists of dicts); the form decides what they mean.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .paths import drafts_dir, ensure_private_dir


def _file(key: str, folder: Path | None = None) -> Path:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return (folder or drafts_dir()) / f"{digest}.json"


def save_draft(key: str, values: dict[str, Any], folder: Path | None = None) -> Path:
    target = _file(key, folder)
    ensure_private_dir(target.parent)
    payload = {"key": key, "saved_at": dt.datetime.now(dt.timezone.utc).isoformat(), "values": values}
    tmp = target.with_suffix(".tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return target


def load_draft(key: str, folder: Path | None = None) -> dict[str, Any] | None:
    """The saved values, or None when there is no (readable) draft."""
    path = _file(key, folder)
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("key") != key or not isinstance(payload.get("values"), dict):
        return None
    return payload["values"]


def discard_draft(key: str, folder: Path | None = None) -> None:
    _file(key, folder).unlink(missing_ok=True)


def has_draft(key: str, folder: Path | None = None) -> bool:
    return _file(key, folder).exists()
