"""Help (`?`, `F1`): every key of the screen underneath, from the registry,
with the user's keymap applied. `escape`, `q`, `?` or `F1` close it."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ...i18n import _
from ..actions import APP, HELP, Action, bindings, help_sections, key_display, translate_bindings
from ..widgets.lists import ScrollPane
from .base import EnplanScreen
from ..widgets.key_footer import KeyFooter


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings(HELP)  # styles: styles/screens.tcss

    def __init__(self, title: str, scopes: tuple[str, ...], underneath: Screen | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.title_text = title
        self.scopes = scopes
        self.underneath = underneath  # the screen whose keys these are: what it withholds from this user

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
            for action in (a for a in actions if self._offered(a)):
                table.add_row(Text(key_display(self.app, action, keymap), style="bold"), Text(_(action.description)))
        return table

    def _offered(self, action: Action) -> bool:
        """On this database ("Sync now" on a laptop only) and not withheld from this user by the screen
        underneath (a team leader reading a colleague's citizen is shown no key that changes the record).
        A key that only waits for its moment (clear filter, with no filter yet) is listed."""
        if not self.app.offers(action.id):
            return False
        screen = self.underneath
        return not isinstance(screen, EnplanScreen) or APP in action.scopes or \
            not screen.withholds_from_user(action.action.split("(")[0])

    def action_close(self) -> None:
        self.dismiss(None)
