"""Team mode from the outside: the CLI on a server, SQLite and PostgreSQL
giving the same answers on the same data, and README's team setup as written
(issue 6). Tests taking ``db_url``/``services`` run on both backends."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from enplan import failures
import sqlalchemy as sa
from alembic import command

from enplan.domain.enums import TargetGroup
from enplan.services import CitizenInput, Services
from enplan.store.engine import Database
from enplan.store.migrate import alembic_config, current_revision
from tests.conftest import TODAY
from tests.test_postgres import _edit

# -- every CLI path on the server, and the same answers as SQLite -----------------------
SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "caseload.json"


@pytest.fixture
def sample_file(tmp_path) -> Path:
    if not SAMPLE.exists():
        pytest.skip("sample_data/caseload.json is not there")
    from enplan.demo import shift_document

    path = tmp_path / "sample.json"
    path.write_text(json.dumps(shift_document(json.loads(SAMPLE.read_text(encoding="utf-8")), TODAY)), encoding="utf-8")
    return path


def _cli(*args: str) -> int:
    from enplan.cli import main

    return main([*args[:1], "--today", TODAY.isoformat(), "--caseworker", "mette", *args[1:]])


@pytest.mark.postgres
def test_import_export_and_every_read_agree_between_sqlite_and_postgresql(sample_file, sqlite_url, request,
                                                                          tmp_path, capsys):
    from tests.pg import daily, fresh_database_url

    owner_url = fresh_database_url(request)
    pg_url = daily(owner_url)  # the owner migrates; a caseworker's login does the daily work (issue 15)
    exports = {}
    for name, url in (("sqlite", sqlite_url), ("postgresql", pg_url)):
        assert _cli("migrate", "--db", owner_url if name == "postgresql" else url) == 0
        assert _cli("import", "--db", url, str(sample_file)) == 0
        exports[name] = tmp_path / f"{name}.json"
        assert _cli("export", "--db", url, "--include-cpr", str(exports[name])) == 0
    assert exports["sqlite"].read_text(encoding="utf-8") == exports["postgresql"].read_text(encoding="utf-8")

    # Round trip: the server's export imports into a new server database unchanged.
    again = fresh_database_url(request)
    assert _cli("migrate", "--db", again) == 0
    again = daily(again)
    assert _cli("import", "--db", again, str(exports["postgresql"])) == 0
    assert _cli("export", "--db", again, "--include-cpr", str(tmp_path / "again.json")) == 0
    assert (tmp_path / "again.json").read_text(encoding="utf-8") == exports["postgresql"].read_text(encoding="utf-8")

    opened = [Database(url) for url in (sqlite_url, pg_url)]
    try:
        lite, server = (Services(d, today=TODAY, actor="mette") for d in opened)
        assert lite.caseload(include_closed=True) == server.caseload(include_closed=True)
        assert lite.caseload("mette") and lite.caseload("mette") == server.caseload("mette")
        assert lite.caseload(search="ø") == server.caseload(search="ø")
        assert lite.worklist() == server.worklist() and lite.worklist()
        assert lite.overdue("mette") == server.overdue("mette")
        assert lite.caseload_summary("mette") == server.caseload_summary("mette")
        assert lite.employers() == server.employers()
        for row in lite.caseload(include_closed=True):
            assert lite.citizen_detail(row.citizen_id) == server.citizen_detail(row.citizen_id)
    finally:
        for d in opened:
            d.dispose()

    capsys.readouterr()
    for url in (sqlite_url, pg_url):
        assert _cli("overdue", "--db", url, "--json") == 0
    out = capsys.readouterr().out
    half = len(out) // 2
    assert out[:half] == out[half:] and json.loads(out[:half])


def test_cli_overdue_and_audit_work_on_each_backend(db, db_url, capsys):
    from tests.pg import daily

    db_url = daily(db_url)  # a caseworker's login, as the db fixture opened it (issue 15)
    services = Services(db, today=TODAY, actor="mette")
    cid = services.create_citizen(CitizenInput(name="Ølund Dahl", target_group=TargetGroup.OTHER, caseworker="mette"))
    services.add_follow_up(cid, "Ring til Ølund", TODAY - dt.timedelta(days=2))
    capsys.readouterr()
    assert _cli("overdue", "--db", db_url, "--json") == 0
    items = json.loads(capsys.readouterr().out)
    assert [(i["citizen_name"], i["days_overdue"]) for i in items] == [("Ølund Dahl", 2)]
    assert _cli("audit", "--db", db_url, "--citizen", str(cid), "--json") == 0
    assert {e["action"] for e in json.loads(capsys.readouterr().out)} >= {"create"}


@pytest.mark.postgres
def test_backup_and_restore_say_they_are_for_sqlite_files(request, tmp_path, capsys):
    from tests.pg import fresh_database_url

    db_url = fresh_database_url(request)
    assert _cli("backup", "--db", db_url) == 2
    assert "pg_dump" in capsys.readouterr().err
    assert _cli("restore", "--db", db_url, str(tmp_path / "x.db")) == 2
    assert "pg_restore" in capsys.readouterr().err


def test_unreachable_server_is_one_clear_sentence(capsys):
    url = "postgresql+psycopg://enplan@127.0.0.1:1/nowhere"
    assert _cli("migrate", "--db", url) == 2
    err = capsys.readouterr().err
    assert err == f"enplan: {failures.UNREACHABLE}\n" and "Traceback" not in err


# -- the README's team setup, as written --------------------------------------------------
def _readme_sql() -> list[list[str]]:
    """The ```sql blocks of README's "Running enplan for a team", as statements."""
    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = text.split("## Running enplan for a team", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0] for b in section.split("```sql")[1:]]
    strip = lambda block: "\n".join(line.split("--", 1)[0] for line in block.splitlines())  # noqa: E731
    return [[s.strip() for s in strip(b).split(";") if s.strip()] for b in blocks]


