"""A team leader reads their team's citizens and hands them over; only the
citizens' own caseworkers change their records (issue 15).

The row-level security policies (store/policies.py) let a leader see every
citizen of the team, and the handover has to write some of those rows: the
citizen's caseworker, the open follow-ups' owner, the caseworker history. A
BEFORE trigger on every other table of citizen data refuses a leader's
insert, update or delete for a citizen who is not theirs (nor shared with
them by a team that shares caseloads), with SQLSTATE 42501 and a message
enplan turns into one sentence (failures.LEADER_READS). On ``citizen`` and
``follow_up`` the trigger lets through a change of exactly the handover's
columns. A trigger rather than a policy: a policy turns a refused UPDATE
into "no row", which the app would report as a conflict.

Logins that are not leaders pay one indexed lookup per written row. Logins
with BYPASSRLS (a DBA's measuring login) and the owner are not bound, as
they are not by the policies. Installed by ``policies.install``.
"""

from __future__ import annotations

import sqlalchemy as sa

MARK = "enplan: a team leader"  # the start of the trigger's message (failures.py looks for it)
# Handover columns a leader may change on a colleague's citizen, and what comes with any save.
BOOKKEEPING = ("version", "updated_at", "updated_by", "server_seq")
# table -> (how to find the row's citizen from the row's key column, the key column, handover columns)
GUARDED: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "citizen": ("", "caseworker", ("caseworker",)),  # by its own caseworker column (below)
    "follow_up": ("SELECT $1", "citizen_id", ("owner",)),
    **{table: ("SELECT $1", "citizen_id", ()) for table in (
        "plan", "meeting", "cti_course", "placement", "rule_decision", "measure", "employer_follow_up")},
    "goal": ("SELECT citizen_id FROM plan WHERE id = $1", "plan_id", ()),
    "plan_action": ("SELECT p.citizen_id FROM goal g JOIN plan p ON p.id = g.plan_id WHERE g.id = $1", "goal_id", ()),
    "meeting_goal_note": ("SELECT citizen_id FROM meeting WHERE id = $1", "meeting_id", ()),
    "cti_phase": ("SELECT citizen_id FROM cti_course WHERE id = $1", "course_id", ()),
    "cti_checkin": ("SELECT citizen_id FROM cti_course WHERE id = $1", "course_id", ()),
}

# Whether the current login is a team leader the guard binds; and whether it may change a citizen
# of a given caseworker (the app asks before it offers a form: may_change below).
HELPERS = ("""
CREATE OR REPLACE FUNCTION enplan_bound_leader() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM team_member WHERE login = current_user AND role = 'leader' AND removed_at IS NULL)
     AND NOT coalesce((SELECT rolbypassrls FROM pg_roles WHERE rolname = current_user), false)
$$""", """
CREATE OR REPLACE FUNCTION enplan_may_change(caseworker text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT NOT enplan_bound_leader() OR coalesce(caseworker = ANY (enplan_writable_logins()), false)
$$""")

FUNCTION = f"""
CREATE OR REPLACE FUNCTION enplan_leader_reads_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_json jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
  handover text[] := string_to_array(TG_ARGV[2], ',') || ARRAY{list(BOOKKEEPING)!r}::text[];
  key uuid;
  whose uuid;
BEGIN
  IF NOT enplan_bound_leader() THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  IF TG_TABLE_NAME = 'citizen' THEN  -- whose the citizen was before this change (or becomes, when new)
    IF (to_jsonb(CASE WHEN TG_OP = 'INSERT' THEN NEW ELSE OLD END) ->> 'caseworker') = ANY (enplan_writable_logins()) THEN
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
  ELSE
    key := (row_json ->> TG_ARGV[1])::uuid;
    IF key IS NOT NULL THEN
      EXECUTE TG_ARGV[0] INTO whose USING key;
    END IF;
    IF whose IS NULL OR EXISTS (SELECT 1 FROM citizen WHERE id = whose
                                AND caseworker = ANY (enplan_writable_logins())) THEN
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' AND TG_ARGV[2] <> ''
     AND (to_jsonb(NEW) - handover) = (to_jsonb(OLD) - handover) THEN
    RETURN NEW;  -- a handover: the caseworker or the owner, nothing else
  END IF;
  RAISE EXCEPTION '{MARK} reads the team''s citizens and hands them over; only their caseworker changes them'
    USING ERRCODE = '42501';
END $$"""


def install(conn: sa.Connection, tables: set[str]) -> None:
    """The trigger's function and one trigger per guarded table (idempotent), as the owner;
    ``enplan_writable_logins()`` comes from policies.FUNCTIONS, installed first."""
    for helper in HELPERS:
        conn.exec_driver_sql(helper)
    conn.exec_driver_sql(FUNCTION)
    for table, (lookup, key, handover) in GUARDED.items():
        if table not in tables:
            continue
        args = ", ".join(_literal(v) for v in (lookup, key, ",".join(handover)))
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS enplan_leader_reads_only ON {table}")
        conn.exec_driver_sql(f"CREATE TRIGGER enplan_leader_reads_only BEFORE INSERT OR UPDATE OR DELETE ON {table} "
                             f"FOR EACH ROW EXECUTE FUNCTION enplan_leader_reads_only({args})")


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def may_change(conn: sa.Connection, caseworker: str | None) -> bool:
    """Whether the login may change a citizen of ``caseworker`` (the guard's own rule): False only
    for a team leader and a colleague's citizen. Always True on SQLite, which has no logins."""
    if conn.dialect.name != "postgresql":
        return True
    return bool(conn.execute(sa.text("SELECT enplan_may_change(:caseworker)"), {"caseworker": caseworker}).scalar())
