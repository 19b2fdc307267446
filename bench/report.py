"""`report_10k_ms`: the outcome report (issue 12) with every one of the 10,000
citizens in its cohort (all starts in the five years the generator covers),
in-process, on SQLite and on the PostgreSQL the sync figures load (bench/sync.py
calls ``measure_report`` on it). The median of several runs, with the fastest
and the slowest; beside it, the same citizens as two cohorts, CTI against no
CTI, and a committee's report: last year against the year before."""

from __future__ import annotations

import datetime as dt
import statistics
import time

REPORT_TARGETS = {"report_10k_ms": 1000, "report_10k_pg_ms": 1000}
TODAY = dt.date(2026, 11, 22)


def measure_report(url: str, runs: int, suffix: str = "") -> dict:
    """``suffix``: "" for SQLite, "_pg" for the server; every key carries it."""
    from enplan.domain.outcomes import Cohort, Course
    from enplan.services import Services
    from enplan.store.opening import open_database

    from .sync import open_as_owner

    everyone = Cohort(TODAY - dt.timedelta(days=5 * 366), TODAY)
    cti, plan = (Cohort(everyone.start, everyone.end, course=c) for c in (Course.CTI, Course.PLAN))
    last_year = Cohort(dt.date(TODAY.year - 1, 1, 1), dt.date(TODAY.year - 1, 12, 31))
    year_before = Cohort(dt.date(TODAY.year - 2, 1, 1), dt.date(TODAY.year - 2, 12, 31))
    # On the server the whole municipality's report is read as the owner (row-level security
    # would show a caseworker only their own citizens; the app refuses the owner for daily work).
    db = open_as_owner(url) if url.startswith("postgresql") else open_database(url, daily_backup=False)
    try:
        services = Services(db, today=TODAY, actor="bench")
        report = services.outcome_report(everyone)  # warm: imports, statement caches
        assert report.first.size > 0
        times = _times(lambda: services.outcome_report(everyone), runs)
        split = _times(lambda: services.outcome_report(cti, plan), max(3, runs // 4))
        committee = _times(lambda: services.outcome_report(last_year, year_before), max(3, runs // 4))
    finally:
        db.dispose()
    return {f"report_10k{suffix}_s": statistics.median(times), f"report_10k{suffix}_min_s": min(times),
            f"report_10k{suffix}_max_s": max(times), f"report_cti_split{suffix}_s": statistics.median(split),
            f"report_committee{suffix}_s": statistics.median(committee), f"report_citizens{suffix}": report.first.size}


def _times(call, runs: int) -> list[float]:  # noqa: ANN001
    times = []
    for _ in range(max(runs, 5)):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return times
