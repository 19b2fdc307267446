"""The shipped table of Danish non-working days is exactly what the
`holidays` package computes (regenerate with `python -m enplan.domain.calendar_table`)."""

from __future__ import annotations

import datetime as dt

from enplan.domain import calendar_table


def test_table_equals_the_holidays_library_for_every_year():
    table = calendar_table._table()
    assert sorted(table) == list(range(1990, 2101))
    for year, days in table.items():
        assert days == calendar_table.compute(year), year


def test_years_outside_the_table_ask_the_library():
    assert dt.date(1985, 12, 25) in calendar_table.non_working_days(1985)
    assert dt.date(1985, 5, 1) not in calendar_table.non_working_days(1985)
