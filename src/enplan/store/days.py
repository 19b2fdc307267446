"""Calendar-day arithmetic inside a query, the same on SQLite and PostgreSQL,
so a report can compare each citizen's records with that citizen's own
start day in SQL instead of reading every record into Python.

``local_day``: the Copenhagen calendar day of a UTC stamp (as
``domain.clock.local_date``). PostgreSQL knows the zone; SQLite stores the
stamp as UTC text and knows no zones, so the EU rule is written out: summer
time (UTC+2) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the
last Sunday of October, UTC+1 otherwise. ``plus_days``: a date ``n`` days on.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import coercions, roles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal


class local_day(ColumnElement):  # noqa: N801 - used like a SQL function
    inherit_cache = True
    _traverse_internals = [("stamp", InternalTraversal.dp_clauseelement)]
    type = sa.Date()

    def __init__(self, stamp) -> None:  # noqa: ANN001
        self.stamp = coercions.expect(roles.ExpressionElementRole, stamp)


class plus_days(ColumnElement):  # noqa: N801
    inherit_cache = True
    _traverse_internals = [("day", InternalTraversal.dp_clauseelement), ("days", InternalTraversal.dp_plain_obj)]
    type = sa.Date()

    def __init__(self, day, days: int) -> None:  # noqa: ANN001
        self.day = coercions.expect(roles.ExpressionElementRole, day)
        self.days = int(days)  # written into the SQL: a whole number only


@compiles(local_day)
def _local_day_pg(element, compiler, **kw):  # noqa: ANN001, ANN202
    return f"CAST(timezone('Europe/Copenhagen', {compiler.process(element.stamp, **kw)}) AS DATE)"


@compiles(local_day, "sqlite")
def _local_day_sqlite(element, compiler, **kw):  # noqa: ANN001, ANN202
    c = compiler.process(element.stamp, **kw)
    # 'weekday 0' moves to the next Sunday on or after the day: from the 25th, the month's last Sunday.
    summer = (f"{c} >= date(substr({c}, 1, 4) || '-03-25', 'weekday 0') || ' 01:00' "
              f"AND {c} < date(substr({c}, 1, 4) || '-10-25', 'weekday 0') || ' 01:00'")
    # To the second: SQLite rounds a stamp's microseconds to milliseconds, 23:59:59.9999 into the next day.
    return f"date(substr({c}, 1, 19), CASE WHEN {summer} THEN '+2 hours' ELSE '+1 hours' END)"


@compiles(plus_days)
def _plus_days_pg(element, compiler, **kw):  # noqa: ANN001, ANN202
    return f"({compiler.process(element.day, **kw)} + {element.days:d})"


@compiles(plus_days, "sqlite")
def _plus_days_sqlite(element, compiler, **kw):  # noqa: ANN001, ANN202
    return f"date({compiler.process(element.day, **kw)}, '{element.days:+d} days')"