@pytest.mark.postgres
def test_readme_team_setup_lets_the_owner_migrate_and_caseworkers_only_work(tmp_path, capsys):
    """README's steps 1-4 on a server of its own (its roles are cluster-wide)."""
    import psycopg

    from tests.pg import dedicated_server

    server_sql, database_sql = _readme_sql()
    with dedicated_server(roles=False) as pg_server:
        admin = pg_server._admin
        connect = lambda user, db="enplan": psycopg.connect(  # noqa: E731
            host="127.0.0.1", port=pg_server.port, user=user, dbname=db, autocommit=True)
        url = lambda user: f"postgresql+psycopg://{user}@127.0.0.1:{pg_server.port}/enplan"  # noqa: E731
        for statement in server_sql:
            admin.execute(statement)
        with connect("enplan") as conn:  # the test server's superuser, as `\c enplan`
            for statement in database_sql:
                conn.execute(statement)

        owner_cfg = alembic_config(url("enplan_owner"))
        command.upgrade(owner_cfg, "0001")  # an older schema: caseworkers may not upgrade it themselves
        admin.execute("CREATE ROLE early LOGIN IN ROLE enplan_staff")
        assert _cli("migrate", "--db", url("early")) == 2
        err = capsys.readouterr().err
        assert "enplan migrate" in err and "owner" in err and "Traceback" not in err
        engine = sa.create_engine(url("enplan_owner"))
        try:
            assert current_revision(engine) == "0001"  # the refused upgrade left nothing half-done
        finally:
            engine.dispose()
        assert _cli("migrate", "--db", url("enplan_owner")) == 0
        assert _cli("worklist", "--db", url("enplan_owner")) == 2  # the owner does no daily work
        assert "owns the enplan schema" in capsys.readouterr().err
        # Step 3, as the administrator: the login is created, without a password.
        assert main_admin(url("it_anne"), "team", "add", "Nord") == 0
        assert main_admin(url("it_anne"), "caseworker", "add", "mette", "--team", "Nord") == 0
        assert admin.execute("SELECT rolpassword IS NULL FROM pg_authid WHERE rolname = 'mette'").fetchone() == (True,)
        mette = Database(url("mette"))
        try:
            services = Services(mette, today=TODAY, actor="mette")
            cid = services.create_citizen(CitizenInput(name="Åse Holm", target_group=TargetGroup.OTHER,
                                                       caseworker="mette"))
            services.update_citizen(cid, _edit(services.citizen_detail(cid), phone="12345678"), expected_version=1)
            assert [r.name for r in services.caseload("mette")] == ["Åse Holm"]
        finally:
            mette.dispose()
        assert _cli("export", "--db", url("mette"), str(tmp_path / "out.json")) == 0
        with connect("mette") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TABLE sneaky (x int)")
        with connect("mette") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DROP TABLE citizen")
        with connect("it_anne") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT name FROM citizen")  # the administrator sees no citizen
        assert main_admin(url("it_anne"), "caseworker", "remove", "mette") == 0
        with pytest.raises(psycopg.OperationalError, match="permission denied"):
            connect("mette")  # CONNECT is the group roles', and mette is in none any more


def main_admin(url: str, *args: str) -> int:
    from enplan.cli import main

    return main(["admin", *args, "--db", url])
