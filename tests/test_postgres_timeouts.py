"""A server that stops answering (hardening issue, item 4): every call to it
is bounded (store/server.py), so a save ends within seconds in one sentence
instead of waiting forever, and leaves nothing half-written.

The frozen-server tests stop every process of a PostgreSQL server of their
own with SIGSTOP (tests/pg.py: ``dedicated_server``, ``PgServer.frozen``),
as a lost network looks from the client, with small timeouts in the URL."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
import time
import uuid
from contextlib import ExitStack

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from enplan import failures
from enplan.domain.enums import ContactForm, LifeArea, MeetingType, TargetGroup
from enplan.services import CitizenInput, GoalNoteInput, MeetingInput, Services
from enplan.store import server
from enplan.store.opening import open_database
from tests.conftest import TODAY, postgresql_only

# 2 s to connect, 2 s per statement: the client gives up 2 + ANSWER_MARGIN_S s into a silence.
SMALL = "connect_timeout=2&options=-c%20statement_timeout%3D2s%20-c%20lock_timeout%3D1s"
BOUND_S = 20


# -- the bounds, and what a URL may change -------------------------------------------------
def test_every_bound_is_set_unless_the_url_or_libpq_environment_sets_it(monkeypatch):
    monkeypatch.delenv("PGCONNECT_TIMEOUT", raising=False)
    monkeypatch.delenv("PGOPTIONS", raising=False)
    plain = server.connection_defaults(sa.engine.make_url("postgresql+psycopg://mette@db/enplan"))
    assert plain == {"connect_timeout": "10", "keepalives": "1", "keepalives_idle": "10", "keepalives_interval": "5",
                     "keepalives_count": "3", "tcp_user_timeout": "20000",
                     "options": "-c statement_timeout=15s -c lock_timeout=10s "
                                "-c idle_in_transaction_session_timeout=60s -c plan_cache_mode=force_generic_plan"}
    assert server.answer_bound(plain["options"]) == 15 + server.ANSWER_MARGIN_S

    tuned = server.connection_defaults(sa.engine.make_url(
        "postgresql+psycopg://mette@db/enplan?connect_timeout=30&keepalives_idle=60"
        "&options=-c%20search_path%3Dx%20-c%20statement_timeout%3D1min"))
    assert "connect_timeout" not in tuned and "keepalives_idle" not in tuned  # the URL's own values stay
    assert tuned["options"] == ("-c search_path=x -c statement_timeout=1min -c lock_timeout=10s "
                                "-c idle_in_transaction_session_timeout=60s -c plan_cache_mode=force_generic_plan")
    assert server.answer_bound(tuned["options"]) == 60 + server.ANSWER_MARGIN_S

    monkeypatch.setenv("PGCONNECT_TIMEOUT", "4")
    monkeypatch.setenv("PGOPTIONS", "-c statement_timeout=0 -c lock_timeout=3s")
    from_env = server.connection_defaults(sa.engine.make_url("postgresql+psycopg://mette@db/enplan"))
    assert "connect_timeout" not in from_env
    assert from_env["options"] == ("-c statement_timeout=0 -c lock_timeout=3s -c idle_in_transaction_session_timeout=60s "
                                   "-c plan_cache_mode=force_generic_plan")
    assert server.answer_bound(from_env["options"]) is None  # the site turned statement timeouts off


@pytest.mark.parametrize(("text", "seconds"), [("15s", 15), ("500ms", 0.5), ("2min", 120), ("3000", 3), ("0", 0),
                                               ("'4s'", 4), ("soon", None)])
def test_durations_are_read_as_postgresql_reads_them(text, seconds):
    assert server._seconds(text) == seconds


@postgresql_only
def test_a_session_on_the_server_has_the_bounds(db):
    with db.engine.connect() as conn:
        shown = [conn.exec_driver_sql(f"SHOW {name}").scalar_one() for name in server.SESSION]
        assert shown == ["15s", "10s", "1min", "force_generic_plan"]
        assert conn.connection.dbapi_connection.answer_timeout == 15 + server.ANSWER_MARGIN_S


@postgresql_only
def test_a_pooled_connection_is_checked_before_use_only_after_sitting_idle(db, monkeypatch):
    """SQLAlchemy's check before use (an empty query, a round trip of its own) runs for a
    pooled connection idle ``PING_AFTER_IDLE_S`` or more and replaces one the server dropped;
    a connection checked in moments ago, the next step of the same screen, goes straight on."""
    pings = []
    real = type(db.engine.dialect).do_ping
    monkeypatch.setattr(type(db.engine.dialect), "do_ping", lambda self, conn: pings.append(conn) or real(self, conn))
    mine = open_database(db.engine.url.render_as_string(hide_password=False), daily_backup=False)
    try:
        services = Services(mine, today=TODAY, actor="mette")
        cid = services.create_citizen(CitizenInput(name="Åse Holm", target_group=TargetGroup.OTHER))
        services.view_citizen(cid)
        services.citizen_detail(cid)
        assert pings == []

        monkeypatch.setattr(server, "PING_AFTER_IDLE_S", 0.0)  # every connection has now sat idle long enough
        with mine.engine.connect() as conn:
            pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        with db.engine.connect() as other:  # the server drops it: a restart, a firewall's idle cut
            other.exec_driver_sql(f"SELECT pg_terminate_backend({int(pid)})")
        assert services.citizen_detail(cid).citizen.name == "Åse Holm"  # replaced, not an error
        assert pings  # the dropped connection was checked, then replaced
    finally:
        mine.dispose()


# -- a frozen server ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def own_server():
    from tests.pg import dedicated_server

    with dedicated_server() as srv:
        yield srv


@pytest.fixture
def frozen_url(own_server) -> str:
    """A migrated database on the dedicated server, with small bounds in its URL."""
    url = own_server.create_database(f"frozen_{uuid.uuid4().hex[:8]}")
    open_database(url, daily_backup=False, purpose="owner").dispose()  # the owner migrates
    from tests.pg import daily

    return f"{daily(url)}?{SMALL}"  # daily work as a caseworker's login (issue 15)


def _stored(url: str, table: str) -> int:
    engine = sa.create_engine(url.split("?")[0])
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_a_cli_write_to_a_frozen_server_fails_in_time_with_one_sentence(own_server, frozen_url, tmp_path):
    doc = tmp_path / "import.json"
    doc.write_text(json.dumps({"format_version": 1, "citizens": [
        {"id": str(uuid.uuid4()), "name": "Åse Holm", "target_group": "other"}]}), encoding="utf-8")
    with own_server.frozen():
        started = time.monotonic()
        run = subprocess.run([sys.executable, "-m", "enplan", "import", "--db", frozen_url, str(doc)],
                             capture_output=True, text=True, timeout=120)
        took = time.monotonic() - started
    assert run.returncode == 2, run.stderr
    assert took < BOUND_S
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr and lines[0].startswith("enplan: ")
    assert lines[0] == f"enplan: {failures.NO_ANSWER}", lines  # the same sentence as a save that gets no answer
    # The server answers again, and the import left nothing behind.
    assert _stored(frozen_url, "citizen") == 0
    ran = subprocess.run([sys.executable, "-m", "enplan", "import", "--db", frozen_url, str(doc)],
                         capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert _stored(frozen_url, "citizen") == 1


def _freeze_before(engine: sa.Engine, statement_start: str, stack: ExitStack, own_server) -> None:  # noqa: ANN001
    """Freeze the server just before the first statement starting with
    ``statement_start``; ``stack`` continues it (and the hook is removed)."""
    def before(conn, cursor, statement, *args):  # noqa: ANN001, ARG001
        if statement.lstrip().upper().startswith(statement_start):
            event.remove(engine, "before_cursor_execute", before)  # once
            stack.enter_context(own_server.frozen())

    event.listen(engine, "before_cursor_execute", before)
    stack.callback(lambda: event.contains(engine, "before_cursor_execute", before)
                   and event.remove(engine, "before_cursor_execute", before))


def _in_thread(call, seconds: float) -> tuple[object, float]:  # noqa: ANN001
    """Run ``call`` in a thread, so a hang fails the test instead of stopping it."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["result"] = call()
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            outcome["result"] = exc

    started = time.monotonic()
    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still waiting after {seconds} s"
    return outcome["result"], time.monotonic() - started


