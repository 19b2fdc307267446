"""Portable column types: UTC-aware timestamps and non-native enums."""

from __future__ import annotations

import datetime as dt
from enum import Enum

import sqlalchemy as sa
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
