"""Conflicts (`K`, "Sync: conflicts"): where a laptop and the server
disagreed, every value is kept until a person chooses. The list shows the
open ones (on a laptop its own, on a desk those of the caseworker's
citizens); the pane below shows the selected one: what the record started
as, what the server and the laptop have, who set each and when, and one
plain sentence about what happened.

`s` keeps the server's value, `l` takes the laptop's, `t` types another
(a small form). Each choice is one ``resolve_conflict`` call, audited by
the service and, on a laptop, synced like any other change.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ...i18n import _, ngettext
from ..actions import APP, BY_ID, CONFLICTS, LIST, bindings, key_display
from ..sync_views import CHOICES, KINDS, entity_text, field_text, value_kind, value_text, when_text
from ..text import N_, literal
from .sync_list import SyncListScreen

KIND_SHORT = {"field": N_("both changed"), "edited_deleted": N_("deleted on server"),
              "deleted_edited": N_("deleted on laptop"), "reassigned": N_("citizen moved")}
CHOICE_ACTIONS = {"server": "conflict_server", "laptop": "conflict_laptop", "value": "conflict_value"}
RESOLVED = {"server": N_("Resolved: the server's version stays."),
            "laptop": N_("Resolved: the laptop's version is used.")}


def typed_kind(conflict: Any) -> str:  # noqa: ANN401 - ConflictInfo
    """How a value for this conflict is typed ("date", "text" …), or "" when it cannot be."""
    if conflict.kind not in ("field", "edited_deleted") or not conflict.field:
        return ""
    return value_kind(conflict.field, [conflict.base, conflict.server, conflict.laptop])


def record_text(conflict: Any) -> str:  # noqa: ANN401
    name = entity_text(conflict.entity)
    return f"{name}: {conflict.record}" if conflict.record else name


class ConflictsScreen(SyncListScreen):
    SCOPE = CONFLICTS
    HELP_SCOPES = (CONFLICTS, LIST, APP)
    BINDINGS = bindings(CONFLICTS)
    TITLE_TEXT = N_("Conflicts")
    LOADING = N_("Loading conflicts…")

    def fetch(self, services: Any) -> list[Any]:  # noqa: ANN401 - worker thread
        caseworker = None if services.db.laptop is not None else (self.app.caseworker or None)
        return services.conflicts(caseworker)

    @staticmethod
    def key_of(item: Any) -> str:  # noqa: ANN401
        return item.id

    def summary(self, items: list[Any]) -> list[tuple[str, str]]:
        if not items:
            return [(_("No open conflicts."), "ok")]
        n = len(items)
        return [(ngettext("{n} open conflict", "{n} open conflicts", n).format(n=n), "alert"),
                (_("until you choose, the server's value is used"), "muted")]

    def loaded(self, items: list[Any]) -> None:
        state = self.app.sync_state  # the top bar's count follows the list (a desk reads it only at start)
        if state.laptop is not None and state.conflicts != len(items):
            state.conflicts = len(items)
            self.app.sync_changed.publish(state)

    def empty_text(self) -> str:
        return _("Nothing to choose: every value agrees.")

    def columns(self, width: int) -> list[tuple[str, int]]:
        fixed = {"citizen": 18, "field": 12, "kind": 17}
        record = max(12, width - sum(fixed.values()) - 2 * 4 - 2)
        return [(_("Citizen"), fixed["citizen"]), (_("Record"), record), (_("Field"), fixed["field"]),
                (_("What happened"), fixed["kind"])]

    def cells(self, c: Any) -> list[Text]:  # noqa: ANN401 - ConflictInfo
        return [literal(c.citizen_name or "–"), literal(record_text(c)), Text(field_text(c.field) if c.field else "–"),
                Text(_(KIND_SHORT.get(c.kind, c.kind)))]

    def detail(self, c: Any) -> RenderableType:  # noqa: ANN401 - ConflictInfo
        style = self.app.theme_style
        head = literal(c.citizen_name or "–", "bold")
        head.append(" · ")
        head.append(literal(record_text(c)))
        if c.field:
            head.append(" · " + field_text(c.field), style="bold")
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_row("", Text(_("Value"), style="dim"), Text(_("By"), style="dim"), Text(_("When"), style="dim"))
        for side, value, who, when in self._sides(c):
            table.add_row(Text(side), literal(value), literal(who or "–"), Text(when_text(when)))
        typed = bool(typed_kind(c))
        choices = " · ".join(
            _(text).format(key=key_display(self.app, BY_ID[CHOICE_ACTIONS[choice]], self.app.keymap))
            for choice, text in CHOICES.get(c.kind, ()) if choice != "value" or typed)
        return Group(head, Text(_(KINDS[c.kind]) if c.kind in KINDS else "", style=style("$warning")), Text(""), table, Text(""),
                     Text(choices, style=style("$text-muted")))

    def _sides(self, c: Any) -> list[tuple[str, str, str, Any]]:  # noqa: ANN401
        """(side, value, who, when) rows of the pane."""
        field = c.field
        if c.kind == "reassigned":
            return [(_("Server"), _("(as it is)"), c.server_author, c.server_at),
                    (_("Laptop"), value_text(c.laptop, 300, field), c.laptop_author, c.laptop_at)]
        if c.kind == "deleted_edited":
            return [(_("Server"), _("kept, and changed since"), c.server_author, c.server_at),
                    (_("Laptop"), _("deleted"), c.laptop_author, c.laptop_at)]
        server = _("Server (deleted)") if c.kind == "edited_deleted" else _("Server")
        return [(_("Started as"), value_text(c.base, 300, field), "", None),
                (server, value_text(c.server, 300, field), c.server_author, c.server_at),
                (_("Laptop"), value_text(c.laptop, 300, field), c.laptop_author, c.laptop_at)]

    # -- choices --------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("resolve", "type_value"):
            item = self.current()
            if item is None:
                return False
            if action == "type_value":
                return bool(typed_kind(item))
        return True

    def action_resolve(self, choice: str) -> None:
        c = self.current()
        if c is None:
            return
        cid = c.id
        self.run_choice(c, lambda services: services.resolve_conflict(cid, choice), _(RESOLVED[choice]))

    def action_type_value(self) -> None:
        from ..forms import Saved
        from ..modals.conflict_value import ConflictValueForm

        c = self.current()
        if c is None or not typed_kind(c):
            return

        def done(result: object) -> None:
            if isinstance(result, Saved):
                self.app.check_sync(desk_too=True)  # the list loads again as the screen resumes

        self.app.push_screen(ConflictValueForm(c, typed_kind(c)), done)
