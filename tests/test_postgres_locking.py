"""Saves racing on one citizen (hardening issue, item 3): every citizen-scoped
write takes its locks up front in one order (services/base.py), so two
caseworkers saving meetings for the same citizen at once never deadlock; a
deadlock or serialization failure that still happens is retried once, as
a whole use case, and otherwise told as one sentence (failures.BUSY_RECORD)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import time
from collections import Counter

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from enplan import failures
from enplan.domain.enums import ContactForm, GoalProgress, LifeArea, MeetingType, TargetGroup
from enplan.services import CitizenInput, GoalNoteInput, MeetingInput, Services
from tests.conftest import TODAY, postgresql_only

SAVES = 40
PROGRESS = (GoalProgress.PROGRESS, GoalProgress.NO_CHANGE, GoalProgress.SETBACK)


def _meeting(actor: str, i: int, goal_ids: list) -> MeetingInput:
    """A meeting with a note and a progress change on every goal; the goals
    come in a different order each time, as two forms would list them."""
    order = goal_ids if (i + len(actor)) % 2 else list(reversed(goal_ids))
    start = dt.datetime(2026, 11, 2, 9, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=i)
    return MeetingInput(type=MeetingType.JOBSAMTALE, form=ContactForm.PERSONAL, starts_at=start,
                        notes=f"{actor} meeting {i}",
                        goal_notes=tuple(GoalNoteInput(g, PROGRESS[(i + k) % 3], f"{actor} note {i}")
                                         for k, g in enumerate(order)))


def _caseworker(url: str, actor: str, cid, goal_ids: list, start, results) -> None:  # noqa: ANN001
    """One caseworker's process: its own engine, SAVES meeting saves; reports what happened."""
    from enplan.store.engine import Database

    db = Database(url)
    services = Services(db, today=TODAY, actor=actor)
    outcome: Counter = Counter()
    start.wait(timeout=60)
    for i in range(SAVES):
        try:
            services.record_meeting(cid, _meeting(actor, i, goal_ids))
            outcome["saved"] += 1
        except Exception as exc:  # noqa: BLE001 - counted and reported to the test
            outcome[type(getattr(exc, "orig", None) or exc).__name__] += 1
    db.dispose()  # its backends end, so their statistics reach pg_stat_database
    results.put((actor, dict(outcome)))


def _deadlocks(pg_server, url: str) -> int:
    name = url.rsplit("/", 1)[1]
    row = pg_server._admin.execute("SELECT deadlocks FROM pg_stat_database WHERE datname = %s", (name,)).fetchone()
    return int(row[0] or 0)


@postgresql_only
def test_two_caseworkers_saving_meetings_for_one_citizen_never_deadlock(pg_server, db, db_url, services):
    cid = services.create_citizen(CitizenInput(name="Åse Holm", target_group=TargetGroup.OTHER))
    goal_ids = [services.add_goal(cid, area, f"Mål {n}")
                for n, area in enumerate((LifeArea.UDDANNELSE_BESKAEFTIGELSE, LifeArea.BOLIG, LifeArea.NETVAERK))]
    deadlocks_before = _deadlocks(pg_server, db_url)
    spawn = multiprocessing.get_context("spawn")  # fresh interpreters: no inherited connections or locks
    start, results = spawn.Barrier(2), spawn.Queue()
    workers = [spawn.Process(target=_caseworker, args=(db_url, actor, cid, goal_ids, start, results))
               for actor in ("anne", "bo")]
    for w in workers:
        w.start()
    try:
        outcomes = dict(results.get(timeout=240) for _ in workers)
    finally:
        for w in workers:
            w.join(timeout=30)
            if w.is_alive():
                w.kill()
    deadlocks = 0
    for _ in range(20):  # a backend's statistics arrive shortly after it ends
        deadlocks = _deadlocks(pg_server, db_url) - deadlocks_before
        if deadlocks:
            break
        time.sleep(0.1)
    failed = {actor: {k: v for k, v in counts.items() if k != "saved"} for actor, counts in outcomes.items()}
    assert (deadlocks, failed) == (0, {"anne": {}, "bo": {}}), outcomes
    detail = services.citizen_detail(cid)
    assert len(detail.meetings) == 2 * SAVES
    with db.read() as s:
        notes = s.execute(sa.text("SELECT count(*) FROM meeting_goal_note")).scalar_one()
        goal_versions = s.execute(sa.text("SELECT sum(version) FROM goal")).scalar_one()
    assert notes == 2 * SAVES * len(goal_ids)
    assert goal_versions >= len(goal_ids) + SAVES  # the goals' progress changed with the saves


