"""Shared plumbing for use cases: the unit of work, audit entries, versions."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import uuid
from enum import Enum

from sqlalchemy.orm import Session

from ..domain.errors import ValidationError
from ..store.engine import Database
from ..store.tables import AuditEvent, Record
from ..store.types import utcnow


class NotFoundError(LookupError):
    def __init__(self, what: str, ident: object) -> None:
        super().__init__(f"No {what} with id {ident}.")


class ConflictError(RuntimeError):
    """Someone else saved the record after it was opened."""

    def __init__(self, entity: str, changed_by: str, changed_at: dt.datetime, fields: list[str]) -> None:
        self.entity = entity
        self.changed_by = changed_by or "someone"
        self.changed_at = changed_at
        self.fields = fields
        what = ", ".join(fields) if fields else "it"
        super().__init__(
            f"{self.changed_by} changed this {entity} ({what}) at "
            f"{changed_at.astimezone():%d-%m-%Y %H:%M} after you opened it; reload or keep your text as a draft."
        )


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no passwd entry in some containers
        return os.environ.get("USER", "unknown")


def plain(value: object) -> object:
    """A JSON-safe form of a value for the audit log."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime, uuid.UUID)):
        return value.isoformat() if not isinstance(value, uuid.UUID) else str(value)
    return value


class ServiceBase:
    def __init__(self, db: Database, *, today: dt.date | None = None, actor: str | None = None) -> None:
        self.db = db
        self._today = today
        self.actor = actor or default_actor()

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # -- helpers used inside one transaction ---------------------------------
    def _get(self, session: Session, table: type[Record], ident: uuid.UUID) -> Record:
        row = session.get(table, _uuid(ident))
        if row is None or row.deleted_at is not None:
            raise NotFoundError(table.__tablename__.replace("_", " "), ident)
        return row

    def _audit(
        self,
        session: Session,
        action: str,
        row: Record | None,
        *,
        citizen_id: uuid.UUID | None,
        changes: dict | None = None,
        entity: str | None = None,
    ) -> None:
        session.add(
            AuditEvent(
                actor=self.actor,
                action=action,
                entity=entity or (row.__tablename__ if row is not None else "database"),
                entity_id=row.id if row is not None else None,
                citizen_id=citizen_id,
                changes=changes or {},
            )
        )

    def _create(self, session: Session, row: Record, citizen_id: uuid.UUID | None) -> Record:
        row.updated_by = self.actor
        session.add(row)
        session.flush()
        self._audit(session, "create", row, citizen_id=citizen_id)
        return row

    def _update(
        self,
        session: Session,
        row: Record,
        values: dict,
        *,
        citizen_id: uuid.UUID | None,
        expected_version: int | None = None,
        secret_fields: frozenset[str] = frozenset(),
    ) -> dict:
        """Apply changed values, bump the version and log old → new per field."""
        if expected_version is not None and row.version != expected_version:
            changed = _changed_since(row, values)
            raise ConflictError(row.__tablename__.replace("_", " "), row.updated_by, row.updated_at, changed)
        changes = {}
        for name, new in values.items():
            old = getattr(row, name)
            if old != new:
                if name in secret_fields:
                    changes[name] = ["(hidden)", "(hidden)"]
                else:
                    changes[name] = [plain(old), plain(new)]
                setattr(row, name, new)
        if changes:
            row.version += 1
            row.updated_at = utcnow()
            row.updated_by = self.actor
            self._audit(session, "update", row, citizen_id=citizen_id, changes=changes)
        return changes


def _changed_since(row: Record, values: dict) -> list[str]:
    return sorted(k for k, v in values.items() if getattr(row, k) != v)


def _uuid(value: uuid.UUID | str) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ValidationError(f"{value!r} is not a record id.", "id") from None
