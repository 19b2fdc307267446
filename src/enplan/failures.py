"""The one place where a failure becomes one sentence and an exit code.

Every command (``cli.main``) and the app (forms, screens, its crash
handler) describe an exception with ``describe()``: a known fault (a
refusal, a full disk, a server that does not answer, a deadlock) becomes
one sentence that says what happened and what to do, and never quotes SQL,
a traceback or a value. Anything else is unexpected: ``crash_report()``
writes the traceback (no local variables, CPR numbers masked) to a private
file and the user is told where it is.

Exit codes: 0 done, 2 refused or a known fault (nothing was changed),
1 an unexpected error (a crash report was written), 130 interrupted.

Nothing heavy is imported here: database exceptions are recognised by the
modules that raised them, so the CLI starts as fast as before.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import sys
import traceback
from pathlib import Path

from .domain.errors import Refusal  # noqa: F401 - commands raise it from here
from .domain.phrases import N_, Phrase

EXIT_REFUSED = 2
EXIT_CRASHED = 1
EXIT_INTERRUPTED = 130


# -- sentences for known faults ------------------------------------------------------------
DISK_FULL = N_("The disk is full, so nothing was saved; free some space and try again.")
READ_ONLY = N_("The database file is read-only, so nothing was saved; ask for write access to it or use a copy.")
LOCKED = N_("The database is busy in another program; close other enplan windows and try again.")
NO_ANSWER = N_("The database server did not answer in time; nothing was saved. Check the network and try again.")
# The server answered, to say it gave up: it was too busy (or waited on others), the network is fine.
SERVER_BUSY = N_("The database server was too busy to finish in time; nothing was saved. Try again in a moment.")
UNREACHABLE = N_("The database server cannot be reached; check the network and the server's address, then try again.")
BUSY_RECORD = N_("Someone else was saving this citizen at the same moment; nothing was saved. Try again.")
LOGIN_REFUSED = N_("The database server refused the login; check the user name in the address and the password "
                   "in ~/.pgpass.")
NO_DATABASE = N_("The database server has no such database or user; check the --db address.")
NOT_ALLOWED = N_("Your database login may not do this; ask whoever runs the server.")
NOT_YOURS = N_("That citizen is not in your caseload or your team's, so your database login may not see or change "
               "them; nothing was saved.")  # row-level security (store/policies.py)
LEADER_READS = N_("As team leader you read your team's citizens and hand them over; only their caseworker changes "
                  "their records, so nothing was saved.")  # store/leader_guard.py
NESTED = N_("The input is nested too deeply to read.")
TOO_BIG = N_("The input is too large to read.")
DISK_ERROR = N_("The disk reported an error, so nothing was saved; check the disk and try again.")
NO_PERMISSION = N_("enplan is not allowed to read or write a file it needs; check the file's permissions.")

# SQLSTATE classes and codes (PostgreSQL) that are faults, not bugs.
_SQLSTATE = {
    "40P01": BUSY_RECORD,  # deadlock_detected
    "40001": BUSY_RECORD,  # serialization_failure
    "55P03": BUSY_RECORD,  # lock_not_available (lock_timeout)
    "57014": SERVER_BUSY,  # query_canceled (statement_timeout)
    "57P01": UNREACHABLE,  # admin_shutdown: the server ended the connection
    "57P02": UNREACHABLE,  # crash_shutdown
    "57P03": UNREACHABLE,  # cannot_connect_now (starting up or shutting down)
    "42501": NOT_ALLOWED,  # insufficient_privilege
    "53100": DISK_FULL,  # disk_full
    "25006": READ_ONLY,  # read_only_sql_transaction
}
# psycopg's connect and cancel timeouts, and store/server.py's bound on any answer.
_NO_ANSWER = {"ConnectionTimeout", "CancellationTimeout", "NoAnswer"}
_ERRNO = {errno.ENOSPC: DISK_FULL, errno.EDQUOT: DISK_FULL, errno.EROFS: READ_ONLY, errno.EIO: DISK_ERROR,
          errno.EACCES: NO_PERMISSION, errno.EPERM: NO_PERMISSION}


def _known_enplan_error(exc: BaseException) -> bool:
    """Errors enplan raises with a sentence meant for people."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    return bool(names & {"Refusal", "ValidationError", "NotFoundError", "ConflictError", "ImportError_",
                         "BackupError", "RestoreError", "DatabaseOpenError", "BackendUnavailable", "SyncRefusal"})


def _sqlite_sentence(text: str) -> str | None:
    text = text.lower()
    if "is full" in text:  # "database or disk is full"
        return DISK_FULL
    if "disk i/o error" in text:
        return DISK_ERROR
    if "readonly" in text or "read-only" in text:
        return READ_ONLY
    if "locked" in text or "busy" in text:
        return LOCKED
    return None


