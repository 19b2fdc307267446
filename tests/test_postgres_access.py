"""Need-to-know access enforced by PostgreSQL (issue 15): row-level security
keyed to the login, by every path (services, the CLI, raw SQL as the login),
team leaders, a removed caseworker, the append-only audit log, the
administrator's audit export, and daily work refused to superusers, the
owner and administrators. Logins are per test (roles are cluster-wide)."""

from __future__ import annotations

import datetime as dt
import json

import psycopg
import pytest
import sqlalchemy as sa

from enplan.domain.enums import TargetGroup
from enplan.services import CitizenInput, NotFoundError, Services
from enplan.store.engine import Database
from enplan.store.opening import DatabaseOpenError, open_database
from tests.conftest import TODAY
from tests.test_postgres import _edit

pytestmark = pytest.mark.postgres


def cli(*args: str) -> int:
    from enplan.cli import main

    return main([*args[:1], "--today", TODAY.isoformat(), *args[1:]])


class Team:
    """A migrated database with teams made by `enplan admin` (as the owner) and a citizen each."""

    def __init__(self, server, request) -> None:  # noqa: ANN001
        from tests.pg import fresh_database_url

        self.server = server
        self.owner_url = fresh_database_url(request)
        server.migrate_from_template(self.owner_url)
        self.name = self.owner_url.rsplit("/", 1)[1]
        self.logins: list[str] = []
        request.addfinalizer(self._drop_roles)  # runs before the database is dropped: logins hold no objects
        self.opened: list[Database] = []
        request.addfinalizer(lambda: [d.dispose() for d in self.opened])

    def login(self, short: str) -> str:
        return f"{self.name}_{short}"

    def url(self, short: str) -> str:
        return self.server.url(self.name, self.login(short))

    def admin(self, *args: str) -> int:
        code = cli("admin", *args, "--db", self.owner_url)
        for arg in args:
            if arg.startswith(self.name) and arg not in self.logins:
                self.logins.append(arg)
        return code

    def services(self, short: str | None = None) -> Services:
        """Services as a caseworker's login (the daily path, open_database) or, without one, as the owner."""
        db = open_database(self.url(short), daily_backup=False) if short else Database(self.owner_url)
        self.opened.append(db)
        return Services(db, today=TODAY, actor=self.login(short) if short else "owner")

    def sql(self, short: str, **kw) -> psycopg.Connection:  # noqa: ANN003
        return psycopg.connect(host="127.0.0.1", port=self.server.port, user=self.login(short), dbname=self.name,
                               autocommit=True, **kw)

    def _drop_roles(self) -> None:
        for login in self.logins:
            try:
                self.server._admin.execute(f'DROP ROLE IF EXISTS "{login}"')
            except psycopg.Error:
                pass  # still connected somewhere: harmless, the cluster goes at the session's end


@pytest.fixture
def team(pg_server, request) -> Team:
    t = Team(pg_server, request)
    assert t.admin("team", "add", "Nord") == 0
    assert t.admin("team", "add", "Syd", "--shared") == 0
    for short, team_name, extra in (("anna", "Nord", ()), ("bo", "Nord", ()), ("lars", "Nord", ("--leader",)),
                                    ("cecilie", "Syd", ()), ("dora", "Syd", ())):
        assert t.admin("caseworker", "add", t.login(short), "--team", team_name, *extra) == 0
    owner = t.services()
    t.ids = {}
    for short in ("anna", "bo", "cecilie"):
        cid = owner.create_citizen(CitizenInput(name=f"Borger {short}", target_group=TargetGroup.OTHER,
                                                caseworker=t.login(short)))
        owner.add_follow_up(cid, f"Ring til {short}", TODAY - dt.timedelta(days=1))
        t.ids[short] = cid
    return t


def _names(services: Services) -> set[str]:
    return {r.name for r in services.caseload()}