# -- a deadlock that still happens: retried once, then one sentence ---------------------------
def _deadlock_error() -> sa.exc.OperationalError:
    import psycopg

    return sa.exc.OperationalError("INSERT INTO meeting …", {}, psycopg.errors.DeadlockDetected("deadlock detected"))


def _fail_inserts(engine: sa.Engine, times: int, table: str = "meeting_goal_note") -> list[int]:
    """Raise a deadlock on the first ``times`` inserts into ``table`` (after
    the meeting itself was inserted, so a retry must not store it twice)."""
    raised = [0]

    def before(conn, cursor, statement, *args):  # noqa: ANN001, ARG001
        if statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()}") and raised[0] < times:
            raised[0] += 1
            raise _deadlock_error()

    event.listen(engine, "before_cursor_execute", before)
    return raised


def _citizen_with_goal(services: Services) -> tuple:
    cid = services.create_citizen(CitizenInput(name="Bo Ågård", target_group=TargetGroup.OTHER))
    return cid, services.add_goal(cid, LifeArea.UDDANNELSE_BESKAEFTIGELSE, "Arbejde")


def test_a_deadlock_is_retried_once_as_a_whole_use_case(services):
    cid, goal = _citizen_with_goal(services)
    raised = _fail_inserts(services.db.engine, times=1)
    mid = services.record_meeting(cid, _meeting("anne", 1, [goal]))
    assert raised == [1]
    detail = services.citizen_detail(cid)
    assert [m.id for m in detail.meetings] == [mid]  # the first attempt left nothing behind
    assert [len(m.goal_notes) for m in detail.meetings] == [1]
    assert len([e for e in services.audit_log(cid) if e.entity == "meeting"]) == 1


def test_a_second_deadlock_is_one_sentence_and_nothing_is_saved(services):
    cid, goal = _citizen_with_goal(services)
    raised = _fail_inserts(services.db.engine, times=2)
    with pytest.raises(sa.exc.OperationalError) as err:
        services.record_meeting(cid, _meeting("anne", 1, [goal]))
    assert raised == [2]  # tried twice, not more
    assert failures.describe(err.value) == failures.BUSY_RECORD
    assert services.citizen_detail(cid).meetings == ()


def _migrate(url: str, start, results) -> None:  # noqa: ANN001 - a spawned process
    from enplan.store import migrate
    from enplan.store.engine import make_engine

    engine = make_engine(url)
    start.wait()
    try:
        migrate.upgrade(engine)
        results.put("ok")
    except Exception as exc:  # noqa: BLE001 - the test reports any failure
        results.put(repr(exc)[:300])
    finally:
        engine.dispose()


def test_two_migrations_of_a_new_server_database_at_once(pg_server):
    """Two `enplan migrate` started together on an empty server database: the
    second waits for the first's advisory lock and finds the schema current,
    instead of failing on a duplicate table."""
    from enplan.store import migrate
    from enplan.store.engine import make_engine

    url = pg_server.create_database("migrate_race")
    spawn = multiprocessing.get_context("spawn")
    start, results = spawn.Barrier(2), spawn.Queue()
    workers = [spawn.Process(target=_migrate, args=(url, start, results)) for _ in range(2)]
    for w in workers:
        w.start()
    try:
        outcomes = [results.get(timeout=120) for _ in workers]
    finally:
        for w in workers:
            w.join(timeout=30)
            if w.is_alive():
                w.kill()
    assert outcomes == ["ok", "ok"]
    engine = make_engine(url)
    try:
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()
