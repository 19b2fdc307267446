"""Typing the value a conflict ends with (`t` on the conflicts screen): one
field, started with the laptop's value, the server's and the laptop's
values shown above it. Dates are typed as anywhere else in enplan
(24-12-2026, +1w …); numbers must be numbers. The service checks the value
as strictly as an import and names the problem at the field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ...domain.errors import ValidationError
from ...i18n import _
from ..forms import FormModal, Job
from ..sync_views import field_text, value_text
from ..text import N_, literal
from ..widgets.date_field import DateField
from ..widgets.fields import LineField, NoteField

LONG = 100  # from this length on (or with a line break) a text value gets a note field


def _number(kind: str):  # noqa: ANN202
    def check(text: str) -> str | None:
        try:
            (int if kind == "int" else float)(text.strip().replace(",", "."))
        except ValueError:
            return _("Type a whole number.") if kind == "int" else _("Type a number.")
        return None

    return check


class ConflictValueForm(FormModal):
    FORM_TITLE = N_("Type a value")
    SAVED = N_("Resolved with the value you typed.")

    def __init__(self, conflict: Any, kind: str) -> None:  # noqa: ANN401 - ConflictInfo; kind from value_kind
        super().__init__(draft_key=f"conflict:{conflict.id}")
        self.conflict = conflict
        self.kind = kind

    def title_text(self) -> Text:
        c = self.conflict
        title = Text(_("Type a value") + " · ")
        title.append(literal(c.citizen_name or "–"))
        title.append(" · " + field_text(c.field))
        return title

    def compose_header(self) -> ComposeResult:
        c = self.conflict
        text = Text(_("Server: "), style="dim")
        text.append(literal(value_text(c.server, 200, c.field)))
        text.append("\n" + _("Laptop: "), style="dim")
        text.append(literal(value_text(c.laptop, 200, c.field)))
        yield Static(text, classes="form-hint")

    def compose_fields(self) -> ComposeResult:
        c, label = self.conflict, field_text(self.conflict.field).capitalize()
        start = c.laptop if c.laptop is not None else c.server
        if self.kind == "date":
            yield DateField("value", label, self.today, dt.date.fromisoformat(start) if start else None)
            return
        text = "" if start is None else str(start)
        if self.kind in ("int", "float"):
            yield LineField("value", label, text, max_length=20, check=_number(self.kind))
        elif "\n" in text or len(text) >= LONG:
            yield NoteField("value", label, text, lines=4, stacked=True)
        else:
            yield LineField("value", label, text, max_length=self._limit())

    def _limit(self) -> int:
        from ...services import text_limits

        try:
            return text_limits(self.conflict.entity).get(self.conflict.field, 0)
        except StopIteration:  # not a kind of record with text limits
            return 0

    def build(self) -> Job:
        field = self.field("value")
        raw = str(field.value).strip()
        if self.kind == "date":
            value: Any = field.date.isoformat() if field.date else None
        elif self.kind in ("int", "float") and raw:
            number = raw.replace(",", ".")
            value = int(number) if self.kind == "int" else float(number)
        else:
            value = raw or None
        if value is None and self.conflict.kind == "edited_deleted":
            raise ValidationError(N_("Type the value the record comes back with."), "value")
        cid = self.conflict.id
        return lambda s: s.resolve_conflict(cid, "value", value)
