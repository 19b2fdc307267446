"""A failure the user must read: the database cannot be opened at all.

Shows the one sentence the store gives (what is wrong and what to do) and
offers to quit; nothing else in the app can work without a database.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...i18n import _
from ..actions import ERROR, bindings, translate_bindings
from ..text import visible


class ErrorModal(ModalScreen[None]):
    BINDINGS = bindings(ERROR)
    DEFAULT_CSS = """
    ErrorModal { align: center middle; }
    ErrorModal > Vertical {
        width: 70; max-width: 100%; height: auto; border: thick $error; background: $surface; padding: 1 2;
    }
    ErrorModal #error-title { text-style: bold; color: $error; }
    ErrorModal #error-hint { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        translate_bindings(self)
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), id="error-title")
            yield Static(Text(visible(self.message)), id="error-message")
            yield Static(Text(_("Press enter, escape or q to quit.")), id="error-hint")

    def action_quit_app(self) -> None:
        self.app.exit(return_code=1, message=self.message)
