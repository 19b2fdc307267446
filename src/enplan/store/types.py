"""Portable column types: UTC-aware timestamps and non-native enums."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import Enum

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import coercions, roles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC in and out. PostgreSQL gets timestamptz; SQLite
    stores ISO text and hands back naive values, so UTC is re-attached."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect):  # noqa: ANN001
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(dt.timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect):  # noqa: ANN001
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)


def enum_type(enum_cls: type[Enum]) -> sa.Enum:
    """Stores the enum's value as a plain string: no native PostgreSQL ENUM,
    so adding a member never needs a database type change."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        values_callable=lambda e: [m.value for m in e],
        length=40,
        validate_strings=True,
    )


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class _BinaryOrder(ColumnElement):
    inherit_cache = True
    _traverse_internals = [("expr", InternalTraversal.dp_clauseelement)]

    def __init__(self, expr) -> None:  # noqa: ANN001
        self.expr = coercions.expect(roles.ExpressionElementRole, expr)
        self.type = self.expr.type


def binary_order(expr):  # noqa: ANN001, ANN201
    """Compare text byte by byte on every backend, as SQLite does by default.

    Sort ``name_key`` columns through this: the key maps æ/ø/å past "z", and
    only a binary comparison keeps that Danish order. PostgreSQL would
    otherwise use the database's collation (en_US, da_DK, ICU …), which
    ignores or reorders those characters, so it renders ``COLLATE "C"``."""
    return _BinaryOrder(expr)


@compiles(_BinaryOrder)
def _binary_order_default(element, compiler, **kw):  # noqa: ANN001, ANN202
    return compiler.process(element.expr, **kw)


@compiles(_BinaryOrder, "postgresql")
def _binary_order_pg(element, compiler, **kw):  # noqa: ANN001, ANN202
    return f'{compiler.process(element.expr, **kw)} COLLATE "C"'


def jsonable(value: object) -> object:
    """A stored value in its JSON form, the one the export and the sync change log write:
    ids and dates as text (timestamps in UTC), enums as their codes."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value
