"""Danish time for UTC timestamps (every stamp is stored in UTC).

enplan shows every time of day and counts every calendar day in one zone,
Europe/Copenhagen, the zone its caseworkers and their deadlines live in:
the app, the command line and the documents agree whatever the machine's
own zone is set to."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


@lru_cache(maxsize=1)
def _zone() -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Copenhagen")


def zone() -> dt.tzinfo:
    return _zone()


def local_time(value: dt.datetime) -> dt.datetime:
    """A stamp in Danish time (naive means UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(_zone())


def stamp_text(value: dt.datetime, *, seconds: bool = False) -> str:
    """'24-12-2026 14:05' in Danish time, the way caseworkers write it."""
    return local_time(value).strftime("%d-%m-%Y %H:%M:%S" if seconds else "%d-%m-%Y %H:%M")


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
