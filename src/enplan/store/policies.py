"""Need-to-know access on a team server, enforced by PostgreSQL (issue 15).

Row-level security on every table that holds citizen data, keyed to the
login role (``current_user``), so a caseworker connecting with ``psql``
sees no more than the app shows:

* a caseworker (group role ``enplan_staff``) sees the citizens whose
  ``caseworker`` is their login, and every citizen of their team when the
  team shares caseloads;
* a team leader (``enplan_leader``) sees their team's citizens (also those
  of members who left the team) and may reassign them, to active members of
  the team only: the new caseworker is checked by the policy itself, so raw
  SQL cannot hand a citizen out of the team either;
* an administrator (``enplan_admin``) maintains teams and members and reads
  the audit log through the ``audit_insight`` view (who, when, what and
  which fields, never the values); no citizen table is granted to them.

The visible logins come from ``enplan_seen_logins()`` (and the ones a
citizen may be given to from ``enplan_assignable_logins()``); both read
``enplan_team_logins``, evaluated once per statement (an InitPlan), in
PL/pgSQL because it keeps its query's plan for the session where a SQL
function would plan its join again in every statement (measured: 1 ms). A table
keyed to the citizen is visible through ``citizen_id = ANY
(enplan_seen_citizens())``: the login's citizens as an array, read once per
statement under the citizen's own policy (found by the caseworker index),
which an index on ``citizen_id`` can answer; a row further below (a goal, a
check-in) looks its own parent up by key (``_parent_seen``). A unit of work
about one caseworker or one citizen may narrow that array to them (``FOCUS``),
never widen it.

The audit log is append-only for caseworkers and leaders: UPDATE, DELETE
and TRUNCATE are revoked and no policy allows either. Its ``actor`` is the
login for every login in a team (a trigger sets it), so a client naming
someone else in its settings, or raw SQL, cannot write under another name.
Erasing a citizen (which scrubs their audit entries) is the schema owner's
work on a server, as are migrations: the owner is the tables' owner, so policies do not bind
it (no FORCE), and that is why the app refuses to do daily work as the
owner or as a superuser (``check_daily_login``).

``install`` runs after every ``enplan migrate`` on PostgreSQL and is
idempotent: functions are replaced, policies dropped and created by name.
SQLite has no row-level security and no roles: nothing here runs on a file.
"""

from __future__ import annotations

import re

import sqlalchemy as sa

from . import leader_guard

STAFF, LEADER, ADMIN = "enplan_staff", "enplan_leader", "enplan_admin"
GROUPS = (STAFF, LEADER, ADMIN)
LOGIN_NAME = re.compile(r"^[a-z_][a-z0-9_.-]{0,62}$")  # a plain, lower-case PostgreSQL role name

# Tables keyed to a citizen directly, and how each row below them reaches one.
BY_CITIZEN = ("plan", "meeting", "cti_course", "placement", "follow_up", "rule_decision", "measure",
              "caseworker_assignment")
BY_PARENT = {"goal": ("plan_id", "plan"), "plan_action": ("goal_id", "goal"),
             "meeting_goal_note": ("meeting_id", "meeting"), "cti_phase": ("course_id", "cti_course"),
             "cti_checkin": ("course_id", "cti_course")}
# citizen_id may be NULL: a row about no one citizen (an employer's job development, a laptop's employer change).
MAYBE_CITIZEN = ("employer_follow_up", "sync_conflict", "sync_event")
# Rows under a parent far bigger than one caseload's share (meetings, goals, plans) look their own
# parent up by key; the CTI tables and a follow-up's placement are read whole for a caseload (the
# worklist's CTI contacts, the rules' placements), where a hashed IN over the visible parents is
# faster: measured with bench/load.py's worklist as a caseworker against BYPASSRLS.
KEYED = frozenset({"goal", "plan_action", "meeting_goal_note"})
PROTECTED = ("citizen", *BY_CITIZEN, *BY_PARENT, *MAYBE_CITIZEN, "audit_event")
# Shared tables a caseworker reads and writes as before (no citizen data): employers, the commit clock, laptops.
SHARED_WRITE = ("employer", "sync_clock", "sync_device", "demo_mark")
SHARED_READ = ("team", "team_member", "erasure", "alembic_version")
AUDIT_VIEW = "audit_insight"

