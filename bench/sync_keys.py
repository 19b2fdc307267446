"""Keys while a large sync runs in the app's background: the app is started
in a pseudo-terminal on a laptop with 5,000 waiting changes; it syncs on its
own shortly after start ("syncing…" in the top bar), and j/k are pressed
and timed (first repaint after the key) until the top bar says "synced"."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .generate import BIG_CASEWORKER
from .pty_driver import PtyProcess

TODAY = "2026-11-22"


def measure_keys_during_sync(laptop: Path, timeout: float = 120.0) -> list[float]:
    from .run import _env, _names

    argv = [sys.executable, "-m", "enplan", "--db", str(laptop), "--today", TODAY, "--caseworker", BIG_CASEWORKER]
    p = PtyProcess(argv, _env())
    latencies: list[float] = []
    try:
        p.wait_for(_names(laptop, BIG_CASEWORKER))
        p.wait_for(["syncing"], timeout=30, since=len(p.text))
        mark = len(p.text)  # from here on the top bar says "syncing…" until it says "synced HH:MM"
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            latencies.append(p.key_latency("j" if len(latencies) % 4 < 2 else "k"))
            if b"synced " in p.text[mark:]:
                break
        else:
            raise TimeoutError("the sync did not end in time")
    finally:
        p.close()
    return latencies
