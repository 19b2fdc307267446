"""One instrument's measurements over time as a bar chart in block characters.

Each measurement is a bar standing at its date, so uneven gaps between
measurements show as uneven gaps between bars, and a ``┴`` on the axis
marks every one. Heights use the eighth blocks (▁▂▃▄▅▆▇█): five rows give 40
steps. A measurement at the bottom of its scale still gets a ``▁``, so no
measurement is invisible. Nothing depends on colour (NO_COLOR reads the same).

A chart library was tried first (textual-plotext 1.0.1 with plotext 5.3.2,
which does run on Textual 8.2.8): in the five rows a tab can spare at 80×24
its line was too coarse to read, joined the dots so a reader could not tell
where measurements were, and needed a widget per chart. Textual's Sparkline
spaces points evenly and stretches a series to its own range. See the README.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from .text import date_text

BLOCKS = " ▁▂▃▄▅▆▇█"
ROWS = 5
MIN_WIDTH = 24


class TimeChart:
    """``points``: (date, value) oldest first, on the scale ``low``–``high``."""

    def __init__(self, points: Sequence[tuple[dt.date, float]], low: float, high: float, *, rows: int = ROWS,
                 bar_style: str = "", axis_style: str = "", whole: bool = True) -> None:
        self.points = list(points)
        self.low, self.high = low, max(high, low + 1)
        self.rows = rows
        self.bar_style, self.axis_style = Style.parse(bar_style or "none"), Style.parse(axis_style or "none")
        middle = (low + high) / 2
        self.labels = [_number(high), _number(round(middle) if whole else middle), _number(low)]

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(MIN_WIDTH, options.max_width)

    # -- layout ------------------------------------------------------------------------
    def columns(self, width: int) -> tuple[dict[int, float], int]:
        """x → value of the bar there (the later measurement when two share a column), and the bar width."""
        if not self.points:
            return {}, 1
        first, last = self.points[0][0], self.points[-1][0]
        span = max((last - first).days, 1)

        def place(room: int) -> list[int]:
            return [round((day - first).days / span * room) for day, _value in self.points]

        xs = place(width - 1)
        gaps = [b - a for a, b in zip(xs, xs[1:]) if b != a]
        bar = 2 if width >= 20 and (not gaps or min(gaps) >= 4) else 1  # wide bars when they fit apart
        if bar == 2:
            xs = place(width - 2)
        bars = {x: value for x, (_day, value) in zip(xs, self.points)}
        return bars, bar

    def eighths(self, value: float) -> int:
        full = self.rows * 8
        share = (min(max(value, self.low), self.high) - self.low) / (self.high - self.low)
        return max(1, round(share * full))

    # -- drawing ---------------------------------------------------------------------------
    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        label_width = max(cell_len(x) for x in self.labels)
        plot = max(MIN_WIDTH - label_width - 1, options.max_width - label_width - 1)
        bars, bar = self.columns(plot)
        heights = {x: self.eighths(v) for x, v in bars.items()}
        newline = Segment.line()
        label_rows = {0: self.labels[0], self.rows // 2: self.labels[1], self.rows - 1: self.labels[2]}
        for row in range(self.rows):
            level = self.rows - 1 - row  # counted from the bottom
            label = label_rows.get(row)
            yield Segment((label or "").rjust(label_width) + ("┤" if label else "│"), self.axis_style)
            cells = [" "] * plot
            for x, eighths in heights.items():
                block = BLOCKS[min(max(eighths - 8 * level, 0), 8)]
                for dx in range(bar):
                    cells[x + dx] = block
            yield Segment("".join(cells), self.bar_style)
            yield newline
        axis = ["─"] * plot
        for x in bars:
            for dx in range(bar):
                axis[x + dx] = "┴"
        yield Segment(" " * label_width + "└" + "".join(axis), self.axis_style)
        yield newline
        yield Segment(" " * (label_width + 1))
        yield from Text(self.date_line(plot, bar), style=self.axis_style).render(console)
        yield newline

    def date_line(self, width: int, bar: int) -> str:
        """Every measurement's date when they all fit (dd-mm-yy under each bar);
        otherwise the first and last in full and the years between at their place."""
        if not self.points:
            return ""
        first, last = self.points[0][0], self.points[-1][0]
        line = [" "] * width
        taken: list[tuple[int, int]] = []

        def put(start: int, text: str) -> bool:
            start = min(max(start, 0), width - len(text))
            end = start + len(text)
            if start < 0 or any(start <= b + 1 and a <= end + 1 for a, b in taken):  # two spaces between labels
                return False
            line[start:end] = text
            taken.append((start, end))
            return True

        days = sorted({day for day, _v in self.points})
        span = max((last - first).days, 1)
        xs = [round((day - first).days / span * (width - bar)) for day in days]
        labels = [date_text(day, short=True) for day in days]
        if len(days) > 1 and all(put(x + bar // 2 - len(t) // 2, t) for x, t in zip(xs, labels)):
            return "".join(line).rstrip()
        line, taken[:] = [" "] * width, []  # they do not all fit: the ends and the years
        put(0, date_text(first))
        if last != first:
            put(width - len(date_text(last)), date_text(last))
        for year in range(first.year + 1, last.year + 1):
            x = round((dt.date(year, 1, 1) - first).days / span * (width - bar))
            put(x - 2, str(year))
        return "".join(line).rstrip()


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"
