"""Bounds on every call to a PostgreSQL server.

On a lost network or a server that stopped answering, libpq would wait
forever: a save would hang with no error. So every connection gets limits,
each applied only when the URL (or libpq's environment variable for it)
does not set it already, so a site can tune any of them in the URL:

* opening a connection gives up after ``connect_timeout`` seconds;
* TCP keepalives notice a silent peer (the server host gone), and
  ``tcp_user_timeout`` notices data the other side never acknowledged;
* the server cancels a statement after ``statement_timeout``, gives up
  waiting for another caseworker's row lock after ``lock_timeout``, and
  ends a session left idle inside a transaction (a laptop closed mid-save)
  so its locks do not block everyone else;
* the client itself stops waiting for an answer ``ANSWER_MARGIN_S`` seconds
  after the statement timeout: a frozen server cannot cancel anything
  (``BoundedConnection``);
* waiting for a free pooled connection ends after ``POOL_TIMEOUT_S``.

A pooled connection left idle for ``PING_AFTER_IDLE_S`` or more is checked
with an empty query before use and replaced when the server dropped it (a
restart, a firewall's idle cut). One used moments ago, as the next step of
the same screen, is not: the check is a round trip of its own, and a save
and the screen's reload after it are two transactions back to back.

Each failure surfaces as one sentence (``failures.NO_ANSWER`` and friends);
the transaction was not committed, so nothing is half-written.

Plans: every statement is prepared on its first run (psycopg's
``prepare_threshold`` 0) and planned once per connection
(``plan_cache_mode=force_generic_plan``). A caseworker's app runs the same
few dozen statements all day, each a handful of times an hour, so the
defaults (prepare on the sixth run, then five custom plans before a generic
one is considered) planned nearly every run again, with the row-level
security policies in each plan: under 200 caseworkers about a quarter of the
server's work (bench/load.py). Behind PgBouncer in transaction mode, set
``prepare_threshold=none`` in the URL.
"""

from __future__ import annotations

import os
import re
import time
from functools import partial

import psycopg
import sqlalchemy as sa
from sqlalchemy import event

# libpq connection parameters: name → (the environment variable that also sets it, default).
CONNECTION = {
    "connect_timeout": ("PGCONNECT_TIMEOUT", "10"),  # seconds to open a connection
    "keepalives": (None, "1"),
    "keepalives_idle": (None, "10"),  # seconds of silence before the first probe
    "keepalives_interval": (None, "5"),
    "keepalives_count": (None, "3"),  # a silent server noticed about 25 s into a wait
    "tcp_user_timeout": (None, "20000"),  # ms that sent data may stay unacknowledged
}
# Server settings for every session, sent in libpq's ``options`` (or PGOPTIONS).
SESSION = {
    "statement_timeout": "15s",
    "lock_timeout": "10s",  # shorter than a statement: a blocked save says "someone else is saving"
    "idle_in_transaction_session_timeout": "60s",
    "plan_cache_mode": "force_generic_plan",  # a prepared statement is planned once (see Plans above)
}
PREPARE_THRESHOLD = 0  # psycopg: prepare a statement on its first run
ANSWER_MARGIN_S = 5.0  # the server's own statement timeout should win when it still can
POOL_TIMEOUT_S = 10
PING_AFTER_IDLE_S = 2.0  # a connection idle this long is checked before use

_SETTING = re.compile(r"(?:-c\s*|--)([A-Za-z_][A-Za-z0-9_.-]*)\s*=")
_STATEMENT_TIMEOUT = re.compile(r"(?:-c\s*|--)statement[_-]timeout\s*=\s*(\S+)")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*$")
_UNIT_S = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "min": 60.0, "h": 3600.0, "d": 86400.0}


def server_engine(url: sa.URL) -> sa.Engine:
    connect_args = connection_defaults(url) | {"prepare_threshold": prepare_threshold(url)}
    engine = sa.create_engine(url, pool_pre_ping=True, future=True, pool_timeout=POOL_TIMEOUT_S,
                              hide_parameters=True,  # SQL errors never quote the bound values (CPR numbers, notes)
                              connect_args=connect_args)
    _ping_only_when_idle(engine)
    bound = answer_bound(connect_args.get("options", _given_options(url)))
    if url.get_driver_name() == "psycopg" and bound is not None and _WAIT_TIMEOUT is not None:
        event.listen(engine, "do_connect", partial(_connect_bounded, bound))
        event.listen(engine, "handle_error", _no_reconnect_after_silence)
    return engine