SEEN = "(SELECT enplan_seen_logins())::text[]"  # an array, once per statement (not ANY of a subquery)
ASSIGNABLE = "(SELECT enplan_assignable_logins())::text[]"
# The login's citizens as an array, once per statement: ``= ANY`` of it is a plain condition an index
# on citizen_id can answer, where ``IN (SELECT id FROM citizen)`` stays a filter on every row read
# (a policy's subquery is not turned into a join), so a table read whole paid it per row.
IN_CITIZEN = "citizen_id = ANY ((SELECT enplan_seen_citizens())::uuid[])"
# A transaction's own settings that narrow enplan_seen_citizens() to one caseworker's citizens, or
# to one citizen. A team leader sees the team (about 470 citizens), so without them each statement
# of a leader's worklist reads the whole team's rows through the policies and then keeps one
# caseload's: 81 ms against 35 (bench/load.py's database). Anyone may set them; they only ever
# leave citizens out, never let one in.
FOCUS, FOCUS_CITIZEN = "enplan.focus", "enplan.focus_citizen"

FUNCTIONS = ("""
CREATE OR REPLACE FUNCTION enplan_team_logins(leader_sees_team boolean, active_only boolean) RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
  -- Read once: compared as current_user, it is called again for every member row (a third of the cost).
  caller text := current_user;
BEGIN
  -- The logins of the current login's team it reaches: itself, the whole team where the team shares
  -- caseloads, and for a leader (when leader_sees_team) the whole team; active_only: members now.
  RETURN (SELECT coalesce(array_agg(other.login), ARRAY[]::text[])
    FROM team_member me JOIN team ON team.id = me.team_id
    JOIN team_member other ON other.team_id = me.team_id AND (other.removed_at IS NULL OR NOT active_only)
     AND (other.login = me.login OR (leader_sees_team AND me.role = 'leader') OR team.shares_caseloads)
    WHERE me.login = caller AND me.removed_at IS NULL);
END $$""",
    # Whose citizens a login sees; to whom a citizen may be given; whose citizens it may change
    # (store/leader_guard.py). One-line SQL, inlined into the statement that calls them.
    "CREATE OR REPLACE FUNCTION enplan_seen_logins() RETURNS text[] LANGUAGE sql STABLE AS "
    "'SELECT enplan_team_logins(true, false)'",
    "CREATE OR REPLACE FUNCTION enplan_assignable_logins() RETURNS text[] LANGUAGE sql STABLE AS "
    "'SELECT enplan_team_logins(true, true)'",
    "CREATE OR REPLACE FUNCTION enplan_writable_logins() RETURNS text[] LANGUAGE sql STABLE AS "
    "'SELECT enplan_team_logins(false, false)'", f"""
CREATE OR REPLACE FUNCTION enplan_seen_citizens() RETURNS uuid[] LANGUAGE plpgsql STABLE AS $$
DECLARE
  -- A unit of work about one caseworker's citizens, or one citizen, narrows the set to them
  -- ({FOCUS}, {FOCUS_CITIZEN}; store/engine.py): conditions on top of the citizen's own policy,
  -- so they can only ever leave citizens out.
  focus text := nullif(current_setting('{FOCUS}', true), '');
  one uuid := nullif(current_setting('{FOCUS_CITIZEN}', true), '')::uuid;
BEGIN
  RETURN (SELECT coalesce(array_agg(id), ARRAY[]::uuid[]) FROM citizen  -- the citizen's own policy applies
          WHERE (focus IS NULL OR caseworker = focus) AND (one IS NULL OR id = one));
END $$""", f"""
CREATE OR REPLACE FUNCTION enplan_audit_actor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A login in a team writes the log under its own name, whatever its client says it is.
  IF EXISTS (SELECT 1 FROM team_member WHERE login = current_user) THEN
    NEW.actor := current_user;
  END IF;
  RETURN NEW;
END $$""", f"""
CREATE OR REPLACE FUNCTION enplan_caseload_counts() RETURNS TABLE (caseworker text, citizens bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT caseworker, count(*) FROM citizen WHERE deleted_at IS NULL AND status = 'active' GROUP BY caseworker
$$""", f"""
CREATE OR REPLACE FUNCTION enplan_hidden_citizens(ids uuid[]) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT id FROM citizen WHERE id = ANY(ids)
$$""", f"""
CREATE OR REPLACE VIEW {AUDIT_VIEW} AS
  SELECT id, at, actor, action, entity, entity_id, citizen_id, recorded_at, device_id,
         CASE WHEN json_typeof(changes) = 'object'
              THEN ARRAY(SELECT json_object_keys(changes) ORDER BY 1) ELSE ARRAY[]::text[] END AS fields
  FROM audit_event
""")


