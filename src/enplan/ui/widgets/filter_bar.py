"""The caseload's filter field: `/` focuses it, typing filters as you type,
`escape` clears it, `enter`/`down` hand the cursor back to the list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

from ...i18n import _
from ..actions import FILTER, bindings, translate_bindings
from .text_inputs import TextInput


class FilterInput(TextInput):
    BINDINGS = bindings(FILTER)

    class Cleared(Message):
        """The user asked to clear the filter."""

    class Accepted(Message):
        """The user is done typing and wants the list."""

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        translate_bindings(self)

    def action_clear_filter(self) -> None:
        self.post_message(self.Cleared())

    def action_accept_filter(self) -> None:
        self.post_message(self.Accepted())


class FilterBar(Horizontal):
    """A one-line bar: the filter field and a status (shown count, sort order)."""

    DEFAULT_CSS = """
    FilterBar { height: 1; }
    FilterBar > #filter-label { width: auto; padding: 0 1; color: $text-muted; }
    FilterBar > FilterInput { width: 1fr; border: none; height: 1; padding: 0; }
    FilterBar > #filter-status { width: auto; padding: 0 1; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static(_("Filter /"), id="filter-label")
        yield FilterInput(placeholder=_("type a name…"), id="filter", compact=True)
        yield Static("", id="filter-status", markup=False)

    @property
    def input(self) -> FilterInput:
        return self.query_one(FilterInput)

    @property
    def value(self) -> str:
        return self.input.value

    def set_status(self, text: str) -> None:
        self.query_one("#filter-status", Static).update(text)
