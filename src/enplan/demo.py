"""The demo database: built from sample_data/ with every date moved so the
caseload is always current (overdue, due today and upcoming items).

It lives in its own file, never the real database, and is rebuilt when it
was built for another day or when asked (--reset). ``--as NAME`` gives each
trainee a copy of their own, so practice on one machine stays apart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
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


def _sidecars(path: Path) -> tuple[Path, Path]:
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def prepare_demo(today: dt.date, *, reset: bool = False, path: Path | None = None) -> Path:
    """Build the demo database for ``today`` unless it is already current."""
    path = path or demo_db_path()
    stamp = _stamp_file(path)
    if not reset and path.exists() and stamp.exists() and stamp.read_text().strip() == today.isoformat():
        return path
    install_demo(build_demo(today, path), path, today)
    return path


def build_demo(today: dt.date, path: Path) -> Path:
    """A fresh demo database for ``today`` in a new file beside ``path``
    (which is not touched, and may be open meanwhile); install_demo puts it
    in place. It is a copy of the day's template in the same folder, built
    first when there is none (the only slow part: about 0.6 s)."""
    folder = ensure_private_dir(path.parent)
    target = path.with_name(path.name + ".new")
    for p in (target, *_sidecars(target)):
        p.unlink(missing_ok=True)
    try:
        template = _template(today, folder)
        with open(template, "rb") as source, os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600),
                                                        "wb") as copy:
            shutil.copyfileobj(source, copy)
            copy.flush()
            os.fsync(copy.fileno())
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


TEMPLATE = ".demo-template-"


def _template(today: dt.date, folder: Path) -> Path:
    """The demo for ``today``, built once a day (and again when enplan's sample or schema changed): every
    trainee's copy and every start-again is a copy of it. Written under another name and renamed, so a
    copy never reads half of one; older templates are removed."""
    from .store.migrate import head_revision

    sample = resources.files("enplan.sample_data").joinpath("caseload.json").read_bytes()
    key = hashlib.sha256(sample + head_revision().encode()).hexdigest()[:12]
    path = folder / f"{TEMPLATE}{today.isoformat()}-{key}.db"
    if path.exists():
        return path
    _build_into(path.with_name(f"{path.name}.{os.getpid()}.building"), today, path)
    for old in folder.glob(f"{TEMPLATE}*.db"):
        if old != path:
            old.unlink(missing_ok=True)
    return path


def _build_into(target: Path, today: dt.date, final: Path) -> None:
    """The demo database for ``today`` built in ``target``, then renamed to ``final``. Marked as demo data
    in the transaction that fills it."""
    from .paths import sqlite_url
    from .services import Services
    from .store import demo_mark, exchange
    from .store.opening import open_database

    for p in (target, *_sidecars(target)):
        p.unlink(missing_ok=True)
    try:
        db = open_database(sqlite_url(target), daily_backup=False)
        try:
            rows = exchange.validate_document(shift_document(sample_document(), today), today)
            services = Services(db, today=today, actor=DEMO_CASEWORKER)
            with db.write() as session:
                exchange.import_rows(session, rows)
                demo_mark.mark_demo(session.connection())
                services._audit(session, "import", None, citizen_id=None, entity="database",
                                changes={"source": demo_mark.SOURCE})
        finally:
            db.dispose()  # the last connection folds the WAL into the file and removes it …
        if any(p.exists() for p in _sidecars(target)):  # … and if it could not, this does
            conn = sqlite3.connect(target)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        os.replace(target, final)
    except BaseException:
        for p in (target, *_sidecars(target)):
            p.unlink(missing_ok=True)
        raise


def install_demo(built: Path, path: Path, today: dt.date) -> None:
    """Put a built demo database in place of ``path`` in one rename. Nothing
    may have ``path`` open: its -wal and -shm go first (a new file must never
    meet the old one's WAL)."""
    stamp = _stamp_file(path)
    stamp.unlink(missing_ok=True)
    for p in _sidecars(path):
        p.unlink(missing_ok=True)
    os.replace(built, path)
    stamp.write_text(today.isoformat())
