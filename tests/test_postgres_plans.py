"""Statements on a server are prepared on their first run and planned once per
connection (store/server.py, "Plans"): a caseworker's app runs the same few
dozen statements a handful of times an hour, and planning each run again, the
row-level security policies with it, was a quarter of the server's work under
200 caseworkers (bench/load.py)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from enplan.store import server
from enplan.store.opening import DatabaseOpenError, open_database
from tests.conftest import postgresql_only

QUERY = "SELECT count(*) FROM citizen WHERE caseworker = %(cw)s"


@pytest.mark.parametrize(("query", "threshold"), [("", 0), ("?prepare_threshold=none", None),
                                                  ("?prepare_threshold=Off", None), ("?prepare_threshold=3", 3)])
def test_every_statement_is_prepared_on_its_first_run_unless_the_url_says_otherwise(query, threshold):
    assert server.prepare_threshold(sa.engine.make_url(f"postgresql+psycopg://mette@db/enplan{query}")) == threshold


def test_a_threshold_enplan_cannot_read_is_one_sentence_before_any_connection():
    with pytest.raises(DatabaseOpenError) as refused:
        open_database("postgresql+psycopg://mette@192.0.2.1/enplan?prepare_threshold=soon")
    assert str(refused.value) == ("prepare_threshold in the database URL is a number of runs or none, not 'soon'.")


def _plans(conn: sa.Connection) -> list[tuple[int, int]]:
    """(generic plans, custom plans) of the session's prepared statements that count citizens."""
    return [tuple(r) for r in conn.exec_driver_sql(
        "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE "
        "'SELECT count(*) FROM citizen WHERE caseworker%%'")]


@postgresql_only
def test_a_statement_is_planned_once_for_its_connection(db):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SHOW plan_cache_mode").scalar_one() == "force_generic_plan"
        conn.exec_driver_sql(QUERY, {"cw": "anna"})
        assert _plans(conn) == [(1, 0)]  # prepared on its first run, with the plan for any caseworker
        for name in ("bo", "carl", "dorte"):
            conn.exec_driver_sql(QUERY, {"cw": name})
        assert _plans(conn) == [(4, 0)]  # the same statement, never planned for one value


@postgresql_only
def test_a_site_behind_a_transaction_pooler_can_turn_preparing_off(db):
    url = sa.engine.make_url(db.url).update_query_dict({"prepare_threshold": "none"})
    other = open_database(url.render_as_string(hide_password=False), daily_backup=False)
    try:
        with other.engine.connect() as conn:
            for name in ("anna", "bo", "carl", "dorte", "erik", "frida", "gitte"):
                conn.exec_driver_sql(QUERY, {"cw": name})
            assert _plans(conn) == []
    finally:
        other.dispose()
