"""The audit log: who, when, what, which record, old/new per field; exportable
per citizen; append-only."""

from __future__ import annotations

import datetime as dt
import getpass
import json

import pytest
import sqlalchemy as sa

from enplan.domain.clock import stamp_text
from enplan.domain.enums import TargetGroup
from enplan.services import CitizenInput, Services
from tests.conftest import ACTOR, postgresql_only
from tests.safety.helpers import CPR, NAME, run_cli
from tests.safety.workflow import run_every_use_case


def _entries(services, cid, action):  # noqa: ANN001, ANN202
    return [e for e in services.audit_log(cid) if e.action == action]


def _new(services, **kw):  # noqa: ANN001, ANN202
    return services.create_citizen(CitizenInput(name=kw.pop("name", NAME), target_group=TargetGroup.JOBPARAT, **kw))


def test_create(services):
    before = dt.datetime.now(dt.timezone.utc)
    cid = _new(services)
    (entry,) = [e for e in _entries(services, cid, "create") if e.entity == "citizen"]
    assert entry.actor == ACTOR and entry.entity_id == cid and entry.citizen_id == cid
    assert before - dt.timedelta(seconds=1) <= entry.at <= dt.datetime.now(dt.timezone.utc)
    assert {e.entity for e in _entries(services, cid, "create")} == {"citizen", "plan"}


def test_update_logs_old_and_new_per_field(services):
    cid = _new(services, phone="111")
    services.update_citizen(cid, CitizenInput(name=NAME, target_group=TargetGroup.FLEKSJOB, phone="222"))
    (entry,) = _entries(services, cid, "update")
    # a new target group with no new benefit date starts a contact series today (domain/rules)
    assert entry.changes == {"phone": ["111", "222"], "target_group": ["jobparat_kontanthjaelp", "fleksjob"],
                             "benefit_start_on": [None, "2026-11-22"]}


def test_update_of_cpr_is_logged_hidden(services):
    cid = _new(services)
    services.update_citizen(cid, CitizenInput(name=NAME, target_group=TargetGroup.JOBPARAT, cpr=CPR))
    (entry,) = _entries(services, cid, "update")
    assert entry.changes == {"cpr": ["(hidden)", "(hidden)"]}


def test_delete_and_restore(services):
    cid = _new(services)
    fid = services.add_follow_up(cid, "Call", services.today)
    services.delete_follow_up(fid)
    services.restore_follow_up(fid)
    assert [(e.action, e.entity_id) for e in services.audit_log(cid) if e.action in ("delete", "restore")] == \
        [("delete", fid), ("restore", fid)]


def test_view_and_cpr_reveal(services):
    cid = _new(services, cpr=CPR)
    services.view_citizen(cid)
    assert services.reveal_cpr(cid) == "010190-1234"
    assert len(_entries(services, cid, "view")) == 1
    (reveal,) = _entries(services, cid, "cpr_reveal")
    assert reveal.actor == ACTOR and reveal.changes == {}


def test_opening_a_file_is_audited_in_the_same_transaction_as_the_read(services, monkeypatch):
    """An entry for every file read, none for a read that failed: the entry is written with the
    read, so a read that fails halfway (here its rules) leaves no entry behind; a read that
    only refreshes the screen (``citizen_detail``) adds none."""
    cid = _new(services)
    detail = services.view_citizen(cid, history_limit=10)
    assert detail.citizen.id == cid and detail.citizen.name == NAME
    services.citizen_detail(cid)
    assert [(e.actor, e.entity, e.entity_id) for e in _entries(services, cid, "view")] == [(ACTOR, "citizen", cid)]

    def broken(*_args):  # noqa: ANN202
        raise RuntimeError("the rules could not be read")

    monkeypatch.setattr(type(services), "_citizen_rules", broken)
    with pytest.raises(RuntimeError):
        services.view_citizen(cid)
    monkeypatch.undo()
    assert len(_entries(services, cid, "view")) == 1


@postgresql_only
def test_opening_a_file_on_a_server_reads_it_from_one_snapshot(services, monkeypatch):
    """The read that writes its audit entry sees one snapshot, as every other read does (a
    READ COMMITTED write would let each statement see other caseworkers' newer commits)."""
    cid = _new(services)
    seen = []
    real = type(services)._detail

    def spy(self, s, citizen_id, history_limit):  # noqa: ANN001, ANN202
        seen.append(s.connection().exec_driver_sql("SHOW transaction_isolation").scalar_one())
        return real(self, s, citizen_id, history_limit)

    monkeypatch.setattr(type(services), "_detail", spy)
    services.view_citizen(cid)
    services.citizen_detail(cid)
    services.add_follow_up(cid, "Ring", services.today)  # a save after it: the pooled connection is back as it was
    with services.db.write() as s:
        seen.append(s.connection().exec_driver_sql("SHOW transaction_isolation").scalar_one())
    assert seen == ["repeatable read", "repeatable read", "read committed"]


def test_actor_falls_back_to_the_os_user(services):
    other = Services(services.db, today=services.today, actor=None)
    cid = _new(other)
    assert {e.actor for e in other.audit_log(cid)} == {getpass.getuser()}


