"""`progress_tab_ms`: opening a citizen's Progress tab (6) in the running app,
from the key until the tab's overview is painted: the measures read in a
worker, the overview, a chart per instrument and the rows drawn. Each run
opens the citizen afresh (the tab reads its measures once per opening) and
goes back to the caseload; the median of the runs, with the fastest and the
slowest beside it (bench/run.py)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence

from .generate import HEAVY_GOAL, HEAVY_NAME
from .pty_driver import PtyProcess

PROGRESS_TARGETS = {"progress_tab_ms": 100}
# The overview's column head, or the empty tab's first line (a citizen without measures).
PROGRESS_MARKS = ["Since the first", "No measures recorded yet."]


def measure_progress_tab(argv: Sequence[str], env: dict[str, str], runs: int) -> dict:
    """``argv`` starts enplan on the caseload whose only citizen is measured: the
    citizen measure_open_citizen opens (the generator's heavy one)."""
    times = []
    p = PtyProcess(list(argv), env)
    try:
        p.wait_for([HEAVY_NAME])
        time.sleep(3)  # past start-up's background work: this measures the tab, not the start
        for _ in range(runs):
            p.drain()
            mark = len(p.text)
            p.send("\r")
            p.wait_for([HEAVY_GOAL], since=mark)
            p.drain()
            mark = len(p.text)
            t0 = time.perf_counter()
            p.send("6")
            p.wait_for(PROGRESS_MARKS, since=mark)
            times.append(time.perf_counter() - t0)
            p.drain()
            mark = len(p.text)
            p.send("\x1b")
            p.wait_for(["sort:"], since=mark)
    finally:
        p.close()
    return {"progress_tab_s": statistics.median(times), "progress_tab_min_s": min(times),
            "progress_tab_max_s": max(times)}
