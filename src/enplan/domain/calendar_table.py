"""Danish non-working days, precomputed from the `holidays` package.

Importing and building `holidays` costs about a fifth of a second, which
the first screen cannot spare. This table holds what it computes for
1990–2100; `tests/test_calendar_table.py` proves it equals the library's
answer for every year, and `python -m enplan.domain.calendar_table`
rewrites it after a `holidays` upgrade. Years outside it ask the library.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

FILE = Path(__file__).with_name("dk_non_working_days.json")


@lru_cache(maxsize=64)
def compute(year: int) -> frozenset[dt.date]:
    """Weekday-independent non-working days: public holidays, Grundlovsdag,
    24 and 31 December; 1 May is a working day for deadlines."""
    from holidays.countries.denmark import Denmark

    days = set(Denmark(years=year, categories=("public", "optional")))
    days.discard(dt.date(year, 5, 1))
    days |= {dt.date(year, 6, 5), dt.date(year, 12, 24), dt.date(year, 12, 31)}
    return frozenset(days)


@lru_cache(maxsize=1)
def _table() -> dict[int, frozenset[dt.date]]:
    try:
        raw = json.loads(FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {int(y): frozenset(dt.date.fromisoformat(d) for d in days) for y, days in raw.items()}


def non_working_days(year: int) -> frozenset[dt.date]:
    return _table().get(year) or compute(year)


def write_table(first: int = 1990, last: int = 2100) -> None:
    table = {str(y): sorted(d.isoformat() for d in compute(y)) for y in range(first, last + 1)}
    FILE.write_text(json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_table()
