"""Shared plumbing for use cases: the unit of work, locks, audit entries, versions.

Lock order on a server (SQLite serialises writers already, so there it is
a no-op). Two saves for one citizen at once must not deadlock, as they did
when both had inserted goal notes (which take a key-share lock on the goal)
and then both asked for the goal row itself. So every write to a citizen's
records first locks that citizen's row (``FOR NO KEY UPDATE``), before it
inserts or locks anything else (``lock_for_save``, called by ``_create``
and ``_update``), then the rows it will update, sorted by table and id.
Saves for one citizen thus queue behind each other instead of crossing.
enplan never changes a key, so row locks are ``FOR NO KEY UPDATE``, which
lets others keep inserting rows that refer to the locked one; only erasure,
which deletes the citizen, takes ``FOR UPDATE``.

Every public method of a service class is a use case, run by
``Database.retrying``: if the server still rolls it back to break a
deadlock, the whole call runs once more.
"""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import inspect
import os
import uuid
from collections.abc import Iterable
from enum import Enum

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..domain.clock import stamp_text
from ..domain.errors import ValidationError
from ..domain.phrases import N_
from ..store.engine import Database
from ..store.tables import AuditEvent, Citizen, Record
from ..store.types import utcnow
from ..store.guard import check_row, check_values


class NotFoundError(LookupError):
    def __init__(self, what: str, ident: object) -> None:
        super().__init__(f"No {what} with id {ident}.")


