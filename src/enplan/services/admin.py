"""An administrator's use cases (issue 15): teams, who is in which team in
which role, the PostgreSQL login roles behind them, and the audit log of one
citizen for a GDPR insight request.

On a server these run as an administrator (a member of ``enplan_admin``
with CREATEROLE) or as the schema owner: a login role is created without a
password (the DBA sets one, or it comes from ~/.pgpass), granted its group
role, and a removed login loses both groups at once (its open sessions are
ended where the administrator may). On a SQLite file the team tables are
kept the same way, but nothing enforces access (``enforced`` is False).

An administrator never reads citizen tables: caseload sizes come from
``enplan_caseload_counts()`` and the audit log from the ``audit_insight``
view (who, when, what and which fields, never the values); see
store/policies.py.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

import sqlalchemy as sa

from ..domain.errors import Refusal
from ..store import policies
from ..store.engine import Database
from ..store.tables import AuditEvent
from ..store.team_tables import MAX_LOGIN, Team, TeamMember
from ..store.types import utcnow


@dataclass(frozen=True)
class Member:
    login: str
    role: str
    citizens: int
    added_at: dt.datetime
    removed_at: dt.datetime | None
    can_log_in: bool | None  # None: no such login role (or a file: no roles)


@dataclass(frozen=True)
class TeamView:
    name: str
    shares_caseloads: bool
    members: tuple[Member, ...]


@dataclass(frozen=True)
class Overview:
    enforced: bool  # PostgreSQL: the policies decide; a file: nothing does
    teams: tuple[TeamView, ...]
    unteamed: dict[str, int] = field(default_factory=dict)  # caseworker → active citizens, in no team: nobody sees them
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class AuditLine:
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: uuid.UUID | None
    citizen_id: uuid.UUID | None
    fields: tuple[str, ...]
    recorded_at: dt.datetime | None


def _server(db: Database) -> bool:
    return db.engine.dialect.name == "postgresql"


def check_login(login: str) -> str:
    if not policies.LOGIN_NAME.match(login or "") or len(login) > MAX_LOGIN or login.startswith("pg_"):
        raise Refusal(f"{login!r} is not a login name enplan accepts: lower-case letters, digits, _, . and -, "
                      f"starting with a letter or _, at most {MAX_LOGIN} characters; nothing was changed.")
    if login in policies.GROUPS:
        raise Refusal(f"{login} is one of enplan's group roles, not a person's login; nothing was changed.")
    return login


def _team(s, name: str) -> Team:  # noqa: ANN001
    team = s.execute(sa.select(Team).where(Team.name == name)).scalar_one_or_none()
    if team is None:
        raise Refusal(f"There is no team named {name!r}; add it first with enplan admin team add, nothing was "
                      "changed.")
    return team


def _log(s, db: Database, action: str, entity: str, changes: dict) -> None:  # noqa: ANN001
    """An administrator's change, in the audit log the data protection officer reads: who
    (the server's login, else this computer's user), when, and what (about no one citizen)."""
    if _server(db):
        actor = s.execute(sa.text("SELECT current_user")).scalar_one()
    else:
        import getpass

        try:
            actor = getpass.getuser()
        except (OSError, KeyError):
            actor = "administrator"
    s.add(AuditEvent(actor=actor[:120], action=action, entity=entity, citizen_id=None, changes=changes))


def add_team(db: Database, name: str, shared: bool) -> bool:
    """Add a team, or set whether an existing one shares caseloads. True when it is new."""
    name = name.strip()
    if not name or len(name) > 120 or any(ord(c) < 32 for c in name):
        raise Refusal("A team's name is plain text of 1 to 120 characters; nothing was changed.")
    with db.write() as s:
        team = s.execute(sa.select(Team).where(Team.name == name)).scalar_one_or_none()
        if team is None:
            s.add(Team(name=name, shares_caseloads=shared))
            _log(s, db, "create", "team", {"name": [None, name], "shares_caseloads": [None, shared]})
            return True
        if team.shares_caseloads != shared:
            _log(s, db, "update", "team", {"name": [name, name], "shares_caseloads": [team.shares_caseloads, shared]})
        team.shares_caseloads = shared
        return False


def add_caseworker(db: Database, login: str, team_name: str, leader: bool) -> bool:
    """Put ``login`` in a team as a caseworker or its leader, creating its login
    role (no password) where it is missing. True when the role was created."""
    check_login(login)
    created = False
    with db.write() as s:
        team = _team(s, team_name)
        if _server(db):
            created = _grant_login(s, login, leader)
        member = s.get(TeamMember, login)
        role = "leader" if leader else "caseworker"
        before = [None, None] if member is None or member.removed_at is not None else [
            s.get(Team, member.team_id).name, member.role]
        if before != [team.name, role]:
            _log(s, db, "create" if member is None else "update", "team_member",
                 {"login": [login, login], "team": [before[0], team.name], "role": [before[1], role]})
        if member is None:
            s.add(TeamMember(login=login, team_id=team.id, role=role))
        else:
            if member.removed_at is not None:
                member.added_at = utcnow()  # back in a team: a new membership
            member.team_id, member.role, member.removed_at = team.id, role, None
    return created


def _grant_login(s, login: str, leader: bool) -> bool:  # noqa: ANN001
    conn = s.connection()
    row = conn.execute(sa.text("SELECT rolsuper, rolbypassrls, oid FROM pg_roles WHERE rolname = :l"),
                       {"l": login}).one_or_none()
    quoted = policies.quote(login)
    if row is None:
        conn.exec_driver_sql(f"CREATE ROLE {quoted} LOGIN")  # no password: the DBA's, or ~/.pgpass
    else:
        kind = policies.role_kind(conn, login)
        if kind in ("superuser", "owner", "admin", "bypass"):
            raise Refusal(f"{login} is {policies.KIND_WORDS[kind]} and cannot be a caseworker's login; "
                          "nothing was changed.")
    groups = policies.existing_groups(conn)
    for needed in (policies.STAFF, *((policies.LEADER,) if leader else ())):
        if needed not in groups:
            raise Refusal(f"The group role {needed} is missing; run enplan migrate as the owner, or create it as "
                          "in README, then try again. Nothing was changed.")
    conn.exec_driver_sql(f"GRANT {policies.STAFF} TO {quoted}")
    if leader:
        conn.exec_driver_sql(f"GRANT {policies.LEADER} TO {quoted}")
    elif policies.LEADER in groups:
        conn.exec_driver_sql(f"REVOKE {policies.LEADER} FROM {quoted}")
    return row is None


def remove_caseworker(db: Database, login: str) -> tuple[int, int | None]:
    """Take ``login`` out of its team and its groups: it loses access at once.
    Returns (its active citizens, which need a new caseworker; the sessions
    ended, or None when this login may not end them)."""
    check_login(login)
    with db.write() as s:
        member = s.get(TeamMember, login)
        if member is None or member.removed_at is not None:
            raise Refusal(f"{login} is not in a team; nothing was changed.")
        member.removed_at = utcnow()
        _log(s, db, "update", "team_member", {"login": [login, login], "team": [s.get(Team, member.team_id).name, None],
                                              "role": [member.role, None]})
        if _server(db):
            conn = s.connection()
            groups = policies.existing_groups(conn)
            exists = conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :l"), {"l": login}).first()
            for group in (policies.STAFF, policies.LEADER):
                if group in groups and exists:  # a member whose login role was dropped: nothing to revoke
                    conn.exec_driver_sql(f"REVOKE {group} FROM {policies.quote(login)}")
    ended = _end_sessions(db, login) if _server(db) else 0
    return caseload_counts(db).get(login, 0), ended


def _end_sessions(db: Database, login: str) -> int | None:
    try:
        with db.engine.begin() as conn:
            return int(conn.execute(sa.text(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE usename = :l AND pid <> pg_backend_pid()"), {"l": login}).scalar_one())
    except sa.exc.DBAPIError:
        return None  # not permitted (pg_signal_backend): the revoked groups already refuse its next statement


def caseload_counts(db: Database) -> dict[str, int]:
    """Active citizens per caseworker, without reading a citizen (a server's SECURITY DEFINER function)."""
    with db.read() as s:
        if _server(db):
            rows = s.execute(sa.text("SELECT caseworker, citizens FROM enplan_caseload_counts()"))
        else:
            rows = s.execute(sa.text("SELECT caseworker, count(*) FROM citizen WHERE deleted_at IS NULL "
                                     "AND status = 'active' GROUP BY caseworker"))
        return {cw: int(n) for cw, n in rows}


def overview(db: Database) -> Overview:
    counts = caseload_counts(db)
    server = _server(db)
    with db.read() as s:
        teams = s.execute(sa.select(Team).order_by(Team.name)).scalars().all()
        members = s.execute(sa.select(TeamMember).order_by(TeamMember.login)).scalars().all()
        logins = policies.login_roles(s.connection()) if server else {}
    warnings = []
    for login, kinds in sorted(logins.items()):
        if login not in {m.login for m in members} and "member" in kinds:
            warnings.append(f"{login} is in {policies.STAFF} or {policies.LEADER} but in no team, so it sees no citizen.")
        if "bypass" in kinds:
            warnings.append(f"{login} has BYPASSRLS and sees every citizen; keep such a login for measuring only.")
    views = tuple(TeamView(team.name, team.shares_caseloads, tuple(
        Member(m.login, m.role, counts.get(m.login, 0), m.added_at, m.removed_at,
               ("login" in logins.get(m.login, ())) if server else None)
        for m in members if m.team_id == team.id)) for team in teams)
    known = {m.login for m in members}
    unteamed = {cw: n for cw, n in sorted(counts.items()) if cw not in known}
    return Overview(server, views, unteamed, tuple(warnings))


# Entries about no one citizen that may have concerned this one: everything but a change to a
# record of no citizen (an employer, a job-development follow-up): exports, imports, calendars,
# spreadsheets, laptop copies.
RECORD_CHANGES = ("create", "update", "delete", "restore")


def audit_for_citizen(db: Database, citizen_id: uuid.UUID) -> list[AuditLine]:
    """Every audit entry about the citizen, and the database-wide ones that
    concern everyone (exports, imports, calendars, laptop copies), oldest first."""
    with db.read() as s:
        if _server(db):
            rows = s.execute(sa.text(
                f"SELECT at, actor, action, entity, entity_id, citizen_id, fields, recorded_at FROM "
                f"{policies.AUDIT_VIEW} WHERE citizen_id = :c OR (citizen_id IS NULL AND action <> ALL(:changes)) "
                "ORDER BY at, id"), {"c": citizen_id, "changes": list(RECORD_CHANGES)}).all()
            return [AuditLine(r[0], r[1], r[2], r[3], r[4], r[5], tuple(r[6] or ()), r[7]) for r in rows]
        from ..store.tables import AuditEvent as ev

        rows = s.execute(sa.select(ev).where(sa.or_(ev.citizen_id == citizen_id, sa.and_(
            ev.citizen_id.is_(None), ev.action.not_in(RECORD_CHANGES)))).order_by(ev.at, ev.id)).scalars().all()
        return [AuditLine(r.at, r.actor, r.action, r.entity, r.entity_id, r.citizen_id,
                          tuple(sorted(r.changes or {})), r.recorded_at) for r in rows]
