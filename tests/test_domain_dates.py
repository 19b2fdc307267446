"""Danish working days, deadline roll-forward, month arithmetic and date parsing."""

from __future__ import annotations

import datetime as dt

import pytest

from enplan.domain.dates import (
    add_months,
    deadline_after,
    format_date,
    is_working_day,
    parse_date,
    roll_forward,
)
from enplan.domain.errors import ValidationError

D = dt.date
TODAY = D(2026, 11, 22)  # a Sunday


@pytest.mark.parametrize("day", [D(2026, 11, 21), D(2026, 11, 22)])
def test_weekends_are_not_working_days(day):
    assert not is_working_day(day)


def test_an_ordinary_weekday_is_a_working_day_and_stays_put():
    assert is_working_day(D(2026, 11, 23))
    assert roll_forward(D(2026, 11, 23)) == D(2026, 11, 23)


def test_weekend_rolls_to_monday():
    assert roll_forward(D(2026, 11, 21)) == D(2026, 11, 23)


def test_24_december_is_not_a_working_day_and_rolls_past_christmas():
    # 2026: 24 Thu, 25 Fri (juledag), 26 Sat, 27 Sun -> Monday 28.
    assert not is_working_day(D(2026, 12, 24))
    assert roll_forward(D(2026, 12, 24)) == D(2026, 12, 28)


def test_24_december_on_a_weekday_in_another_year():
    # 2025: 24 Wed, 25 Thu, 26 Fri, weekend -> Monday 29.
    assert roll_forward(D(2025, 12, 24)) == D(2025, 12, 29)
    assert is_working_day(D(2025, 12, 23))


def test_31_december_and_new_year_roll_into_the_next_year():
    # 31 Dec 2026 is a Thursday; 1 Jan 2027 (Friday) is nytårsdag.
    assert not is_working_day(D(2026, 12, 31))
    assert roll_forward(D(2026, 12, 31)) == D(2027, 1, 4)


@pytest.mark.parametrize("day", [D(2026, 4, 2), D(2026, 4, 3), D(2026, 4, 5), D(2026, 4, 6)])
def test_easter_skaertorsdag_to_anden_paaskedag_are_holidays(day):
    assert not is_working_day(day)
    assert roll_forward(day) == D(2026, 4, 7)


def test_the_day_before_skaertorsdag_is_a_working_day():
    assert is_working_day(D(2026, 4, 1))


def test_easter_moves_with_the_year():
    # Easter 2027 is 28 March: skærtorsdag 25 March ... anden påskedag 29 March.
    assert roll_forward(D(2027, 3, 25)) == D(2027, 3, 30)
    assert is_working_day(D(2026, 3, 26))  # the 2027 date is ordinary in 2026


def test_grundlovsdag_is_not_a_working_day():
    assert not is_working_day(D(2026, 6, 5))  # a Friday
    assert roll_forward(D(2026, 6, 5)) == D(2026, 6, 8)
    assert roll_forward(D(2025, 6, 5)) == D(2025, 6, 6)  # a Thursday in 2025


def test_first_of_may_is_a_working_day():
    assert is_working_day(D(2026, 5, 1))  # a Friday
    assert roll_forward(D(2026, 5, 1)) == D(2026, 5, 1)


def test_other_moving_holidays():
    assert roll_forward(D(2026, 5, 14)) == D(2026, 5, 15)  # Kristi himmelfartsdag
    assert roll_forward(D(2026, 5, 25)) == D(2026, 5, 26)  # anden pinsedag


def test_store_bededag_is_abolished_from_2024():
    assert not is_working_day(D(2023, 5, 5))
    assert is_working_day(D(2025, 5, 16))


@pytest.mark.parametrize(("start", "months", "expected"), [
    (D(2026, 1, 31), 1, D(2026, 2, 28)),
    (D(2024, 1, 31), 1, D(2024, 2, 29)),
    (D(2026, 3, 31), 1, D(2026, 4, 30)),
    (D(2026, 8, 31), 6, D(2027, 2, 28)),
    (D(2026, 3, 31), -1, D(2026, 2, 28)),
    (D(2026, 1, 15), 12, D(2027, 1, 15)),
])
def test_add_months_clamps_to_the_end_of_the_month(start, months, expected):
    assert add_months(start, months) == expected


