"""CPR (personal number) and CVR (company number) rules."""

from __future__ import annotations

import datetime as dt

import pytest

from enplan.domain.errors import ValidationError
from enplan.domain.identifiers import (
    cpr_birth_date,
    cpr_passes_modulus11,
    format_cpr,
    mask_cpr,
    normalize_cpr,
    normalize_cvr,
)

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize("raw", ["010190-0002", "0101900002", " 010190-0002 "])
def test_cpr_hyphen_is_optional_and_digits_are_kept(raw):
    assert normalize_cpr(raw, TODAY) == "0101900002"


def test_a_number_that_passes_modulus_11():
    assert cpr_passes_modulus11("0101900002")


def test_a_valid_number_that_fails_modulus_11_is_still_accepted():
    # Numbers without the modulus 11 check have been issued since 2007.
    assert not cpr_passes_modulus11("0101900012")
    assert normalize_cpr("010190-0012", TODAY) == "0101900012"


@pytest.mark.parametrize("raw", [
    "310290-1234",  # 31 February
    "000190-1234",  # day 0
    "011390-1234",  # month 13
    "290225-1234",  # 29 Feb 1925 (serial 1 -> 1900s) is not a leap day
])
def test_cpr_with_an_impossible_birth_date_is_rejected(raw):
    with pytest.raises(ValidationError, match="real date of birth") as err:
        normalize_cpr(raw, TODAY)
    assert err.value.field == "cpr"


@pytest.mark.parametrize(("raw", "born"), [
    ("2902004000", dt.date(2000, 2, 29)),   # serial 4, year 00 -> 2000 (a leap year)
    ("0101300000", dt.date(1930, 1, 1)),    # serial 0 -> 1900s
    ("0101369000", dt.date(2036, 1, 1)),    # serial 9, year <= 36 -> 2000s
    ("0101379000", dt.date(1937, 1, 1)),    # serial 9, year >= 37 -> 1900s
    ("0101585000", dt.date(1858, 1, 1)),    # serial 5, year >= 58 -> 1800s
    ("0101575000", dt.date(2057, 1, 1)),    # serial 5, year <= 57 -> 2000s
])
def test_the_century_comes_from_the_seventh_digit(raw, born):
    assert cpr_birth_date(raw) == born


def test_century_decides_whether_29_february_exists():
    assert normalize_cpr("290200-4000", TODAY) == "2902004000"  # 2000: leap year
    with pytest.raises(ValidationError):
        normalize_cpr("290200-1000", TODAY)  # 1900: not a leap year


def test_a_birth_date_in_the_future_is_rejected():
    with pytest.raises(ValidationError, match="future"):
        normalize_cpr("0101304000", TODAY)  # 1 January 2030
    assert normalize_cpr("0101304000") == "0101304000"  # no today given: no future check


@pytest.mark.parametrize("raw", [
    "", "12345", "010190-00123", "01019-00012", "0101 900012", "010190--0012", "abcdef-ghij",
    "010190_0012", "0101900012x",
])
def test_cpr_of_the_wrong_shape_is_rejected(raw):
    with pytest.raises(ValidationError, match="ten digits") as err:
        normalize_cpr(raw, TODAY)
    assert err.value.field == "cpr"


def test_cpr_errors_never_repeat_the_number():
    for raw in ("310290-1234", "0101304000", "0101900012345"):
        with pytest.raises(ValidationError) as err:
            normalize_cpr(raw, TODAY)
        assert "1234" not in str(err.value) and "4000" not in str(err.value)


def test_masked_form_hides_the_serial():
    assert mask_cpr("0101900012") == "010190-XXXX"
    assert mask_cpr(None) == ""
    assert mask_cpr("") == ""
    assert format_cpr("0101900012") == "010190-0012"


@pytest.mark.parametrize(("raw", "digits"), [
    ("10000009", "10000009"), ("1000 0017", "10000017"), (" 10000025 ", "10000025"),
])
def test_valid_cvr_numbers(raw, digits):
    assert normalize_cvr(raw) == digits


@pytest.mark.parametrize(("raw", "why"), [
    ("10000008", "check digit"),
    ("12345678", "check digit"),
    ("1234567", "8 digits"),
    ("123456789", "8 digits"),
    ("1000000A", "8 digits"),
    ("", "8 digits"),
])
def test_invalid_cvr_numbers(raw, why):
    with pytest.raises(ValidationError, match=why) as err:
        normalize_cvr(raw)
    assert err.value.field == "cvr"


def test_cvr_cannot_start_with_zero():
    # 0*2 + 1*7 + 4*1 = 11: the weighted sum is right, the leading zero is not.
    with pytest.raises(ValidationError):
        normalize_cvr("01000004")
