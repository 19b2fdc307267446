"""The rules of laptop sync, without a database: how one laptop change meets
the server's row, and what the top bar says.

A laptop change carries, per field, the value it started from (``old``)
and the value it set (``new``). Against the server's current value:

* server == old: nobody else changed the field, so ``new`` is applied;
* server == new: both sides set the same value: nothing to do, no conflict;
* anything else: someone changed the field on the server meanwhile. The
  server keeps its value and a conflict keeps all three values (Primero's
  silent overwrite, its issue #508, is exactly what this refuses to do).

Different fields changed on both sides merge without a word. Values are
compared in their JSON form (dates as text), as the change log stores them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Fields a change may never set through sync: identity, bookkeeping the
# server keeps for itself, and derived values the server recomputes.
NOT_SYNCED = frozenset({"id", "created_at", "updated_at", "updated_by", "version", "server_seq", "name_key"})


@dataclass(frozen=True)
class FieldConflict:
    field: str
    base: Any
    server: Any
    laptop: Any


@dataclass(frozen=True)
class Merge:
    apply: dict[str, Any] = field(default_factory=dict)  # field -> the laptop's value, to be applied
    conflicts: tuple[FieldConflict, ...] = ()
    agreed: tuple[str, ...] = ()  # fields both sides had set to the same value


def merge_fields(changes: Mapping[str, tuple[Any, Any]], server: Mapping[str, Any]) -> Merge:
    """Three-way merge of one laptop change (field -> (old, new)) with the server's current values."""
    apply: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    agreed: list[str] = []
    for name, (old, new) in changes.items():
        if name in NOT_SYNCED:
            continue
        current = server.get(name)
        if current == old:
            if current != new:
                apply[name] = new
        elif current == new:
            agreed.append(name)
        else:
            conflicts.append(FieldConflict(name, old, current, new))
    return Merge(apply, tuple(conflicts), tuple(agreed))


# -- what the caseworker sees ---------------------------------------------------------------
OFFLINE, SYNCING, SYNCED, WAITING = "offline", "syncing", "synced", "waiting"


@dataclass(frozen=True)
class SyncStatus:
    """A laptop's sync state as the top bar and `enplan sync --json` show it."""

    state: str  # offline | syncing | synced | waiting
    waiting: int = 0  # changes not yet acknowledged by the server
    conflicts: int = 0  # open conflicts on this laptop's citizens
    quarantined: int = 0  # changes the server refused, kept here with a reason
    last_synced: dt.datetime | None = None  # the last sync that acknowledged everything and pulled to the end
    problem: str = ""  # why the last attempt did not finish (one sentence), or ""

    def as_json(self) -> dict[str, Any]:
        return {"state": self.state, "waiting": self.waiting, "conflicts": self.conflicts,
                "quarantined": self.quarantined,
                "last_synced": self.last_synced.isoformat() if self.last_synced else None, "problem": self.problem}


def is_synced(waiting: int, pulled_to: int, server_newest: int) -> bool:
    """"Synced" is said only when every change is acknowledged and the pull reached the server's newest change."""
    return waiting == 0 and pulled_to >= server_newest


@dataclass(frozen=True)
class QueuedChange:
    """A change recorded on this laptop that the server has not taken (quarantined) or not yet received."""

    event_id: str
    seq: int
    entity: str
    entity_id: str
    citizen_id: str | None
    citizen_name: str
    op: str
    fields: tuple[str, ...]  # what it changes (for a create: every field it sets)
    author: str
    recorded_at: dt.datetime
    state: str
    reason: str


@dataclass(frozen=True)
class ConflictInfo:
    """Two values for one thing: what the server kept, what the laptop sent, what both started from."""

    id: str
    citizen_id: str | None
    citizen_name: str
    kind: str  # field | edited_deleted | deleted_edited | reassigned
    entity: str
    entity_id: str
    record: str  # a few words naming the record ("Follow-up: Ring til Peter")
    field: str
    base: Any
    server: Any
    laptop: Any
    laptop_author: str
    laptop_at: dt.datetime | None
    server_author: str
    server_at: dt.datetime | None
    created_at: dt.datetime
    resolved_at: dt.datetime | None = None
    resolved_by: str = ""
    resolution: str = ""
    version: int = 1

    def as_json(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in self.__dataclass_fields__}
        for key in ("laptop_at", "server_at", "created_at", "resolved_at"):
            out[key] = out[key].isoformat() if out[key] else None
        return out
