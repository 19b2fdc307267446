"""Right to erasure (GDPR art. 17): remove a citizen and every trace of them.

One transaction removes the citizen and all their rows, empties the
``changes`` of their audit entries (the entries stay, minimal: who did which
action to which record id, and when, since access to special-category data
must stay accountable) and writes an ``erasure`` row and an ``erase`` audit
entry, neither holding personal data. Then the WAL is checkpointed and
truncated; with ``secure_delete`` on, the deleted bytes are already zeroed
in the pages, so the name, CPR and notes are gone from the file itself.
Backups made before the erasure still hold the data until they rotate out.

Audit entries are otherwise append-only: the ORM refuses to update or delete
one (the listeners below), and this module changes them only through Core
statements.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..domain.errors import ValidationError
from ..domain.phrases import N_
from ..store import tables as t
from ..store.engine import is_sqlite
from ..store.scope import citizen_tree
from ..store.sync_tables import SyncConflict, SyncEvent, SyncOutbox
from .base import NotFoundError, ServiceBase, _uuid, lock_for_save
from ..store.guard import check_text, text_limits

MAX_REASON = text_limits(t.Erasure)["reason"]  # the column length, as for every text


@event.listens_for(t.AuditEvent, "before_update")
@event.listens_for(t.AuditEvent, "before_delete")
def _audit_is_append_only(_mapper, _connection, target) -> None:  # noqa: ANN001
    raise RuntimeError("Audit entries are append-only; only erasure may scrub them.")


@dataclass(frozen=True)
class ErasureResult:
    citizen_id: uuid.UUID
    removed: dict[str, int]  # rows removed per table
    audit_entries_scrubbed: int
    wal_cleared: bool  # False: another enplan process kept old pages in the WAL; run again later
    already_erased: bool = False


@dataclass(frozen=True)
class ErasureInfo:
    citizen_id: uuid.UUID
    erased_at: object
    actor: str
    reason: str
    removed: dict[str, int]


class ErasureServices(ServiceBase):
    def erase_citizen(self, citizen_id: uuid.UUID | str, reason: str) -> ErasureResult:
        """Erase the citizen for good (there is no undo); ``reason`` is kept,
        so it must not contain their name or CPR number."""
        cid = _uuid(citizen_id)
        if self.db.laptop is not None:  # an erasure must reach every copy: only the server can make sure
            raise ValidationError(N_("Erase on the team server; this laptop drops the citizen at its next sync."))
        reason = check_text(reason.strip(), "reason", MAX_REASON)
        if not reason:
            raise ValidationError(N_("Give the grounds for the erasure (e.g. the request's date and case number)."),
                                  "reason")
        with self.db.read() as s:
            already = self._erasure_id(s, cid) is not None
        if already:  # run again: only the WAL may still need clearing
            return ErasureResult(cid, {}, 0, self._clear_wal(), already_erased=True)
        with self.db.write() as s:
            citizen = s.get(t.Citizen, cid)
            if citizen is None:
                raise NotFoundError("citizen", cid)
            lock_for_save(s, cid, deleting=True)  # first: saves for this citizen finish or wait
            _check_reason(reason, citizen)
            removed, row_ids = self._remove_rows(s, cid)
            scrubbed = self._scrub_audit(s, cid, row_ids)
            _scrub_sync(s, cid)
            s.add(t.Erasure(citizen_id=cid, actor=self.actor, reason=reason, removed=removed))
            self._audit(s, "erase", None, citizen_id=cid, entity="citizen")
            s.flush()
        return ErasureResult(cid, removed, scrubbed, self._clear_wal())

    def erasure_of(self, citizen_id: uuid.UUID | str) -> ErasureInfo | None:
        """The erasure record of a citizen, or None if they were never erased."""
        cid = _uuid(citizen_id)
        with self.db.read() as s:
            row = s.execute(sa.select(t.Erasure).where(t.Erasure.citizen_id == cid)).scalar_one_or_none()
            if row is None:
                return None
            return ErasureInfo(row.citizen_id, row.erased_at, row.actor, row.reason, dict(row.removed))

    # -- steps ------------------------------------------------------------------
    @staticmethod
    def _erasure_id(s: Session, cid: uuid.UUID) -> uuid.UUID | None:
        return s.execute(sa.select(t.Erasure.id).where(t.Erasure.citizen_id == cid)).scalar_one_or_none()

    @staticmethod
    def _remove_rows(s: Session, cid: uuid.UUID) -> tuple[dict[str, int], list[uuid.UUID]]:
        removed: dict[str, int] = {}
        row_ids: list[uuid.UUID] = []
        for table, which in citizen_tree([cid]):
            ids = list(s.execute(sa.select(table.id).where(which)).scalars())
            row_ids += ids
            for start in range(0, len(ids), 500):
                s.execute(sa.delete(table).where(table.id.in_(ids[start:start + 500])))
            if ids:
                removed[table.__tablename__] = len(ids)
        return removed, row_ids

    @staticmethod
    def _scrub_audit(s: Session, cid: uuid.UUID, row_ids: list[uuid.UUID]) -> int:
        """Keep each entry's action, time, actor and record id; drop the values."""
        ev = t.AuditEvent
        total = s.execute(sa.update(ev).where(ev.citizen_id == cid).values(changes={})).rowcount
        for start in range(0, len(row_ids), 500):  # entries about their rows filed without the citizen
            chunk = row_ids[start:start + 500]
            total += s.execute(sa.update(ev).where(ev.entity_id.in_(chunk), ev.citizen_id.is_(None))
                               .values(changes={}, citizen_id=cid)).rowcount
        return total

    def _clear_wal(self) -> bool:
        """Checkpoint and truncate the WAL so no old page image survives there.
        Call it outside any transaction: it waits for every writer."""
        if not is_sqlite(self.db.engine):
            return True
        # TRUNCATE itself waits (busy_timeout) for other processes' readers and writers.
        raw = self.db.engine.raw_connection()
        try:
            busy = raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            raw.close()
        return not busy


def _scrub_sync(s: Session, cid: uuid.UUID) -> None:
    """Laptop changes and conflicts hold the citizen's values: conflicts go,
    each received change keeps only that it came (the laptops purge their copies)."""
    s.execute(sa.delete(SyncConflict).where(SyncConflict.citizen_id == cid))
    s.execute(sa.update(SyncEvent).where(SyncEvent.citizen_id == cid).values(payload={}, reason=""))
    s.execute(sa.delete(SyncOutbox).where(SyncOutbox.citizen_id == cid))


def _check_reason(reason: str, citizen: t.Citizen) -> None:
    folded = reason.casefold()
    digits = "".join(c for c in reason if c.isdigit())
    if citizen.name.casefold() in folded or (citizen.cpr and citizen.cpr in digits):
        raise ValidationError(N_("The reason is kept after the erasure, so it must not contain the citizen's name "
                              "or CPR number."), "reason")
