"""The one boundary where failures become sentences (enplan.failures):
known faults get one sentence and exit code 2, anything else a crash report
(no local variables, CPR masked) and exit code 1 — in the CLI and the app."""

from __future__ import annotations

import errno
import os
import sqlite3

import pytest
import sqlalchemy as sa

from enplan import cli, failures
from enplan.failures import Refusal, crash_dir, describe
from tests.safety.helpers import run_cli


class _PgError(Exception):
    """Stands in for a psycopg error: what describe() reads is its SQLSTATE."""

    def __init__(self, sqlstate: str | None) -> None:
        super().__init__("ERROR: something at the server\nDETAIL: SELECT secret FROM citizen")
        self.sqlstate = sqlstate


def _wrapped(orig: Exception) -> sa.exc.OperationalError:
    return sa.exc.OperationalError("SELECT cpr FROM citizen WHERE id = ?", {}, orig)


@pytest.mark.parametrize(("exc", "sentence"), [
    (_wrapped(sqlite3.OperationalError("database or disk is full")), failures.DISK_FULL),
    (_wrapped(sqlite3.OperationalError("attempt to write a readonly database")), failures.READ_ONLY),
    (_wrapped(sqlite3.OperationalError("database is locked")), failures.LOCKED),
    (_wrapped(sqlite3.OperationalError("disk I/O error")), failures.DISK_ERROR),
    (_wrapped(_PgError("40P01")), failures.BUSY_RECORD),
    (_wrapped(_PgError("40001")), failures.BUSY_RECORD),
    (_wrapped(_PgError("57014")), failures.SERVER_BUSY),
    (_wrapped(_PgError("08006")), failures.UNREACHABLE),
    (_wrapped(_PgError("42501")), failures.NOT_ALLOWED),
    (_wrapped(_PgError("28P01")), failures.LOGIN_REFUSED),
    (_wrapped(_PgError("3D000")), failures.NO_DATABASE),
    (OSError(errno.ENOSPC, "No space left on device"), failures.DISK_FULL),
    (OSError(errno.EROFS, "Read-only file system"), failures.READ_ONLY),
    (RecursionError("maximum recursion depth exceeded"), failures.NESTED),
    (Refusal("Nothing to do; try again."), "Nothing to do; try again."),
])
def test_known_faults_are_one_sentence_without_sql(exc, sentence):
    said = describe(exc)
    assert said == sentence
    assert "SELECT" not in said and "\n" not in said


def test_unexpected_errors_are_not_described():
    assert describe(KeyError("x")) is None
    assert describe(_wrapped(_PgError("XX000"))) is None  # internal_error: a bug to report, not a fault


def test_a_crash_report_has_the_traceback_no_locals_and_no_cpr():
    def explode(note: str) -> None:
        secret_local = "0101901234 in a local"  # noqa: F841 - must not reach the report
        raise ValueError(f"bad value for 010190-1234 and {note}")

    try:
        explode("x")
    except ValueError as exc:
        path = failures.crash_report(exc, "test")
    text = path.read_text()
    assert "ValueError" in text and "explode" in text and "test" in text.splitlines()[0]
    assert "1234" not in text and "secret_local" not in text
    assert os.stat(path).st_mode & 0o777 == 0o600 and path.parent == crash_dir()


def test_the_cli_turns_every_error_into_one_line_and_an_exit_code(capsys, monkeypatch):
    from enplan import commands

    def refuse(_args):  # noqa: ANN001, ANN202
        raise Refusal("That cannot be done; do this instead.")

    def crash(_args):  # noqa: ANN001, ANN202
        raise KeyError("an enplan bug")

    def full(_args):  # noqa: ANN001, ANN202
        raise _wrapped(sqlite3.OperationalError("database or disk is full"))

    for command, code, start in ((refuse, 2, "enplan: That cannot be done"),
                                 (full, 2, "enplan: The disk is full"),
                                 (crash, 1, "enplan: enplan stopped after an unexpected error; the details are in")):
        monkeypatch.setattr(commands, "cmd_locate", command)
        got, out, err = run_cli(capsys, "locate")
        assert got == code and out == "" and err.startswith(start), err
        assert len(err.splitlines()) == 1 and "Traceback" not in err and "SELECT" not in err
    report = err.split("the details are in ")[1].rstrip(".\n")
    assert "KeyError: 'an enplan bug'" in open(report).read()
    monkeypatch.setattr(commands, "cmd_locate", lambda _a: (_ for _ in ()).throw(KeyboardInterrupt()))
    assert cli.main(["locate"]) == 130
