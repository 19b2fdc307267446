"""`enplan laptop setup`: a laptop database holding one caseworker's own
caseload (their active citizens with everything of theirs, and the
employers those refer to), copied from one snapshot of the team server.
Nobody else's citizens are copied. The server learns the laptop (a
``sync_device`` row) and logs who took what onto a laptop.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from ...paths import sqlite_path, sqlite_url
from ...store import demo_mark
from ...store import tables as t
from ...store.opening import check_sqlite_file, open_database
from ...store.scope import in_scope, laptop_copy
from ...store.sync_tables import SyncClock, SyncDevice, SyncLaptop
from ...store.types import utcnow
from .errors import DEMO_DATA, LAPTOP_EXISTS, NOT_A_LAPTOP, SyncRefusal
from .server import is_demo, open_server, url_to_keep
from .transfer import fetch, store


@dataclass(frozen=True)
class SetupReport:
    path: Path
    caseworker: str
    citizens: int
    records: int
    device_id: uuid.UUID


def setup_laptop(server_url: str, laptop_url: str, caseworker: str, actor: str) -> SetupReport:
    path = sqlite_path(laptop_url)
    if path is None:
        raise SyncRefusal(NOT_A_LAPTOP)
    laptop_demo = _refuse_a_used_file(path)
    device_id = uuid.uuid4()
    server = open_server(server_url)
    try:
        # A new laptop file takes the server's kind (a demo server's laptop is a demo too, and says so);
        # an empty file marked as a demo takes no real server's data.
        server_demo = is_demo(server)
        if laptop_demo and not server_demo:
            raise SyncRefusal(DEMO_DATA)
        with server.read() as s:
            conn = s.connection()
            newest = s.get(SyncClock, 1).seq
            citizens = list(conn.execute(in_scope(caseworker)).scalars())
            rows = fetch(conn, laptop_copy(citizens))
        with server.write() as s:
            s.add(SyncDevice(id=device_id, caseworker=caseworker))
            s.add(t.AuditEvent(actor=actor, action="laptop_setup", entity="database", device_id=device_id,
                               changes={"caseworker": caseworker, "citizens": len(citizens)}))
    finally:
        server.dispose()
    laptop = open_database(laptop_url, daily_backup=False)
    try:
        with laptop.write(sync_apply=True) as s:
            records = store(s.connection(), rows)
            if server_demo:
                demo_mark.mark_demo(s.connection())
            s.add(SyncLaptop(device_id=device_id, server_url=url_to_keep(server_url), caseworker=caseworker,
                             pulled_to=newest, last_synced_at=utcnow()))
    finally:
        laptop.dispose()
    return SetupReport(path, caseworker, len(citizens), records, device_id)


def _refuse_a_used_file(path: Path) -> bool:
    """A laptop is set up in a new (or empty) file: never over someone's records. Whether the file is a demo."""
    if check_sqlite_file(path) == "fresh":
        return False
    db = open_database(sqlite_url(path), daily_backup=False)
    try:
        with db.read() as s:
            used = s.execute(sa.select(t.Citizen.id).limit(1)).first() or s.get(SyncLaptop, 1)
            demo = demo_mark.is_demo(s)
    finally:
        db.dispose()
    if used:
        raise SyncRefusal(LAPTOP_EXISTS)
    return demo
