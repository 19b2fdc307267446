"""The server's side of a push: a laptop's changes applied in one server
transaction (run by the laptop, with the caseworker's own login).

Each change gets one outcome, kept in ``sync_event`` under the change's id,
so the same change sent again (the answer was lost, the laptop was killed)
is answered with the first outcome and never applied twice:

* ``applied``: as sent (fields nobody else touched, new records);
* ``conflict``: the server kept its value where someone changed the same
  field differently, or the record was deleted on one side and edited on
  the other; a ``sync_conflict`` row keeps every value for a person to choose;
* ``reassigned``: the citizen now belongs to another caseworker: nothing is
  applied, the change reaches the new owner as a conflict to review, and
  the laptop drops its copy;
* ``erased``: the citizen was erased (GDPR); the change is dropped;
* ``rejected``: the server cannot take it (invalid, refers to a record it
  does not have); the laptop keeps it in quarantine with this reason.

Changes of one laptop are applied in its order (``device_seq``); one that
arrives before its predecessor waits (``held``) until that one comes. Each
change runs in a savepoint, so one that fails leaves the others applied.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ...domain.phrases import N_, Phrase
from ...domain.sync import NOT_SYNCED, merge_fields
from ...failures import LEADER_READS
from ...store import exchange
from ...store import tables as t
from ...store.change_log import SYNCED, row_json
from ...store.leader_guard import MARK as LEADER_MARK
from ...store.sync_tables import SyncConflict, SyncDevice, SyncEvent
from ...store.types import jsonable, utcnow
from ..base import _held
from .errors import COPIED_LAPTOP, SyncRefusal

SECRET = frozenset({"cpr"})  # logged as "(hidden)", as the services do
AUDIT, EVENTS = "enplan_sync_audit", "enplan_sync_events"  # session.info: rows to insert at the batch's end


@dataclass(frozen=True)
class Change:
    """One outbox row as the server receives it."""

    event_id: uuid.UUID
    seq: int
    entity: str
    entity_id: uuid.UUID
    citizen_id: uuid.UUID | None
    op: str
    payload: dict[str, Any]
    base_version: int
    author: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class Outcome:
    event_id: uuid.UUID
    outcome: str
    reason: str = ""


class Rejected(Exception):
    """The server cannot take this change; the message says why, for the quarantine."""


def apply_batch(session: Session, device_id: uuid.UUID, caseworker: str, changes: list[Change],
                today: dt.date) -> list[Outcome]:
    """Apply a laptop's batch; one outcome per change, in order.

    The rows the batch touches are read and locked up front (citizens first,
    then records by table and id: the order every save takes its locks in),
    and the batch is written with one flush. Should the database refuse the
    batch (a change breaks one of its rules), it is applied again change by
    change, each in a savepoint, so only the offending change is refused."""
    device = session.get(SyncDevice, device_id, with_for_update=True)
    if device is None:
        device = SyncDevice(id=device_id, caseworker=caseworker)
        session.add(device)
        session.flush()
    device.last_seen_at = utcnow()
    ordered = sorted(changes, key=lambda c: c.seq)
    start_seq = device.last_seq
    batch = session.begin_nested()
    try:
        outcomes = _run(session, device, caseworker, ordered, today, isolate=False)
        session.flush()
        batch.commit()
    except sa.exc.DBAPIError as exc:
        if not _refused(exc):
            raise
        batch.rollback()
        device.last_seq = start_seq
        outcomes = _run(session, device, caseworker, ordered, today, isolate=True)
    return outcomes


def _run(session: Session, device: SyncDevice, caseworker: str, ordered: list[Change], today: dt.date, *,
         isolate: bool) -> list[Outcome]:
    session.info[AUDIT], session.info[EVENTS] = [], []  # written at the end, in two statements (Core: no objects)
    known = {e.id: e for e in session.execute(sa.select(SyncEvent).where(
        SyncEvent.id.in_([c.event_id for c in ordered]))).scalars()}
    context = _Context.read(session, ordered)
    has_held = session.execute(sa.select(SyncEvent.id).where(
        SyncEvent.device_id == device.id, SyncEvent.outcome == "held").limit(1)).first() is not None
    outcomes = []
    for change in ordered:
        if change.event_id in known:  # sent before: the first answer stands
            outcomes.append(Outcome(change.event_id, known[change.event_id].outcome, known[change.event_id].reason))
            continue
        if change.seq <= device.last_seq:
            raise SyncRefusal(COPIED_LAPTOP)  # the number is taken by another change: two laptops, one identity
        if change.seq > device.last_seq + 1:
            _record(session, device.id, change, "held", "")
            outcomes.append(Outcome(change.event_id, "held"))
            has_held = True
            continue
        outcomes.append(_apply_in_order(session, device, caseworker, change, context, today, isolate))
        if has_held:
            for held in _now_in_order(session, device):
                _apply_in_order(session, device, caseworker, held, context.extend(session, [held]), today, isolate)
    for table, key in ((t.AuditEvent, AUDIT), (SyncEvent, EVENTS)):
        if session.info[key]:
            session.execute(sa.insert(table.__table__), session.info.pop(key))
    return outcomes


class _Context:
    """What a batch touches, read (and locked) once: its records, their citizens, who was erased."""

    def __init__(self) -> None:
        self.rows: dict[tuple[type, uuid.UUID], Any] = {}
        self.citizens: dict[uuid.UUID, t.Citizen] = {}
        self.erased: set[uuid.UUID] = set()
        # On a server with row-level security: citizens that exist but this login may no longer
        # see (handed over to a caseworker outside what it may see): a change to them is "reassigned".
        self.hidden: set[uuid.UUID] = set()

    @classmethod
    def read(cls, session: Session, changes: list[Change]) -> _Context:
        return cls().extend(session, changes)

    def extend(self, session: Session, changes: list[Change]) -> _Context:
        citizen_ids = sorted({c.citizen_id for c in changes if c.citizen_id} - set(self.citizens), key=str)
        wanted: dict[type, set[uuid.UUID]] = {}
        for c in changes:
            if c.entity in SYNCED:
                wanted.setdefault(SYNCED[c.entity], set()).add(c.entity_id)
        server = session.get_bind().dialect.name != "sqlite"
        for ids in _chunks(citizen_ids):
            query = sa.select(t.Citizen).where(t.Citizen.id.in_(ids)).order_by(t.Citizen.id)
            for citizen in session.execute(query.with_for_update(key_share=True) if server else query).scalars():
                self.citizens[citizen.id] = citizen
                _held(session).add(("citizen", citizen.id))
            self.erased |= set(session.execute(sa.select(t.Erasure.citizen_id).where(
                t.Erasure.citizen_id.in_(ids))).scalars())
            unseen = [i for i in ids if i not in self.citizens and i not in self.erased]
            if server and unseen:
                from ...store.policies import hidden_citizens

                self.hidden |= hidden_citizens(session.connection(), unseen)
        for table in sorted(wanted, key=lambda tab: tab.__tablename__):
            for ids in _chunks(sorted(wanted[table] - {i for (tab, i) in self.rows if tab is table}, key=str)):
                query = sa.select(table).where(table.id.in_(ids)).order_by(table.id).execution_options(
                    populate_existing=True)
                found = {row.id: row for row in session.execute(
                    query.with_for_update(key_share=True) if server else query).scalars()}
                for ident in ids:
                    self.rows[(table, ident)] = found.get(ident)
                    if ident in found:
                        _held(session).add(("row", table.__tablename__, ident))
        return self


def _chunks(items: list, size: int = 500):  # noqa: ANN202
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _apply_in_order(session: Session, device: SyncDevice, caseworker: str, change: Change, context: _Context,
                    today: dt.date, isolate: bool) -> Outcome:
    logged = len(session.info[AUDIT])
    try:
        if isolate:
            with session.begin_nested():
                outcome, reason = _apply(session, device.id, caseworker, change, context, today)
                session.flush()
        else:
            outcome, reason = _apply(session, device.id, caseworker, change, context, today)
    except (Rejected, sa.exc.DBAPIError) as exc:
        if not isinstance(exc, Rejected) and not _refused(exc):
            raise
        outcome, reason = "rejected", _reason(exc)
        del session.info[AUDIT][logged:]  # what it would have logged did not happen
        if isolate and change.op == "create" and change.entity in SYNCED:
            context.rows[(SYNCED[change.entity], change.entity_id)] = None  # rolled back with its savepoint
    _record(session, device.id, change, outcome, reason)
    device.last_seq = change.seq
    return Outcome(change.event_id, outcome, reason)


def _now_in_order(session: Session, device: SyncDevice):  # noqa: ANN202 - yields Changes
    """Held changes whose turn has come, in order."""
    while True:
        held = session.execute(sa.select(SyncEvent).where(
            SyncEvent.device_id == device.id, SyncEvent.device_seq == device.last_seq + 1,
            SyncEvent.outcome == "held")).scalar_one_or_none()
        if held is None:
            return
        session.delete(held)
        session.flush()
        payload = {k: v for k, v in held.payload.items() if k != "_base_version"}
        yield Change(held.id, held.device_seq, held.entity, held.entity_id, held.citizen_id, held.op, payload,
                     held.payload.get("_base_version", 0), held.author, held.recorded_at)


def _refused(exc: sa.exc.DBAPIError) -> bool:
    """The server refused the change by one of its rules (not a fault of the connection or a bug)."""
    return isinstance(exc, (sa.exc.IntegrityError, sa.exc.DataError)) or _by_leader_guard(exc)


def _by_leader_guard(exc: Exception) -> bool:
    return getattr(getattr(exc, "orig", None), "sqlstate", None) == "42501" and LEADER_MARK in str(exc)


def _reason(exc: Exception) -> str:
    if isinstance(exc, Rejected):
        return str(exc)
    if _by_leader_guard(exc):
        return LEADER_READS
    return N_("The server refused it: it refers to a record the server does not have, or breaks one of its rules.")


def _record(session: Session, device_id: uuid.UUID, change: Change, outcome: str, reason: str) -> None:
    payload = dict(change.payload) if outcome != "held" else {**change.payload, "_base_version": change.base_version}
    row = {"id": change.event_id, "device_id": device_id, "device_seq": change.seq, "entity": change.entity,
           "entity_id": change.entity_id, "citizen_id": change.citizen_id, "op": change.op, "payload": payload,
           "author": change.author, "recorded_at": change.recorded_at, "received_at": utcnow(), "outcome": outcome,
           "reason": reason}
    if outcome == "held":
        session.execute(sa.insert(SyncEvent.__table__), [row])  # _now_in_order looks for it
    else:
        session.info[EVENTS].append(row)


# -- one change ------------------------------------------------------------------------------
def _apply(session: Session, device_id: uuid.UUID, caseworker: str, change: Change, context: _Context,
           today: dt.date) -> tuple[str, str]:
    if change.op == "audit":
        return _apply_audit(session, device_id, change), ""
    table = SYNCED.get(change.entity)
    if table is None or change.op not in ("create", "update"):
        raise Rejected(N_("The server does not know this kind of change (is enplan on the laptop newer?)."))
    current = context.rows.get((table, change.entity_id))
    citizen_id = getattr(current, "citizen_id", None) if table is not t.Citizen else change.entity_id
    citizen_id = citizen_id or change.citizen_id
    if citizen_id is not None:
        if citizen_id in context.erased:
            return "erased", ""
        if citizen_id in context.hidden and table is not SyncConflict:  # handed over beyond this login's sight
            _conflict(session, device_id, change, citizen_id, "reassigned", "", None, None, change.payload)
            return "reassigned", ""
        citizen = context.citizens.get(citizen_id) or (current if table is t.Citizen else None)
        if citizen is not None:
            if citizen.caseworker != caseworker and table is not SyncConflict:
                _conflict(session, device_id, change, citizen_id, "reassigned", "", None, None, change.payload)
                return "reassigned", ""
        elif table is not t.Citizen:
            raise Rejected(N_("The citizen this belongs to is not on the server."))
    if change.op == "create":
        return _create(session, device_id, table, current, change, citizen_id, context, today)
    if current is None:
        raise Rejected(N_("This record is no longer on the server."))
    return _update(session, device_id, table, current, change, citizen_id, today)


def _create(session: Session, device_id: uuid.UUID, table: type, current: Any, change: Change,  # noqa: ANN401
            citizen_id: uuid.UUID | None, context: _Context, today: dt.date) -> tuple[str, str]:
    if current is not None:
        raise Rejected(N_("A record with this id is already on the server."))
    row = _valid(table, change.payload, today)
    row.version, row.updated_by, row.updated_at = 1, change.author, utcnow()
    session.add(row)
    context.rows[(table, row.id)] = row
    if table is t.Citizen:
        context.citizens[row.id] = row
    _audit(session, device_id, change, "create", table, citizen_id, {})
    return "applied", ""


def _update(session: Session, device_id: uuid.UUID, table: type, row: Any, change: Change,  # noqa: ANN401
            citizen_id: uuid.UUID | None, today: dt.date) -> tuple[str, str]:
    fields = {k: (v[0], v[1]) for k, v in change.payload.items() if k not in NOT_SYNCED}
    deleted = fields.get("deleted_at")
    if row.deleted_at is not None and deleted is None:  # edited here, deleted on the server
        for name, (old, new) in fields.items():
            _conflict(session, device_id, change, citizen_id, "edited_deleted", name, old, jsonable(getattr(row, name)), new)
        return "conflict", ""
    if deleted and deleted[0] is None and deleted[1] is not None and row.version != change.base_version:
        _conflict(session, device_id, change, citizen_id, "deleted_edited", "deleted_at", None, None, deleted[1])
        return "conflict", ""  # deleted here, changed on the server since: the record stays
    merge = merge_fields(fields, row_json(row))
    if merge.apply:
        valid = _valid(table, {**row_json(row), **merge.apply}, today)
        changes = {}
        for name in merge.apply:
            old = getattr(row, name)
            setattr(row, name, getattr(valid, name))
            changes[name] = ["(hidden)", "(hidden)"] if name in SECRET else [jsonable(old), merge.apply[name]]
        if "name" in merge.apply and hasattr(row, "name_key"):
            row.name_key = valid.name_key
        row.version += 1
        row.updated_at, row.updated_by = utcnow(), change.author
        action = "update" if "deleted_at" not in merge.apply else ("delete" if merge.apply["deleted_at"] else "restore")
        _audit(session, device_id, change, action, table, citizen_id, changes)
    for c in merge.conflicts:
        _conflict(session, device_id, change, citizen_id, "field", c.field, c.base, c.server, c.laptop,
                  server_author=row.updated_by, server_at=row.updated_at)
    return ("conflict" if merge.conflicts else "applied"), ""


def _valid(table: type, values: dict[str, Any], today: dt.date) -> Any:  # noqa: ANN401
    name = next((n for n, tab in t.ENTITY_TABLES.items() if tab is table), table.__tablename__)
    try:
        return exchange.validate_row(table, name, values, table.__tablename__.replace("_", " "), today)
    except exchange.ImportError_ as exc:
        raise Rejected(Phrase("The server refused the values: {why}", why=str(exc))) from None


def _conflict(session: Session, device_id: uuid.UUID, change: Change, citizen_id: uuid.UUID | None, kind: str,
              field: str, base: Any, server: Any, laptop: Any, *, server_author: str = "",  # noqa: ANN401
              server_at: dt.datetime | None = None) -> None:
    session.add(SyncConflict(citizen_id=citizen_id, kind=kind, entity=change.entity, entity_id=change.entity_id,
                             field=field, base=base, server=server, laptop=laptop, laptop_author=change.author,
                             laptop_at=change.recorded_at, server_author=server_author, server_at=server_at,
                             device_id=device_id, updated_by=change.author))
    _audit(session, device_id, change, "conflict", SYNCED.get(change.entity), citizen_id, {})


def _audit(session: Session, device_id: uuid.UUID, change: Change, action: str, table: type | None,
           citizen_id: uuid.UUID | None, changes: dict) -> None:
    session.info[AUDIT].append({"id": uuid.uuid4(), "at": utcnow(), "actor": change.author, "action": action,
                                "entity": change.entity, "entity_id": change.entity_id, "citizen_id": citizen_id,
                                "changes": changes, "recorded_at": change.recorded_at, "device_id": device_id})


def _apply_audit(session: Session, device_id: uuid.UUID, change: Change) -> str:
    """An entry of the laptop's own audit log (someone viewed a record offline): appended as it was."""
    p = change.payload
    session.info[AUDIT].append({
        "id": change.entity_id, "at": utcnow(), "actor": str(p.get("actor", change.author))[:120],
        "action": str(p.get("action", ""))[:20], "entity": str(p.get("entity", ""))[:40],
        "entity_id": _uuid(p.get("entity_id")), "citizen_id": _uuid(p.get("citizen_id")),
        "changes": p.get("changes") if isinstance(p.get("changes"), dict) else {},
        "recorded_at": _stamp(p.get("at")) or change.recorded_at, "device_id": device_id})
    return "applied"


def _uuid(value: Any) -> uuid.UUID | None:  # noqa: ANN401
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def _stamp(value: Any) -> dt.datetime | None:  # noqa: ANN401
    try:
        stamp = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.timezone.utc)
