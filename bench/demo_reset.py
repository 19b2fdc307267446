"""`demo_reset_s`: starting the demo again from inside the app (issue 14),
from the answer "y" to "Start the demo again?" until the fresh caseload is
shown with its notice: the demo built anew in a file beside the open one,
the database closed, the new file renamed into place, opened, the caseload
read and drawn. The real app in a pseudo-terminal, on its own demo file;
the median of the runs, with the fastest and the slowest beside it."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from .pty_driver import PtyProcess

DEMO_RESET_TARGETS = {"demo_reset_s": 2.0}
CASELOAD_MARK = ["sort:"]  # the caseload's status line
QUESTION_MARK = ["Start the demo again?"]
DONE_MARK = ["started again"]  # "The demo has started again with fresh data."


def measure_demo_reset(env: dict[str, str], today: str, runs: int) -> dict:
    times = []
    with tempfile.TemporaryDirectory(prefix="enplan-bench-demo-") as folder:
        argv = [sys.executable, "-m", "enplan", "demo", "--db", str(Path(folder) / "demo.db"), "--today", today]
        p = PtyProcess(argv, env)
        try:
            p.wait_for(CASELOAD_MARK, timeout=60)
            time.sleep(2)  # past start-up's background work
            for _ in range(runs):
                p.drain()
                mark = len(p.text)
                p.send("\x10")  # ctrl+p
                time.sleep(0.3)
                p.send("start again")
                p.wait_for(["Demo: start again"], since=mark)
                p.drain()
                p.send("\r")
                p.wait_for(QUESTION_MARK, since=mark)
                p.drain()
                mark = len(p.text)
                t0 = time.perf_counter()
                p.send("y")
                p.wait_for(DONE_MARK, since=mark)
                times.append(time.perf_counter() - t0)
                p.drain(quiet=0.3)
                time.sleep(5.5)  # the notice is gone (5 s) before the next run looks for it again
        finally:
            p.close()
    return {"demo_reset_s": statistics.median(times), "demo_reset_min_s": min(times),
            "demo_reset_max_s": max(times)}


if __name__ == "__main__":  # python -m bench.demo_reset [RUNS]: this figure alone
    from .run import TODAY, _env

    print(measure_demo_reset(_env(), TODAY.isoformat(), int(sys.argv[1]) if len(sys.argv) > 1 else 7))