def policies() -> dict[str, list[tuple[str, str]]]:
    """Per table: (policy name, the rest of its CREATE POLICY statement)."""
    out: dict[str, list[tuple[str, str]]] = {
        "citizen": [
            ("enplan_read", f"FOR SELECT USING (caseworker = ANY ({SEEN}))"),
            ("enplan_add", f"FOR INSERT WITH CHECK (caseworker = ANY ({ASSIGNABLE}))"),
            ("enplan_change", f"FOR UPDATE USING (caseworker = ANY ({SEEN})) WITH CHECK (caseworker = ANY ({ASSIGNABLE}))"),
            # No DELETE policy: erasure is the owner's (it also scrubs the append-only audit log).
        ],
        "audit_event": [
            ("enplan_read", f"FOR SELECT USING (citizen_id IS NULL OR {IN_CITIZEN})"),
            # Any login may add to the log, also about a citizen it no longer sees (a laptop's change
            # to a citizen handed over meanwhile is logged as the conflict it became); it reads none of it.
            ("enplan_append", "FOR INSERT WITH CHECK (true)"),
            # No UPDATE or DELETE policy: append-only (and the privileges are revoked too).
        ],
    }
    for table in BY_CITIZEN:
        out[table] = [("enplan_citizen", f"FOR ALL USING ({IN_CITIZEN})")]
    for table, (column, parent) in BY_PARENT.items():
        out[table] = [("enplan_citizen", f"FOR ALL USING ({_parent_seen(table, column, parent)})")]
    for table in MAYBE_CITIZEN:
        out[table] = [("enplan_citizen", f"FOR ALL USING (citizen_id IS NULL OR {IN_CITIZEN})")]
    # A laptop's changes and the conflicts they become are written whatever the server now lets the
    # login see (the citizen may have been handed over meanwhile: the conflict goes to the new
    # caseworker); the laptop's own changes stay readable to it, so a change sent twice is applied once.
    own_device = "device_id IN (SELECT id FROM sync_device WHERE caseworker = current_user)"
    for table in ("sync_event", "sync_conflict"):
        seen = f"citizen_id IS NULL OR {IN_CITIZEN}" + (f" OR {own_device}" if table == "sync_event" else "")
        out[table] = [("enplan_read", f"FOR SELECT USING ({seen})"),
                      ("enplan_add", "FOR INSERT WITH CHECK (true)"),
                      ("enplan_change", f"FOR UPDATE USING ({seen})")]
    # A follow-up on a placement is about the placement's citizen (services/work.py); one about no
    # citizen has no placement either, so a row naming a placement but no citizen is nobody's.
    out["employer_follow_up"] = [("enplan_citizen", f"FOR ALL USING ({IN_CITIZEN} OR "
                                                    "(citizen_id IS NULL AND placement_id IS NULL))")]
    return out


def _parent_seen(table: str, column: str, parent: str) -> str:
    """The row's parent is visible (the parent's own policy applies in the subquery). Correlated,
    so each row looks its parent up by key: ``column IN (SELECT id FROM parent)``, or an EXISTS
    the planner may hash, reads every parent per statement (80,000 meetings for one goal note)."""
    if table not in KEYED:
        return f"{column} IN (SELECT id FROM {parent})"
    # OFFSET 0 keeps the planner from turning the EXISTS into a hash of every visible parent.
    return f"EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {table}.{column} OFFSET 0)"


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def existing_groups(conn: sa.Connection) -> set[str]:
    rows = conn.execute(sa.text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names)"), {"names": list(GROUPS)})
    return {r[0] for r in rows}


