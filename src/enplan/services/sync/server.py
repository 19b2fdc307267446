"""Reaching the team server from a laptop: only PostgreSQL, only with the
same schema as the laptop (nothing is sent or fetched across versions)."""

from __future__ import annotations

import sqlalchemy as sa

from ...store import change_log, demo_mark, migrate, policies
from ...store.engine import Database
from .errors import DEMO_DATA, NO_SCHEMA, NOT_POSTGRES, SERVER_NEWER, SERVER_OLDER, SyncRefusal


def check_server_url(url: str) -> str:
    """The URL as enplan connects to it (psycopg 3), or SyncRefusal."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise SyncRefusal(NOT_POSTGRES) from None
    if parsed.get_backend_name() != "postgresql":
        raise SyncRefusal(NOT_POSTGRES)
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def url_to_keep(url: str) -> str:
    """The server URL a laptop remembers: never a password (that stays in ~/.pgpass)."""
    return sa.engine.make_url(url).set(password=None).render_as_string(hide_password=False)


def open_server(url: str) -> Database:
    """A Database on the team server whose schema is exactly this enplan's.

    Connection problems (unreachable, login refused) are raised as they are;
    ``failures.describe`` gives each its sentence."""
    db = Database(check_server_url(url))
    try:
        with db.engine.connect() as conn:  # never sync as a superuser, the owner or an administrator (issue 15)
            refusal = policies.daily_refusal(*policies.login_kind(conn))
        if refusal:
            raise SyncRefusal(refusal)
        check_schema(db)
        change_log.take_role(db)
    except BaseException:
        db.dispose()
        raise
    return db


def check_schema(db: Database) -> None:
    """Refuse a server without enplan's schema, or on another version of it (checked at every sync)."""
    current = migrate.current_revision(db.engine)
    if current is None:
        raise SyncRefusal(NO_SCHEMA)
    if not migrate.is_known_revision(current):
        raise SyncRefusal(SERVER_NEWER)
    if current != _head():
        raise SyncRefusal(SERVER_OLDER)


_HEAD: list[str] = []


def _head() -> str:
    if not _HEAD:
        _HEAD.append(migrate.head_revision())
    return _HEAD[0]


def is_demo(db: Database) -> bool:
    with db.read() as s:
        return demo_mark.is_demo(s)


def check_same_kind(laptop_demo: bool, server: Database) -> bool:
    """Demo data and real data never meet (issue 14): a laptop and its server are both demo
    data or both real, else SyncRefusal before anything is sent or fetched. The server's kind."""
    server_demo = is_demo(server)
    if server_demo != laptop_demo:
        raise SyncRefusal(DEMO_DATA)
    return server_demo
