"""Calendar days in Copenhagen for UTC timestamps (meetings are stored in UTC)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


@lru_cache(maxsize=1)
def _zone() -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Copenhagen")


def local_date(value: dt.datetime | None) -> dt.date | None:
    """The Copenhagen calendar day of a UTC timestamp (naive means UTC)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(_zone()).date()


def local_midnight_utc(day: dt.date) -> dt.datetime:
    """Copenhagen midnight at the start of ``day``, in UTC."""
    return dt.datetime.combine(day, dt.time(0), _zone()).astimezone(dt.timezone.utc)
