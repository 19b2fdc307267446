"""The load test's server side (bench/load.py): login roles for the generated
caseworkers in teams, the comparison login that skips row-level security,
counting afterwards that no acknowledged write was lost and no failed one left
anything, and the row-level security figure on the worklist."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .load_caseworker import Outcome

TODAY = dt.date(2026, 11, 22)
TEAM_SIZE = 10
STAFF, LEADER = "enplan_staff", "enplan_leader"  # enplan's group roles (store/policies.py)
BYPASS = "enplan_load_bypass"  # a login that skips row-level security: the worklist without policies


# -- the server ---------------------------------------------------------------------------------
def _libpq(url: str, user: str | None = None) -> str:
    import sqlalchemy as sa

    u = sa.engine.make_url(url)
    return f"host={u.host} port={u.port} user={user or u.username} dbname={u.database}"


def _as(url: str, login: str) -> str:
    import sqlalchemy as sa

    return sa.engine.make_url(url).set(username=login).render_as_string(hide_password=False)


def policies_installed(admin) -> bool:  # noqa: ANN001 - a psycopg connection
    return bool(admin.execute("SELECT count(*) FROM pg_policies WHERE schemaname = 'public'").fetchone()[0])


def enrol(url: str, *, prefix: str = "", caseworkers: int | None = None) -> dict[str, list[str]]:
    """Login roles for the generated caseworkers (``cw-N``, renamed ``{prefix}cw-N`` on a shared
    server), in teams of TEAM_SIZE with the first of each as leader; {leader: team logins}.

    By SQL as the README's team setup has it; the team tables are enplan's own (migration
    0008), so row-level security policies keyed to them apply as they would after
    `enplan admin caseworker add LOGIN --team NAME [--leader]`."""
    import psycopg

    with psycopg.connect(_libpq(url), autocommit=True) as c:
        if prefix:
            c.execute("UPDATE citizen SET caseworker = %s || caseworker WHERE caseworker ~ '^cw-[0-9]+$'", (prefix,))
        pattern = f"^{prefix}cw-[0-9]+$"
        logins = [r[0] for r in c.execute("SELECT DISTINCT caseworker FROM citizen WHERE caseworker ~ %s", (pattern,))]
        logins.sort(key=lambda name: int(name.rsplit("-", 1)[1]))
        logins = logins[:caseworkers] if caseworkers else logins
        bypass = f"{prefix}{BYPASS}"
        database = c.info.dbname
        for group in (STAFF, LEADER):  # enplan's group roles (store/policies.py makes them at migrate)
            _create_role(c, f'CREATE ROLE "{group}" NOLOGIN')
        c.execute(f'GRANT CONNECT ON DATABASE "{database}" TO "{STAFF}", "{LEADER}"')
        if not policies_installed(c):  # the README's grants; with policies, `enplan migrate` made them
            c.execute(f'GRANT USAGE ON SCHEMA public TO "{STAFF}"')
            c.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{STAFF}"')
        leaders = set(logins[::TEAM_SIZE])
        for login in [*logins, bypass]:
            extra = " BYPASSRLS" if login == bypass else ""
            _create_role(c, f'CREATE ROLE "{login}" LOGIN{extra} IN ROLE "{STAFF}"')
            if login in leaders:
                c.execute(f'GRANT "{LEADER}" TO "{login}"')
        teams: dict[str, list[str]] = {}
        for start in range(0, len(logins), TEAM_SIZE):
            members = logins[start:start + TEAM_SIZE]
            team_id = uuid.uuid4()
            c.execute("INSERT INTO team (id, name, shares_caseloads, created_at) VALUES (%s, %s, false, now())",
                      (team_id, f"{prefix}Team {start // TEAM_SIZE + 1}"))
            for i, login in enumerate(members):
                c.execute("INSERT INTO team_member (login, team_id, role, added_at) VALUES (%s, %s, %s, now())",
                          (login, team_id, "leader" if i == 0 else "caseworker"))
            if len(members) > 1:
                teams[members[0]] = members
        c.execute("ANALYZE team; ANALYZE team_member")
    return {"logins": logins, "teams": teams, "bypass": bypass}


def _create_role(c, statement: str) -> None:  # noqa: ANN001
    """CREATE ROLE, unless it exists (roles are the whole server's; a test run may share one)."""
    import psycopg

    try:
        c.execute(statement)
    except (psycopg.errors.DuplicateObject, psycopg.errors.UniqueViolation):
        pass


def bypass_policies(url: str, logins: list[str]) -> None:
    """Let every caseworker's login skip row-level security (same logins, teams and data):
    what the policies cost under load, by comparison."""
    import psycopg

    with psycopg.connect(_libpq(url), autocommit=True) as c:
        for login in logins:
            c.execute(f'ALTER ROLE "{login}" BYPASSRLS')
    print("row-level security bypassed by every caseworker's login")


def drop_roles(url: str, roles: list[str]) -> None:
    """Remove the load test's roles again (on a shared server)."""
    import psycopg

    with psycopg.connect(_libpq(url), autocommit=True) as c:
        for role in roles:
            c.execute(f'DROP OWNED BY "{role}"')
            c.execute(f'DROP ROLE IF EXISTS "{role}"')


def server_deadlocks(url: str) -> int:
    import psycopg

    with psycopg.connect(_libpq(url), autocommit=True) as c:
        return c.execute("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()").fetchone()[0]


# -- counting afterwards ------------------------------------------------------------------------
def count_lost_writes(url: str, outcomes: list[Outcome], attempted: list[dict]) -> dict:
    """Every acknowledged write is in the database exactly once; every failed one left nothing."""
    import psycopg

    acks = [o.ack for o in outcomes if o.kind == "ok" and o.ack]
    problems: Counter = Counter()
    examples: list[str] = []

    def lost(kind: str, what: str) -> None:
        problems[kind] += 1
        if len(examples) < 10:
            examples.append(what)

    with psycopg.connect(_libpq(url), autocommit=True) as c:
        meetings = {marker: (n, ids) for marker, n, ids in c.execute(
            "SELECT notes, count(*), array_agg(id::text) FROM meeting WHERE notes LIKE 'load %' GROUP BY notes")}
        notes = dict(c.execute("SELECT meeting_id::text, count(*) FROM meeting_goal_note GROUP BY meeting_id "
                               "HAVING meeting_id::text = ANY(%s)", ([a["id"] for a in acks if a["what"] == "meeting"],)))
        steps = dict(c.execute("SELECT source_id::text, count(*) FROM follow_up WHERE source_id::text = ANY(%s) "
                               "GROUP BY source_id", ([a["id"] for a in acks if a["what"] == "meeting"],)))
        handled = [h for a in acks if a["what"] == "meeting" for h in a["handled"]]
        done_ids = [a["id"] for a in acks if a["what"] == "follow_up_done"] + handled
        done = dict(c.execute("SELECT id::text, done_on FROM follow_up WHERE id::text = ANY(%s)", (done_ids,)))
        handed = defaultdict(list)
        for a in sorted((a for a in acks if a["what"] == "reassign"), key=lambda a: a["at"]):
            handed[a["citizen"]].append(a["to"])
        owner = dict(c.execute("SELECT id::text, caseworker FROM citizen WHERE id::text = ANY(%s)", (list(handed),)))
        changes = dict(c.execute(
            "SELECT citizen_id::text, count(*) FROM audit_event WHERE entity = 'citizen' AND action = 'update' "
            "AND changes::jsonb ? 'caseworker' AND citizen_id::text = ANY(%s) GROUP BY citizen_id", (list(handed),)))
    for a in acks:
        if a["what"] == "meeting":
            n, ids = meetings.get(a["marker"], (0, []))
            if n != 1 or ids != [a["id"]]:
                lost("meeting", f"meeting {a['id']} stored {n} times")
            if a["goal_note"] and notes.get(a["id"], 0) != 1:
                lost("goal_note", f"meeting {a['id']}: {notes.get(a['id'], 0)} goal notes")
            if steps.get(a["id"], 0) != 1:
                lost("next_step", f"meeting {a['id']}: {steps.get(a['id'], 0)} next steps")
    for fid in done_ids:
        if done.get(fid) is None:
            lost("follow_up_done", f"follow-up {fid} not done")
    for citizen, targets in handed.items():
        if owner.get(citizen) != targets[-1]:
            lost("reassign", f"citizen {citizen} is {owner.get(citizen)}'s, handed to {targets[-1]}")
        if changes.get(citizen, 0) != len(targets):
            lost("reassign_audit", f"citizen {citizen}: {changes.get(citizen, 0)} audited handovers of {len(targets)}")
    half = sum(1 for a in attempted if a["what"] == "meeting" and meetings.get(a["marker"], (0,))[0] != 0)
    return {"lost_writes": sum(problems.values()), "by_kind": dict(problems), "examples": examples,
            "half_written": half, "acknowledged": dict(Counter(a["what"] for a in acks))}


def check_gone(url: str, outcomes: list[Outcome]) -> int:
    """A citizen "not found" is expected only when a leader handed them to someone else meanwhile
    (the policies then hide them at once): those become ``handed_away``, not errors; any other
    stays an error (``gone``). Returns how many were expected."""
    import psycopg

    gone = [o for o in outcomes if o.kind == "gone"]
    if not gone:
        return 0
    with psycopg.connect(_libpq(url), autocommit=True) as c:
        owner = dict(c.execute("SELECT id::text, caseworker FROM citizen WHERE id::text = ANY(%s)",
                               ([o.subject for o in gone if o.subject],)))
    expected = 0
    for o in gone:
        if o.subject in owner and owner[o.subject] != o.login:
            o.kind = "handed_away"
            expected += 1
    return expected


def _machine_busy_s() -> float:
    """CPU seconds the whole machine has spent busy (every process, /proc/stat); 0 elsewhere."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _wait_for_quiet(limit_s: float = 60.0, busy_share: float = 0.25) -> float:
    """Seconds waited until the machine is mostly idle (the load's processes gone, the server's
    clean-up done): under a quarter of its cores busy over one second."""
    started = time.perf_counter()
    cores = os.cpu_count() or 1
    while time.perf_counter() - started < limit_s:
        before = _machine_busy_s()
        time.sleep(1.0)
        if _machine_busy_s() - before < busy_share * cores:
            break
    return time.perf_counter() - started


# -- the row-level security figure --------------------------------------------------------------
def measure_rls(url: str, login: str, bypass: str, pairs: int = 41) -> dict:
    """The worklist of ``login`` as that login (its policies apply) and as ``bypass`` (BYPASSRLS,
    the same rows without policies), in alternating pairs after a warm-up; median per-pair ratio.
    After a load, the server first catches up (VACUUM ANALYZE, as autovacuum soon would), so the
    pairs compare the policies and not which side met the clean-up."""
    import psycopg

    from enplan.services import Services
    from enplan.store.opening import open_database

    with psycopg.connect(_libpq(url), autocommit=True) as c:
        if not policies_installed(c):
            return {"skipped": "no row-level security policies are installed (store/policies.py has not landed)"}
        c.execute("VACUUM ANALYZE")
        c.execute("CHECKPOINT")
    quiet_after = _wait_for_quiet()
    sides = {}
    for who in (login, bypass):
        db = open_database(_as(url, who), daily_backup=False)
        sides[who] = (db, Services(db, today=TODAY, actor=who))
    try:
        same = [len(s.worklist(login)) for _db, s in sides.values()]
        for _ in range(3):
            for _db, s in sides.values():
                s.worklist(login)
        with_rls, without, ratios = [], [], []
        for i in range(pairs):
            times = {}
            for who in ((login, bypass) if i % 2 == 0 else (bypass, login)):
                s = sides[who][1]
                t0 = time.perf_counter()
                s.worklist(login)
                times[who] = time.perf_counter() - t0
            with_rls.append(times[login])
            without.append(times[bypass])
            ratios.append(times[login] / times[bypass])
    finally:
        for db, _s in sides.values():
            db.dispose()
    return {"ratio": statistics.median(ratios), "with_s": statistics.median(with_rls),
            "without_s": statistics.median(without), "ratio_min": min(ratios), "ratio_max": max(ratios),
            "pairs": pairs, "items": same, "quiet_after_s": round(quiet_after, 1)}
