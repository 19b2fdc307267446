"""Keyboard-first lists: a DataTable and a scroll pane with vim keys.

Their keys come from the registry's LIST scope (j/k, arrows, g/G, page
keys), so a user's keymap applies to every list at once. ``enter`` is left
to the screen (its ``open`` action), so remapping "open" really moves it.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.containers import VerticalScroll
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

from ..actions import LIST, bindings, translate_bindings


class VimDataTable(DataTable, inherit_bindings=False):
    """A row-cursor DataTable with vim keys and row keys = record ids."""

    BINDINGS = bindings(LIST)

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
        translate_bindings(self)

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor, or None for an empty table."""
        if self.row_count == 0:
            return None
        return self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value

    def keys(self) -> list[str]:
        return [row.key.value for row in self.ordered_rows]

    def move_to_key(self, key: str | None) -> bool:
        """Put the cursor on the row with ``key``; False if it is not shown."""
        if key is None or key not in self.rows:
            return False
        self.move_cursor(row=self.get_row_index(key))
        return True


class GroupedTable(VimDataTable):
    """A table with group heading rows ("Overdue (3)") the cursor steps over."""

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self._headings: set[int] = set()

    def add_heading(self, label: Text, key: str) -> None:
        self._headings.add(self.row_count)
        self.add_row(label, *([""] * (len(self.columns) - 1)), key=key)

    def clear(self, columns: bool = False) -> GroupedTable:
        self._headings = set()
        super().clear(columns)
        return self

    def is_heading(self, row: int) -> bool:
        return row in self._headings

    def item_rows(self) -> Iterable[int]:
        return (r for r in range(self.row_count) if r not in self._headings)

    def validate_cursor_coordinate(self, value: Coordinate) -> Coordinate:
        value = super().validate_cursor_coordinate(value)
        if value.row not in self._headings:
            return value
        step = 1 if value.row >= self.cursor_coordinate.row else -1
        for direction in (step, -step):
            row = value.row
            while 0 <= row < self.row_count:
                if row not in self._headings:
                    return Coordinate(row, value.column)
                row += direction
        return value  # only headings: nothing better to offer


class ScrollPane(VerticalScroll, inherit_bindings=False):
    """A read-only pane (a citizen tab) that scrolls with the list keys."""

    BINDINGS = bindings(LIST)

    class ReachedEnd(Message):
        """Scrolled to the bottom: the owner may add older entries."""

        def __init__(self, pane: ScrollPane) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self, *children, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*children, **kwargs)
        translate_bindings(self)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new > old and self.max_scroll_y > 0 and new >= self.max_scroll_y:
            self.post_message(self.ReachedEnd(self))

    def action_cursor_down(self) -> None:
        self.scroll_down()

    def action_cursor_up(self) -> None:
        self.scroll_up()

    def action_scroll_top(self) -> None:
        self.scroll_home()

    def action_scroll_bottom(self) -> None:
        self.scroll_end()