def test_a_caseworker_sees_and_changes_only_their_own_citizens_through_the_app(team):
    anna = team.services("anna")
    assert _names(anna) == {"Borger anna"}
    assert {i.citizen_name for i in anna.worklist()} == {"Borger anna"}
    for other in ("bo", "cecilie"):
        with pytest.raises(NotFoundError):
            anna.citizen_detail(team.ids[other])
        with pytest.raises(NotFoundError):
            anna.add_follow_up(team.ids[other], "Sneaky", TODAY)
        their_follow_up = team.services().citizen_detail(team.ids[other]).follow_ups[0].id
        with pytest.raises(NotFoundError):
            anna.delete_follow_up(their_follow_up)
        with pytest.raises(NotFoundError):
            anna.delete_record("follow_up", their_follow_up)
    assert all(len(team.services().citizen_detail(team.ids[o]).follow_ups) == 1 for o in ("bo", "cecilie"))
    # Her own citizen works as before, and cannot be handed to someone outside what she may assign.
    detail = anna.citizen_detail(team.ids["anna"])
    anna.update_citizen(team.ids["anna"], _edit(detail, phone="12345678"), expected_version=1)
    from enplan import failures

    with pytest.raises(Exception) as refused:
        anna.update_citizen(team.ids["anna"], _edit(anna.citizen_detail(team.ids["anna"]),
                                                    caseworker=team.login("cecilie")))
    assert failures.describe(refused.value) == failures.NOT_YOURS
    assert team.services().citizen_detail(team.ids["anna"]).citizen.caseworker == team.login("anna")


def test_a_shared_team_sees_each_others_citizens_and_no_one_elses(team):
    assert _names(team.services("dora")) == {"Borger cecilie"}  # Syd shares caseloads
    assert _names(team.services("bo")) == {"Borger bo"}  # Nord does not


def test_the_cli_shows_and_exports_only_the_logins_citizens(team, tmp_path, capsys):
    url = team.url("anna")
    assert cli("worklist", "--json", "--db", url) == 0
    out = capsys.readouterr().out
    assert "Borger anna" in out and "Borger bo" not in out and "Borger cecilie" not in out
    assert cli("export", "--db", url, str(tmp_path / "anna.json")) == 0
    exported = json.loads((tmp_path / "anna.json").read_text(encoding="utf-8"))
    assert [c["name"] for c in exported["citizens"]] == ["Borger anna"]
    assert {f["title"] for f in exported["follow_ups"]} == {"Ring til anna"}
    capsys.readouterr()
    assert cli("document", "plan", "--citizen", str(team.ids["cecilie"]), "-o", str(tmp_path / "c.pdf"),
               "--db", url) == 2
    assert not (tmp_path / "c.pdf").exists()
    assert cli("audit", "--citizen", str(team.ids["cecilie"]), "--db", url) == 2


def test_raw_sql_as_the_login_reads_updates_and_deletes_nothing_of_another_team(team):
    cecilie = str(team.ids["cecilie"])
    with team.sql("anna") as conn:
        assert conn.execute("SELECT name FROM citizen").fetchall() == [("Borger anna",)]
        assert conn.execute("SELECT count(*) FROM follow_up WHERE citizen_id = %s", (cecilie,)).fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM caseworker_assignment WHERE citizen_id = %s",
                            (cecilie,)).fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM audit_event WHERE citizen_id = %s", (cecilie,)).fetchone() == (0,)
        assert conn.execute("UPDATE citizen SET name = 'x' WHERE id = %s", (cecilie,)).rowcount == 0
        assert conn.execute("UPDATE follow_up SET title = 'x' WHERE citizen_id = %s", (cecilie,)).rowcount == 0
        assert conn.execute("DELETE FROM follow_up WHERE citizen_id = %s", (cecilie,)).rowcount == 0
        assert conn.execute("DELETE FROM citizen").rowcount == 0  # not even her own: erasure is the owner's
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO follow_up (id, created_at, updated_at, version, updated_by, citizen_id, title,"
                         " due_on, owner, source, what, what_values) VALUES (gen_random_uuid(), now(), now(), 1, '',"
                         " %s, 'x', current_date, '', 'manual', '', '{}')", (cecilie,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # giving her own citizen away to Syd
            conn.execute("UPDATE citizen SET caseworker = %s WHERE id = %s",
                         (team.login("cecilie"), str(team.ids["anna"])))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO team_member (login, team_id, role, added_at) SELECT %s, team_id, 'leader',"
                         " now() FROM team_member LIMIT 1", ("x",))
    owner = team.services()
    assert owner.citizen_detail(team.ids["cecilie"]).citizen.name == "Borger cecilie"
    assert [f.title for f in owner.citizen_detail(team.ids["cecilie"]).follow_ups] == ["Ring til cecilie"]


def test_a_team_leader_reads_and_reassigns_within_the_team_only(team):
    lars = team.services("lars")
    assert _names(lars) == {"Borger anna", "Borger bo"}
    detail = lars.citizen_detail(team.ids["anna"])
    lars.update_citizen(team.ids["anna"], _edit(detail, caseworker=team.login("bo")), expected_version=1)
    assert _names(team.services("bo")) == {"Borger anna", "Borger bo"}
    assert _names(team.services("anna")) == set()
    with team.sql("lars") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE citizen SET caseworker = %s WHERE id = %s",
                         (team.login("cecilie"), str(team.ids["bo"])))
        assert conn.execute("UPDATE citizen SET caseworker = %s WHERE id = %s",
                            (team.login("lars"), str(team.ids["cecilie"]))).rowcount == 0
    assert team.services().citizen_detail(team.ids["bo"]).citizen.caseworker == team.login("bo")
    assert team.services().citizen_detail(team.ids["cecilie"]).citizen.caseworker == team.login("cecilie")


