"""The top line of every screen: where you are, the app's today and who you are."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...i18n import _
from ..text import today_text, visible


class TopBar(Static):
    DEFAULT_CSS = """
    TopBar { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    def __init__(self, title: str, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.title = title

    def on_mount(self) -> None:
        self.refresh_text()

    def on_resize(self) -> None:
        self.refresh_text()

    def set_title(self, title: str) -> None:
        self.title = title
        self.refresh_text()

    def refresh_text(self) -> None:
        app = self.app
        left = Text.assemble(("enplan", "bold"), " · ", self.title)
        parts = [today_text(app.today)]
        if getattr(app, "caseworker", ""):
            parts.append(visible(app.caseworker))
        if getattr(app, "demo", False):
            parts.append(_("DEMO DATA"))
        right = Text(" · ".join(parts))
        gap = max(1, self.size.width - 2 - left.cell_len - right.cell_len)
        self.update(Text.assemble(left, " " * gap, right))
