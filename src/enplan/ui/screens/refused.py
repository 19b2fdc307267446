"""Refused changes (`Q`, "Sync: refused changes"; a laptop only): changes
made on this laptop that the server would not take, each kept here with
the server's reason until a person decides. Nothing is dropped on its own.

`r` sends the selected change again at the next sync; `d` discards it,
after two questions (the second names what is lost). Both are one service
call, audited by the service.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from ...domain.clock import stamp_text
from ...i18n import _, ngettext
from ..actions import APP, BY_ID, LIST, REFUSED, bindings, key_display
from ..modals.confirm import ConfirmModal
from ..sync_views import OPS, entity_text, field_text
from ..text import N_, literal, one_line
from .sync_list import SyncListScreen


def record_text(change: Any) -> str:  # noqa: ANN401 - QueuedChange
    op = OPS.get(change.op)
    return f"{entity_text(change.entity)} ({_(op)})" if op else entity_text(change.entity)


def fields_text(change: Any) -> str:  # noqa: ANN401
    return ", ".join(field_text(f) for f in change.fields) or "–"


class RefusedScreen(SyncListScreen):
    SCOPE = REFUSED
    HELP_SCOPES = (REFUSED, LIST, APP)
    BINDINGS = bindings(REFUSED)
    TITLE_TEXT = N_("Refused changes")
    LOADING = N_("Loading refused changes…")

    def fetch(self, services: Any) -> list[Any]:  # noqa: ANN401 - worker thread
        return services.queued_changes()

    @staticmethod
    def key_of(item: Any) -> str:  # noqa: ANN401
        return item.event_id

    def summary(self, items: list[Any]) -> list[tuple[str, str]]:
        if not items:
            return [(_("The server has taken every change sent from this laptop."), "ok")]
        n = len(items)
        return [(ngettext("{n} change the server refused", "{n} changes the server refused", n).format(n=n),
                 "alert"), (_("kept here until you send it again or discard it"), "muted")]

    def empty_text(self) -> str:
        return _("No refused changes.")

    def columns(self, width: int) -> list[tuple[str, int]]:
        fixed = {"when": 16, "by": 8, "citizen": 16}
        rest = max(20, width - sum(fixed.values()) - 2 * 5 - 2)
        record = max(rest * 3 // 5, min(19, rest - 8))
        return [(_("Recorded"), fixed["when"]), (_("By"), fixed["by"]), (_("Citizen"), fixed["citizen"]),
                (_("Record"), record), (_("Fields"), rest - record)]

    def cells(self, c: Any) -> list[Text]:  # noqa: ANN401 - QueuedChange
        return [Text(stamp_text(c.recorded_at)), literal(c.author), literal(c.citizen_name or "–"),
                Text(record_text(c)), Text(fields_text(c))]

    def detail(self, c: Any) -> RenderableType:  # noqa: ANN401 - QueuedChange
        style = self.app.theme_style
        head = literal(c.citizen_name or "–", "bold")
        head.append(" · " + record_text(c) + " · " + fields_text(c))
        why = Text(_("Why the server refused it: "), style=style("bold $warning"))
        why.append(literal(one_line(_(c.reason)) if c.reason else "–"))
        recorded = Text(_("Recorded on this laptop {when} by {who}.").format(  # one_line: shown literally
            when=stamp_text(c.recorded_at), who=one_line(c.author)))
        keys = {a: key_display(self.app, BY_ID[a], self.app.keymap) for a in ("refused_retry", "refused_discard")}
        hint = _("{retry} sends it again at the next sync · {discard} discards it for good (asked twice)").format(
            retry=keys["refused_retry"], discard=keys["refused_discard"])
        return Group(head, Text(""), why, recorded, Text(""), Text(hint, style=style("$text-muted")))

    # -- choices --------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("retry", "discard"):
            return self.current() is not None
        return True

    def action_retry(self) -> None:
        c = self.current()
        if c is None:
            return
        event_id = c.event_id
        self.run_choice(c, lambda services: services.retry_change(event_id),
                        _("The change will be sent again at the next sync."))

    def action_discard(self) -> None:
        c = self.current()
        if c is None:
            return
        reason = one_line(_(c.reason)) if c.reason else "–"
        question = _("The server refused it: {reason}").format(reason=reason) + "\n\n" + _(
            "A discarded change is gone for good; sending it again keeps it.")
        self.app.push_screen(ConfirmModal(_("Discard this change?"), question, warning=True),
                             lambda yes: self._ask_again(c) if yes else None)

    def _ask_again(self, c: Any) -> None:  # noqa: ANN401
        what = _("{record} for {citizen} ({fields}), recorded {when} by {who}").format(
            record=record_text(c), citizen=one_line(c.citizen_name or "–"), fields=fields_text(c),
            when=stamp_text(c.recorded_at), who=one_line(c.author))
        question = _("This is lost: {what}. The record is fetched again from the server at the next sync.").format(
            what=what)
        self.app.push_screen(ConfirmModal(_("Discard it for good?"), question, warning=True),
                             lambda yes: self._discard(c) if yes else None)

    def _discard(self, c: Any) -> None:  # noqa: ANN401
        event_id = c.event_id
        self.run_choice(c, lambda services: services.discard_change(event_id), _("The change was discarded."))
