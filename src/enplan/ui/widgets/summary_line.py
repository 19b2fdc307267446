"""A one-line sum-up ("12 citizens · 3 overdue follow-ups · …").

Each part is (text, kind) or (text, kind, shorter text); kinds "alert",
"warn", "ok" and "muted" map to CSS classes. Alerts carry their meaning in
the words too, never colour alone. When the line would not fit the width
(Danish words are longer, 80 columns are few), the shorter texts are used, so
it stays one line; a resize chooses again. When even those do not fit (a
comparison of two cohorts), the line breaks between parts, never inside one.
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
        room = (self.size.width or self.app.size.width) - 1  # the left padding
        for short in (False, True):
            line = self._line(parts, short=short)
            if line.cell_len <= room:
                self.update(line)
                return
        # Still too long (two cohorts side by side): lines break between parts, never inside one.
        longer, shorter = (self._lines(parts, room, short=short) for short in (False, True))
        self.update(longer if len(longer.split()) <= len(shorter.split()) else shorter)

    def _texts(self, parts: list[tuple], *, short: bool) -> list[Text]:
        return [Text(shorter[0] if short and shorter else part, style=self.app.theme_style(STYLES.get(kind, "")))
                for part, kind, *shorter in parts]

    def _line(self, parts: list[tuple], *, short: bool) -> Text:
        line = Text()
        for i, text in enumerate(self._texts(parts, short=short)):
            if i:
                line.append(" · ", style="dim")
            line.append_text(text)
        return line

    def _lines(self, parts: list[tuple], room: int, *, short: bool) -> Text:
        lines: list[Text] = []
        for text in self._texts(parts, short=short):
            if lines and lines[-1].cell_len + 3 + text.cell_len <= room:
                lines[-1] = Text.assemble(lines[-1], (" · ", "dim"), text)
            else:
                lines.append(text)
        return Text("\n").join(lines)

    def on_resize(self) -> None:
        if self._parts:
            self.show_parts(self._parts)
