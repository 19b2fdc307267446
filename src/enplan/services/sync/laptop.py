"""A laptop's sync with the team server: push what was recorded here, then
pull what changed there (and only for this caseworker's own citizens).

Push, in batches (each all-or-nothing on both sides):
  1. the laptop gives the next changes their sent numbers (and remembers them),
  2. the server applies them in one transaction (``apply.apply_batch``),
  3. the laptop drops the acknowledged ones and quarantines the refused ones.
A kill between any two steps loses nothing: what the laptop still holds is
sent again with the same ids and numbers, and the server answers with what
it did the first time. A change that depends on a quarantined one (the same
record, or a record whose creation was refused) waits with it.

Pull reads one snapshot of the server: the clock, then every row of this
caseworker's citizens stamped after the last pull, new citizens whole, and
which citizens left (reassigned, closed, erased). Rows with changes still
waiting here are not overwritten. "Synced" is said only when nothing waits
and the pull reached the server's clock.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from ...store import tables as t
from ...store.engine import Database
from ...store.scope import in_scope, laptop_copy
from ...store.sync_tables import SyncClock, SyncLaptop, SyncOutbox
from ...store.types import utcnow
from ..base import ServiceBase
from .apply import Change, Outcome, apply_batch
from .errors import NOT_A_LAPTOP, SyncRefusal
from .server import check_same_kind, check_schema, check_server_url, is_demo, open_server
from .transfer import fetch, purge, store

BATCH = 500
ACKNOWLEDGED = frozenset({"applied", "conflict", "reassigned", "erased", "held", "duplicate"})


@dataclass(frozen=True)
class SyncReport:
    sent: int
    quarantined: int
    pulled: int
    left: int  # citizens dropped from this laptop (reassigned, closed, erased)
    clock_skew: dt.timedelta  # the laptop's clock minus the server's
    left_ids: frozenset[str] = frozenset()  # which: a screen showing one of them closes


class SyncServices(ServiceBase):
    def sync(self) -> SyncReport:
        """Push, then pull; the outcome (or the problem, in one sentence) is kept for the status line."""
        laptop = self._laptop()
        self._note(last_attempt_at=utcnow())
        try:
            server = self._server(laptop.server_url)
            check_same_kind(is_demo(self.db), server)  # demo and real data never meet; nothing sent yet
            sent, refused, reassigned = self._push(server, laptop)
            pulled, left_ids, skew = self._pull(server, laptop, reassigned)
        except Exception as exc:
            from ...failures import describe

            self.close_server()
            self._note(last_problem=describe(exc) or type(exc).__name__)
            raise
        return SyncReport(sent, refused, pulled, len(left_ids), skew, frozenset(str(c) for c in left_ids))

    def _server(self, url: str) -> Database:
        """The server, kept open between syncs (the app syncs every minute); its schema checked each time."""
        cached = getattr(self, "_server_db", None)
        if cached is not None and cached.url == check_server_url(url):
            check_schema(cached)
            return cached
        self.close_server()
        self._server_db = open_server(url)
        return self._server_db

    def close_server(self) -> None:
        cached, self._server_db = getattr(self, "_server_db", None), None
        if cached is not None:
            cached.dispose()

    def _laptop(self) -> SyncLaptop:
        if self.db.laptop is None:
            raise SyncRefusal(NOT_A_LAPTOP)
        with self.db.read() as s:
            return s.get(SyncLaptop, 1)

    def _note(self, **values: object) -> None:
        with self.db.write(sync_apply=True) as s:
            s.execute(sa.update(SyncLaptop).where(SyncLaptop.id == 1).values(**values))

    # -- push ------------------------------------------------------------------------------------
    def _push(self, server: Database, laptop: SyncLaptop) -> tuple[int, int, set[uuid.UUID]]:
        sent = refused = 0
        reassigned: set[uuid.UUID] = set()
        while True:
            batch = self._next_batch()
            if not batch:
                return sent, refused, reassigned
            with server.write() as s:
                outcomes = apply_batch(s, laptop.device_id, laptop.caseworker, batch, self.today)
            refused += self._acknowledge(outcomes)
            sent += len(batch)
            citizen = {c.event_id: c.citizen_id for c in batch}
            reassigned |= {citizen[o.event_id] for o in outcomes if o.outcome == "reassigned" and citizen[o.event_id]}

    def _next_batch(self) -> list[Change]:
        """The next changes to send, numbered (the numbers are kept before anything is sent)."""
        with self.db.write(sync_apply=True) as s:
            blocked = set(s.execute(sa.select(SyncOutbox.entity_id).where(SyncOutbox.state == "quarantined")).scalars())
            batch: list[SyncOutbox] = []
            after = 0
            while len(batch) < BATCH:
                page = s.execute(sa.select(SyncOutbox).where(SyncOutbox.state == "waiting", SyncOutbox.seq > after)
                                 .order_by(SyncOutbox.seq).limit(BATCH)).scalars().all()
                if not page:
                    break
                for row in page:
                    if _depends(row, blocked):
                        blocked.add(row.entity_id)
                    elif len(batch) < BATCH:
                        batch.append(row)
                after = page[-1].seq
            state = s.get(SyncLaptop, 1)
            for row in batch:
                if row.sent_seq is None:
                    state.last_sent_seq += 1
                    row.sent_seq = state.last_sent_seq
            return [Change(r.event_id, r.sent_seq, r.entity, r.entity_id, r.citizen_id, r.op, dict(r.payload),
                           r.base_version, r.author, r.recorded_at) for r in batch]

    def _acknowledge(self, outcomes: list[Outcome]) -> int:
        done = [o.event_id for o in outcomes if o.outcome in ACKNOWLEDGED]
        refused = [o for o in outcomes if o.outcome not in ACKNOWLEDGED]
        with self.db.write(sync_apply=True) as s:
            for start in range(0, len(done), BATCH):
                s.execute(sa.delete(SyncOutbox).where(SyncOutbox.event_id.in_(done[start:start + BATCH])))
            for o in refused:
                s.execute(sa.update(SyncOutbox).where(SyncOutbox.event_id == o.event_id)
                          .values(state="quarantined", reason=o.reason or o.outcome))
        return len(refused)

    # -- pull ------------------------------------------------------------------------------------
    def _pull(self, server: Database, laptop: SyncLaptop,
              reassigned: set[uuid.UUID]) -> tuple[int, set[uuid.UUID], dt.timedelta]:
        with self.db.read() as s:
            here = set(s.execute(sa.select(t.Citizen.id)).scalars())
            employers_here = set(s.execute(sa.select(t.Employer.id)).scalars())
            refresh = s.execute(sa.select(SyncOutbox.entity, SyncOutbox.entity_id)
                                .where(SyncOutbox.state == "refresh")).all()
        since = laptop.pulled_to
        with server.read() as s:
            conn = s.connection()
            newest = s.get(SyncClock, 1).seq
            server_now = conn.execute(sa.select(sa.func.now())).scalar_one()
            mine = set(conn.execute(in_scope(laptop.caseworker)).scalars())
            erased = set(conn.execute(sa.select(t.Erasure.citizen_id).where(t.Erasure.server_seq > since)).scalars())
            mine -= erased
            new = sorted(mine - here)
            rows = fetch(conn, laptop_copy(new)) if new else {}
            # what changed among the caseworker's citizens: selected on the server (no list of ids to send)
            changed = fetch(conn, ((table, sa.and_(where, table.server_seq > since))
                                   for table, where in laptop_copy(in_scope(laptop.caseworker))))
            for table, batch in changed.items():
                seen = {r["id"] for r in rows.get(table, ())}
                rows.setdefault(table, []).extend(r for r in batch if r["id"] not in seen)
            rows = _merge_refresh(conn, rows, refresh)
            rows = _with_employers(conn, rows, employers_here)
        with self.db.write(sync_apply=True) as s:
            conn = s.connection()
            pending = set(conn.execute(sa.select(SyncOutbox.entity_id, SyncOutbox.citizen_id)
                                       .where(SyncOutbox.state.in_(("waiting", "quarantined")))).all())
            pending_ids = {e for e, _c in pending}
            busy = {c for _e, c in pending if c is not None}
            gone = ((here - mine) | reassigned) - busy - pending_ids  # a citizen made here and not yet sent stays
            conn.execute(sa.delete(SyncOutbox).where(SyncOutbox.citizen_id.in_(erased & here)))
            left = gone | (erased & here)
            purge(conn, sorted(left))
            pulled = store(conn, rows, skip=pending_ids)
            conn.execute(sa.delete(SyncOutbox).where(SyncOutbox.state == "refresh"))
            waiting = conn.execute(sa.select(sa.func.count()).select_from(SyncOutbox)
                                   .where(SyncOutbox.state == "waiting")).scalar_one()
            done = {"pulled_to": newest, "last_problem": ""}
            if waiting == 0:
                done["last_synced_at"] = utcnow()
            conn.execute(sa.update(SyncLaptop).where(SyncLaptop.id == 1).values(**done))
        return pulled, left, utcnow() - server_now


def _depends(row: SyncOutbox, blocked: set[uuid.UUID]) -> bool:
    """A change waits for a held-back one when it is about the same record, or
    refers to (or belongs to) a record whose creation is held back."""
    if not blocked:
        return False
    if row.entity_id in blocked or row.citizen_id in blocked:
        return True
    values = row.payload.values() if row.op == "create" else (v[1] for v in row.payload.values()
                                                                if isinstance(v, list) and len(v) == 2)
    return any(str(v) in {str(b) for b in blocked} for v in values if isinstance(v, str))


def _merge_refresh(conn: sa.Connection, rows: dict, refresh: list) -> dict:
    """Records whose discarded change left the laptop's copy behind: fetched again as the server has them."""
    from ...store.change_log import SYNCED

    by_table: dict[type, list[uuid.UUID]] = {}
    for entity, entity_id in refresh:
        if entity in SYNCED:
            by_table.setdefault(SYNCED[entity], []).append(entity_id)
    for table, batch in fetch(conn, ((tab, tab.id.in_(ids)) for tab, ids in by_table.items())).items():
        rows.setdefault(table, []).extend(batch)
    return rows


def _with_employers(conn: sa.Connection, rows: dict, here: set[uuid.UUID]) -> dict:
    """Employers a pulled placement or follow-up refers to that this laptop does not have yet."""
    wanted = {r["employer_id"] for table in (t.Placement, t.EmployerFollowUp) for r in rows.get(table, ())}
    wanted -= here | {r["id"] for r in rows.get(t.Employer, ())}
    if wanted:
        rows.setdefault(t.Employer, []).extend(fetch(conn, [(t.Employer, t.Employer.id.in_(sorted(wanted)))])[t.Employer])
    return rows
