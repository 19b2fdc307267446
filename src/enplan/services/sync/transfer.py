"""Copying rows from the team server into a laptop database (setup and pull).

Rows travel as column values (Core, not ORM objects: tens of thousands of
rows for a caseload) and land with an upsert, so a row already on the
laptop is updated in place (never deleted and re-inserted: that would
cascade to its children). These writes are sync's own: the laptop's outbox
does not record them (``Database.write(sync_apply=True)``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ...store import tables as t
from ...store.scope import COPY_ORDER
from ...store.sync_tables import SyncConflict, SyncOutbox

CHUNK = 500  # rows per statement (and ids per IN list)


def fetch(server: sa.Connection, selections: Iterable[tuple[type, sa.ColumnElement]]) -> dict[type, list[dict]]:
    """The rows each (table, condition) selects on the server, as column values."""
    out: dict[type, list[dict]] = {}
    for table, where in selections:
        out[table] = [dict(row) for row in server.execute(sa.select(table.__table__).where(where)).mappings()]
    return out


def store(laptop: sa.Connection, rows: dict[type, list[dict]], *, skip: set[uuid.UUID] = frozenset()) -> int:
    """Upsert rows into the laptop, parents first; rows whose id is in ``skip``
    (changes made here and not yet on the server) are left as they are."""
    written = 0
    for table in COPY_ORDER:
        batch = [row for row in rows.get(table, ()) if row["id"] not in skip]
        columns = [c.name for c in table.__table__.columns if c.name != "id"]
        for start in range(0, len(batch), CHUNK):
            chunk = batch[start:start + CHUNK]
            statement = sqlite_insert(table.__table__)
            laptop.execute(statement.on_conflict_do_update(
                index_elements=["id"], set_={c: getattr(statement.excluded, c) for c in columns}), chunk)
            written += len(chunk)
    return written


def chunks(ids: Sequence[Any], size: int = CHUNK) -> Iterable[list[Any]]:  # noqa: ANN401
    for start in range(0, len(ids), size):
        yield list(ids[start:start + size])


def purge(laptop: sa.Connection, citizen_ids: Sequence[uuid.UUID]) -> int:
    """Remove citizens from the laptop with everything of theirs (the foreign
    keys cascade), their local audit entries, and employers no one refers to."""
    removed = 0
    for ids in chunks(list(citizen_ids)):
        removed += laptop.execute(sa.delete(t.Citizen).where(t.Citizen.id.in_(ids))).rowcount
        laptop.execute(sa.delete(t.AuditEvent).where(t.AuditEvent.citizen_id.in_(ids)))
        laptop.execute(sa.delete(SyncConflict).where(SyncConflict.citizen_id.in_(ids)))
    used = sa.union(sa.select(t.Placement.employer_id), sa.select(t.EmployerFollowUp.employer_id),
                    sa.select(SyncOutbox.entity_id))  # an employer made here and not yet sent stays
    laptop.execute(sa.delete(t.Employer).where(t.Employer.id.not_in(used)))
    return removed