def test_a_removed_caseworker_loses_access_at_once(team, capsys):
    conn = team.sql("anna")
    try:
        assert conn.execute("SELECT count(*) FROM citizen").fetchone() == (1,)
        assert team.admin("caseworker", "remove", team.login("anna")) == 0
        assert "1 active citizen" in capsys.readouterr().out
        try:
            rows = conn.execute("SELECT count(*) FROM citizen").fetchall()
        except psycopg.Error:
            rows = None  # the session was ended, or the revoked role refuses the statement
        assert rows in (None, [(0,)])
    finally:
        conn.close()
    with team.sql("anna") as again, pytest.raises(psycopg.errors.InsufficientPrivilege):
        again.execute("SELECT count(*) FROM citizen")
    capsys.readouterr()
    assert cli("worklist", "--db", team.url("anna")) == 2
    assert "is in no team" in capsys.readouterr().err
    assert team.admin("caseworker", "remove", team.login("anna")) == 2  # not in a team any more: one sentence
    team.server._admin.execute(f'DROP ROLE "{team.login("dora")}"')  # a member whose login the DBA dropped
    assert team.admin("caseworker", "remove", team.login("dora")) == 0


def test_the_audit_log_is_append_only_for_caseworkers_and_leaders(team):
    for short in ("anna", "lars"):
        with team.sql(short) as conn:
            assert conn.execute("SELECT count(*) FROM audit_event").fetchone()[0] > 0
            for statement in ("UPDATE audit_event SET actor = 'someone else'", "DELETE FROM audit_event",
                              "TRUNCATE audit_event"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement)
    anna = team.services("anna")
    anna.view_citizen(team.ids["anna"])  # appending still works
    assert "view" in {e.action for e in anna.audit_log(team.ids["anna"])}


