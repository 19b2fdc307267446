"""The measures' rules without a database: scales, answers, change, due dates, configured scales."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enplan.domain import measures as m
from enplan.domain.errors import ValidationError

D = dt.date
SETUP = m.MeasureSetup()


@pytest.mark.parametrize(("key", "value", "stored"), [("trivsel", 1, 1.0), ("trivsel", 100, 100.0), ("belief", 5, 5.0),
                                                      ("hours", 7.5, 7.5), ("hours", 0, 0.0)])
def test_a_value_on_its_scale_is_kept(key, value, stored):
    assert m.check_value(SETUP.get(key), value) == stored


@pytest.mark.parametrize(("key", "value", "message"), [
    ("trivsel", 0, "Wellbeing (trivsel) is a whole number from 1 to 100."),
    ("trivsel", 101, "Wellbeing (trivsel) is a whole number from 1 to 100."),
    ("trivsel", 49.5, "Wellbeing (trivsel) is a whole number from 1 to 100."),
    ("belief", 6, "Caseworker's belief in work within a year is a whole number from 1 to 5."),
    ("hours", 81, "Ordinary paid hours per week is a number from 0 to 80."),
    ("hours", -1, "Ordinary paid hours per week is a number from 0 to 80."),
    ("trivsel", float("nan"), "Give Wellbeing (trivsel) a number."),
    ("trivsel", None, "Give Wellbeing (trivsel) a number."),
])
def test_a_value_off_its_scale_is_refused_with_the_scale(key, value, message):
    with pytest.raises(ValidationError) as caught:
        m.check_value(SETUP.get(key), value)
    assert str(caught.value) == message and caught.value.field == key


def test_who5_is_scored_from_all_five_answers_and_a_missing_one_is_named():
    who5 = SETUP.get("who5")
    assert m.check_value(who5, None, (3, 3, 3, 3, 3)) == 60.0
    with pytest.raises(ValidationError, match=r"question 3 has no answer"):
        m.check_value(who5, None, (3, 3, None, 3, 3))
    with pytest.raises(ValidationError, match=r"question 5 has no answer"):
        m.check_value(who5, None, (3, 3, 3, 3))
    with pytest.raises(ValidationError, match="from 0 to 5"):
        m.check_value(who5, None, (3, 3, 6, 3, 3))


def test_a_measure_is_dated_within_the_case():
    m.check_day(D(2026, 11, 22), D(2026, 11, 22), D(2026, 1, 1))
    with pytest.raises(ValidationError, match="future") as future:
        m.check_day(D(2026, 11, 23), D(2026, 11, 22), D(2026, 1, 1))
    with pytest.raises(ValidationError, match=r"before the citizen's case started \(01-01-2026\)") as early:
        m.check_day(D(2025, 12, 31), D(2026, 11, 22), D(2026, 1, 1))
    assert future.value.field == early.value.field == "measured_on"


def test_a_change_of_ten_points_on_a_100_point_scale_is_meaningful_and_nine_is_not():
    trivsel = SETUP.get("trivsel")
    assert m.Series(trivsel, ((D(2026, 1, 1), 49.0), (D(2026, 6, 1), 59.0))).meaningful
    assert not m.Series(trivsel, ((D(2026, 1, 1), 49.0), (D(2026, 6, 1), 58.0))).meaningful
    assert m.Series(trivsel, ((D(2026, 1, 1), 60.0), (D(2026, 6, 1), 50.0))).change == -10
    assert not m.Series(trivsel, ((D(2026, 1, 1), 49.0),)).meaningful  # one point is no change


def test_measures_are_due_at_start_at_each_phase_change_at_the_end_and_otherwise_quarterly():
    start = (D(2026, 1, 5), m.START, 0)
    phase2 = (D(2026, 5, 4), m.PHASE, 2)
    end = (D(2026, 10, 1), m.END, 0)
    assert m.next_due([start], None, 3) == (D(2026, 1, 5), "Measures: the first sitting")
    assert m.next_due([start], D(2026, 1, 5), 3)[0] == D(2026, 4, 5)
    due = m.next_due([start, phase2], D(2026, 3, 1), 3)
    assert due == (D(2026, 5, 4), "Measures: CTI phase 2 started") and due[1].values == {"phase": 2}
    assert m.next_due([start, phase2, end], D(2026, 5, 4), 3)[0] == D(2026, 8, 4)  # quarterly comes first
    assert m.next_due([start, phase2, end], D(2026, 8, 4), 3) == (D(2026, 10, 1), "Measures: the CTI course ended")
    assert m.next_due([start], D(2026, 1, 31), 1)[0] == D(2026, 2, 28)  # a shorter cadence from config
    assert m.next_due([], None, 3) is None


def test_a_scale_is_configured_without_code():
    scales, problems = m.scales_from_config([
        {"key": "kompas", "name": "Change compass", "name_da": "Forandringskompas",
         "topics": ["Housing", "Health", "Network"], "topics_da": ["Bolig", "Helbred", "Netværk"]},
        {"key": "who5", "name": "Taken", "topics": ["x"]},
        {"key": "bad", "name": "No topics", "topics": []},
        {"key": "range", "name": "Range", "topics": ["x"], "low": 5, "high": 5},
        "not a table",
    ])
    [kompas] = scales
    assert (kompas.words("da"), kompas.words("en"), kompas.topics[1]) == ("Forandringskompas", "Change compass",
                                                                          ("Health", "Helbred"))
    assert (kompas.low, kompas.high, kompas.meaningful) == (1, 10, 1)
    assert m.check_value(kompas, None, (7, 8, 4)) == 6.3
    with pytest.raises(ValidationError, match="from 1 to 10"):
        m.check_value(kompas, None, (7, 11, 4))
    assert [p.split(":")[0] for p in problems] == ["Scale 2 in config.toml was ignored", "Scale 3 in config.toml was "
                                                   "ignored", "Scale 4 in config.toml was ignored",
                                                   "Scale 5 in config.toml was ignored"]
    assert "key must be new" in problems[0] and "topics must list" in problems[1] and "low and high" in problems[2]


@given(st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.text(max_size=5)))
def test_any_typed_value_is_stored_on_the_scale_or_refused_with_a_sentence(value):
    for instrument in SETUP.instruments:
        if instrument.topics:
            continue
        try:
            stored = m.check_value(instrument, value)
        except ValidationError as exc:
            assert str(exc).endswith(".") and exc.field == instrument.key
        else:
            assert instrument.low <= stored <= instrument.high


def test_config_adds_scales_and_sets_the_reminder_interval(tmp_path):
    from enplan.config import load_settings, measure_setup

    path = tmp_path / "config.toml"
    path.write_text('measure_every_months = 2\n[[scale]]\nkey = "kompas"\nname = "Change compass"\n'
                    'name_da = "Forandringskompas"\ntopics = ["Housing", "Health"]\ntopics_da = ["Bolig", "Helbred"]\n'
                    '[[scale]]\nkey = "trivsel"\nname = "Clash"\ntopics = ["x"]\n', encoding="utf-8")
    settings = load_settings(path)
    setup = measure_setup(settings)
    assert setup.every_months == 2 and setup.get("kompas").words("da") == "Forandringskompas"
    assert [i.key for i in setup.instruments] == ["trivsel", "who5", "belief", "hours", "kompas"]
    assert len(settings.problems) == 1 and "Scale 2" in settings.problems[0]


@pytest.mark.parametrize("every", ["0", "13", '"3"', "2.5"])
def test_a_wrong_interval_is_reported_and_the_quarterly_default_kept(tmp_path, every):
    from enplan.config import load_settings

    path = tmp_path / "config.toml"
    path.write_text(f"measure_every_months = {every}\n", encoding="utf-8")
    settings = load_settings(path)
    assert settings.measure_every_months == 3 and "measure_every_months" in settings.problems[0]