def test_deadline_after_counts_then_rolls_forward():
    assert deadline_after(D(2026, 12, 17), weeks=1) == D(2026, 12, 28)
    assert deadline_after(D(2026, 1, 31), months=1) == D(2026, 3, 2)  # 28 Feb is a Saturday
    assert deadline_after(D(2026, 11, 16), days=3) == D(2026, 11, 19)


@pytest.mark.parametrize(("text", "expected"), [
    ("24-12-2026", D(2026, 12, 24)),
    ("24.12.2026", D(2026, 12, 24)),
    ("24/12/2026", D(2026, 12, 24)),
    ("1-2-2027", D(2027, 2, 1)),
    ("2026-12-24", D(2026, 12, 24)),
    ("  2026-12-24  ", D(2026, 12, 24)),
    ("today", TODAY),
    ("I DAG", TODAY),
    ("idag", TODAY),
    ("tomorrow", D(2026, 11, 23)),
    ("i morgen", D(2026, 11, 23)),
    ("+3d", D(2026, 11, 25)),
    ("+ 2 w", D(2026, 12, 6)),
    ("-1w", D(2026, 11, 15)),
    ("+1m", D(2026, 12, 22)),
    ("+1y", D(2027, 11, 22)),
    ("-2y", D(2024, 11, 22)),
])
def test_parse_date_accepts_what_caseworkers_type(text, expected):
    assert parse_date(text, TODAY) == expected


def test_parse_date_relative_months_clamp():
    assert parse_date("+1m", D(2026, 1, 31)) == D(2026, 2, 28)
    assert parse_date("+1m", D(2026, 1, 31), deadline=True) == D(2026, 3, 2)  # 28 February is a Saturday


@pytest.mark.parametrize("text", [
    "", "   ", "31-02-2026", "2026-02-31", "29-02-2025", "13-13-2026", "00-01-2026",
    "tomorow", "24-12-26", "2026/12/24", "+3", "3d", "+12345d", "next week",
])
def test_parse_date_rejects_with_a_validation_error(text):
    with pytest.raises(ValidationError):
        parse_date(text, TODAY)


@pytest.mark.parametrize("text", ["01-01-1899", "01-01-2101", "+200y", "-9999w", "+9999y", "-9999y"])
def test_parse_date_rejects_dates_out_of_range(text):
    with pytest.raises(ValidationError):
        parse_date(text, TODAY)


def test_impossible_date_message_repeats_what_was_typed():
    with pytest.raises(ValidationError, match="31-02-2026 is not a real date"):
        parse_date(" 31-02-2026 ", TODAY)


def test_format_date_is_danish_order():
    assert format_date(D(2026, 2, 3)) == "03-02-2026"
    assert format_date(None) == ""


@pytest.mark.parametrize("text", ["١٢-٠٣-٢٠٢٦", "１２-０３-２０２６", "+３d"])
def test_parse_date_accepts_only_ascii_digits(text):
    with pytest.raises(ValidationError):
        parse_date(text, dt.date(2026, 11, 22))


def test_deadlines_counted_forward_roll_to_a_working_day_like_computed_ones():
    thursday = D(2026, 12, 17)
    assert parse_date("+1w", thursday, deadline=True) == D(2026, 12, 28)  # 24/12, Christmas and the weekend skipped
    assert parse_date("+1w", thursday) == D(2026, 12, 24)  # not a deadline: as typed
    assert parse_date("+2d", D(2026, 11, 20), deadline=True) == D(2026, 11, 23)  # Friday + 2 days: Sunday → Monday
    assert parse_date("i morgen", D(2026, 11, 20), deadline=True) == D(2026, 11, 23)
    assert parse_date("+1m", D(2026, 11, 24), deadline=True) == D(2026, 12, 28)  # 24/12 → after Christmas
    assert parse_date("+3d", D(2026, 11, 23), deadline=True) == D(2026, 11, 26)  # a working day stays


def test_deadlines_written_out_counted_back_or_today_stay_as_typed():
    saturday = D(2026, 11, 21)
    assert parse_date("today", saturday, deadline=True) == saturday
    assert parse_date("24-12-2026", saturday, deadline=True) == D(2026, 12, 24)
    assert parse_date("-1d", D(2026, 11, 23), deadline=True) == D(2026, 11, 22)  # counted back: as typed
    assert parse_date("+1d", D(2100, 12, 30), deadline=True) == D(2100, 12, 31)  # rolling would leave the allowed years
