"""Words for laptop sync's two screens (conflicts, refused changes): what a
kind of record and a field are called, what each kind of conflict means,
and a stored value as a caseworker reads it (dates as 24-12-2026, times
in Danish time, a whole record as a few of its fields). Values are user
text: shown through ``literal()`` by the callers, never as markup."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..domain.clock import stamp_text
from ..i18n import _, label
from .text import N_, date_text, one_line

ENTITIES = {
    "citizen": N_("Citizen"), "plan": N_("Plan"), "goal": N_("Goal"), "plan_action": N_("Action"),
    "meeting": N_("Meeting"), "meeting_goal_note": N_("Note on a goal"), "cti_course": N_("CTI course"),
    "cti_phase": N_("CTI phase"), "cti_checkin": N_("CTI check-in"), "employer": N_("Employer"),
    "placement": N_("Placement"), "employer_follow_up": N_("Employer follow-up"), "follow_up": N_("Follow-up"),
    "sync_conflict": N_("Conflict"), "audit_event": N_("Audit log entry"),
}

FIELDS = {
    "title": N_("what"), "due_on": N_("due"), "owner": N_("owner"), "done": N_("done"), "name": N_("name"),
    "phone": N_("phone"), "email": N_("e-mail"), "address": N_("address"), "caseworker": N_("caseworker"),
    "note": N_("note"), "description": N_("description"), "status": N_("status"), "own_goal": N_("own goal"),
    "deleted_at": N_("deleted"), "held_on": N_("held on"), "starts_at": N_("starts"), "purpose": N_("purpose"),
    "target_group": N_("target group"), "start_on": N_("start"), "end_on": N_("end"),
}

KINDS = {
    "field": N_("Changed on the laptop and on the server to different values; the server's value is used until "
                "you choose."),
    "edited_deleted": N_("Edited on the laptop, deleted on the server."),
    "deleted_edited": N_("Deleted on the laptop, changed on the server."),
    "reassigned": N_("Recorded on a laptop after the citizen moved to you."),
}

# What each key does for each kind of conflict ({key}: the key), in the pane's last line.
CHOICES = {
    "field": (("server", N_("{key} keeps the server's value")), ("laptop", N_("{key} takes the laptop's")),
              ("value", N_("{key} types another"))),
    "edited_deleted": (("server", N_("{key} leaves it deleted")),
                       ("laptop", N_("{key} brings it back with the laptop's value")),
                       ("value", N_("{key} brings it back with a value you type"))),
    "deleted_edited": (("server", N_("{key} keeps the record as the server has it")),
                       ("laptop", N_("{key} deletes it"))),
    "reassigned": (("server", N_("{key} leaves the record as it is")),
                   ("laptop", N_("{key} applies what the laptop recorded"))),
}

# Fields that hold a code (shown by its label, chosen from a list rather than typed).
CODE_FIELDS = frozenset({"target_group", "status", "kind", "provider", "meeting_type", "contact_form", "outcome",
                         "progress", "cadence", "life_area", "source", "checkin_with", "with_whom"})

OPS = {"create": N_("new"), "update": N_("changed"), "audit": N_("log entry")}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
HIDDEN = frozenset({"id", "version", "created_at", "updated_at", "updated_by", "server_seq", "name_key",
                    "deleted_at", "citizen_id"})


def entity_text(entity: str) -> str:
    return _(ENTITIES[entity]) if entity in ENTITIES else entity.replace("_", " ")


def field_text(field: str) -> str:
    return _(FIELDS[field]) if field in FIELDS else field.replace("_", " ")


def value_kind(field: str, values: list[Any]) -> str:
    """"date", "text", "int", "float", or "" (not typed by hand) from the values a conflict holds."""
    known = [v for v in values if v is not None]
    if field in CODE_FIELDS or field == "deleted_at":
        return ""
    if not known:
        return "text"
    if all(isinstance(v, str) and _DATE.match(v) for v in known):
        return "date"
    if all(isinstance(v, str) and not _STAMP.match(v) for v in known):
        return "text"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in known):
        return "int"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in known):
        return "float"
    return ""


def value_text(value: Any, limit: int = 120, field: str = "") -> str:  # noqa: ANN401 - a JSON-plain value
    """A stored value as a caseworker reads it; "–" for none."""
    if value is None or value == "":
        return "–"
    if field in CODE_FIELDS and isinstance(value, str):
        return label(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        return _record_text(value, limit)
    if isinstance(value, list):
        return _cut(", ".join(value_text(v, limit) for v in value), limit)
    if isinstance(value, str) and _DATE.match(value):
        return date_text(dt.date.fromisoformat(value))
    if isinstance(value, str) and _STAMP.match(value):
        try:
            return stamp_text(dt.datetime.fromisoformat(value))
        except ValueError:
            pass
    return _cut(one_line(str(value)), limit)


def _record_text(value: dict, limit: int) -> str:
    """A reassigned change: changed fields as old → new, or a new record as a few of its fields."""
    pairs = {k: v for k, v in value.items() if isinstance(v, list) and len(v) == 2 and k not in HIDDEN}
    if pairs:
        parts = [f"{field_text(k)}: {value_text(old, 40, k)} → {value_text(new, 40, k)}"
                 for k, (old, new) in pairs.items()]
        return _cut("; ".join(parts), limit)
    parts = [f"{field_text(k)}: {value_text(v, 40, k)}" for k, v in value.items()
             if k not in HIDDEN and not k.endswith("_id") and not k.startswith("_") and v not in (None, "", [], {})]
    return _cut(_("new: {fields}").format(fields="; ".join(parts)), limit)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def when_text(stamp: dt.datetime | None) -> str:
    return stamp_text(stamp) if stamp is not None else "–"
