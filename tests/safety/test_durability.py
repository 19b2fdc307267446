"""SIGKILL in the middle of a stream of writes: the file stays sound and every
acknowledged write is there, trial after trial on the same database."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.safety.helpers import make_db

TRIALS = 50
WRITER = Path(__file__).with_name("writer.py")


def _acks(path: Path) -> list[tuple[str, str]]:
    text = path.read_text() if path.exists() else ""
    lines = text.split("\n")[:-1]  # only complete lines count as acknowledged
    return [tuple(line.split()) for line in lines if line != "open"]


def _wait_first_write(path: Path, timeout: float = 10) -> None:
    """Until the writer has opened the database and acknowledged a write: the kill that follows
    lands mid-stream however slow the machine's commits are (a busy CI host's fsync)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        text = path.read_text() if path.exists() else ""
        if text.startswith("open") and text.count("\n") >= 2:
            return
        time.sleep(0.005)


def _check(db: Path, acked: dict[str, set[str]]) -> None:
    conn = sqlite3.connect(db)  # read-write: recovers the WAL the killed process left behind
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        citizens = {r[0] for r in conn.execute("SELECT id FROM citizen")}
        follow_ups = {r[0] for r in conn.execute("SELECT id FROM follow_up")}
        audited = {r[0] for r in conn.execute("SELECT entity_id FROM audit_event WHERE action = 'create'")}
        planless = conn.execute("SELECT count(*) FROM citizen c LEFT JOIN plan p ON p.citizen_id = c.id "
                                "WHERE p.id IS NULL").fetchone()[0]
    finally:
        conn.close()
    assert acked["citizen"] <= citizens, "an acknowledged citizen is missing"
    assert acked["follow_up"] <= follow_ups, "an acknowledged follow-up is missing"
    # all or nothing: every stored row came with its audit entry and (citizens) their plan
    assert citizens | follow_ups <= audited
    assert planless == 0


def test_sigkill_trials_lose_no_acknowledged_write(tmp_path):
    db = tmp_path / "enplan.db"
    make_db(db, citizens=1)
    url = f"sqlite:///{db}"
    rng = random.Random(20261122)
    zygote = subprocess.Popen([sys.executable, str(WRITER), url], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, bufsize=1)
    acked: dict[str, set[str]] = {"citizen": set(), "follow_up": set()}
    trials_with_writes = 0
    try:
        for trial in range(TRIALS):
            ack_file = tmp_path / f"acks-{trial}.txt"
            zygote.stdin.write(f"run {ack_file} {trial}\n")
            pid = int(zygote.stdout.readline())
            if trial % 5 == 4:
                time.sleep(rng.uniform(0, 0.15))  # sometimes while it opens (and recovers) the database
            else:
                _wait_first_write(ack_file)
                time.sleep(rng.uniform(0, 0.25))
            zygote.stdin.write(f"kill {pid}\n")
            ended = zygote.stdout.readline().strip()
            err = Path(f"{ack_file}.err")
            assert ended == "signal 9", f"trial {trial}: the writer ended early ({ended}): {err.read_text()}"
            lines = _acks(ack_file)
            trials_with_writes += bool(lines)
            for kind, ident in lines:
                acked[kind].add(ident.replace("-", ""))
            _check(db, acked)
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=30)
    assert trials_with_writes >= TRIALS // 2, "most kills should land mid-stream"
    assert len(acked["citizen"]) + len(acked["follow_up"]) >= TRIALS
