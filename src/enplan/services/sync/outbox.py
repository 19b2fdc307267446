"""A laptop's own view of its changes: the sync status line, and the
quarantine (changes the server refused), each kept with the server's
reason until the caseworker retries it or, asked twice, discards it.
Nothing is ever dropped on its own."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from ...domain.errors import ValidationError
from ...domain.phrases import N_
from ...domain.sync import OFFLINE, SYNCED, WAITING, QueuedChange, SyncStatus
from ...store import tables as t
from ...store.sync_tables import SyncConflict, SyncLaptop, SyncOutbox
from ..base import ServiceBase, _uuid
from .errors import NOT_A_LAPTOP, SyncRefusal


class OutboxServices(ServiceBase):
    def sync_status(self) -> SyncStatus:
        """Counts and the last outcome, for the top bar and `enplan sync --json` (no network)."""
        if self.db.laptop is None:
            raise SyncRefusal(NOT_A_LAPTOP)
        with self.db.read() as s:
            laptop = s.get(SyncLaptop, 1)
            counts = dict(s.execute(sa.select(SyncOutbox.state, sa.func.count()).group_by(SyncOutbox.state)).all())
            conflicts = s.execute(sa.select(sa.func.count()).select_from(SyncConflict).where(
                SyncConflict.resolved_at.is_(None), SyncConflict.deleted_at.is_(None))).scalar_one()
        waiting, quarantined = counts.get("waiting", 0), counts.get("quarantined", 0)
        if laptop.last_problem:
            state = OFFLINE
        elif waiting == 0 and laptop.last_synced_at is not None:
            state = SYNCED
        else:
            state = WAITING
        return SyncStatus(state, waiting, conflicts, quarantined, laptop.last_synced_at, laptop.last_problem)

    def queued_changes(self, *, quarantined_only: bool = True) -> list[QueuedChange]:
        """Changes not yet on the server, oldest first (by default only the quarantined ones)."""
        states = ("quarantined",) if quarantined_only else ("waiting", "quarantined")
        with self.db.read() as s:
            rows = s.execute(sa.select(SyncOutbox, t.Citizen.name)
                             .outerjoin(t.Citizen, t.Citizen.id == SyncOutbox.citizen_id)
                             .where(SyncOutbox.state.in_(states)).order_by(SyncOutbox.seq)).all()
        return [QueuedChange(str(r.event_id), r.seq, r.entity, str(r.entity_id),
                             str(r.citizen_id) if r.citizen_id else None, name or "", r.op,
                             tuple(sorted(k for k in r.payload if not k.startswith("_")))[:12], r.author,
                             r.recorded_at, r.state, r.reason) for r, name in rows]

    def retry_change(self, event_id: uuid.UUID | str) -> None:
        """Send a quarantined change again at the next sync (as a new change: the server remembers its no)."""
        with self.db.write() as s:  # the audit entry travels to the server like any other
            row = self._quarantined(s, event_id)
            row.event_id, row.state, row.reason, row.sent_seq = uuid.uuid4(), "waiting", "", None
            self._audit(s, "sync_retry", None, citizen_id=row.citizen_id, entity=row.entity,
                        changes={"change": str(event_id)})

    def discard_change(self, event_id: uuid.UUID | str) -> None:
        """Give up a quarantined change for good (the UI asks twice); audited, and the record is
        fetched again from the server at the next sync."""
        with self.db.write() as s:  # the audit entry travels to the server like any other
            row = self._quarantined(s, event_id)
            s.add(SyncOutbox(entity=row.entity, entity_id=row.entity_id, citizen_id=row.citizen_id, op="refresh",
                             author=self.actor, state="refresh"))
            self._audit(s, "sync_discard", None, citizen_id=row.citizen_id, entity=row.entity,
                        changes={"change": str(event_id), "fields": sorted(row.payload)[:20]})
            s.delete(row)

    @staticmethod
    def _quarantined(s, event_id: uuid.UUID | str) -> SyncOutbox:  # noqa: ANN001
        row = s.execute(sa.select(SyncOutbox).where(SyncOutbox.event_id == _uuid(event_id))).scalar_one_or_none()
        if row is None or row.state != "quarantined":
            raise ValidationError(N_("That change is not in quarantine (it was sent, retried or discarded)."))
        return row