class ConflictError(RuntimeError):
    """Someone else saved the record after it was opened.

    The contract for every ``update_*(…, expected_version=V)`` call, on SQLite
    and on a shared PostgreSQL server alike:

    * ``V`` is the ``version`` the caller's copy was read at (every read
      model carries it). When the stored row is still at ``V`` the save goes
      through and the row moves to ``V + 1``.
    * When someone saved in between, nothing is written (the transaction is
      rolled back) and this error is raised. Their change stays as it is.
    * ``changed_by`` names who saved since ``V`` (comma-separated when
      several did), ``changed_at`` when the last of them did, and ``fields``
      which fields they changed (from the audit log; for rows with no audit
      trail, the fields whose stored value differs from the caller's).
    * The caller then offers "reload" (read again, save with the new version)
      or "keep my text as a draft"; it never retries silently.
    * A record someone deleted meanwhile raises NotFoundError instead.

    Two saves racing each other are serialised by the database (SQLite's
    ``BEGIN IMMEDIATE``; a row lock on PostgreSQL), so the second one is
    refused instead of overwriting the first even when both started from
    the same version at the same moment.
    """

    def __init__(self, entity: str, changed_by: str, changed_at: dt.datetime, fields: list[str]) -> None:
        self.entity = entity
        self.changed_by = changed_by or "someone"
        self.changed_at = changed_at
        self.fields = fields
        what = ", ".join(fields) if fields else "it"
        super().__init__(
            f"{self.changed_by} changed this {entity} ({what}) at "
            f"{stamp_text(changed_at)} after you opened it; reload or keep your text as a draft."
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


def _use_case(method):  # noqa: ANN001, ANN202
    @functools.wraps(method)
    def run(self, *args, **kwargs):  # noqa: ANN001, ANN202
        return self.db.retrying(lambda: method(self, *args, **kwargs))

    return run


class ServiceBase:
    def __init_subclass__(cls, **kwargs) -> None:  # noqa: ANN003
        """Every public method is a use case: run as a whole, and once more
        after a deadlock (``Database.retrying``)."""
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if not name.startswith("_") and inspect.isfunction(value):
                setattr(cls, name, _use_case(value))

    def __init__(self, db: Database, *, today: dt.date | None = None, actor: str | None = None,
                 rule_book: object = None, measure_setup: object = None) -> None:
        self.db = db
        self._measure_setup = measure_setup  # a domain.measures MeasureSetup; None: the shipped instruments
        self._today = today
        self.actor = actor or default_actor()
        self._rule_book = rule_book  # a domain.rules RuleBook; None: the shipped rules

    @property
    def rule_book(self):  # noqa: ANN201 - RuleBook, imported only when rules are used
        if self._rule_book is None:
            from ..domain.rules.loading import shipped_book

            self._rule_book = shipped_book()
        return self._rule_book

    @property
    def measure_setup(self):  # noqa: ANN201 - MeasureSetup
        if self._measure_setup is None:
            from ..domain.measures import MeasureSetup

            self._measure_setup = MeasureSetup()
        return self._measure_setup

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # -- helpers used inside one transaction ---------------------------------
    def is_demo(self) -> bool:
        """Whether this database holds demo data (issue 14; store/demo_mark.py)."""
        from ..store import demo_mark

        with self.db.read() as session:
            return demo_mark.is_demo(session)

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

    def _lock_for_save(self, session: Session, citizen_id: uuid.UUID | None, rows: Iterable[Record] = ()) -> None:
        """Lock the citizen, then ``rows`` (which the save will update), before
        anything is inserted; see the module docstring."""
        lock_for_save(session, citizen_id, rows)

    def _create(self, session: Session, row: Record, citizen_id: uuid.UUID | None, *,
                logged: tuple[str, ...] = ()) -> Record:
        """Insert ``row``, audited; ``logged`` fields are written into the audit entry too
        (a decision's reason, so the log alone says why)."""
        row.updated_by = self.actor
        check_row(row)  # NUL, broken characters, over-long text, dates outside 1900-2100
        if isinstance(row, Citizen):
            _held(session).add(("citizen", row.id))  # new: no one else can see it until we commit
        else:
            lock_for_save(session, citizen_id)
        session.add(row)
        session.flush()
        self._audit(session, "create", row, citizen_id=citizen_id,
                    changes={name: [None, plain(getattr(row, name))] for name in logged})
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
        """Apply changed values, bump the version and log old → new per field.

        Raises ConflictError (see there) when ``expected_version`` is given and
        the stored row has moved on."""
        check_values(type(row), values)
        lock_for_save(session, citizen_id, [row])
        if expected_version is not None and row.version != expected_version:
            actors, changed = _changes_since(session, row, expected_version)
            raise ConflictError(row.__tablename__.replace("_", " "), ", ".join(actors) or row.updated_by,
                                row.updated_at, changed or _changed_since(row, values))
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


def lock_for_save(session: Session, citizen_id: uuid.UUID | None, rows: Iterable[Record] = (), *,
                  deleting: bool = False) -> None:
    """Take a save's locks in the one order every save uses: the citizen's
    row, then ``rows`` sorted by table and id (each made current, see
    ``_lock_current``). A lock this transaction holds is not asked again.
    ``deleting``: the citizen row itself will be deleted (``FOR UPDATE``)."""
    if session.get_bind().dialect.name == "sqlite":
        return
    if citizen_id is not None and ("citizen", citizen_id) not in _held(session):
        query = sa.select(Citizen.id).where(Citizen.id == citizen_id).with_for_update(key_share=not deleting)
        if session.execute(query).scalar_one_or_none() is None:
            raise NotFoundError("citizen", citizen_id)
        _held(session).add(("citizen", citizen_id))
    for row in sorted(rows, key=lambda r: (r.__tablename__, str(r.id))):
        _lock_current(session, row)


def _held(session: Session) -> set[tuple]:
    """The locks this session's transaction holds (one session per unit of work)."""
    return session.info.setdefault("enplan_locks", set())


def _lock_current(session: Session, row: Record) -> None:
    """Make ``row`` the latest committed state and hold it until commit.

    Another caseworker may have committed since ``row`` was read, so lock
    the row (waits for a save in flight) and reload it if its version moved.
    ``FOR NO KEY UPDATE``: enplan never changes a key, and this lock lets
    others insert rows referring to this one meanwhile."""
    if session.get_bind().dialect.name == "sqlite" or ("row", row.__tablename__, row.id) in _held(session):
        return
    table = type(row)
    query = sa.select(table.version).where(table.id == row.id).with_for_update(key_share=True)
    current = session.execute(query).scalar_one_or_none()
    if current is None:  # erased meanwhile
        raise NotFoundError(row.__tablename__.replace("_", " "), row.id)
    _held(session).add(("row", row.__tablename__, row.id))
    if current != row.version:
        session.refresh(row)


def _changes_since(session: Session, row: Record, version: int) -> tuple[list[str], list[str]]:
    """Who saved ``row`` after ``version`` and which fields they changed,
    newest first, from the audit entries of those saves."""
    saves = max(row.version - version, 0)
    events = session.execute(
        sa.select(AuditEvent.actor, AuditEvent.changes)
        .where(AuditEvent.entity == row.__tablename__, AuditEvent.entity_id == row.id,
               AuditEvent.action.in_(("update", "delete", "restore")))
        .order_by(AuditEvent.at.desc(), AuditEvent.id).limit(saves)).all() if saves else []
    actors = list(dict.fromkeys(actor for actor, _ in events))
    fields = sorted({name for _, changes in events for name in (changes or {})})
    return actors, fields


def _changed_since(row: Record, values: dict) -> list[str]:
    return sorted(k for k, v in values.items() if getattr(row, k) != v)


def _uuid(value: uuid.UUID | str) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        # never echo the value: someone may have typed a CPR number instead of an id
        raise ValidationError(N_("That is not a record id (ids look like 3f2b6c1e-…)."), "id") from None
