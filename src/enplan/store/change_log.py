"""What sync needs to know about every write, recorded by the write itself.

Two roles, each installed on a Database's write sessions (never globally):

* **laptop** (``record_outbox``): after each flush, every record created or
  changed becomes a ``sync_outbox`` row in the same transaction: a create
  with the whole row, an update with each changed field's old and new value
  and the server version the laptop started from. Audit entries of reading
  (views, CPR reveals, exports) go along too; the server writes its own
  entries for the changes it applies.
* **server**: each commit that wrote records moves ``sync_clock`` on by one
  and stamps the rows with the new number. The server does it itself, at the
  commit (a deferred trigger, migration 0009), so the clock row is locked
  only for the commit's last moments, and commits get their numbers in the
  order they become visible: a laptop that has pulled up to N has seen every
  commit numbered N or less (no gaps, unlike sequences or timestamps).

Writes made by sync itself (a pull, a setup: ``Database.write(sync_apply=True)``)
are not recorded again.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..domain.sync import NOT_SYNCED
from . import tables as t
from .engine import SYNC_APPLYING, Database, is_sqlite
from .sync_tables import SyncConflict, SyncLaptop, SyncOutbox
from .types import jsonable, utcnow

DATA_ACTIONS = frozenset({"create", "update", "delete", "restore"})  # the server logs these itself

SYNCED: dict[str, type[t.Record]] = {
    table.__tablename__: table for table in (*t.ENTITY_TABLES.values(), SyncConflict)}


def row_json(row: t.Record) -> dict[str, Any]:
    """Every synced field of a row, JSON-plain."""
    return {key: jsonable(getattr(row, key)) for key in type(row).model_fields
            if key not in ("server_seq", "name_key")}


# -- which citizen a record belongs to -------------------------------------------------------
_PARENT: dict[type, tuple[str, type]] = {
    t.Goal: ("plan_id", t.Plan), t.PlanAction: ("goal_id", t.Goal), t.MeetingGoalNote: ("meeting_id", t.Meeting),
    t.CtiPhase: ("course_id", t.CtiCourse), t.CtiCheckin: ("course_id", t.CtiCourse),
    t.EmployerFollowUp: ("placement_id", t.Placement),
}


def citizen_of(conn: sa.Connection | Session, table: type, values: dict[str, Any]) -> uuid.UUID | None:
    """The citizen a record belongs to (None for employers and their own notes)."""
    if table is t.Citizen:
        return _uuid(values.get("id"))
    # An employer follow-up may name its citizen itself; otherwise its placement does.
    while "citizen_id" not in table.model_fields or (values.get("citizen_id") is None and table in _PARENT):
        if table not in _PARENT:
            return None
        field, parent = _PARENT[table]
        parent_id = _uuid(values.get(field))
        if parent_id is None:
            return None
        column = "citizen_id" if "citizen_id" in parent.model_fields else _PARENT[parent][0]
        found = conn.execute(sa.select(getattr(parent, column)).where(parent.id == parent_id)).first()
        if found is None:
            return None
        table, values = parent, {column: found[0]}
    return _uuid(values.get("citizen_id"))


def _uuid(value: Any) -> uuid.UUID | None:  # noqa: ANN401
    if value is None or isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def take_role(db: Database) -> None:
    """Once the schema is current: a laptop records each write as a change
    waiting to be sent (a team server numbers its commits itself)."""
    if not is_sqlite(db.engine):
        return
    with db.read() as session:
        db.laptop = session.get(SyncLaptop, 1)
    if db.laptop is not None:
        record_outbox(db._write)


# -- laptop: the outbox --------------------------------------------------------------------
def record_outbox(sessions: Any) -> None:  # noqa: ANN401 - a sessionmaker
    event.listen(sessions, "after_flush", _after_flush_laptop)


def _after_flush_laptop(session: Session, _context: Any) -> None:  # noqa: ANN401
    if session.info.get(SYNC_APPLYING):
        return
    conn = session.connection()
    now = utcnow()
    rows = []
    for obj in session.new:
        if type(obj).__tablename__ in SYNCED:
            rows.append(_event(conn, obj, "create", row_json(obj), 0, now))
        elif isinstance(obj, t.AuditEvent) and obj.action not in DATA_ACTIONS:
            rows.append(_audit_event(obj, now))
    for obj in session.dirty:
        if type(obj).__tablename__ not in SYNCED or not session.is_modified(obj, include_collections=False):
            continue
        changes, old_version = _field_changes(obj)
        if changes:
            rows.append(_event(conn, obj, "update", changes, _base_version(conn, obj.id, old_version), now))
    if rows:
        conn.execute(sa.insert(SyncOutbox), rows)


def _event(conn: sa.Connection, obj: t.Record, op: str, payload: dict, base_version: int,
           now: dt.datetime) -> dict[str, Any]:
    table = type(obj)
    return {"event_id": uuid.uuid4(), "entity": table.__tablename__, "entity_id": obj.id,
            "citizen_id": citizen_of(conn, table, {k: getattr(obj, k, None) for k in table.model_fields}),
            "op": op, "payload": payload, "base_version": base_version, "author": obj.updated_by or "",
            "recorded_at": now, "state": "waiting", "reason": ""}


def _audit_event(obj: t.AuditEvent, now: dt.datetime) -> dict[str, Any]:
    payload = {key: jsonable(getattr(obj, key)) for key in t.AuditEvent.model_fields}
    return {"event_id": uuid.uuid4(), "entity": "audit_event", "entity_id": obj.id, "citizen_id": obj.citizen_id,
            "op": "audit", "payload": payload, "base_version": 0, "author": obj.actor, "recorded_at": now,
            "state": "waiting", "reason": ""}


def _field_changes(obj: t.Record) -> tuple[dict[str, list[Any]], int]:
    state = sa.inspect(obj)
    changes: dict[str, list[Any]] = {}
    old_version = obj.version
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else (history.unchanged[0] if history.unchanged else None)
        new = history.added[0] if history.added else None
        if attr.key == "version":
            old_version = old if isinstance(old, int) else old_version
        if attr.key in NOT_SYNCED:
            continue
        if jsonable(old) != jsonable(new):
            changes[attr.key] = [jsonable(old), jsonable(new)]
    return changes, old_version


def _base_version(conn: sa.Connection, entity_id: uuid.UUID, old_version: int) -> int:
    """The server version this laptop's edits of the record started from: the
    version before the first change not yet sent, or the one before this one."""
    earlier = conn.execute(
        sa.select(SyncOutbox.base_version).where(SyncOutbox.entity_id == entity_id,
                                                 SyncOutbox.state.in_(("waiting", "quarantined")))
        .order_by(SyncOutbox.seq).limit(1)).scalar_one_or_none()
    return earlier if earlier is not None else old_version
