"""Tables of laptop sync (see services/sync/). Every database has them all;
which ones fill depends on the role:

* a team server (PostgreSQL): ``sync_clock`` numbers every commit that
  writes records (each row keeps the number in ``server_seq``), laptops are
  ``sync_device`` rows, every change a laptop sent is a ``sync_event`` (its
  id makes a second push of the same change harmless), and ``sync_conflict``
  keeps both values wherever a laptop and the server disagreed;
* a laptop (SQLite): ``sync_laptop`` is its identity (which server, which
  caseworker, how far it has pulled) and ``sync_outbox`` the changes made
  here, waiting to be sent (or quarantined with the server's reason); it
  holds a copy of the conflicts of its own citizens.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from .tables import Record
from .types import UTCDateTime, utcnow


class SyncClock(SQLModel, table=True):
    """One row: the number of the last commit on the server that wrote records."""

    __tablename__ = "sync_clock"
    id: int = Field(default=1, primary_key=True)
    seq: int = Field(default=0, sa_type=sa.BigInteger, nullable=False)


class SyncDevice(SQLModel, table=True):
    """A laptop known to the server, and the last of its changes it applied (in order)."""

    __tablename__ = "sync_device"
    id: uuid.UUID = Field(primary_key=True)
    caseworker: str = Field(max_length=120)
    last_seq: int = Field(default=0, sa_type=sa.BigInteger, nullable=False)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_seen_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SyncEvent(SQLModel, table=True):
    """A change a laptop sent, and what became of it (applied, conflict, refused …)."""

    __tablename__ = "sync_event"
    __table_args__ = (sa.UniqueConstraint("device_id", "device_seq", name="uq_sync_event_device_seq"),)
    id: uuid.UUID = Field(primary_key=True)  # the laptop's event id
    device_id: uuid.UUID = Field(index=True)
    device_seq: int = Field(sa_type=sa.BigInteger)
    entity: str = Field(max_length=40)
    entity_id: uuid.UUID
    citizen_id: uuid.UUID | None = Field(default=None, index=True)
    op: str = Field(max_length=10)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    author: str = Field(max_length=120)
    recorded_at: dt.datetime = Field(sa_type=UTCDateTime)  # the laptop's clock: shown, never ordered by
    received_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    outcome: str = Field(max_length=20)
    reason: str = Field(default="")


class SyncConflict(Record, table=True):
    """A laptop change the server did not apply as it was: the values of both
    sides (and the one they started from) until someone chooses."""

    __tablename__ = "sync_conflict"
    citizen_id: uuid.UUID | None = Field(default=None, index=True)
    kind: str = Field(max_length=20)  # field | edited_deleted | deleted_edited | reassigned
    entity: str = Field(max_length=40)
    entity_id: uuid.UUID = Field(index=True)
    field: str = Field(default="", max_length=60)
    base: Any = Field(default=None, sa_type=sa.JSON, nullable=True)
    server: Any = Field(default=None, sa_type=sa.JSON, nullable=True)
    laptop: Any = Field(default=None, sa_type=sa.JSON, nullable=True)
    laptop_author: str = Field(default="", max_length=120)
    laptop_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    server_author: str = Field(default="", max_length=120)
    server_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    device_id: uuid.UUID | None = None
    resolved_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolved_by: str = Field(default="", max_length=120)
    resolution: str = Field(default="", max_length=20)  # server | laptop | edited
    resolved_value: Any = Field(default=None, sa_type=sa.JSON, nullable=True)


class SyncLaptop(SQLModel, table=True):
    """A laptop database's identity: one row, written by `enplan laptop setup`."""

    __tablename__ = "sync_laptop"
    id: int = Field(default=1, primary_key=True)
    device_id: uuid.UUID
    server_url: str = Field(max_length=1000)  # without a password: that stays in ~/.pgpass
    caseworker: str = Field(max_length=120)
    set_up_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    pulled_to: int = Field(default=0, sa_type=sa.BigInteger)  # the server commit the last pull reached
    last_synced_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_attempt_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_problem: str = Field(default="")
    last_sent_seq: int = Field(default=0, sa_type=sa.BigInteger)  # the last number given to a sent change


class SyncOutbox(SQLModel, table=True):
    """A change made on this laptop, in the transaction that made it, until the server has it.

    ``seq`` orders the laptop's changes (SQLite writes one at a time); they
    are sent, and the server applies them, in that order. ``state``: waiting,
    quarantined (the server refused it; ``reason`` says why), or refresh (a
    discarded change: fetch the record from the server again at the next pull)."""

    __tablename__ = "sync_outbox"
    seq: int | None = Field(default=None, primary_key=True)
    event_id: uuid.UUID = Field(default_factory=uuid.uuid4, unique=True)
    entity: str = Field(max_length=40)
    entity_id: uuid.UUID = Field(index=True)
    citizen_id: uuid.UUID | None = Field(default=None, index=True)
    op: str = Field(max_length=10)  # create | update | audit
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    base_version: int = Field(default=0)
    author: str = Field(max_length=120)
    recorded_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    state: str = Field(default="waiting", max_length=12, index=True)  # waiting | quarantined | refresh
    reason: str = Field(default="")
    # The number the server knows this change by, given when it is first sent:
    # gap-free over the changes sent, so one held back (it depends on a
    # quarantined change) never makes the server wait for it.
    sent_seq: int | None = Field(default=None, sa_type=sa.BigInteger)
