"""Two app-like processes and the CLI writing to one SQLite file at once: no
crash, no "database is locked", no lost write."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.safety.helpers import count, make_db

WRITER = Path(__file__).with_name("writer.py")


def _import_doc(folder: Path, n: int) -> Path:
    doc = {"format_version": 1, "citizens": [
        {"id": str(uuid.uuid4()), "name": f"Imported {n}-{i}", "target_group": "other"} for i in range(3)]}
    path = folder / f"import-{n}.json"
    path.write_text(json.dumps(doc))
    return path


class Zygote:
    """tests/safety/writer.py: forks writers and CLI runs from one warm process."""

    def __init__(self, url: str) -> None:
        self.proc = subprocess.Popen([sys.executable, str(WRITER), url], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, bufsize=1)

    def ask(self, line: str) -> str:
        self.proc.stdin.write(line + "\n")
        return self.proc.stdout.readline().strip()

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def test_two_apps_and_the_cli_write_at_once(tmp_path):
    db = tmp_path / "enplan.db"
    make_db(db, citizens=1)
    stop = tmp_path / "stop"
    zygote = Zygote(f"sqlite:///{db}")
    try:
        apps = {label: int(zygote.ask(f"stream {tmp_path / label} {label} {stop}")) for label in ("app1", "app2")}
        # meanwhile the CLI writes too: imports (each with its backup first) and an export, all at once
        runs = [["import", str(_import_doc(tmp_path, n))] for n in range(3)] + [["export", str(tmp_path / "out.json")]]
        cli = {f"cli{i}": int(zygote.ask(f"cli {tmp_path / f'cli{i}'} {' '.join(r)} --db {db}"))
               for i, r in enumerate(runs)}
        cli_ended = {name: zygote.ask(f"wait {pid}") for name, pid in cli.items()}
        stop.touch()
        apps_ended = {name: zygote.ask(f"wait {pid}") for name, pid in apps.items()}
    finally:
        stop.touch()
        zygote.close()
    for name, ended in {**cli_ended, **apps_ended}.items():
        err = (tmp_path / f"{name}.err").read_text()
        assert ended == "exit 0", f"{name}: {ended}: {err}"
        assert "locked" not in err.lower() and "Traceback" not in err, err
    acks = [line.split() for name in apps for line in (tmp_path / name).read_text().splitlines()]
    assert len(acks) >= 40
    citizens_acked = sum(1 for kind, _ in acks if kind == "citizen")
    follow_ups_acked = sum(1 for kind, _ in acks if kind == "follow_up")
    assert count(db, "citizen") == 1 + citizens_acked + 9
    assert count(db, "follow_up") == follow_ups_acked
    conn = sqlite3.connect(db)
    try:
        stored = {r[0] for r in conn.execute("SELECT id FROM citizen")} | {r[0] for r in conn.execute("SELECT id FROM follow_up")}
        actions = dict(conn.execute("SELECT action, count(*) FROM audit_event GROUP BY action").fetchall())
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert {ident.replace("-", "") for _, ident in acks} <= stored
    assert actions["import"] == 3 and actions["export"] == 1


def test_a_writer_waits_for_the_lock_instead_of_failing(sqlite_services):
    """Another process holding the write lock for a while: the service call
    waits (busy_timeout + BEGIN IMMEDIATE) and then succeeds."""
    from enplan.domain.enums import TargetGroup
    from enplan.services import CitizenInput

    path = sqlite_services.db.path
    code = ("import sqlite3, sys, time\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE')\nprint('locked', flush=True)\ntime.sleep(1.5)\nc.execute('COMMIT')\n")
    holder = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        sqlite_services.create_citizen(CitizenInput(name="Waited", target_group=TargetGroup.OTHER))
        assert time.monotonic() - started > 0.5  # it really waited for the other writer
    finally:
        holder.wait(timeout=30)


def test_writes_begin_immediate_and_reads_never_write(sqlite_services):
    """Every statement that changes data runs in a BEGIN IMMEDIATE transaction:
    a deferred (read) transaction that later writes can fail at once with
    SQLITE_BUSY_SNAPSHOT, which busy_timeout cannot help."""
    from tests.safety.workflow import run_every_use_case

    engine = sqlite_services.db.engine
    begun: list[str] = []
    violations: list[str] = []
    current: dict[int, str] = {}

    def on_begin(conn):  # noqa: ANN001
        mode = "IMMEDIATE" if conn.get_execution_options().get("enplan_write") else "DEFERRED"
        current[id(conn.connection.dbapi_connection)] = mode
        begun.append(mode)

    def before(conn, _cursor, statement, _params, _context, _many):  # noqa: ANN001
        verb = statement.lstrip().split(None, 1)[0].upper()
        if verb in {"INSERT", "UPDATE", "DELETE", "REPLACE"} and \
                current.get(id(conn.connection.dbapi_connection)) != "IMMEDIATE":
            violations.append(statement[:80])

    sa.event.listen(engine, "begin", on_begin)
    sa.event.listen(engine, "before_cursor_execute", before)
    try:
        run_every_use_case(sqlite_services)
    finally:
        sa.event.remove(engine, "begin", on_begin)
        sa.event.remove(engine, "before_cursor_execute", before)
    assert violations == []
    assert "IMMEDIATE" in begun and "DEFERRED" in begun


def test_why_deferred_writes_are_unsafe(tmp_path):
    """The hazard the rule above avoids, shown with plain sqlite3."""
    path = tmp_path / "x.db"
    a = sqlite3.connect(path, isolation_level=None, timeout=5)
    a.execute("PRAGMA journal_mode=WAL")
    a.execute("CREATE TABLE t (x)")
    b = sqlite3.connect(path, isolation_level=None, timeout=5)
    b.execute("BEGIN")  # deferred
    b.execute("SELECT count(*) FROM t").fetchone()  # b now reads an old snapshot
    a.execute("INSERT INTO t VALUES (1)")  # someone else commits
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        b.execute("INSERT INTO t VALUES (2)")  # fails at once, despite timeout=5
    b.execute("ROLLBACK")
    a.close()
    b.close()


def test_first_start_of_several_processes_at_once(tmp_path):
    """Three processes create and migrate a brand-new database at the same
    moment: one migrates, the others wait for its lock and find it done."""
    db = tmp_path / "new" / "enplan.db"
    db.parent.mkdir()
    zygote = Zygote(f"sqlite:///{db}")
    try:
        pids = [int(zygote.ask(f"cli {tmp_path / f'first{i}'} overdue --db {db}")) for i in range(3)]
        ended = [zygote.ask(f"wait {pid}") for pid in pids]
    finally:
        zygote.close()
    for i, how in enumerate(ended):
        assert how == "exit 0", (tmp_path / f"first{i}.err").read_text()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_a_new_database_is_migrated_in_one_write_transaction(tmp_path):
    """Why the test above holds every time, not just usually: all migration
    steps run in one BEGIN IMMEDIATE transaction. With a commit between steps
    (Alembic's default on SQLite) a second process could take the lock there,
    run the next step itself, and the first would then fail on "table ...
    already exists" (seen once in CI)."""
    from enplan.store import migrate
    from enplan.store.engine import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    statements: list[str] = []

    def before(_conn, _cursor, statement, _params, _context, _many):  # noqa: ANN001
        verb = statement.lstrip().split(None, 1)[0].upper()
        if verb in {"BEGIN", "COMMIT", "ROLLBACK"} or statement.lstrip().upper().startswith("CREATE TABLE"):
            statements.append(statement.strip().split("(")[0].strip())

    sa.event.listen(engine, "before_cursor_execute", before)
    sa.event.listen(engine, "commit", lambda _conn: statements.append("COMMIT"))
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()
    begins = [s for s in statements if s.startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE"], statements
    assert statements.count("COMMIT") == 1, statements
    assert statements.index("COMMIT") == len(statements) - 1, "every table is created before the one commit"
    assert sum(s.startswith("CREATE TABLE") for s in statements) > 10
