"""Long notes read whole (``v`` on a citizen).

A tab draws at most ``text.NOTE_CHARS`` of one note; this reader shows the
notes that were cut, in parts of ``PART_CHARS`` characters, so even a
1,000,000-character note opens at once and every part scrolls freely.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...i18n import _
from ..actions import APP, LIST, READER, bindings, translate_bindings
from ..text import literal
from ..widgets.key_footer import KeyFooter
from ..widgets.lists import ScrollPane

PART_CHARS = 20_000


def parts_of(notes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(heading, piece) for every piece of every note, in order; a piece ends at a line break where it can."""
    parts = []
    for heading, text in notes:
        start = 0
        while True:
            end = min(start + PART_CHARS, len(text))
            if end < len(text):
                newline = text.rfind("\n", start + PART_CHARS // 2, end)
                end = newline + 1 if newline != -1 else end
            parts.append((heading, text[start:end]))
            if end >= len(text):
                break
            start = end
    return parts


class ReaderScreen(ModalScreen[None]):
    BINDINGS = bindings(READER)
    HELP_SCOPES = (READER, LIST, APP)
    DEFAULT_CSS = """
    ReaderScreen { align: center middle; }
    ReaderScreen > Vertical { width: 95%; height: 90%; border: thick $primary; background: $surface; padding: 0 1; }
    ReaderScreen #reader-title { text-style: bold; }
    """

    def __init__(self, citizen_name: str, notes: list[tuple[str, str]]) -> None:
        super().__init__()
        translate_bindings(self)
        self.citizen_name = citizen_name
        self.parts = parts_of(notes)
        self.index = 0

    @property
    def help_title(self) -> str:
        return _("Reading long notes")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="reader-title")
            with ScrollPane(id="reader-pane"):
                yield Static("", id="reader-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()
        self.query_one(ScrollPane).focus()

    def _show(self) -> None:
        heading, piece = self.parts[self.index]
        title = literal(self.citizen_name) + Text(" · ") + literal(heading)
        title.append("  " + _("part {n} of {total}").format(n=self.index + 1, total=len(self.parts)), style="dim")
        self.query_one("#reader-title", Static).update(title)
        self.query_one("#reader-body", Static).update(literal(piece))
        self.query_one(ScrollPane).scroll_home(animate=False)

    def action_next_part(self) -> None:
        if self.index + 1 < len(self.parts):
            self.index += 1
            self._show()

    def action_previous_part(self) -> None:
        if self.index > 0:
            self.index -= 1
            self._show()

    def action_close(self) -> None:
        self.dismiss(None)