def may_create_roles(conn: sa.Connection) -> bool:
    return bool(conn.execute(sa.text(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")).scalar())


def install(conn: sa.Connection) -> list[str]:
    """Create or upgrade the policies, functions, view and grants, as the
    schema owner, in the caller's transaction. Returns notes for the person
    running migrate (a group role that is missing and could not be made)."""
    notes: list[str] = []
    groups = existing_groups(conn)
    missing = [g for g in GROUPS if g not in groups]
    if missing and may_create_roles(conn):
        for group in missing:
            conn.execute(sa.text(f"CREATE ROLE {group} NOLOGIN"))
        groups |= set(missing)
        missing = []
    for group in missing:
        notes.append(f"the group role {group} does not exist and this login may not create it; "
                     f"create it as in README (CREATE ROLE {group} NOLOGIN) and run enplan migrate again.")
    tables = {r[0] for r in conn.execute(sa.text(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))}
    for statement in FUNCTIONS:
        conn.exec_driver_sql(statement)
    for table, rules in policies().items():
        if table not in tables:
            continue
        conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        existing = {r[0] for r in conn.execute(sa.text(
            "SELECT policyname FROM pg_policies WHERE schemaname = current_schema() AND tablename = :t"), {"t": table})}
        for name in existing:
            conn.exec_driver_sql(f"DROP POLICY {quote(name)} ON {table}")
        for name, body in rules:
            conn.exec_driver_sql(f"CREATE POLICY {name} ON {table} {body}")
    leader_guard.install(conn, tables)
    if "audit_event" in tables:
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS enplan_audit_actor ON audit_event")
        conn.exec_driver_sql("CREATE TRIGGER enplan_audit_actor BEFORE INSERT ON audit_event "
                             "FOR EACH ROW EXECUTE FUNCTION enplan_audit_actor()")
    _grant(conn, groups, tables)
    return notes


def _grant(conn: sa.Connection, groups: set[str], tables: set[str]) -> None:
    daily = [g for g in (STAFF, LEADER) if g in groups]
    run = conn.exec_driver_sql
    if daily:
        who = ", ".join(daily)
        run(f"GRANT USAGE ON SCHEMA {_schema(conn)} TO {who}")
        run(f"GRANT EXECUTE ON FUNCTION enplan_team_logins(boolean, boolean), enplan_seen_logins(), "
            f"enplan_seen_citizens(), enplan_assignable_logins(), enplan_writable_logins() TO {who}")
        run(f"GRANT EXECUTE ON FUNCTION enplan_hidden_citizens(uuid[]) TO {who}")
        for table in (*PROTECTED, *SHARED_WRITE):
            if table in tables:
                run(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {who}")
        run(f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM {who}")
        for table in SHARED_READ:
            if table in tables:
                run(f"GRANT SELECT ON {table} TO {who}")
        run(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON team, team_member, alembic_version FROM {who}")
    if ADMIN in groups:
        run(f"GRANT USAGE ON SCHEMA {_schema(conn)} TO {ADMIN}")
        run(f"GRANT SELECT, INSERT, UPDATE ON team, team_member TO {ADMIN}")
        run(f"GRANT SELECT ON alembic_version, {AUDIT_VIEW} TO {ADMIN}")
        run(f"GRANT EXECUTE ON FUNCTION enplan_caseload_counts() TO {ADMIN}")
        for table in (*PROTECTED, *SHARED_WRITE, "erasure"):
            if table in tables:
                run(f"REVOKE ALL ON {table} FROM {ADMIN}")
        run(f"GRANT INSERT ON audit_event TO {ADMIN}")  # their own changes to teams are logged; they read none
    run(f"REVOKE ALL ON {AUDIT_VIEW} FROM PUBLIC")
    run("REVOKE ALL ON FUNCTION enplan_caseload_counts() FROM PUBLIC")
    run("REVOKE ALL ON FUNCTION enplan_hidden_citizens(uuid[]) FROM PUBLIC")
    if daily:
        run(f"REVOKE ALL ON {AUDIT_VIEW} FROM {', '.join(daily)}")


def _schema(conn: sa.Connection) -> str:
    return quote(conn.execute(sa.text("SELECT current_schema()")).scalar_one())


def set_enabled(conn: sa.Connection, enabled: bool) -> None:
    """Turn row-level security on or off on every protected table, as the
    owner: only for measuring what the policies cost on the same data
    (bench); ``enplan migrate`` turns it on again."""
    tables = {r[0] for r in conn.execute(sa.text(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))}
    for table in PROTECTED:
        if table in tables:
            conn.exec_driver_sql(f"ALTER TABLE {table} {'ENABLE' if enabled else 'DISABLE'} ROW LEVEL SECURITY")


KIND_WORDS = {"superuser": "a superuser", "owner": "the owner of the enplan schema",
              "admin": "an administrator's login", "bypass": "a login that bypasses row-level security"}


def role_kind(conn: sa.Connection, role: str) -> str:
    """What the role is: "superuser", "owner" (owns the schema or the enplan
    tables, or may act as their owner), "admin", "bypass" (sees every row:
    BYPASSRLS), or "daily"."""
    row = conn.execute(sa.text(
        "SELECT r.rolsuper, r.rolbypassrls,"
        " EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspname = current_schema()"
        "         AND pg_has_role(r.oid, n.nspowner, 'MEMBER')),"
        " EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace"
        "         AND c.relname IN ('citizen', 'audit_event') AND pg_has_role(r.oid, c.relowner, 'MEMBER')),"
        " EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = :admin AND pg_has_role(r.oid, g.oid, 'MEMBER'))"
        " FROM pg_roles r WHERE r.rolname = :role"), {"admin": ADMIN, "role": role}).one()
    superuser, bypass, schema_owner, table_owner, admin = row
    if superuser:
        return "superuser"
    if schema_owner or table_owner:
        return "owner"
    if admin:
        return "admin"
    return "bypass" if bypass else "daily"


def login_kind(conn: sa.Connection) -> tuple[str, str]:
    """(the connected login, its role_kind); a daily login that is in no team
    (or no longer) is "teamless": the policies would show it no citizen."""
    login = conn.execute(sa.text("SELECT current_user")).scalar_one()
    kind = role_kind(conn, login)
    if kind == "daily" and conn.execute(sa.text(  # an older schema has no teams yet: migrate says so next
            "SELECT to_regclass('team_member') IS NOT NULL")).scalar_one():
        readable = conn.execute(sa.text("SELECT has_table_privilege('team_member', 'SELECT')")).scalar_one()
        if not readable or not conn.execute(sa.text(
                "SELECT EXISTS (SELECT 1 FROM team_member WHERE login = current_user AND removed_at IS NULL)")).scalar_one():
            kind = "teamless"
    return login, kind


def login_roles(conn: sa.Connection) -> dict[str, set[str]]:
    """Every role that is not PostgreSQL's own or enplan's groups: "login" when it
    may log in, "member" when in enplan_staff or enplan_leader, "bypass" with BYPASSRLS."""
    groups = existing_groups(conn) & {STAFF, LEADER}
    member = " OR ".join(f"pg_has_role(r.oid, '{g}', 'MEMBER')" for g in sorted(groups)) or "false"
    rows = conn.execute(sa.text(
        f"SELECT r.rolname, r.rolcanlogin, r.rolbypassrls AND NOT r.rolsuper, {member} FROM pg_roles r "
        "WHERE r.rolname !~ '^pg_' AND r.rolname <> ALL(:groups)"), {"groups": list(GROUPS)})
    return {name: {kind for kind, on in (("login", can), ("bypass", bypass), ("member", inside)) if on}
            for name, can, bypass, inside in rows}


def sees_other_caseloads(conn: sa.Connection) -> bool:
    """Whether the connected daily login sees more logins' citizens than its own (a leader, a
    team that shares caseloads): then its reads about one caseworker narrow to them (FOCUS).
    Read once at open; a team changed later only makes that choice slower or faster, never wider."""
    if conn.execute(sa.text("SELECT to_regprocedure('enplan_seen_logins()') IS NULL")).scalar_one():
        return False  # an older schema: enplan migrate installs the policies
    return bool(conn.execute(sa.text("SELECT cardinality(enplan_seen_logins()) > 1")).scalar_one())


def daily_refusal(login: str, kind: str) -> str | None:
    """The one sentence that refuses a login for daily work, or None."""
    if kind == "superuser":
        return (f"enplan does no daily work as the database superuser {login}; connect with your own "
                "caseworker login (see README, Running enplan for a team).")
    if kind == "owner":
        return (f"{login} owns the enplan schema and is for enplan migrate and enplan admin only; connect with "
                "your own caseworker login for daily work.")
    if kind == "admin":
        return (f"{login} is an administrator's login: it manages teams and roles with enplan admin and does not "
                "open citizens; connect with a caseworker login.")
    if kind == "teamless":
        return (f"The login {login} is in no team, so it may see no citizen; ask an administrator to add it with "
                f"enplan admin caseworker add {login} --team NAME.")
    return None


def hidden_citizens(conn: sa.Connection, ids: list) -> set:
    """Which of ``ids`` (citizens the caller already knows, e.g. a laptop's, and did not find)
    exist, beyond what the login may see now: handed over meanwhile. The SECURITY DEFINER
    function says only that they exist (ids are random UUIDs), nothing else about them."""
    return set(conn.execute(sa.text("SELECT enplan_hidden_citizens(CAST(:ids AS uuid[]))"), {"ids": list(ids)}).scalars())
