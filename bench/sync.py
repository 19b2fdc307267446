"""The laptop-sync figures of `make bench`, against a team server at
municipality scale: the generated SQLite database (10,000 citizens, over a
million records) loaded into a private PostgreSQL (started as the tests
start theirs, tests/pg.py), and a laptop for the 500-citizen caseworker.

    laptop_setup_s              set up that laptop from the server
    sync_push_5000_s            5,000 changes made on it, pushed and acknowledged
    sync_noop_ms                a sync with nothing to do (median)
    key_latency_during_sync_ms  keys pressed in the app while a 5,000-change sync runs in it
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from .generate import BIG_CASEWORKER

SYNC_TARGETS = {"laptop_setup_s": 15, "sync_push_5000_s": 10, "sync_noop_ms": 300, "key_latency_during_sync_ms": 30}
TODAY = dt.date(2026, 11, 22)


def load_into_postgres(sqlite_db: Path, url: str) -> float:
    """Copy every table of the generated database into the (migrated) server with COPY; seconds taken."""
    import psycopg

    from enplan.store import tables as t

    t0 = time.perf_counter()
    open_as_owner(url).dispose()  # the schema, from the real migrations
    source = sa.create_engine(f"sqlite:///{sqlite_db}")
    dialect = sa.create_engine(url).dialect
    tables = [*t.ENTITY_TABLES.values(), t.AuditEvent]
    with source.connect() as src, psycopg.connect(_libpq(url)) as dst:
        # As the superuser: no row triggers while loading (the commit stamp of migration 0009 would
        # stamp a million rows one by one); the generated rows are consistent as they are.
        dst.execute("SET session_replication_role = replica")
        for table in tables:
            columns = list(table.__table__.columns)
            binds = [json.dumps if isinstance(c.type, sa.JSON) else c.type.bind_processor(dialect) for c in columns]
            names = ", ".join(c.name for c in columns)
            with dst.cursor().copy(f"COPY {table.__tablename__} ({names}) FROM STDIN") as copy:
                for row in src.execute(sa.select(table.__table__)):
                    copy.write_row([b(v) if b and v is not None else v for b, v in zip(binds, row)])
        dst.execute("ANALYZE")
    source.dispose()
    return time.perf_counter() - t0


def open_as_owner(url: str):  # noqa: ANN201 - a Database
    """Open the server database as its owner, for migrations and loading (the app
    itself refuses to do daily work as the owner or a superuser, issue 15)."""
    import inspect

    from enplan.store.opening import open_database

    owner = {"purpose": "owner"} if "purpose" in inspect.signature(open_database).parameters else {}
    return open_database(url, daily_backup=False, **owner)


def enrol(url: str, login: str) -> str:
    """Make ``login`` a caseworker of a team on the server, as `enplan admin caseworker add` does
    (the app does no daily work as the owner); the server's URL for that login."""
    from enplan.services.admin import add_caseworker, add_team

    db = open_as_owner(url)
    try:
        add_team(db, "Bench", False)
        add_caseworker(db, login, "Bench", False)
    finally:
        db.dispose()
    return sa.engine.make_url(url).set(username=login).render_as_string(hide_password=False)


def _libpq(url: str) -> str:
    u = sa.engine.make_url(url)
    return f"host={u.host} port={u.port} user={u.username} dbname={u.database}"


def measure_setup(url: str, folder: Path) -> tuple[float, Path]:
    from enplan.services.sync.setup import setup_laptop

    path = folder / f"laptop-{uuid.uuid4().hex[:8]}.db"
    t0 = time.perf_counter()
    report = setup_laptop(url, f"sqlite:///{path}", BIG_CASEWORKER, BIG_CASEWORKER)
    took = time.perf_counter() - t0
    print(f"laptop for {BIG_CASEWORKER}: {report.citizens} citizens, {report.records} records in {took:.2f} s")
    return took, path


def make_changes(path: Path, count: int = 5000) -> None:
    """``count`` recorded changes on the laptop, as a caseworker makes them (follow-ups across the caseload)."""
    from enplan.services import Services
    from enplan.store import tables as t
    from enplan.store.opening import open_database

    db = open_database(f"sqlite:///{path}", daily_backup=False)
    try:
        citizens = [r.citizen_id for r in Services(db, today=TODAY).caseload(BIG_CASEWORKER)]
        with db.write() as s:
            s.add_all(t.FollowUp(citizen_id=citizens[i % len(citizens)], title=f"Ringet op {i}",
                                 due_on=TODAY + dt.timedelta(days=i % 30), updated_by=BIG_CASEWORKER)
                      for i in range(count))
    finally:
        db.dispose()


def measure_push(path: Path) -> float:
    from enplan.services import Services
    from enplan.store.opening import open_database

    db = open_database(f"sqlite:///{path}", daily_backup=False)
    try:
        services = Services(db, today=TODAY, actor=BIG_CASEWORKER)
        assert services.sync_status().waiting >= 5000
        t0 = time.perf_counter()
        report = services.sync()
        took = time.perf_counter() - t0
        assert report.sent >= 5000 and services.sync_status().state == "synced", services.sync_status()
    finally:
        db.dispose()
    return took


def measure_noop(path: Path, runs: int) -> list[float]:
    from enplan.services import Services
    from enplan.store.opening import open_database

    db = open_database(f"sqlite:///{path}", daily_backup=False)
    try:
        services = Services(db, today=TODAY, actor=BIG_CASEWORKER)
        services.sync()  # warm: imports, statement caches
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            report = services.sync()
            times.append(time.perf_counter() - t0)
            assert report.sent == 0
    finally:
        db.dispose()
    return times


def run(sqlite_db: Path, folder: Path, runs: int, on_server: Callable[[str], dict] | None = None) -> dict:
    """Start a private server, load the database, measure; the server is removed afterwards.
    ``on_server(url)`` measures more on the loaded server first (the outcome report), before
    the laptops change it."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.pg import private_server

    with private_server() as server:
        url = server.create_database("team")
        load_s = load_into_postgres(sqlite_db, url)
        print(f"loaded the generated database into PostgreSQL in {load_s:.1f} s")
        more = on_server(url) if on_server is not None else {}
        url = enrol(url, BIG_CASEWORKER)  # the laptop's caseworker syncs as their own login, as in a team
        setup_s, laptop = measure_setup(url, folder)
        make_changes(laptop)
        push_s = measure_push(laptop)
        noop = measure_noop(laptop, max(runs, 5))
        from .sync_keys import measure_keys_during_sync

        setup_again, busy_laptop = measure_setup(url, folder)
        make_changes(busy_laptop)
        keys = measure_keys_during_sync(busy_laptop)
    return {"laptop_setup_s": setup_s, "sync_push_5000_s": push_s, "sync_noop_s": statistics.median(noop),
            "sync_noop_spread_s": (min(noop), max(noop)), "key_latency_during_sync_s": statistics.median(keys),
            "key_latency_during_sync_max_s": max(keys), "load_postgres_s": load_s, "laptop_setup_again_s": setup_again,
            **more}
