"""The footer of every enplan screen.

Two changes to Textual's footer:

* It rebuilds its keys only when what it would show has changed. Textual
  recomposes the footer on every focus or binding change, which remounts a
  widget per key; on opening a screen that happened four or five times and
  cost more than the rest of the screen.
* It leaves out the command palette key (still ctrl+p, and listed in help)
  when the screen's own keys would not fit beside it, so at 80 columns all
  eight keys of the citizen screen stay readable. When they still do not fit
  (the Danish words are longer), the back key goes too (escape goes back on
  every screen, and help lists it): no key is ever cut at the right edge.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # the footer's own key widget (no public name)


SPARE_ACTIONS = ("back",)  # left out, after the palette key, when the keys would not fit


def _needed(items: list) -> int:
    """Cells the footer's keys take: " key description " each."""
    return sum(cell_len(i.key_display) + cell_len(i.description) + 3 for i in items if isinstance(i, FooterKey))


class KeyFooter(Footer):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._shown: tuple | None = None
        self._width = 0

    def _signature(self, screen: Screen) -> tuple:
        """What the footer shows: each visible key, its label and whether it is enabled."""
        return tuple((key, b.key_display, b.description, b.action, b.show, enabled, tooltip)
                     for key, (_node, b, enabled, tooltip) in screen.active_bindings.items())

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            signature = self._signature(screen)
            if signature == self._shown:
                return
            self._shown = signature
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        items = list(super().compose())
        width = self._width = self.app.size.width or 80
        for spare in (lambda i: i.has_class("-command-palette"), lambda i: i.action in SPARE_ACTIONS):
            if _needed(items) <= width:
                break
            items = [i for i in items if not (isinstance(i, FooterKey) and spare(i))]
        yield from items

    def on_resize(self) -> None:
        if (self.app.size.width or 80) != self._width:
            self.call_after_refresh(self.recompose)