def connection_defaults(url: sa.URL) -> dict[str, str]:
    """The bounds the URL and the environment leave unset, as libpq parameters."""
    args = {name: value for name, (env, value) in CONNECTION.items()
            if name not in url.query and not (env and os.environ.get(env))}
    given = _given_options(url)
    named = {name.replace("-", "_") for name in _SETTING.findall(given)}
    missing = [f"-c {name}={value}" for name, value in SESSION.items() if name not in named]
    if missing:
        args["options"] = " ".join([given, *missing]).strip()  # keeps what was given, adds the rest
    return args


def prepare_threshold(url: sa.URL) -> int | None:
    """The URL's ``prepare_threshold`` (a number of runs, or ``none``: never prepare) or enplan's."""
    given = url.query.get("prepare_threshold")
    if given is None:
        return PREPARE_THRESHOLD
    given = (given[-1] if isinstance(given, tuple) else given).strip().lower()
    if given in ("none", "off"):
        return None
    if not given.isdigit():
        raise SettingError(f"prepare_threshold in the database URL is a number of runs or none, not {given!r}.")
    return int(given)


def _given_options(url: sa.URL) -> str:
    value = url.query.get("options")
    if isinstance(value, tuple):
        value = " ".join(value)
    return value if value is not None else os.environ.get("PGOPTIONS", "")


def answer_bound(options: str) -> float | None:
    """Seconds the client waits for any answer: the statement timeout in
    ``options`` plus a margin; None when it is off (0) or not understood."""
    given = _STATEMENT_TIMEOUT.findall(options)
    seconds = _seconds(given[-1] if given else SESSION["statement_timeout"])
    return None if not seconds else seconds + ANSWER_MARGIN_S


def _seconds(value: str) -> float | None:
    """A PostgreSQL duration ("15s", "500ms", "2min", "3000" = ms) in seconds."""
    match = _DURATION.match(value.strip("'\""))
    if match is None:
        return None
    return float(match.group(1)) * _UNIT_S[match.group(2) or "ms"]


# What psycopg (3.3, pinned) raises when a wait's own timeout expires; without
# it the client-side bound is left off and the server-side timeouts remain.
_WAIT_TIMEOUT = getattr(psycopg.errors, "_WaitTimeout", None)


class SettingError(ValueError):
    """A setting in the database URL enplan cannot use (one sentence)."""


class NoAnswer(psycopg.OperationalError):
    """The server did not answer within the bound; the connection was closed."""


class BoundedConnection(psycopg.Connection):
    """A psycopg connection that stops waiting for an answer after
    ``answer_timeout`` seconds. Every query, commit and rollback waits
    through ``wait``, so this one place bounds them all."""

    answer_timeout: float | None = None

    def wait(self, gen, interval=None, timeout=None):  # noqa: ANN001, ANN201 - psycopg's signature
        own = {} if interval is None else {"interval": interval}
        try:
            return super().wait(gen, timeout=self.answer_timeout if timeout is None else timeout, **own)
        except _WAIT_TIMEOUT:
            if timeout is not None:  # psycopg's own bounded wait (cancel, notifies) handles it
                raise
            # The answer may still come later: the connection is out of step, so it goes.
            self.close()
            raise NoAnswer(f"the database server did not answer within {self.answer_timeout:g} s") from None


def _ping_only_when_idle(engine: sa.Engine) -> None:
    """SQLAlchemy's pre-ping (with its handling of a dropped or silent
    connection) for a connection idle ``PING_AFTER_IDLE_S`` or more; one
    checked in moments ago counts as answering."""
    idle_from: dict[int, float] = {}  # id of a pooled DBAPI connection -> when it was checked in
    ping = engine.dialect.do_ping

    def do_ping(dbapi_conn) -> bool:  # noqa: ANN001
        since = idle_from.pop(id(dbapi_conn), None)
        if since is not None and time.monotonic() - since < PING_AFTER_IDLE_S:
            return True
        return ping(dbapi_conn)

    engine.dialect.do_ping = do_ping  # this engine's own dialect instance
    event.listen(engine, "checkin", lambda dbapi_conn, _record: idle_from.__setitem__(id(dbapi_conn), time.monotonic()))
    event.listen(engine, "close", lambda dbapi_conn, _record: idle_from.pop(id(dbapi_conn), None))


def _connect_bounded(bound: float, _dialect, _record, cargs, cparams):  # noqa: ANN001, ANN202
    conn = BoundedConnection.connect(*cargs, **cparams)
    conn.answer_timeout = bound
    return conn


def _no_reconnect_after_silence(context: sa.engine.ExceptionContext) -> None:
    """A pooled connection's check before use got no answer: the server is
    silent, not restarted, so report it now instead of also waiting out a
    new connection (the dead connection is dropped all the same)."""
    if context.is_pre_ping and isinstance(context.original_exception, NoAnswer):
        context.is_disconnect = False
