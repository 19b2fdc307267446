"""The first caseload, read with the standard library alone.

Importing SQLAlchemy and SQLModel costs about half a second, and checking a
large file (`PRAGMA quick_check`) over a second; a caseworker should see
their caseload before either is done. For a SQLite database already at this
app's schema this module reads the caseload read-only through `sqlite3`,
with the same SQL meaning as `services.caseload` (a test compares the two on
the same data). Anything unusual — another backend, an older or newer
schema, a file that is not a database — returns None and the caller takes
the normal path, which checks, backs up and migrates.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

from ..domain import cti as cti_rules
from ..domain.clock import local_date, local_midnight_utc
from ..domain.enums import Cadence, CitizenStatus, TargetGroup
from ..domain.followups import DUE_SOON_DAYS
from ..domain.rows import CaseloadRow, CaseloadSummary
from .backup import connect_checked

# The Alembic head this module's SQL was written for; a test keeps it equal
# to the real head (reading it from Alembic would cost the import we avoid).
SCHEMA_REVISION = "0010"


class _Phase(NamedTuple):
    phase: int
    actual_start: dt.date | None
    actual_end: dt.date | None
    cadence: Cadence


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _stamp(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone.utc) if text else None


def _sql_stamp(value: dt.datetime) -> str:
    """SQLAlchemy's storage form for UTC timestamps on SQLite."""
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


def caseload_view(path: Path, caseworker: str | None, today: dt.date) -> tuple[list[CaseloadRow], CaseloadSummary] | None:
    """Rows and sums like ``Services.caseload_view``, or None to take the normal path."""
    try:
        with open(path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return None
        conn = connect_checked(path, timeout=5)  # never writes, leaves no -wal/-shm behind
    except (OSError, sqlite3.Error):
        return None
    try:
        if conn.execute("SELECT version_num FROM alembic_version").fetchall() != [(SCHEMA_REVISION,)]:
            return None
        return _read(conn, caseworker, today)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def demo_marked(path: Path) -> bool | None:
    """Whether a SQLite file holds the demo mark (store/demo_mark.py), read as quickly as the first
    caseload is; None when it cannot say (no such table yet, not a database) and the normal path decides."""
    try:
        conn = connect_checked(path, timeout=5)
    except (OSError, sqlite3.Error):
        return None
    try:
        return conn.execute("SELECT count(*) FROM demo_mark").fetchone()[0] > 0
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def holds_citizens(path: Path) -> bool:
    """Whether a SQLite file holds any citizen (an unreadable file counts as holding some: the caller is careful)."""
    try:
        conn = connect_checked(path, timeout=5)
    except (OSError, sqlite3.Error):
        return True
    try:
        return conn.execute("SELECT 1 FROM citizen LIMIT 1").fetchone() is not None
    except sqlite3.Error:
        return True
    finally:
        conn.close()


def _read(conn: sqlite3.Connection, caseworker: str | None, today: dt.date):  # noqa: ANN202
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    where = "deleted_at IS NULL AND status = 'active'" + (" AND caseworker = :cw" if caseworker else "")
    ids = f"SELECT id FROM citizen WHERE {where}"
    params = {"cw": caseworker, "today": today.isoformat(), "soon": soon.isoformat(),
              "end": _sql_stamp(local_midnight_utc(today + dt.timedelta(days=1)))}
    conn.execute("BEGIN")  # one snapshot for every statement below
    citizens = conn.execute(f"SELECT id, name, target_group, status FROM citizen WHERE {where} ORDER BY name_key, id",
                            params).fetchall()
    fu = {r[0]: r[1:] for r in conn.execute(
        f"""SELECT citizen_id, MIN(due_on), SUM(due_on < :today), SUM(due_on BETWEEN :today AND :soon)
            FROM follow_up WHERE citizen_id IN ({ids}) AND done_on IS NULL AND deleted_at IS NULL
            GROUP BY citizen_id""", params)}
    met = dict(conn.execute(
        f"""SELECT citizen_id, MAX(starts_at) FROM meeting
            WHERE citizen_id IN ({ids}) AND deleted_at IS NULL AND outcome = 'held' AND starts_at < :end
            GROUP BY citizen_id""", params).fetchall())
    courses = f"SELECT id FROM cti_course WHERE citizen_id IN ({ids}) AND ended_on IS NULL AND deleted_at IS NULL"
    course_of = dict(conn.execute(
        f"SELECT citizen_id, id FROM cti_course WHERE id IN ({courses})", params).fetchall())
    phases = defaultdict(list)
    for course_id, phase, start, end, cadence in conn.execute(
            f"""SELECT course_id, phase, actual_start, actual_end, cadence FROM cti_phase
                WHERE course_id IN ({courses}) AND deleted_at IS NULL""", params):
        phases[course_id].append(_Phase(phase, _day(start), _day(end), Cadence(cadence)))
    last = dict(conn.execute(
        f"""SELECT course_id, MAX(held_on) FROM cti_checkin WHERE course_id IN ({courses})
            AND deleted_at IS NULL AND held_on <= :today GROUP BY course_id""", params).fetchall())
    conn.execute("COMMIT")
    rows = []
    overdue_fu = cti_overdue = due_week = 0
    for cid, name, group, status in citizens:
        first_due, n_overdue, n_soon = fu.get(cid, (None, 0, 0))
        first_due = _day(first_due)
        course = course_of.get(cid)
        running = cti_rules.current_phase(phases[course]) if course else None
        last_checkin = _day(last.get(course)) if course else None
        cti_due = cti_rules.contact_due(phases[course], last_checkin) if course else None
        late_cti = bool(cti_due and cti_due < today)
        overdue_fu += n_overdue or 0
        cti_overdue += late_cti
        due_week += (n_soon or 0) + bool(cti_due and today <= cti_due <= soon)
        rows.append(CaseloadRow(
            citizen_id=uuid.UUID(hex=cid), name=name, target_group=TargetGroup(group), status=CitizenStatus(status),
            cti_phase=running.phase if running else None,
            last_contact=max(filter(None, (local_date(_stamp(met.get(cid))), last_checkin)), default=None),
            next_due=min(filter(None, (first_due, cti_due)), default=None),
            overdue_count=(n_overdue or 0) + late_cti, cti_overdue=late_cti,
        ))
    return rows, CaseloadSummary(len(rows), overdue_fu, cti_overdue, due_week)
