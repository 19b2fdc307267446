"""A footer that leaves out the command palette key (still ctrl+p, and
listed in help) when the screen's own keys would not fit beside it, so at
80 columns all eight keys of the citizen screen stay readable."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # the footer's own key widget (no public name)


class KeyFooter(Footer):
    def compose(self) -> ComposeResult:
        items = list(super().compose())
        width = self.app.size.width or 80
        needed = sum(len(i.key_display) + len(i.description) + 3 for i in items if isinstance(i, FooterKey))
        if needed > width:
            items = [i for i in items if not i.has_class("-command-palette")]
        yield from items

    def on_resize(self) -> None:
        self.call_after_refresh(self.recompose)
