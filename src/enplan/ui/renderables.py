"""Rich renderables of our own, where Rich's general ones cost too much.

``HangingRows`` draws "label  text" rows with the text's wrapped lines
indented under it (a dated history: timeline, check-ins, employer
follow-ups). It looks like a two-column ``Table.grid`` but renders about
three times faster: a Table measures and pads every cell, and Textual renders
a tab's content twice (once for its height), so a 100-entry timeline took a
quarter of a second to appear.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text


class HangingRows:
    """``aligned``: every row's text starts in one column, after the widest
    label (a date list); otherwise each row's text starts after its own label
    (bullets at different depths)."""

    def __init__(self, gap: int = 1, *, aligned: bool = True) -> None:
        self.gap = gap
        self.aligned = aligned
        self.rows: list[tuple[Text, Text]] = []

    def add_row(self, label: Text, text: Text) -> None:
        self.rows.append((label, text))

    @property
    def label_width(self) -> int:
        return max((cell_len(label.plain) for label, _text in self.rows), default=0)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(self.label_width + self.gap + 1, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        widest = self.label_width
        newline = Segment.line()
        for label, text in self.rows:
            label_width = widest if self.aligned else cell_len(label.plain)
            indent = Segment(" " * (label_width + self.gap))
            body_width = max(1, options.max_width - label_width - self.gap)
            lines = text.wrap(console, body_width) if text.plain else [Text("")]
            for number, line in enumerate(lines):
                if number == 0:
                    cell = label.copy()
                    cell.truncate(label_width, pad=True)
                    yield from cell.render(console)
                    yield Segment(" " * self.gap)
                else:
                    yield indent
                yield from line.render(console)
                yield newline