def _database_sentence(exc: BaseException) -> str | None:
    """A sentence for an error from SQLAlchemy, sqlite3 or psycopg, or None."""
    orig = getattr(exc, "orig", None) or exc
    if {cls.__name__ for cls in type(orig).__mro__} & _NO_ANSWER:
        return NO_ANSWER
    state = getattr(orig, "sqlstate", None)
    if state:
        if state == "42501" and "row-level security" in str(orig):
            return NOT_YOURS
        if state == "42501" and "enplan: a team leader" in str(orig):
            return LEADER_READS
        if state in _SQLSTATE:
            return _SQLSTATE[state]
        if state.startswith("08"):  # connection_exception
            return UNREACHABLE
        if state.startswith("28"):  # invalid_authorization_specification
            return LOGIN_REFUSED
        if state == "3D000":  # invalid_catalog_name
            return NO_DATABASE
        if state.startswith("53"):  # insufficient_resources
            return DISK_FULL if state == "53100" else NO_ANSWER
        return None
    module = type(orig).__module__
    if module.startswith("sqlite3") or module == "_sqlite3":
        return _sqlite_sentence(str(orig))
    if module.startswith("psycopg"):
        # No SQLSTATE: the connection itself failed (refused, timed out, reset, or the login was refused).
        if type(orig).__name__ in ("OperationalError", "InterfaceError"):
            return _connect_sentence(str(orig).lower())
    if type(exc).__module__.startswith("sqlalchemy") and type(exc).__name__ in ("TimeoutError", "DisconnectionError"):
        return NO_ANSWER
    return None


def _connect_sentence(text: str) -> str:
    if "password" in text or "authentication" in text:
        return LOGIN_REFUSED
    if "does not exist" in text:
        return NO_DATABASE
    return NO_ANSWER if "timeout" in text or "timed out" in text else UNREACHABLE


def describe(exc: BaseException) -> str | None:
    """One sentence (in the current language) for a known fault; None when unexpected."""
    from .i18n import _

    if _known_enplan_error(exc):
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        return _(message) if isinstance(message, Phrase) or type(message) is str else str(message)
    sentence = _database_sentence(exc)
    if sentence is None and isinstance(exc, OSError) and exc.errno in _ERRNO:
        sentence = _ERRNO[exc.errno]
    if sentence is None and isinstance(exc, RecursionError):
        sentence = NESTED
    if sentence is None and isinstance(exc, MemoryError):
        sentence = TOO_BIG
    return _(sentence) if sentence else None


def first_line(text: str) -> str:
    text = text.strip()
    return text.splitlines()[0] if text else ""


# -- crash reports -------------------------------------------------------------------------
_CPR = re.compile(r"(?<!\d)(\d{6})-?(\d{4})(?!\d)")


def crash_dir() -> Path:
    from .paths import data_dir

    return data_dir() / "crash-reports"


def crash_report(exc: BaseException, where: str = "") -> Path | None:
    """Write the traceback of an unexpected error to a private file; its path, or None if it cannot be written.

    No local variables (they may hold a revealed CPR number or a note) and
    every CPR-shaped number masked."""
    from . import __version__
    from .paths import ensure_private_dir

    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    text = _CPR.sub("######-####", "".join(lines))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    header = f"enplan {__version__} · Python {sys.version.split()[0]} · {stamp}" + (f" · {where}" if where else "")
    try:
        folder = ensure_private_dir(crash_dir())
        path = folder / f"crash-{stamp}-{os.getpid()}.txt"
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as fh:
            fh.write(header + "\n\n" + text)
    except OSError:
        return None
    return path


def crash_sentence(report: Path | None, *, stopped: bool = True) -> str:
    """What to say after an unexpected error: enplan ``stopped`` (a command,
    the app) or only the one action failed (a save, a load)."""
    from .i18n import _

    if report is None:
        return (_("enplan stopped after an unexpected error and could not write a crash report.") if stopped
                else _("An unexpected error happened, and no crash report could be written."))
    return (_("enplan stopped after an unexpected error; the details are in {file}.") if stopped
            else _("An unexpected error happened; the details are in {file}.")).format(file=report)


def sentence_or_report(exc: BaseException, where: str = "", *, stopped: bool = True) -> tuple[str, int]:
    """The sentence to show for any exception, and the exit code it means."""
    sentence = describe(exc)
    if sentence is not None:
        return sentence, EXIT_REFUSED
    return crash_sentence(crash_report(exc, where), stopped=stopped), EXIT_CRASHED
