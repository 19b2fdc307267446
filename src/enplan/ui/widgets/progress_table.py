"""The citizen's Progress tab: the overview and each instrument's chart as
heading rows the cursor steps over, and under each chart its measurements,
one row each, so ``d`` deletes the one under the cursor (``u`` undoes).

One table rather than a scroll pane with a list inside: a single focus, and
the cursor scrolls the charts along with it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.console import RenderableType
from rich.text import Text

from ...i18n import _
from .lists import GroupedTable

MIN_WIDTH = 40


class ProgressTable(GroupedTable):
    DEFAULT_CSS = "ProgressTable { height: 1fr; }"

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        kwargs.setdefault("zebra_stripes", False)  # stripes through a chart read as part of it
        kwargs.setdefault("show_header", False)
        super().__init__(**kwargs)
        self.rows_by_key: dict[str, object] = {}  # measure id → MeasureRow
        self.names: dict[str, str] = {}  # instrument key → its name as shown

    def show_text(self, text: str) -> None:
        """A line instead of the measures ("Loading…", a failure)."""
        self._reset(self.size.width or 80)
        self._block(Text(text), "group:text")

    def show(self, progress, today: dt.date, style: Callable[[str], str], width: int, keys: str,  # noqa: ANN001 - Progress
             select: str | None = None) -> None:
        """``select``: the measure the cursor goes to (one brought back by undo)."""
        from .. import progress_view as view  # here: the screen is built at start-up, the tab opened later

        keep, index = select or self.current_key, self.cursor_row
        cursor = bool(select) or (self.show_cursor and bool(self.rows_by_key))  # a reload keeps it where it was
        column = self._reset(width)
        if not progress.series:
            self._block(view.empty_text(keys, style), "group:empty")
            return
        self._block(view.overview(progress, today, column, style), "group:overview")
        by_instrument: dict[str, list] = {}
        for row in progress.rows:  # newest first
            by_instrument.setdefault(row.instrument, []).append(row)
        for series in progress.series:
            instrument = series.instrument
            self.names[instrument.key] = view.instrument_name(instrument)
            self._block(view.instrument_block(series, style), f"group:{instrument.key}")
            for row in by_instrument.get(instrument.key, ()):
                key = str(row.id)
                self.rows_by_key[key] = row
                self.add_row(view.measure_line(row, instrument, column), key=key)
        if cursor:
            self.show_cursor = True
            if not self.move_to_key(keep):  # after a delete: the row that took its place
                self.move_cursor(row=min(index, self.row_count - 1))
        else:  # the tab opens at the overview with no cursor: the first j/k shows it on the
            # first measurement, so d never deletes one not seen
            self.scroll_home(animate=False, immediate=True)

    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        if self.show_cursor:  # a hidden cursor (on a heading it was moved off) does not scroll
            super()._scroll_cursor_into_view(animate)

    def _reveal(self) -> bool:
        """Show the cursor on the first measurement if it was hidden; True if it was."""
        if self.show_cursor or not self.rows_by_key:
            return False
        self.show_cursor = True
        self.move_cursor(row=next(self.item_rows()))
        return True

    def action_cursor_down(self) -> None:
        if not self._reveal():
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if not self._reveal():
            super().action_cursor_up()

    def action_page_down(self) -> None:
        self._reveal()
        super().action_page_down()

    def action_page_up(self) -> None:
        self._reveal()
        super().action_page_up()

    def action_scroll_bottom(self) -> None:
        self._reveal()
        super().action_scroll_bottom()

    def _reset(self, width: int) -> int:
        """Empty the table for new content; the width its one column gets."""
        self.clear(columns=True)
        self.rows_by_key.clear()
        self.show_cursor = False
        column = max(MIN_WIDTH, width - 4)  # cell padding and the scrollbar
        self.add_column("", key="progress", width=column)
        return column

    def _block(self, renderable: RenderableType, key: str) -> None:
        self._headings.add(self.row_count)
        self.add_row(renderable, key=key, height=None)

    def forget(self) -> None:
        """Another citizen: nothing of the last one may show."""
        self.show_text(_("Loading…"))
        self.names.clear()

    @property
    def current(self):  # noqa: ANN201 - MeasureRow | None
        key = self.current_key if self.show_cursor else None
        return self.rows_by_key.get(key) if key else None
