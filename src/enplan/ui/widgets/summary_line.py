"""A one-line sum-up ("12 citizens · 3 overdue follow-ups · …").

Each part is (text, kind); kinds "alert", "warn", "ok" and "muted" map to
CSS classes. Alerts carry their meaning in the words too, never colour alone.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

STYLES = {"alert": "bold $error", "warn": "bold $warning", "ok": "$success", "muted": "$text-muted", "": ""}


class SummaryLine(Static):
    DEFAULT_CSS = """
    SummaryLine { height: auto; padding: 0 0 0 1; background: $boost; }
    """

    def show_parts(self, parts: list[tuple[str, str]]) -> None:
        text = Text()
        for i, (part, kind) in enumerate(parts):
            if i:
                text.append(" · ", style="dim")
            text.append(part, style=self.app.theme_style(STYLES.get(kind, "")))
        self.update(text)
