"""100 SIGKILLs of a laptop in the middle of syncing (while it numbers its
changes, while the server applies them, after the server committed but
before the laptop heard, while it acknowledges, while it pulls, and at
random moments): no change lost, none applied twice, no half batch, and
both databases intact."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

TRIALS = 100
DUE = dt.date(2026, 11, 25)
ROOT = Path(__file__).resolve().parents[2]


def _run_child(path: Path, where: str, nth: int, rng: random.Random) -> str:
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    child = subprocess.Popen([sys.executable, "-m", "tests.sync.killed_sync", str(path), where, str(nth)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    if where == "none":  # killed from outside, at a random moment of its sync
        assert child.stdout.readline().strip() == "READY"
        time.sleep(rng.uniform(0, 0.15))
        child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=60)
    assert child.returncode in (0, -signal.SIGKILL), err[-2000:]
    return "killed" if child.returncode else "done"


def _server_state(team) -> tuple[dict[str, int], int, int]:
    """Follow-up titles with how often each is stored, applied creates logged, records they name."""
    with team.services().db.read() as s:
        titles = dict(s.execute(sa.text("SELECT title, count(*) FROM follow_up GROUP BY title")).all())
        applied = s.execute(sa.text("SELECT count(*) FROM sync_event WHERE outcome = 'applied' "
                                    "AND entity = 'follow_up' AND op = 'create'")).scalar_one()
        matched = s.execute(sa.text("SELECT count(*) FROM sync_event e JOIN follow_up f ON f.id = e.entity_id "
                                    "WHERE e.outcome = 'applied' AND e.op = 'create'")).scalar_one()
    return titles, applied, matched


def _laptop_intact(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


@pytest.mark.slow
def test_a_hundred_kills_mid_sync_lose_nothing_and_double_nothing(team, laptop):
    rng = random.Random(20261130)
    cid = team.citizen("Åse Østergaard")
    mine = laptop("mette")
    path = Path(mine.db.path)
    desk = team.services("mette")
    made_here, made_there, kills = set(), set(), 0
    places = ["laptop", "server", "answered", "none"]
    for trial in range(TRIALS):
        for k in range(3):  # new work on the laptop (recorded, waiting) …
            title = f"laptop {trial}.{k}"
            mine.add_follow_up(cid, title, DUE)
            made_here.add(title)
        title = f"desk {trial}"  # … and on the server, for the pull to fetch
        desk.add_follow_up(cid, title, DUE)
        made_there.add(title)
        where = places[trial % len(places)]
        kills += _run_child(path, where, rng.randint(1, 8), rng) == "killed"
        _laptop_intact(path)
        titles, applied, matched = _server_state(team)
        assert all(n == 1 for n in titles.values()), "a change was applied twice"
        assert set(titles) <= made_here | made_there
        assert applied == matched == len(set(titles) & made_here), "a batch was applied in part"
    assert kills >= TRIALS * 0.7  # most trials really were killed mid-sync
    mine.sync()  # and then, uninterrupted: everything arrives, once
    titles, _applied, _matched = _server_state(team)
    assert titles == {t: 1 for t in made_here | made_there}
    assert sorted(f.title for f in mine.follow_ups(cid)) == sorted(made_here | made_there)
    status = mine.sync_status()
    assert (status.waiting, status.quarantined, status.state) == (0, 0, "synced")
