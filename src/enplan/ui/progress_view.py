"""What the citizen's Progress tab says, built as Rich renderables from the
``domain.measures.Progress`` read model: an overview (each instrument's
latest value and its change since the first), then per instrument a chart
over time (``progress_chart.TimeChart``) and its measurements, newest first.

A change at least as large as the instrument's threshold (10 points for
trivsel and WHO-5, 2 steps of belief, 10 hours) is marked in words and
symbols, "▲ +14 (≥ 10)", and only then in colour, so NO_COLOR loses nothing.
A note is typed text: through ``literal`` (never markup).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.text import Text

from ..domain import measures as m
from ..domain import who5
from ..i18n import _, language
from .measure_fields import instrument_name
from .progress_chart import TimeChart
from .text import N_, date_text, days_phrase, literal, one_line

Style = Callable[[str], str]
SOURCES = {"own": N_("on its own"), "meeting": N_("in a meeting"), "checkin": N_("at a CTI check-in")}
VALUE_WIDTH = 7  # "100", "37,5" and room
CHANGE_WIDTH = 16  # "▲ +14 (≥ 10)"


def number(value: float) -> str:
    """A measured number: whole when it is, else one decimal (a comma in Danish)."""
    if value == int(value):
        return str(int(value))
    text = f"{value:.1f}"
    return text.replace(".", ",") if language() == "da" else text


def meaning(instrument: m.Instrument, value: float) -> str:
    """What a value means where the scale names it: belief's words, WHO-5's Danish band."""
    if instrument.key == m.BELIEF and instrument.shipped and value == int(value) and int(value) in m.BELIEF_LABELS:
        return _(m.BELIEF_LABELS[int(value)])
    if instrument.key == m.WHO5 and instrument.shipped:
        band = who5.band(int(value))
        return _(band.label) + (" · " + _("≤ 28: may suggest depression") if band.flagged else "")
    return ""


def change_text(series: m.Series, style: Style) -> Text:
    """"▲ +14 (≥ 10)" (a real change: bold, and green up or red down), "▼ -3", "= 0", or "–" for one measurement."""
    if len(series.points) < 2:
        return Text("–")
    change = series.change
    mark = "▲" if change > 0 else "▼" if change < 0 else "="
    text = Text(f"{mark} {'+' if change > 0 else ''}{number(change)}")
    if series.meaningful:
        text.append(f" (≥ {number(series.instrument.meaningful)})")
        text.stylize(style("bold $success" if change > 0 else "bold $error"))
    return text


def overview(progress: m.Progress, today: dt.date, width: int, style: Style) -> RenderableType:
    """The top of the tab: when the next measure is due, and each instrument's latest value and change."""
    parts: list[RenderableType] = []
    if progress.next_due is not None:
        due = Text(_("Next measurement due {date} ({when})").format(date=date_text(progress.next_due),
                                                                    when=days_phrase(progress.next_due, today)))
        if progress.next_due < today:
            due = Text("⚠ ") + due
            due.stylize(style("bold $error"))
        parts += [due, Text("")]
    name_width = max(12, width - VALUE_WIDTH - CHANGE_WIDTH - 2)
    head = Text(" " * name_width + _("Latest").rjust(VALUE_WIDTH) + "  " + _("Since the first"), style="bold")
    parts.append(head)
    for series in progress.series:
        line = Text(_fit(instrument_name(series.instrument), name_width))
        line.append(number(series.latest).rjust(VALUE_WIDTH) + "  ")
        line.append_text(change_text(series, style))
        parts.append(line)
    parts.append(Text(_("(≥ n): a real change, at least n since the first measurement. "
                        "Bars stand at their dates; ┴ marks each measurement."), style=style("$text-muted")))
    return Group(*parts)


def instrument_block(series: m.Series, style: Style) -> RenderableType:
    """An instrument's name, its latest value and change in a sentence, and its chart."""
    instrument = series.instrument
    first_day, latest_day = series.points[0][0], series.points[-1][0]
    title = Text(instrument_name(instrument), style=style("bold $accent"))
    summary = Text(_("Latest {value} on {date}").format(value=_with_meaning(instrument, series.latest),
                                                         date=date_text(latest_day)))
    if len(series.points) < 2:
        summary.append(" · " + _("the first measurement, no change yet"))
    else:
        summary.append(" · ")
        summary.append_text(change_text(series, style))
        summary.append(" " + _("since {date} ({value})").format(date=date_text(first_day),
                                                                value=number(series.first)))
        if series.meaningful:
            summary.append(" · " + _("a real change"), style=style("bold"))
    chart = TimeChart(series.points, instrument.low, instrument.high, bar_style=style("$accent"),
                      axis_style=style("$text-muted"), whole=instrument.whole)
    return Group(Text(""), title, summary, chart)


def measure_line(row: m.MeasureRow, instrument: m.Instrument, width: int) -> Text:
    """One stored measurement: date, value (and meaning), where it was recorded, who, the note."""
    line = Text("  " + date_text(row.measured_on) + "  ")
    line.append(number(row.value).rjust(4), style="bold")
    words = meaning(instrument, row.value)
    if words:
        line.append(" " + words)
    if row.answers:
        line.append(" (" + " ".join(str(a) for a in row.answers) + ")")
    line.append(" · " + _(SOURCES.get(row.source, row.source)))
    if row.recorded_by:
        line.append(" · ")
        line.append_text(literal(one_line(row.recorded_by)))
    if row.note.strip():
        line.append(" · ")
        line.append_text(literal(one_line(row.note), style="italic"))
    line.truncate(width, overflow="ellipsis")
    return line


def empty_text(keys: str, style: Style) -> Text:
    text = Text(_("No measures recorded yet."), style=style("bold"))
    text.append("\n" + _("{keys} records trivsel, the belief in work, paid hours, WHO-5 and the municipality's "
                         "scales; each is shown here over time.").format(keys=keys), style=style("$text-muted"))
    return text


def _with_meaning(instrument: m.Instrument, value: float) -> str:
    words = meaning(instrument, value)
    return f"{number(value)} ({words})" if words else number(value)


def _fit(text: str, width: int) -> str:
    """Cut to ``width`` cells with "…", padded to it."""
    if cell_len(text) > width:
        text = Text(text)
        text.truncate(width, overflow="ellipsis")
        text = text.plain
    return text + " " * (width - cell_len(text))