def _all_events(url: str) -> list[tuple]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as c:
            return list(c.execute(sa.text("SELECT action, actor, changes FROM audit_event ORDER BY at")))
    finally:
        engine.dispose()


def test_export_and_import_are_logged_with_the_configured_caseworker(sqlite_services, tmp_path, capsys):
    from enplan.paths import config_file

    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text('caseworker = "mette"\n')
    _new(sqlite_services, cpr=CPR)
    db = str(sqlite_services.db.path)
    out = tmp_path / "export.json"
    assert run_cli(capsys, "export", str(out), "--db", db, "--include-cpr")[0] == 0
    assert run_cli(capsys, "export", str(tmp_path / "plain.json"), "--db", db)[0] == 0
    target = tmp_path / "other.db"
    assert run_cli(capsys, "import", str(tmp_path / "plain.json"), "--db", str(target))[0] == 0
    exports = [(a, who, json.loads(ch)) for a, who, ch in _all_events(sqlite_services.db.url) if a == "export"]
    assert [(who, ch["include_cpr"]) for _, who, ch in exports] == [("mette", True), ("mette", False)]
    imports = [(who, json.loads(ch)) for a, who, ch in _all_events(f"sqlite:///{target}") if a == "import"]
    assert [who for who, _ in imports] == ["mette"]
    assert imports[0][1]["citizens"] == 1 and imports[0][1]["file"] == "plain.json"


def test_audit_cli_exports_a_citizens_log(sqlite_services, capsys):
    cid = _new(sqlite_services, cpr=CPR)
    sqlite_services.view_citizen(cid)
    sqlite_services.reveal_cpr(cid)
    db = str(sqlite_services.db.path)
    code, out, err = run_cli(capsys, "audit", "--citizen", str(cid), "--db", db, "--json")
    assert code == 0, err
    entries = json.loads(out)
    assert [e["action"] for e in entries] == ["create", "create", "view", "cpr_reveal"]
    assert set(entries[0]) == {"at", "actor", "action", "entity", "entity_id", "changes", "recorded_at"}
    assert all(e["actor"] == ACTOR for e in entries)
    code, out, _ = run_cli(capsys, "audit", "--citizen", str(cid), "--db", db)
    rows = [line for line in out.splitlines() if line.startswith("│")]
    # the app's words and its (Danish) time: "viewed", not the code "view"
    assert code == 0 and "4 entries" in out and len(rows) == 4
    assert "viewed" in rows[2] and "revealed CPR" in rows[3] and "cpr_reveal" not in out
    local = entries[3]["at"]
    assert stamp_text(dt.datetime.fromisoformat(local), seconds=True) in rows[3]
    assert CPR not in out and "1234" not in out


def test_every_kind_of_event_from_one_workflow(sqlite_services):
    ids = run_every_use_case(sqlite_services)
    actions = {e.action for e in sqlite_services.audit_log(ids.citizen)}
    assert {"create", "update", "delete", "restore", "view", "cpr_reveal"} <= actions
    # every record of the citizen, however deep, is filed under the citizen
    entities = {e.entity for e in sqlite_services.audit_log(ids.citizen)}
    assert {"citizen", "plan", "goal", "plan_action", "meeting", "meeting_goal_note", "follow_up", "cti_course",
            "cti_phase", "cti_checkin", "placement", "employer_follow_up"} <= entities


def test_services_never_update_or_delete_audit_rows(sqlite_services):
    statements: list[str] = []

    def before(_conn, _cursor, statement, *_args):  # noqa: ANN001
        statements.append(" ".join(statement.split()).upper())

    sa.event.listen(sqlite_services.db.engine, "before_cursor_execute", before)
    try:
        ids = run_every_use_case(sqlite_services)
        touched = [s for s in statements if s.startswith(("UPDATE AUDIT_EVENT", "DELETE FROM AUDIT_EVENT"))]
        assert touched == []
        sqlite_services.erase_citizen(ids.citizen, "Art. 17 request 2026-11-01")
    finally:
        sa.event.remove(sqlite_services.db.engine, "before_cursor_execute", before)
    touched = [s for s in statements if s.startswith(("UPDATE AUDIT_EVENT", "DELETE FROM AUDIT_EVENT"))]
    # erasure only scrubs: it empties changes (and files stray entries under the citizen), never deletes
    assert touched and all(s.startswith("UPDATE AUDIT_EVENT SET") and "CHANGES=?" in s for s in touched)


def test_the_orm_refuses_to_change_an_audit_row(sqlite_services):
    from enplan.store.tables import AuditEvent

    _new(sqlite_services)
    with pytest.raises(RuntimeError, match="append-only"):
        with sqlite_services.db.write() as s:
            row = s.execute(sa.select(AuditEvent)).scalars().first()
            row.actor = "someone else"
    with pytest.raises(RuntimeError, match="append-only"):
        with sqlite_services.db.write() as s:
            s.delete(s.execute(sa.select(AuditEvent)).scalars().first())
