"""Help (`?`, `F1`): every key of the screen underneath, from the registry,
with the user's keymap applied. `escape`, `q`, `?` or `F1` close it."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...i18n import _
from ..actions import HELP, bindings, help_sections, key_display, translate_bindings
from ..widgets.lists import ScrollPane
from ..widgets.key_footer import KeyFooter


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings(HELP)  # styles: styles/screens.tcss

    def __init__(self, title: str, scopes: tuple[str, ...]) -> None:
        super().__init__()
        translate_bindings(self)
        self.title_text = title
        self.scopes = scopes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_("Keys: {screen}").format(screen=self.title_text)), id="help-title")
            with ScrollPane(id="help-pane"):
                yield Static(self._table(), id="help-keys")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(ScrollPane).focus()

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, min_width=12)
        table.add_column()
        keymap = self.app.keymap
        for i, (section, actions) in enumerate(help_sections(self.scopes)):
            if i:
                table.add_row("", "")
            table.add_row(Text(_(section), style="bold underline"), "")
            for action in (a for a in actions if self.app.offers(a.id)):  # "Sync now" on a laptop only
                table.add_row(Text(key_display(self.app, action, keymap), style="bold"), Text(_(action.description)))
        return table

    def action_close(self) -> None:
        self.dismiss(None)