@pytest.mark.postgres
def test_a_save_whose_server_freezes_midway_ends_in_one_sentence_and_writes_nothing(own_server, frozen_url):
    db = open_database(frozen_url, daily_backup=False)
    services = Services(db, today=TODAY, actor="mette")
    try:
        cid = services.create_citizen(CitizenInput(name="Åse Holm", target_group=TargetGroup.OTHER))
        goal = services.add_goal(cid, LifeArea.BOLIG, "Egen bolig")
        meeting = MeetingInput(type=MeetingType.JOBSAMTALE, form=ContactForm.PERSONAL,
                               starts_at=dt.datetime(2026, 11, 2, 9, tzinfo=dt.timezone.utc), notes="Vigtig note",
                               goal_notes=(GoalNoteInput(goal, note="Ser på lejligheder"),))
        with ExitStack() as stack:  # the server is continued when this block ends, whatever happens
            _freeze_before(db.engine, "INSERT INTO MEETING_GOAL_NOTE", stack, own_server)  # the meeting is in by then
            error, took = _in_thread(lambda: services.record_meeting(cid, meeting), BOUND_S + 30)
            assert isinstance(error, sa.exc.OperationalError), error
            assert took < BOUND_S
            assert failures.describe(error) == failures.NO_ANSWER
            # Still frozen: the next save cannot even connect, and says so as quickly.
            again, took = _in_thread(lambda: services.add_follow_up(cid, "Ring op", TODAY), BOUND_S + 30)
            assert failures.describe(again) == failures.NO_ANSWER and took < BOUND_S
        assert services.citizen_detail(cid).meetings == ()  # the half-done save was rolled back
        assert _stored(frozen_url, "meeting_goal_note") == 0
        services.record_meeting(cid, meeting)  # the same services work again once the server answers
        assert len(services.citizen_detail(cid).meetings) == 1
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_pooled_connection_to_a_frozen_server_is_given_up_without_reconnecting(own_server, frozen_url):
    """The check before a pooled connection is used gets no answer: that is
    reported at once, not after also waiting for a new connection."""
    db = open_database(frozen_url, daily_backup=False)
    services = Services(db, today=TODAY, actor="mette")
    try:
        cid = services.create_citizen(CitizenInput(name="Åse Holm", target_group=TargetGroup.OTHER))
        with own_server.frozen():
            error, took = _in_thread(lambda: services.add_follow_up(cid, "Ring op", TODAY), BOUND_S + 30)
        assert failures.describe(error) == failures.NO_ANSWER and took < BOUND_S
        assert type(error.orig) is server.NoAnswer  # the check's own silence, not a new connection's timeout
        services.add_follow_up(cid, "Ring op", TODAY)
        assert len(services.citizen_detail(cid).follow_ups) == 1
    finally:
        db.dispose()
