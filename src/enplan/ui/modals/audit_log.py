"""A citizen's audit log: who looked at or changed their record, and when.

A citizen may ask exactly this (GDPR art. 15), so every entry is listed,
oldest first, with the fields an update changed (old → new). Values are
user text and shown literally; CPR changes were logged as "(hidden)".
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...domain.clock import stamp_text
from ...i18n import _, audit_action, ngettext
from ..actions import AUDIT, bindings, translate_bindings
from ..text import literal, one_line
from ..widgets.lists import ScrollPane
from ..widgets.key_footer import KeyFooter

def _value(value: object) -> str:
    return "–" if value in (None, "") else one_line(str(value))[:60]


def audit_table(entries: list) -> Table:  # list[AuditEntry]
    table = Table(expand=True, show_edge=False, pad_edge=False)
    for title, kwargs in ((_("When"), {"no_wrap": True}), (_("Who"), {"no_wrap": True}),
                          (_("What"), {"no_wrap": True}), (_("Record"), {}), (_("Changes"), {"ratio": 1})):
        table.add_column(title, **kwargs)
    for e in entries:
        changes = Text()
        for i, (name, pair) in enumerate(sorted(e.changes.items())):
            if i:
                changes.append("\n")
            if isinstance(pair, list) and len(pair) == 2:
                changes.append(literal(f"{name}: {_value(pair[0])} → {_value(pair[1])}"))
            else:
                changes.append(literal(f"{name}: {_value(pair)}"))
        when = Text(stamp_text(e.at))
        if e.recorded_at is not None:  # made on a laptop: when it was made there, by its own clock
            when.append("\n" + _("laptop {time}").format(time=stamp_text(e.recorded_at)), style="dim")
        table.add_row(when, literal(e.actor), audit_action(e.action),
                      literal(e.entity.replace("_", " ")), changes)
    return table


class AuditLogScreen(ModalScreen[None]):
    BINDINGS = bindings(AUDIT)
    DEFAULT_CSS = """
    AuditLogScreen { align: center middle; }
    AuditLogScreen > Vertical { width: 95%; height: 90%; border: thick $primary; background: $surface; padding: 0 1; }
    AuditLogScreen #audit-title { text-style: bold; }
    """

    def __init__(self, citizen_name: str, entries: list) -> None:
        super().__init__()
        translate_bindings(self)
        self.citizen_name = citizen_name
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical():
            title = Text(_("Audit log: "))
            title.append(literal(self.citizen_name))
            title.append(" · " + ngettext("{n} entry", "{n} entries", len(self.entries)).format(n=len(self.entries)))
            yield Static(title, id="audit-title")
            with ScrollPane(id="audit-pane"):
                yield Static(audit_table(self.entries) if self.entries else Text(_("No entries.")), id="audit-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(ScrollPane).focus()

    def action_close(self) -> None:
        self.dismiss(None)
