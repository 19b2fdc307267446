"""`document_plan_ms`: the citizen's plan as a PDF for the citizen with 2,000
timeline entries, given 20 goals (two actions each) on a copy of the
generated database, median of several runs (bench/run.py)."""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import time
from pathlib import Path

DOCUMENT_TARGETS = {"document_plan_ms": 1000}


def measure_document_plan(db: Path, citizen_id: str, folder: Path, runs: int) -> dict:
    from enplan.domain.documents import Contact
    from enplan.domain.enums import LifeArea, Provider
    from enplan.services import Services
    from enplan.store.opening import open_database

    copy = folder / "documents.db"
    shutil.copyfile(db, copy)
    database = open_database(f"sqlite:///{copy}", daily_backup=False)
    try:
        services = Services(database, today=dt.date(2026, 11, 22), actor="bench")
        areas = list(LifeArea)
        for n in range(20 - len(services.citizen_detail(citizen_id, history_limit=0).plan.goals)):
            goal = services.add_goal(citizen_id, areas[n % len(areas)], f"Mål nummer {n + 1}: små skridt hver uge")
            for k in range(2):
                services.add_action(goal, f"Handling {k + 1} for mål {n + 1}", Provider.JOBCENTER,
                                    dt.date(2026, 12, 1) + dt.timedelta(days=n))
        contact = Contact("Bench Caseworker", "12 34 56 78", "bench@kommune.dk", "Jobcenter")
        services.document_pdf(citizen_id, "plan", contact)  # warm: imports, the font
        times = []
        for _ in range(max(runs, 5)):
            t0 = time.perf_counter()
            pdf = services.document_pdf(citizen_id, "plan", contact)
            times.append(time.perf_counter() - t0)
        assert pdf.startswith(b"%PDF")
    finally:
        database.dispose()
        copy.unlink(missing_ok=True)
    return {"document_plan_s": statistics.median(times), "document_plan_max_s": max(times)}
