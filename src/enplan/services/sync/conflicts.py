"""Conflicts: where a laptop and the server disagreed, both values are kept
until a person chooses. On a desk they are listed for the caseworker's
citizens; on a laptop for its own. Choosing is a change like any other
(audited; on a laptop it is synced), so a resolution made offline reaches
the server and every other laptop.

* ``field``: the same field changed to different values. "server" keeps the
  server's value, "laptop" takes the laptop's, "value" a value typed now.
* ``edited_deleted``: edited on the laptop, deleted on the server. "laptop"
  brings the record back with the laptop's value; "server" leaves it deleted.
* ``deleted_edited``: deleted on the laptop, changed on the server. "laptop"
  deletes it; "server" keeps it.
* ``reassigned``: recorded on a laptop after the citizen moved to another
  caseworker. "laptop" applies it (the new record, or the changed fields);
  "server" leaves things as they are.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ...domain.errors import ValidationError
from ...domain.phrases import N_, Phrase
from ...domain.sync import NOT_SYNCED, ConflictInfo
from ...store import exchange
from ...store import tables as t
from ...store.change_log import SYNCED, row_json
from ...store.sync_tables import SyncConflict
from ...store.types import utcnow
from ..base import NotFoundError, ServiceBase, _uuid

CHOICES = ("server", "laptop", "value")
_LABEL_FIELD = {"citizen": "name", "goal": "title", "plan_action": "description", "follow_up": "title",
                "employer": "name", "meeting": "starts_at", "cti_checkin": "held_on", "placement": "purpose",
                "employer_follow_up": "held_on", "plan": "own_goal", "cti_course": "start_on", "cti_phase": "phase",
                "meeting_goal_note": "note", "sync_conflict": "field"}


class ConflictServices(ServiceBase):
    def conflicts(self, caseworker: str | None = None, *, resolved: bool = False) -> list[ConflictInfo]:
        """Open conflicts (or resolved ones too), oldest first; ``caseworker`` limits them to their citizens."""
        with self.db.read() as s:
            query = (sa.select(SyncConflict, t.Citizen.name)
                     .outerjoin(t.Citizen, t.Citizen.id == SyncConflict.citizen_id)
                     .where(SyncConflict.deleted_at.is_(None)).order_by(SyncConflict.created_at, SyncConflict.id))
            if not resolved:
                query = query.where(SyncConflict.resolved_at.is_(None))
            if caseworker:
                query = query.where(t.Citizen.caseworker == caseworker)
            return [_info(s, c, name or "") for c, name in s.execute(query).all()]

    def resolve_conflict(self, conflict_id: uuid.UUID | str, choice: str, value: Any = None) -> None:  # noqa: ANN401
        """Choose the server's value, the laptop's, or (``value``) a new one; audited, and synced from a laptop."""
        if choice not in CHOICES:
            raise ValidationError(N_("Choose the server's value, the laptop's, or type a value."), "choice")
        with self.db.write() as s:
            c = self._get(s, SyncConflict, _uuid(conflict_id))
            if c.resolved_at is not None:
                raise ValidationError(Phrase("{who} already resolved this conflict.", who=c.resolved_by or "someone"))
            chosen = c.laptop if choice == "laptop" else value
            if choice != "server":
                self._apply_choice(s, c, chosen)
            self._update(s, c, {"resolved_at": utcnow(), "resolved_by": self.actor, "resolution": choice,
                                "resolved_value": chosen if choice != "server" else c.server},
                         citizen_id=c.citizen_id)
            self._audit(s, "resolve", c, citizen_id=c.citizen_id, changes={c.field or "record": choice})

    def _apply_choice(self, s: Session, c: SyncConflict, chosen: Any) -> None:  # noqa: ANN401
        table = SYNCED.get(c.entity)
        if table is None:
            raise ValidationError(N_("This conflict is about a kind of record this enplan does not know."))
        row = s.get(table, c.entity_id)
        if c.kind == "reassigned":
            self._apply_reassigned(s, c, table, row, chosen)
            return
        if row is None:
            raise NotFoundError(c.entity.replace("_", " "), c.entity_id)
        if c.kind == "deleted_edited":
            self._update(s, row, {"deleted_at": utcnow()}, citizen_id=c.citizen_id)
            return
        values = _typed(table, row, {c.field: chosen}, self.today)
        if c.kind == "edited_deleted":
            values["deleted_at"] = None
        self._update(s, row, values, citizen_id=c.citizen_id)

    def _apply_reassigned(self, s: Session, c: SyncConflict, table: type, row: Any,  # noqa: ANN401
                          chosen: Any) -> None:  # noqa: ANN401
        if not isinstance(chosen, dict):
            raise ValidationError(N_("The laptop's change is not readable; keep the server's version."))
        if row is None:  # a record made on the laptop
            self._create(s, _valid(table, chosen, self.today), c.citizen_id)
            return
        changes = {k: v[1] for k, v in chosen.items() if isinstance(v, list) and len(v) == 2 and k not in NOT_SYNCED}
        self._update(s, row, _typed(table, row, changes, self.today), citizen_id=c.citizen_id)


def _typed(table: type, row: Any, changes: dict[str, Any], today: Any) -> dict[str, Any]:  # noqa: ANN401
    """JSON-plain values (as the conflict keeps them) as the row's own types, checked like an import."""
    valid = _valid(table, {**row_json(row), **changes}, today)
    return {name: getattr(valid, name) for name in changes}


def _valid(table: type, values: dict[str, Any], today: Any) -> Any:  # noqa: ANN401
    name = next((n for n, tab in t.ENTITY_TABLES.items() if tab is table), table.__tablename__)
    try:
        return exchange.validate_row(table, name, values, table.__tablename__.replace("_", " "), today)
    except exchange.ImportError_ as exc:
        raise ValidationError(Phrase("That value cannot be stored: {why}", why=str(exc)), "value") from None


def _info(s: Session, c: SyncConflict, citizen_name: str) -> ConflictInfo:
    return ConflictInfo(str(c.id), str(c.citizen_id) if c.citizen_id else None, citizen_name, c.kind, c.entity,
                        str(c.entity_id), _record_text(s, c), c.field, c.base, c.server, c.laptop, c.laptop_author,
                        c.laptop_at, c.server_author, c.server_at, c.created_at, c.resolved_at, c.resolved_by,
                        c.resolution, c.version)


def _record_text(s: Session, c: SyncConflict) -> str:
    """A few words naming the record the conflict is about (its title, name or date)."""
    table, field = SYNCED.get(c.entity), _LABEL_FIELD.get(c.entity)
    value = s.execute(sa.select(getattr(table, field)).where(table.id == c.entity_id)).scalar_one_or_none() \
        if table is not None and field else None
    if value is None and isinstance(c.laptop, dict):
        value = c.laptop.get(field) if field else None
    text = " ".join(str(value).split())[:60] if value is not None else ""
    return text
