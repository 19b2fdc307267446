"""The citizen's Follow-ups tab: open follow-ups (soonest first), then done
ones (newest first), as a list with a cursor so ``x`` (done/undone), ``r``
(reschedule) and ``enter`` (edit) act on the follow-up under it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text

from ...i18n import _, label, shown
from ..text import date_text, days_phrase, literal
from .lists import GroupedTable


class FollowUpTable(GroupedTable):
    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.items: dict[str, object] = {}

    def show(self, follow_ups, today: dt.date, style: Callable[[str], str], width: int) -> None:  # noqa: ANN001
        keep = self.current_key
        self.clear(columns=True)
        wide = width >= 100
        owner = cell_len(_("Owner"))  # the header whole ("Ansvarlig")
        fixed = {"due": 32 if wide else 24, "owner": max(owner, 12 if wide else 8), "source": 14 if wide else 0}
        what = max(16, width - sum(fixed.values()) - 2 * (4 if wide else 3) - 4)
        self.add_column(_("Due"), key="due", width=fixed["due"])
        self.add_column(_("What"), key="what", width=what)
        self.add_column(_("Owner"), key="owner", width=fixed["owner"])
        if wide:
            self.add_column(_("From"), key="source", width=fixed["source"])
        open_items = sorted((f for f in follow_ups if not f.done), key=lambda f: (f.due_on, str(f.id)))
        done_items = sorted((f for f in follow_ups if f.done), key=lambda f: (f.done_on, str(f.id)), reverse=True)
        self.items = {str(f.id): f for f in follow_ups}
        self.add_heading(Text(_("Open ({n})").format(n=len(open_items)), style=style("bold $accent")), "group:open")
        for f in open_items:
            self.add_row(*self._cells(f, today, style, wide), key=str(f.id), height=None)  # long titles wrap
        if not open_items:
            self.add_heading(Text("  " + _("Nothing open."), style=style("$text-muted")), "group:none-open")
        self.add_heading(Text(_("Done ({n})").format(n=len(done_items)), style=style("bold $accent")), "group:done")
        for f in done_items:
            self.add_row(*self._cells(f, today, style, wide), key=str(f.id), height=None)
        if not done_items:
            self.add_heading(Text("  " + _("Nothing done yet."), style=style("$text-muted")), "group:none-done")
        if not self.move_to_key(keep):
            first = next(self.item_rows(), None)
            if first is not None:
                self.move_cursor(row=first)

    def _cells(self, f, today: dt.date, style, wide: bool) -> list[Text]:  # noqa: ANN001
        if f.done:
            due = Text("✓ " + _("done {date}").format(date=date_text(f.done_on)), style=style("$success"))
            what = literal(shown(f.title), style="dim strike")
        else:
            due = Text(f"{date_text(f.due_on)} ({days_phrase(f.due_on, today)})")
            if f.due_on < today:
                due = Text("⚠ ") + due
                due.stylize(style("bold $error"))
            elif (f.due_on - today).days <= 7:
                due.stylize(style("$warning"))
            what = literal(shown(f.title))
        cells = [due, what, literal(f.owner)]
        if wide:
            cells.append(Text(label(f.source)))
        return cells

    @property
    def current(self):  # noqa: ANN201 - FollowUpInfo | None
        key = self.current_key
        return self.items.get(key) if key and not key.startswith("group:") else None
