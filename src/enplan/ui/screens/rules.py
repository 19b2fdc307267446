"""Rules (`R` on the worklist): the 75% counters of the caseload, then the
rule sets by date — which is in force today, which is provisional until its
law number is entered — with each rule's law and what it asks. The list
screen of laptop sync (sync_list.py) is the frame: a list, the selected row
in a pane below."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from ...i18n import _, counter_share, language, ngettext, set_period
from ..actions import APP, LIST, RULES, bindings
from ..text import N_, literal
from .sync_list import SyncListScreen


class RulesScreen(SyncListScreen):
    SCOPE = RULES
    HELP_SCOPES = (RULES, LIST, APP)
    BINDINGS = bindings(RULES)
    TITLE_TEXT = N_("Rules")
    LOADING = N_("Loading the rules…")

    def fetch(self, services: Any) -> list[Any]:  # noqa: ANN401 - worker thread
        overview = services.rules_overview(self.app.caseworker or None)
        self.overview = overview
        return [*overview.counters, *overview.book.sets]

    @staticmethod
    def key_of(item: Any) -> str:  # noqa: ANN401
        return f"counter:{item.rule}" if hasattr(item, "goal_percent") else f"set:{item.id}"

    def summary(self, items: list[Any]) -> list[tuple]:
        book, today = self.overview.book, self.overview.today
        parts = []
        if book.problem:
            parts.append((book.problem, "alert"))
        now = next((s for s in book.sets if s.valid_from <= today and (s.valid_to is None or today <= s.valid_to)), None)
        if now is not None:
            parts.append((_("In force today: {name}").format(name=now.name), "ok",
                          _("Today: {name}").format(name=now.name)))  # the shorter words when it would not fit
        provisional = [s for s in book.sets if s.provisional]
        if provisional:
            n = len(provisional)
            parts.append((ngettext("{n} rule set is provisional until its law number is entered",
                                   "{n} rule sets are provisional until their law numbers are entered", n).format(n=n),
                          "warn", ngettext("{n} provisional rule set", "{n} provisional rule sets", n).format(n=n)))
        return parts

    def empty_text(self) -> str:
        return _("No rules.")

    def columns(self, width: int) -> list[tuple[str, int]]:
        first = max(24, (width - 8) // 2)
        return [(_("Counter or rule set"), first), (_("Now"), max(20, width - first - 8))]

    def cells(self, item: Any) -> list[Text]:  # noqa: ANN401
        style = self.app.theme_style
        lang = 1 if language() == "da" else 0
        if hasattr(item, "goal_percent"):
            share = Text(counter_share(item), style="" if item.on_track else style("bold $error"))
            return [Text("75% · " + item.text[lang]), share]
        state = _("provisional") if item.provisional else item.law
        return [literal(item.name), Text(set_period(item) + " · ") + literal(state,
                                                                               style("$warning") if item.provisional else "")]

    def detail(self, item: Any) -> RenderableType:  # noqa: ANN401
        lang = 1 if language() == "da" else 0
        if hasattr(item, "goal_percent"):
            lines = [Text(item.text[lang] + ": " + counter_share(item), style="bold"), literal(item.source),
                     Text(ngettext("{n} still within the window", "{n} still within the window", item.pending)
                          .format(n=item.pending))]
            lines.append(Text(ngettext("{n} exempt:", "{n} exempt:", len(item.exempt)).format(n=len(item.exempt))
                              if item.exempt else _("Nobody is exempt.")))
            lines += [Text("  • ") + literal(e.name) + Text(" — ") + literal(e.reason) for e in item.exempt]
            return Group(*lines)
        head = Text(item.name, style="bold")
        lines: list[RenderableType] = [head, Text(set_period(item))]
        if item.provisional:
            lines.append(Text(_("Provisional: the law is not passed yet. Enter its number in the local rules "
                                "file ([[law]]) once it is."), style=self.app.theme_style("$warning")))
        for rule in item.rules:
            texts = rule.text.get(language())
            lines.append(Text("• ") + literal(texts) + Text(f"  ({rule.source})", style="dim"))
            if rule.note:
                lines.append(Text("    ") + literal(rule.note, "dim italic"))
        return Group(*lines)
