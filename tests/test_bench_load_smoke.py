"""The load test's harness works end to end at a tiny scale (issue 15; the real
run, 200 caseworkers for 2 minutes, is `make bench-load`, outside the suite):
5 caseworkers, one of them their team's leader, act every half second for 2 s
of warm-up and 4 s measured
on the test PostgreSQL server, each as their own login, and everything they
were told was saved is in the database exactly once."""

from __future__ import annotations

import os

import pytest

from bench import load
from bench.generate import Scale, generate

TINY = Scale(citizens=60, caseworkers=5, meetings_per=3, checkins_per=2, employer_fu_per=1, follow_ups_per=6,
             heavy_entries=20, big_caseload=5, employers=5)


@pytest.mark.postgres
def test_five_caseworkers_for_five_seconds_lose_nothing(pg_server, tmp_path):
    source = tmp_path / "tiny.db"
    generate(source, load.TODAY, TINY)
    name, prefix = f"load{os.getpid()}", f"t{os.getpid()}_"  # roles belong to the whole server: unique names
    url, enrolled = load.prepare(pg_server, source, name, prefix=prefix, template=True)
    try:
        assert len(enrolled["logins"]) == 5 and list(enrolled["teams"]) == [f"{prefix}cw-0"]
        summary = load.run_load(url, enrolled, seconds=4, mean_gap_s=0.4, processes=0, warmup_s=2)
        rls = load.measure_rls(url, enrolled["logins"][1], enrolled["bypass"], pairs=3)
    finally:
        pg_server.drop_database(name)
        load.drop_roles(pg_server.url("postgres"), [*enrolled["logins"], enrolled["bypass"]])
    assert summary["errors"] == dict.fromkeys(load.ERROR_KINDS, 0), summary["sentences"]
    assert summary["unexplained"] == 0
    lost = summary["lost"]
    assert lost["lost_writes"] == 0 and lost["half_written"] == 0, lost["examples"]
    assert {"meeting", "follow_up_done", "reassign"} <= set(lost["acknowledged"]), lost["acknowledged"]
    assert set(summary["use_cases"]) == set(load.USE_CASES)
    assert summary["worst_p95_ms"] > 0 and summary["actions"] >= 25
    assert summary["warmup"]["calls"] >= 10 and summary["warmup"]["p95_ms"] > 0  # at work before the measured window
    assert "ratio" in rls or "skipped" in rls
