"""The demo database: built from sample_data/ with every date moved so the
caseload is always current (overdue, due today and upcoming items).

It lives in its own file, never the real database, and is rebuilt when it
was built for another day or when asked (--reset). ``--as NAME`` gives each
trainee a copy of their own, so practice on one machine stays apart.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from importlib import resources
from pathlib import Path

from .paths import demo_db_path, ensure_private_dir

DEMO_CASEWORKER = "mette"
MAX_NAME = 40
BAD_NAME = ("A demo name is 1 to 40 letters, digits, - or _ (no spaces, dots, slashes or control characters), "
            "e.g. --as anna.")


def demo_name(text: str) -> str:
    """A trainee's name for their own demo copy, as it goes into the file name: letters
    (æ, ø, å too), digits, - and _, case-folded so "Anna" and "anna" are one copy.
    Anything that could leave the demo folder or disturb a terminal is refused."""
    name = unicodedata.normalize("NFC", text.strip()).casefold()
    if not 1 <= len(name) <= MAX_NAME or not all(c.isalnum() or c in "-_" for c in name) or not name[0].isalnum():
        raise ValueError(BAD_NAME)
    return name


def sample_document() -> dict:
    text = resources.files("enplan.sample_data").joinpath("caseload.json").read_text(encoding="utf-8")
    return json.loads(text)


def shift_document(doc: dict, today: dt.date) -> dict:
    """Move every date and timestamp by (today - the document's anchor date)."""
    anchor = dt.date.fromisoformat(doc["anchor_date"])
    delta = today - anchor
    out = {k: v for k, v in doc.items() if k != "anchor_date"}
    for name, items in out.items():
        if not isinstance(items, list):
            continue
        out[name] = [{k: _shift(v, delta) if k not in ("id",) else v for k, v in obj.items()} for obj in items]
    return out


def _shift(value: object, delta: dt.timedelta) -> object:
    if not isinstance(value, str) or len(value) < 10:
        return value
    try:
        if len(value) == 10:
            return (dt.date.fromisoformat(value) + delta).isoformat()
        stamp = dt.datetime.fromisoformat(value)
        if stamp.tzinfo is None:
            return value
        return (stamp + delta).isoformat()
    except ValueError:
        return value


def _stamp_file(path: Path) -> Path:
    return path.with_suffix(".built")


def prepare_demo(today: dt.date, *, reset: bool = False, path: Path | None = None) -> Path:
    """Build the demo database for ``today`` unless it is already current."""
    from .services import Services
    from .store import exchange
    from .store.opening import open_database

    path = path or demo_db_path()
    stamp = _stamp_file(path)
    if not reset and path.exists() and stamp.exists() and stamp.read_text().strip() == today.isoformat():
        return path
    ensure_private_dir(path.parent)
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), stamp):
        p.unlink(missing_ok=True)
    db = open_database(f"sqlite:///{path}", daily_backup=False)
    try:
        rows = exchange.validate_document(shift_document(sample_document(), today), today)
        services = Services(db, today=today, actor=DEMO_CASEWORKER)
        with db.write() as session:
            exchange.import_rows(session, rows)
            services._audit(session, "import", None, citizen_id=None, entity="database",
                            changes={"source": "demo sample data"})
    finally:
        db.dispose()
    stamp.write_text(today.isoformat())
    return path
