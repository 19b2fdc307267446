"""Engine factory, per-connection SQLite pragmas and session scopes.

Writes on SQLite take the write lock up front (``BEGIN IMMEDIATE``) so two
processes never deadlock upgrading a read lock; ``busy_timeout`` makes the
second writer wait instead of failing with "database is locked". On a
server, ``store/server.py`` bounds every call, and ``Database.retrying``
runs a use case once more when the server rolled it back to break a
deadlock.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from .policies import FOCUS, FOCUS_CITIZEN

BUSY_TIMEOUT_MS = 15000
# SQLSTATEs after which the server has rolled the whole transaction back, so
# running the unit of work again is safe: deadlock_detected, serialization_failure.
RETRY_SQLSTATES = frozenset({"40P01", "40001"})
T = TypeVar("T")


def make_engine(url: str) -> sa.Engine:
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    parsed = sa.engine.make_url(url)
    if parsed.get_driver_name() in ("psycopg", "psycopg2"):
        from .server import server_engine  # libpq: bounded waits, imported only for a server

        return server_engine(parsed)
    # hide_parameters: SQL errors never quote the bound values (CPR numbers, notes).
    return sa.create_engine(url, pool_pre_ping=True, future=True, hide_parameters=True)


def _sqlite_engine(url: str) -> sa.Engine:
    read_only = "mode=ro" in url  # a file enplan may not write (store/opening.py): never switch its journal
    engine = sa.create_engine(
        url,
        hide_parameters=True,  # SQL errors never quote the bound values (CPR numbers, notes)
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        poolclass=sa.pool.QueuePool if ":memory:" not in url and url != "sqlite://" else sa.pool.StaticPool,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        # Let SQLAlchemy (not the driver) issue BEGIN, so we can choose IMMEDIATE.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        if not read_only and cur.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA secure_delete=ON")
        cur.execute("PRAGMA trusted_schema=OFF")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        mode = "IMMEDIATE" if conn.get_execution_options().get("enplan_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def is_sqlite(engine: sa.Engine) -> bool:
    return engine.dialect.name == "sqlite"


def rolled_back_by_server(exc: BaseException) -> bool:
    """The server aborted the transaction to break a deadlock (or to keep it
    serializable): nothing of it was written, and it may simply run again."""
    return isinstance(exc, sa.exc.DBAPIError) and getattr(exc.orig, "sqlstate", None) in RETRY_SQLSTATES


# Transaction-local (set_config's third argument): gone at the commit, never seen by the next use case.
_FOCUS = sa.text(f"SELECT set_config('{FOCUS}', :login, true), set_config('{FOCUS_CITIZEN}', :cid, true)")

SYNC_APPLYING = "enplan_sync_applying"  # session.info flag: see Database.write and store/change_log.py


class Database:
    """An engine plus the two kinds of unit of work enplan uses."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        # A read unit of work sees one snapshot, as on SQLite; PostgreSQL's default
        # (READ COMMITTED) would let each statement see other caseworkers' new commits.
        reads = self.engine if is_sqlite(self.engine) else self.engine.execution_options(isolation_level="REPEATABLE READ")
        self._read = sessionmaker(reads, class_=Session, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(enplan_write=True), class_=Session, expire_on_commit=False
        )
        self._thread = threading.local()  # per thread: inside a use case? how many commits so far?

    laptop = None  # on a laptop database: its SyncLaptop row (which server, which caseworker); change_log.take_role

    @property
    def path(self) -> Path | None:
        from ..paths import sqlite_path

        return sqlite_path(self.url)

    # On a server, for a login that sees more than its own caseload (a team leader, a team that shares
    # caseloads): set at open (store/opening.py). Only then is narrowing worth its statement.
    narrows_reads = False

    @contextmanager
    def read(self, *, about_caseworker: str | None = None, about_citizen: object = None) -> Iterator[Session]:
        """One read transaction, one snapshot. ``about_caseworker`` / ``about_citizen``: it reads
        that caseworker's citizens, or that citizen, only, so on a server the policies' set of
        visible citizens is narrowed to them (store/policies.py FOCUS): the same answer, from far
        fewer rows for a team leader."""
        with self._read() as session, session.begin():
            self._narrow(session, about_caseworker, about_citizen)
            yield session

    def _narrow(self, session: Session, caseworker: str | None, citizen: object) -> None:
        if self.narrows_reads and (caseworker is not None or citizen is not None):
            session.execute(_FOCUS, {"login": caseworker or "", "cid": "" if citizen is None else str(citizen)})

    @contextmanager
    def write(self, *, sync_apply: bool = False, snapshot: bool = False, about_citizen: object = None) -> Iterator[Session]:
        """One transaction: commits when the block ends, rolls back on error.
        ``sync_apply``: sync's own writes (a pull), which a laptop's outbox does not record.
        ``snapshot``: every read in it sees one snapshot, as ``read`` does (on a server,
        REPEATABLE READ: fit for a write that only adds rows, which no other save can conflict with).
        ``about_citizen``: it reads and changes that citizen's rows only (narrowed as ``read`` does)."""
        with self._write() as session, session.begin():
            if snapshot and not is_sqlite(self.engine):  # SQLite's write transaction is one snapshot already
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            self._narrow(session, None, about_citizen)
            if sync_apply:
                session.info[SYNC_APPLYING] = True
            yield session
        self._thread.commits = self._commits() + 1

    def _commits(self) -> int:
        return getattr(self._thread, "commits", 0)

    def retrying(self, use_case: Callable[[], T]) -> T:
        """Run a whole use case (which opens its own transactions) and, when
        the server rolled it back to break a deadlock, once more from the
        start: the other caseworker's save has gone through by then.

        Only the outermost use case retries (one calling another runs it
        once, inside its own attempt), and never after one of its
        transactions committed, since running that again would save twice."""
        if getattr(self._thread, "inside", False):
            return use_case()
        self._thread.inside = True
        try:
            commits = self._commits()
            try:
                return use_case()
            except sa.exc.DBAPIError as exc:
                if not rolled_back_by_server(exc) or self._commits() != commits:
                    raise
            return use_case()
        finally:
            self._thread.inside = False

    def fix_modes(self) -> None:
        """The database and its -wal/-shm files are private: no access for
        group and others. Only regular files, and permissions only taken
        away (a 0400 file stays 0400)."""
        path = self.path
        if path is None:
            return
        for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            try:
                mode = os.stat(p).st_mode
                if stat.S_ISREG(mode) and mode & 0o177:
                    os.chmod(p, mode & 0o600)
            except OSError:
                pass

    def dispose(self) -> None:
        self.engine.dispose()
