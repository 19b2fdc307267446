"""The team server numbers its commits itself (migration 0009): one number per
commit, on every row it wrote, in the order commits become visible, whatever
wrote the rows (the app, raw SQL); a rolled-back transaction takes none."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from enplan.domain.enums import LifeArea, TargetGroup
from enplan.services import CitizenInput
from tests.conftest import postgresql_only

pytestmark = pytest.mark.postgres


def _sql(db) -> psycopg.Connection:  # noqa: ANN001
    url = db.engine.url
    return psycopg.connect(host=url.host, port=url.port, user=url.username, dbname=url.database, autocommit=True)


def _stamp(conn: psycopg.Connection, table: str, row_id: uuid.UUID) -> int:
    return conn.execute(f"SELECT server_seq FROM {table} WHERE id = %s", (row_id,)).fetchone()[0]


def _clock(conn: psycopg.Connection) -> int:
    return conn.execute("SELECT seq FROM sync_clock WHERE id = 1").fetchone()[0]


@postgresql_only
def test_each_commit_takes_the_next_number_for_all_its_rows(services):
    anna = services.create_citizen(CitizenInput(name="Anna Berg", target_group=TargetGroup.OTHER, caseworker="mette"))
    with _sql(services.db) as conn:
        first = _clock(conn)
        plan = conn.execute("SELECT id FROM plan WHERE citizen_id = %s", (anna,)).fetchone()[0]
        assert _stamp(conn, "citizen", anna) == _stamp(conn, "plan", plan) == first  # one commit made both
        goal = services.add_goal(anna, LifeArea.BOLIG, "Egen bolig")
        assert _stamp(conn, "goal", goal) == first + 1 == _clock(conn)
        assert _stamp(conn, "plan", plan) == first  # not written again: keeps its number
        with conn.transaction():  # raw SQL as the same login is numbered too
            conn.execute("UPDATE citizen SET phone = '20304050' WHERE id = %s", (anna,))
        assert _stamp(conn, "citizen", anna) == first + 2 == _clock(conn)
        with pytest.raises(RuntimeError), conn.transaction():  # rolled back: no number taken
            conn.execute("UPDATE citizen SET phone = '99999999' WHERE id = %s", (anna,))
            raise RuntimeError
        assert _clock(conn) == first + 2 and _stamp(conn, "citizen", anna) == first + 2
        conn.execute("SELECT 1 FROM citizen")  # a read takes none
        assert _clock(conn) == first + 2


@postgresql_only
def test_numbers_follow_the_order_commits_become_visible_not_the_order_of_writes(services):
    """The first to write but the last to commit gets the later number: a laptop that pulled
    up to the earlier number cannot have missed it."""
    ids = [services.create_citizen(CitizenInput(name=name, target_group=TargetGroup.OTHER, caseworker="mette"))
           for name in ("Anna Berg", "Bo Holm")]
    with _sql(services.db) as early, _sql(services.db) as late:
        early.execute("BEGIN")
        early.execute("UPDATE citizen SET phone = '11111111' WHERE id = %s", (ids[0],))
        late.execute("BEGIN")
        late.execute("UPDATE citizen SET phone = '22222222' WHERE id = %s", (ids[1],))
        late.execute("COMMIT")
        early.execute("COMMIT")
        assert _stamp(early, "citizen", ids[1]) < _stamp(early, "citizen", ids[0]) == _clock(early)
