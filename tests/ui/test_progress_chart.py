"""The Progress tab's chart: bars stand at their dates (uneven gaps stay
uneven), every measurement is visible and marked on the axis, and the dates
under it fit the width."""

from __future__ import annotations

import datetime as dt

from rich.console import Console

from enplan.ui.progress_chart import TimeChart

D = dt.date


def lines(chart: TimeChart, width: int = 60) -> list[str]:
    console = Console(width=width, color_system=None, record=True)
    console.print(chart)
    return console.export_text().rstrip("\n").split("\n")


def test_bars_stand_at_their_dates():
    out = lines(TimeChart([(D(2026, 1, 1), 50), (D(2026, 1, 11), 50), (D(2026, 4, 11), 50)], 0, 100))
    axis = next(line for line in out if "└" in line)
    ticks = [i for i, c in enumerate(axis) if c == "┴"]
    starts = [t for t in ticks if t - 1 not in ticks]  # bars may be two columns wide
    assert len(starts) == 3
    first, second, third = starts
    assert 7 < (third - second) / (second - first) < 11  # 90 days against 10


def test_every_measurement_is_visible_and_the_top_fills_every_row():
    out = lines(TimeChart([(D(2026, 1, 1), 1), (D(2026, 6, 1), 100)], 1, 100))
    rows = out[:5]
    assert rows[-1].split("┤")[1].lstrip().startswith("▁")  # the scale's bottom still shows
    assert all(row.rstrip().endswith("█") for row in rows)  # the top of the scale: full height
    assert [row.split("┤")[0].strip() for row in rows if "┤" in row] == ["100", "50", "1"]


def test_one_measurement_has_its_date_in_full():
    out = lines(TimeChart([(D(2026, 11, 19), 3)], 1, 5))
    assert len(out) == 7  # five rows, the axis, the dates
    assert out[-1].strip() == "19-11-2026"
    assert out[-2].count("┴") in (1, 2)


def test_two_measurements_in_one_column_show_the_later():
    chart = TimeChart([(D(2021, 1, 1), 10), (D(2026, 1, 1), 10), (D(2026, 1, 2), 90)], 0, 100)
    bars, _width = chart.columns(40)
    assert list(bars.values())[-1] == 90 and len(bars) == 2


def test_five_years_of_quarters_name_the_ends_and_the_years_between():
    points = [(D(2021, 11, 1) + dt.timedelta(days=91 * i), 40 + i) for i in range(20)]
    out = lines(TimeChart(points, 1, 100), width=80)
    dates = out[-1].split()
    assert dates[0] == "01-11-2021" and dates[-1] == points[-1][0].strftime("%d-%m-%Y")
    assert {"2023", "2024", "2025"} <= set(dates)
    assert out[-2].count("┴") == 20
    assert max(len(line) for line in out) <= 80


def test_dates_too_close_to_name_each_give_the_ends_in_full():
    out = lines(TimeChart([(D(2026, 1, 10), 3), (D(2026, 1, 20), 3), (D(2026, 2, 1), 3), (D(2026, 2, 5), 3)], 1, 5),
                width=76)
    assert out[-1].split() == ["10-01-2026", "05-02-2026"]  # never a label dropped silently between others
    assert out[-2].count("┴") == 4 * 2
