"""Danish working days, deadline roll-forward, and liberal date parsing.

A computed deadline that lands on a weekend, a public holiday, Grundlovsdag,
24 or 31 December moves to the next working day (the Danish "fristberegning"
rule). 1 May is a working day for this purpose.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re


from .errors import ValidationError
from .phrases import N_, Phrase

MIN_YEAR = 1900
MAX_YEAR = 2100


def _non_working_days(year: int) -> frozenset[dt.date]:
    from .calendar_table import non_working_days

    return non_working_days(year)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _non_working_days(day.year)


@functools.lru_cache(maxsize=8192)  # the rules roll the same few hundred dates for a whole caseload
def roll_forward(day: dt.date) -> dt.date:
    """The day itself if it is a working day, else the next working day."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_days(day: dt.date, days: int) -> dt.date:
    return day + dt.timedelta(days=days)


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day of month, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).

    By hand rather than with relativedelta: the rules call this thousands of times per caseload."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise ValueError("year out of range")
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def deadline_after(start: dt.date, *, days: int = 0, weeks: int = 0, months: int = 0) -> dt.date:
    """A deadline counted from ``start`` and rolled forward to a working day."""
    return roll_forward(add_months(start, months) + dt.timedelta(days=days, weeks=weeks))


_RELATIVE = re.compile(r"^([+-])\s*([0-9]{1,4})\s*([dwmy])$")
_DMY = re.compile(r"^([0-9]{1,2})[-./]([0-9]{1,2})[-./]([0-9]{4})$")
_YMD = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_TODAY_WORDS = {"today", "i dag", "idag", "td"}
_TOMORROW_WORDS = {"tomorrow", "i morgen", "imorgen"}


def parse_date(text: str, today: dt.date, field: str | None = None, *, deadline: bool = False) -> dt.date:
    """Parse what a caseworker types into a date field.

    Accepts dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy, yyyy-mm-dd, today/i dag,
    tomorrow/i morgen, and relative +3d, +2w, +1m, +1y (also with a minus).
    A ``deadline`` (a due date) counted forward from today (tomorrow, +1w …)
    rolls forward to a working day like every computed deadline; a date
    written out, today, a date counted back and any other date (a meeting
    held, the end of a 13-week praktik) stay as typed.
    A refusal names ``field`` when given, so a form can show it at the field.
    """
    try:
        day, forward = _parse_date(text, today)
    except ValidationError as exc:
        exc.field = exc.field or field
        raise
    if not (deadline and forward):
        return day
    rolled = roll_forward(day)
    return rolled if rolled.year <= MAX_YEAR else day


def _parse_date(text: str, today: dt.date) -> tuple[dt.date, bool]:
    """The date, and whether it was counted forward from today."""
    raw = text.strip().lower()
    if not raw:
        raise ValidationError(N_("Enter a date, e.g. 24-12-2026, today or +2w."))
    if raw in _TODAY_WORDS:
        return today, False
    if raw in _TOMORROW_WORDS:
        return today + dt.timedelta(days=1), True
    if m := _RELATIVE.match(raw):
        sign = 1 if m.group(1) == "+" else -1
        n = sign * int(m.group(2))
        unit = m.group(3)
        try:
            if unit == "d":
                result = today + dt.timedelta(days=n)
            elif unit == "w":
                result = today + dt.timedelta(weeks=n)
            elif unit == "m":
                result = add_months(today, n)
            else:
                result = add_months(today, 12 * n)
        except (OverflowError, ValueError):  # past year 9999
            raise ValidationError(N_("That date is out of range.")) from None
        return _check_range(result), n > 0
    if m := _DMY.match(raw):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _YMD.match(raw):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        raise ValidationError(N_("Not a date. Use dd-mm-yyyy, yyyy-mm-dd, today or +2w."))
    try:
        result = dt.date(year, month, day)
    except ValueError:
        raise ValidationError(Phrase("{text} is not a real date.", text=text.strip())) from None
    return _check_range(result), False


def _check_range(day: dt.date) -> dt.date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValidationError(Phrase("Dates must lie between {first} and {last}.", first=MIN_YEAR, last=MAX_YEAR))
    return day


def format_date(day: dt.date | None) -> str:
    """dd-mm-yyyy, the form Danish caseworkers write."""
    return day.strftime("%d-%m-%Y") if day else ""


def days_between(earlier: dt.date, later: dt.date) -> int:
    return (later - earlier).days


_TIME = re.compile(r"^([0-9]{1,2})(?:[:.]([0-9]{2}))?$")


def parse_time(text: str) -> dt.time:
    """09:30, 9.30, 9 or 0930 → a time of day."""
    raw = text.strip()
    if re.fullmatch(r"[0-9]{4}", raw):
        raw = f"{raw[:2]}:{raw[2:]}"
    m = _TIME.match(raw)
    if not m:
        raise ValidationError(N_("Not a time. Use hh:mm, e.g. 09:30."))
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if hour > 23 or minute > 59:
        raise ValidationError(Phrase("{text} is not a time of day.", text=text.strip()))
    return dt.time(hour, minute)
