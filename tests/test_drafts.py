"""Drafts survive a restart (they are files), are private, and never crash on junk."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from enplan.domain.dates import parse_time
from enplan.domain.errors import ValidationError
from enplan.drafts import discard_draft, has_draft, load_draft, save_draft


def test_draft_round_trip_is_private(tmp_path):
    values = {"notes": "Talte om [bold]praktik[/] hos Bageriet Åen\x1b[31m", "goals": [{"note": "ø"}], "held": True}
    path = save_draft("meeting:abc", values, tmp_path)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert load_draft("meeting:abc", tmp_path) == values
    assert load_draft("meeting:other", tmp_path) is None
    discard_draft("meeting:abc", tmp_path)
    assert not has_draft("meeting:abc", tmp_path)


def test_default_folder_is_under_the_private_data_dir():
    save_draft("checkin:1", {"notes": "x"})
    folder = os.path.join(os.environ["ENPLAN_DATA_DIR"], "drafts")
    assert oct(os.stat(folder).st_mode & 0o777) == "0o700"
    assert load_draft("checkin:1") == {"notes": "x"}


def test_a_damaged_draft_is_ignored_not_fatal(tmp_path):
    path = save_draft("k", {"a": 1}, tmp_path)
    path.write_text("{not json", encoding="utf-8")
    assert load_draft("k", tmp_path) is None


@pytest.mark.parametrize("text,expected", [("09:30", dt.time(9, 30)), ("9.05", dt.time(9, 5)), ("14", dt.time(14, 0)),
                                           ("0930", dt.time(9, 30)), (" 23:59 ", dt.time(23, 59))])
def test_parse_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "24:00", "12:60", "noon", "9:3", "-1"])
def test_parse_time_rejects(text):
    with pytest.raises(ValidationError):
        parse_time(text)
