"""Shared fixtures: hermetic paths, a frozen today, and a fresh database per
test on every backend (SQLite always; PostgreSQL when a server can start).

Fixture interface used across the suite:
  backend   "sqlite" or "postgresql" (parametrised)
  db_url    URL of a fresh, empty database on that backend
  db        an opened (migrated) enplan Database on db_url
  services  Services(db, today=TODAY, actor="tester")
  sqlite_url / sqlite_services   the same, SQLite only (file-level tests)
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

TODAY = dt.date(2026, 11, 22)
ACTOR = "tester"


@pytest.fixture(autouse=True)
def _hermetic(tmp_path_factory, monkeypatch):
    """No test reads or writes the developer's own config or data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ENPLAN_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("ENPLAN_CONFIG_DIR", str(home / "config"))
    monkeypatch.delenv("ENPLAN_DB", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield


def _backends() -> list:
    return ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=_backends())
def backend(request) -> str:
    return request.param


# For a test that takes db/services but means the server only: @postgresql_only.
postgresql_only = pytest.mark.parametrize("backend", [pytest.param("postgresql", marks=pytest.mark.postgres)])


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'enplan.db'}"


@pytest.fixture
def db_url(backend, tmp_path, request) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'enplan.db'}"
    from tests.pg import fresh_database_url

    return fresh_database_url(request)


# -- PostgreSQL: one private server per session (tests/pg.py) ----------------
@pytest.fixture(scope="session")
def _pg_session():
    """Stops the session's PostgreSQL server and removes its directory at the
    end of the run, whatever the tests did."""
    from tests import pg

    yield
    pg.stop_server()


@pytest.fixture
def pg_server(_pg_session):
    """The running test server (tests/pg.py: PgServer); skips with the reason if none."""
    from tests import pg

    return pg.server()


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # noqa: ANN001, ARG001
    """Say why PostgreSQL tests were skipped, or which server they ran on."""
    import sys

    pg = sys.modules.get("tests.pg")
    if pg is None:
        return
    if pg.skip_reason:
        terminalreporter.write_sep("-", "PostgreSQL backend", yellow=True)
        terminalreporter.write_line(pg.skip_reason)
    elif pg.ran_on:
        terminalreporter.write_sep("-", "PostgreSQL backend", green=True)
        terminalreporter.write_line(pg.ran_on)


def _open(url: str):
    from enplan.store.opening import open_database

    return open_database(url, daily_backup=False)


@pytest.fixture
def db(db_url, backend):
    if backend == "postgresql":
        from tests import pg

        pg.server().migrate_from_template(db_url)  # same database, migrated in ~40 ms instead of ~400
        db_url = pg.daily(db_url)  # daily work never as the superuser or the owner (issue 15)
    database = _open(db_url)
    yield database
    database.dispose()


@pytest.fixture
def services(db):
    from enplan.services import Services

    return Services(db, today=TODAY, actor=ACTOR)


@pytest.fixture
def owner_services(services, backend):
    """Services as the schema owner on the same database, for what only the owner does on a
    server (erasure reduces the audit log, which is append-only for caseworkers; issue 15)."""
    if backend != "postgresql":
        yield services
        return
    from enplan.services import Services
    from enplan.store.opening import open_database
    from tests import pg

    database = open_database(pg.owner(services.db.url), daily_backup=False, purpose="owner")
    yield Services(database, today=TODAY, actor=services.actor)
    database.dispose()


@pytest.fixture
def sqlite_db(sqlite_url):
    database = _open(sqlite_url)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_services(sqlite_db):
    from enplan.services import Services

    return Services(sqlite_db, today=TODAY, actor=ACTOR)
