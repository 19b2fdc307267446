"""Last line of defence for every value a service writes.

Table models skip validation, and each backend fails differently on bad
values (PostgreSQL refuses NUL bytes and over-long text with a crash, SQLite
stores them, the UTF-8 encoder chokes on unpaired surrogates, date
arithmetic overflows near year 9999). ``ServiceBase._create``/``_update``
and the importer run these checks, so bad input is refused with a message
naming the field instead of crashing, and everything else is stored exactly.
Messages never repeat the value: it may be a CPR number or markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import sqlalchemy as sa
from sqlmodel.sql.sqltypes import AutoString

from ..domain.dates import MAX_YEAR, MIN_YEAR
from ..domain.errors import ValidationError
from ..domain.phrases import Phrase
from ..domain.text import HAS_NUL, HAS_SURROGATE, MAX_TEXT


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored as text on every backend (a sentence), or None."""
    if "\x00" in value:
        return HAS_NUL
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return HAS_SURROGATE
    return None


def check_text(value: str, field: str, limit: int | None = None) -> str:
    problem = text_problem(value)
    if problem:
        raise ValidationError(problem, field)
    if limit is not None and len(value) > limit:
        raise ValidationError(Phrase("The text is longer than {limit} characters.", limit=limit), field)
    return value


def check_day(value: dt.date, field: str) -> dt.date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(Phrase("Dates must lie between {first} and {last}.", first=MIN_YEAR, last=MAX_YEAR),
                              field)
    return value


def _check_nested(value: object, field: str) -> None:
    if isinstance(value, str):
        check_text(value, field, MAX_TEXT)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _check_nested(key, field)
            _check_nested(item, field)
    elif isinstance(value, Iterable) and not isinstance(value, (bytes, bytearray)):
        for item in value:
            _check_nested(item, field)


def text_limits(table: type) -> dict[str, int]:
    """Column -> the most characters it holds: its length (``max_length`` in
    store/tables.py), or MAX_TEXT for free text. The one definition of the
    text limits; docs/data-format.md lists them."""
    cached = getattr(table, "_enplan_text_limits", None)
    if cached is None:
        # SQLModel's str columns are AutoString, which is no sa.String.
        text = [c for c in table.__table__.columns
                if isinstance(c.type, (sa.String, AutoString)) and not isinstance(c.type, sa.Enum)]
        cached = {c.key: getattr(c.type, "length", None) or MAX_TEXT for c in text}
        table._enplan_text_limits = cached
    return cached


def check_values(table: type, values: Mapping[str, object]) -> None:
    """Refuse any value of ``values`` (column -> value) that ``table`` cannot hold."""
    limits = text_limits(table)
    for column, value in values.items():
        field = column.removesuffix("_key")  # name_key is derived from name: report the name
        if isinstance(value, str):
            check_text(value, field, limits.get(column))
        elif isinstance(value, (dt.date, dt.datetime)):
            check_day(value, field)
        elif isinstance(value, (Mapping, list, tuple)):
            _check_nested(value, field)


def check_row(row: object) -> None:
    table = type(row)
    check_values(table, {c.key: getattr(row, c.key, None) for c in table.__table__.columns})
