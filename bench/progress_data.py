"""What the generator adds for the progression figures (issue 12): measures
for every citizen, quarterly from their start (trivsel and the caseworker's
belief at every sitting, WHO-5 for about a third, paid hours once they hold
a job), the heavy citizen with five years of them (20 sittings of all four
instruments: the Progress tab's figure), and for some citizens a
company-based activity or an ordinary job in their first year (the outcome
report's figures). A random generator of its own, so every other row of the
database is the same as before; the 500-citizen caseload, cw-1's and the
heavy citizen's placements are left as they were (the worklist, rules and
sync figures read them)."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable

QUARTER = 91
# (hours a week low, high) a citizen in such a placement works, recorded as "hours"
HOURS = {"smaajob": (3, 12), "ordinary_job": (15, 37), "ips_job": (8, 30)}


def _clip(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def progress_rows(starts: list[tuple[str, dt.date, str, bool]], placements: list[tuple], employers: list[str],
                  today: dt.date, seed: int, base: Callable, uid: Callable, keep: set[str]) -> tuple[list, list]:
    """(measure rows, extra placement rows). ``starts``: (citizen id, start day, caseworker,
    heavy) per citizen; ``placements``: the generator's rows; ``keep``: caseworkers whose
    citizens get no extra placement."""
    rnd = random.Random(seed + 12)
    held: dict[str, list[tuple[str, dt.date, dt.date | None]]] = {}
    for row in placements:
        held.setdefault(row[6], []).append((row[8], dt.date.fromisoformat(row[11]),
                                            dt.date.fromisoformat(row[12]) if row[12] else None))
    measures, extra = [], []
    for cid, start, worker, heavy in starts:
        if not heavy and worker not in keep:
            extra += _first_year(rnd, cid, start, today, employers, base, uid, held)
        first = today - dt.timedelta(days=19 * QUARTER) if heavy else start
        sittings = [first + dt.timedelta(days=QUARTER * k) for k in range(40)]
        sittings = [d for d in sittings if d <= today][:20]
        who5 = heavy or rnd.random() < 0.35
        trivsel, gain = _clip(rnd.gauss(48, 14), 5, 90), rnd.gauss(1.5, 2.0)
        level = _clip(rnd.gauss(2.1, 0.9), 0.3, 4.5)
        for k, day in enumerate(sittings):
            def add(instrument: str, value: float, answers: list[int] | None = None) -> None:
                measures.append((uid(), *base(day), cid, instrument, day.isoformat(), value,
                                 json.dumps(answers or []), "own", None, ""))

            add("trivsel", round(_clip(trivsel + k * gain + rnd.gauss(0, 6), 1, 100)))
            add("belief", round(_clip(2.4 + k * 0.12 + rnd.gauss(0, 0.8), 1, 5)))
            if who5:
                answers = [round(_clip(level + k * 0.08 + rnd.gauss(0, 0.7), 0, 5)) for _ in range(5)]
                add("who5", sum(answers) * 4, answers)
            hours = [HOURS[kind] for kind, since, until in held.get(cid, ())
                     if kind in HOURS and since <= day and (until is None or day <= until)]
            if hours or heavy:
                low, high = hours[0] if hours else (4, 20)
                add("hours", float(rnd.randint(low, high)))
    return measures, extra


def _first_year(rnd: random.Random, cid: str, start: dt.date, today: dt.date, employers: list[str],
                base: Callable, uid: Callable, held: dict) -> list[tuple]:
    """A company-based activity for about 35%, an ordinary or IPS job for about 15%, in the first year."""
    rows = []
    for chance, kinds, after, length in ((0.35, ("virksomhedspraktik", "loentilskud"), (20, 200), (28, 91)),
                                         (0.15, ("ordinary_job", "ips_job"), (90, 340), (60, 500))):
        begin = start + dt.timedelta(days=rnd.randint(*after))
        if rnd.random() >= chance or begin > today:
            continue
        kind = rnd.choice(kinds)
        end = begin + dt.timedelta(days=rnd.randint(*length))
        open_job = kind in ("ordinary_job", "ips_job") and rnd.random() < 0.5
        end_on = None if open_job or end > today else end.isoformat()
        rows.append((uid(), *base(begin), cid, rnd.choice(employers), kind, "Første år",
                     float(rnd.randint(*HOURS.get(kind, (20, 30)))), begin.isoformat(), end_on,
                     "active" if end_on is None else "ended", 0))
        held.setdefault(cid, []).append((kind, begin, dt.date.fromisoformat(end_on) if end_on else None))
    return rows
