"""A one-line sum-up ("12 citizens · 3 overdue follow-ups · …").

Each part is (text, kind) or (text, kind, shorter text); kinds "alert",
"warn", "ok" and "muted" map to CSS classes. Alerts carry their meaning in
the words too, never colour alone. When the line would not fit the width
(Danish words are longer, 80 columns are few), the shorter texts are used, so
it stays one line; a resize chooses again.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

STYLES = {"alert": "bold $error", "warn": "bold $warning", "ok": "$success", "muted": "$text-muted", "": ""}


class SummaryLine(Static):
    DEFAULT_CSS = """
    SummaryLine { height: auto; padding: 0 0 0 1; background: $boost; }
    """

    _parts: list[tuple] = []

    def show_parts(self, parts: list[tuple]) -> None:
        self._parts = parts
        full = self._line(parts, short=False)
        room = (self.size.width or self.app.size.width) - 1  # the left padding
        self.update(full if full.cell_len <= room else self._line(parts, short=True))

    def _line(self, parts: list[tuple], *, short: bool) -> Text:
        text = Text()
        for i, (part, kind, *shorter) in enumerate(parts):
            if i:
                text.append(" · ", style="dim")
            text.append(shorter[0] if short and shorter else part, style=self.app.theme_style(STYLES.get(kind, "")))
        return text

    def on_resize(self) -> None:
        if self._parts:
            self.show_parts(self._parts)