def test_an_administrator_exports_a_citizens_audit_log_with_database_wide_exports(team, tmp_path, capsys):
    admin = team.login("it")
    team.server._admin.execute(f'CREATE ROLE "{admin}" LOGIN CREATEROLE IN ROLE enplan_admin')
    team.logins.append(admin)
    assert cli("export", "--db", team.url("cecilie"), str(tmp_path / "all.json")) == 0
    team.services("anna").view_citizen(team.ids["anna"])
    capsys.readouterr()
    assert cli("admin", "audit", "--citizen", str(team.ids["anna"]), "--json", "--db", team.url("it")) == 0
    entries = json.loads(capsys.readouterr().out)
    actions = [(e["action"], e["entity"]) for e in entries]
    assert ("create", "citizen") in actions and ("view", "citizen") in actions
    assert ("export", "database") in actions  # cecilie's export may have held anna's citizen: it concerns everyone
    assert all(e["citizen_id"] in (str(team.ids["anna"]), None) for e in entries)
    created = next(e for e in entries if e["action"] == "create" and e["entity"] == "citizen")
    assert "Borger anna" not in json.dumps(entries) and isinstance(created["fields"], list)
    assert cli("admin", "audit", "--citizen", str(team.ids["anna"]), "-o", str(tmp_path / "insight.json"),
               "--db", team.url("it")) == 0
    assert json.loads((tmp_path / "insight.json").read_text(encoding="utf-8"))["entries"] == entries
    # An administrator opens no citizen: not in the app or a daily command, not with SQL.
    assert cli("worklist", "--db", team.url("it")) == 2
    assert "administrator" in capsys.readouterr().err
    with team.sql("it") as conn:
        for table in ("citizen", "follow_up", "audit_event"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(f"SELECT count(*) FROM {table}")
    assert cli("admin", "show", "--json", "--db", team.url("it")) == 0
    shown = json.loads(capsys.readouterr().out)
    nord = next(t for t in shown["teams"] if t["name"] == "Nord")
    assert {m["login"]: m["citizens"] for m in nord["members"]}[team.login("anna")] == 1
    assert {m["login"]: m["can_log_in"] for m in nord["members"]}[team.login("anna")] is True
    assert any("tester has BYPASSRLS" in w for w in shown["warnings"])  # the tests' own login: seen and named


def test_daily_work_as_a_superuser_the_owner_or_an_administrator_is_refused(team, capsys):
    for command in (("worklist",), ("overdue",), ("export",), ("audit", "--citizen", str(team.ids["anna"]))):
        assert cli(*command, "--db", team.owner_url) == 2
        err = capsys.readouterr().err
        assert "superuser" in err and err.count("\n") == 1
    with pytest.raises(DatabaseOpenError, match="superuser"):
        open_database(team.owner_url, daily_backup=False)
    owner = team.login("own")
    team.server._admin.execute(f'CREATE ROLE "{owner}" LOGIN')
    team.logins.append(owner)
    with psycopg.connect(host="127.0.0.1", port=team.server.port, user="enplan", dbname=team.name,
                         autocommit=True) as conn:
        conn.execute(f'ALTER SCHEMA public OWNER TO "{owner}"')
    assert cli("worklist", "--db", team.url("own")) == 2
    assert "owns the enplan schema" in capsys.readouterr().err
    assert cli("migrate", "--db", team.owner_url) == 0  # the owner's own command stays the owner's
    loner = team.login("loner")  # a caseworker's login in no team: it would see nothing, and is told why
    team.server._admin.execute(f'CREATE ROLE "{loner}" LOGIN IN ROLE enplan_staff')
    team.logins.append(loner)
    capsys.readouterr()
    assert cli("overdue", "--db", team.url("loner")) == 2
    assert f"The login {loner} is in no team" in capsys.readouterr().err


def test_bad_admin_input_is_one_sentence_and_changes_nothing(team, capsys):
    before = team.server._admin.execute("SELECT count(*) FROM pg_roles").fetchone()
    assert team.admin("caseworker", "add", team.login("eva"), "--team", "Øst") == 2
    assert "no team named" in capsys.readouterr().err
    assert team.admin("caseworker", "add", "Eva Hansen", "--team", "Nord") == 2
    assert team.admin("caseworker", "add", team.login("eva")) == 2
    assert team.admin("caseworker", "add", "enplan", "--team", "Nord") == 2  # the superuser
    assert "superuser" in capsys.readouterr().err
    assert team.server._admin.execute("SELECT count(*) FROM pg_roles").fetchone() == before
    with team.sql("lars") as conn:
        assert conn.execute("SELECT count(*) FROM team_member WHERE login LIKE %s", ("%eva%",)).fetchone() == (0,)


def test_a_laptop_copies_and_syncs_only_what_the_login_may_see(team, tmp_path):
    from enplan.services.sync.setup import setup_laptop

    others = setup_laptop(team.url("anna"), f"sqlite:///{tmp_path / 'sneaky.db'}", team.login("cecilie"), "anna")
    assert others.citizens == 0  # asking for Cecilie's caseload with Anna's login copies nothing
    mine = setup_laptop(team.url("anna"), f"sqlite:///{tmp_path / 'anna.db'}", team.login("anna"), "anna")
    assert mine.citizens == 1
    laptop = open_database(f"sqlite:///{tmp_path / 'anna.db'}", daily_backup=False)
    team.opened.append(laptop)
    services = Services(laptop, today=TODAY, actor=team.login("anna"))
    assert _names(services) == {"Borger anna"}
    services.add_follow_up(team.ids["anna"], "Fra bærbar", TODAY)
    report = services.sync()
    assert report.sent == 1 and report.quarantined == 0
    titles = [f.title for f in team.services().citizen_detail(team.ids["anna"]).follow_ups]
    assert "Fra bærbar" in titles



def test_a_leaders_laptop_change_to_a_colleagues_citizen_is_refused_and_the_rest_goes_through(team, tmp_path):
    from enplan import failures
    from enplan.services.sync.setup import setup_laptop
    from enplan.store.sync_tables import SyncOutbox

    assert setup_laptop(team.url("lars"), f"sqlite:///{tmp_path / 'lars.db'}", team.login("anna"), "lars").citizens == 1
    laptop = open_database(f"sqlite:///{tmp_path / 'lars.db'}", daily_backup=False)
    team.opened.append(laptop)
    services = Services(laptop, today=TODAY, actor=team.login("lars"))
    services.add_follow_up(team.ids["anna"], "Fra lederens bærbar", TODAY)
    report = services.sync()  # the sync itself completes: the one change is refused with its reason
    assert report.sent == 1 and report.quarantined == 1
    with laptop.read() as s:
        (reason,) = s.execute(sa.select(SyncOutbox.reason).where(SyncOutbox.state == "quarantined")).scalars()
    assert reason == failures.LEADER_READS
    titles = [f.title for f in team.services().citizen_detail(team.ids["anna"]).follow_ups]
    assert "Fra lederens bærbar" not in titles

def test_erasure_on_a_server_is_the_owners(team, capsys):
    cid = str(team.ids["anna"])
    assert cli("erase", "--citizen", cid, "--yes", "--db", team.url("anna")) == 2  # it reduces the audit log
    assert "may not" in capsys.readouterr().err
    assert team.services().citizen_detail(cid).citizen.name == "Borger anna"  # nothing was removed
    assert cli("erase", "--citizen", cid, "--yes", "--db", team.owner_url) == 0
    with pytest.raises(NotFoundError):
        team.services().citizen_detail(cid)


def test_migrate_installs_the_policies_again_and_is_idempotent(team):
    def state() -> tuple:
        with psycopg.connect(host="127.0.0.1", port=team.server.port, user="enplan", dbname=team.name,
                             autocommit=True) as conn:
            return (conn.execute("SELECT tablename, policyname, cmd FROM pg_policies ORDER BY 1, 2").fetchall(),
                    conn.execute("SELECT relname FROM pg_class WHERE relrowsecurity ORDER BY 1").fetchall())
    installed = state()
    assert {name for (name,) in installed[1]} >= {"citizen", "follow_up", "audit_event", "cti_checkin"}
    with psycopg.connect(host="127.0.0.1", port=team.server.port, user="enplan", dbname=team.name,
                         autocommit=True) as conn:
        conn.execute("DROP POLICY enplan_read ON citizen")
        conn.execute("ALTER TABLE follow_up DISABLE ROW LEVEL SECURITY")
    assert state() != installed
    assert cli("migrate", "--db", team.owner_url) == 0
    assert state() == installed
    assert cli("migrate", "--db", team.owner_url) == 0
    assert state() == installed
    assert _names(team.services("anna")) == {"Borger anna"}


def test_a_laptop_change_to_a_citizen_handed_over_meanwhile_reaches_the_new_caseworker(team, tmp_path):
    """The server no longer lets Anna's login see the citizen, yet her laptop's change is not lost
    or refused: it is a conflict for Bo to review, and her laptop lets the citizen go."""
    from enplan.services.sync.setup import setup_laptop

    setup_laptop(team.url("anna"), f"sqlite:///{tmp_path / 'anna.db'}", team.login("anna"), "anna")
    laptop = open_database(f"sqlite:///{tmp_path / 'anna.db'}", daily_backup=False)
    team.opened.append(laptop)
    services = Services(laptop, today=TODAY, actor=team.login("anna"))
    lars = team.services("lars")
    lars.update_citizen(team.ids["anna"], _edit(lars.citizen_detail(team.ids["anna"]), caseworker=team.login("bo")),
                        expected_version=1)
    services.add_follow_up(team.ids["anna"], "Fra bærbar", TODAY)
    report = services.sync()
    assert report.quarantined == 0 and report.left == 1 and _names(services) == set()
    bo = team.services("bo")
    assert [c.kind for c in bo.conflicts()] == ["reassigned"]
    assert team.services("anna").conflicts() == []


def test_the_audit_actor_is_the_login_and_administrators_changes_are_logged(team, capsys):
    """A client naming someone else (its settings, or raw SQL) still writes the log under its own login;
    team changes by `enplan admin` are logged with who made them, and no citizen's insight lists them."""
    db = open_database(team.url("anna"), daily_backup=False)
    team.opened.append(db)
    Services(db, today=TODAY, actor="someone-else").view_citizen(team.ids["anna"])
    with team.sql("anna") as conn:
        conn.execute("INSERT INTO audit_event (id, at, actor, action, entity, changes) "
                     "VALUES (gen_random_uuid(), now(), 'forged', 'view', 'citizen', '{}')")
    admin = team.login("it")
    team.server._admin.execute(f'CREATE ROLE "{admin}" LOGIN CREATEROLE IN ROLE enplan_admin')
    team.logins.append(admin)
    assert cli("admin", "caseworker", "add", team.login("dora"), "--team", "Nord", "--db", team.url("it")) == 0
    assert cli("admin", "caseworker", "remove", team.login("bo"), "--db", team.url("it")) == 0
    with psycopg.connect(host="127.0.0.1", port=team.server.port, user="enplan", dbname=team.name) as conn:
        actors = {r[0] for r in conn.execute(
            "SELECT actor FROM audit_event WHERE action = 'view' AND entity = 'citizen'")}
        logged = conn.execute("SELECT actor, action, changes::jsonb FROM audit_event WHERE entity = 'team_member' "
                              "ORDER BY at").fetchall()
    assert actors == {team.login("anna")}  # neither "someone-else" nor "forged"
    dora, bo = [row for row in logged if row[0] == admin]
    assert dora[1] == "update" and dora[2]["team"] == ["Syd", "Nord"] and dora[2]["login"][1] == team.login("dora")
    assert bo[2]["team"] == ["Nord", None] and bo[2]["role"] == ["caseworker", None]
    assert sum(1 for row in logged if row[1] == "create") == 5  # the fixture's five, by the owner
    capsys.readouterr()
    assert cli("admin", "audit", "--citizen", str(team.ids["anna"]), "--json", "--db", team.url("it")) == 0
    assert all(e["entity"] != "team_member" for e in json.loads(capsys.readouterr().out))


def test_a_team_leader_changes_only_their_own_citizens_and_hands_the_others_over(team):
    """Read and reassign: a leader's change to a colleague's citizen is refused in one sentence by
    any path, nothing saved; their own citizens they keep as any caseworker; a handover still works."""
    from enplan import failures
    from enplan.domain.enums import LifeArea

    lars, anna = team.services("lars"), team.ids["anna"]
    before = team.services("anna").citizen_detail(anna)
    attempts = (lambda: lars.add_goal(anna, LifeArea.BOLIG, "Egen bolig"),
                lambda: lars.add_follow_up(anna, "Ring igen", TODAY),
                lambda: lars.set_follow_up_done(before.follow_ups[0].id, True),
                lambda: lars.update_citizen(anna, _edit(lars.citizen_detail(anna), phone="20304050"),
                                            expected_version=before.citizen.version))
    for attempt in attempts:
        with pytest.raises(Exception) as refused:  # noqa: PT011 - the sentence is what counts
            attempt()
        assert failures.describe(refused.value) == failures.LEADER_READS
    with team.sql("lars") as conn:
        for statement in ("UPDATE follow_up SET title = 'x' WHERE citizen_id = %s",
                          "DELETE FROM follow_up WHERE citizen_id = %s",
                          "UPDATE citizen SET phone = '1', caseworker = caseworker WHERE id = %s"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="team leader"):
                conn.execute(statement, (str(anna),))
    after = team.services("anna").citizen_detail(anna)
    assert (after.citizen, after.plan, after.follow_ups) == (before.citizen, before.plan, before.follow_ups)
    own = team.services().create_citizen(CitizenInput(name="Borger lars", target_group=TargetGroup.OTHER,
                                                      caseworker=team.login("lars")))
    lars.add_goal(own, LifeArea.BOLIG, "Egen bolig")
    lars.set_follow_up_done(lars.add_follow_up(own, "Ring", TODAY), True)
    assert [g.title for g in lars.citizen_detail(own).plan.goals] == ["Egen bolig"]
    team.services("anna").add_follow_up(anna, "Send cv", TODAY, owner=team.login("anna"))
    result = lars.hand_over([anna], team.login("bo"), "Anna foretrækker sms.")
    assert (result.citizens, result.follow_ups_moved) == (1, 1)
    moved = team.services("bo").citizen_detail(anna)
    assert moved.citizen.caseworker == team.login("bo") and moved.caseworkers[-1].note == "Anna foretrækker sms."
    assert {f.title: f.owner for f in moved.follow_ups}["Send cv"] == team.login("bo")
