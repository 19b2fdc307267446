"""WHO-5: the published wording (a golden file), scoring and the Danish bands."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enplan.domain import who5
from enplan.domain.errors import ValidationError

GOLDEN = Path(__file__).parent / "golden" / "who5.txt"


def _golden() -> dict[str, str]:
    lines = [line for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return dict(line.split("\t") for line in lines)


def test_the_wording_is_the_published_one_letter_for_letter():
    golden = _golden()
    assert {f"{lang} lead-in": text for lang, text in who5.LEAD_IN.items()} == {
        k: v for k, v in golden.items() if k.endswith("lead-in")}
    for n, item in enumerate(who5.ITEMS, start=1):
        assert item == {"en": golden[f"en {n}"], "da": golden[f"da {n}"]}
    for value, labels in who5.ANSWERS.items():
        assert labels == {"en": golden[f"en answer {value}"], "da": golden[f"da answer {value}"]}
    assert sorted(who5.ANSWERS) == [0, 1, 2, 3, 4, 5] and len(who5.ITEMS) == 5


@pytest.mark.parametrize(("answers", "points", "code", "flagged"), [
    ((5, 5, 5, 5, 5), 100, "no_risk", False),
    ((3, 3, 3, 3, 1), 52, "no_risk", False),  # above 50
    ((3, 3, 3, 3, 0), 48, "risk", False),
    ((2, 2, 2, 2, 1), 36, "risk", False),  # 36–50
    ((2, 2, 2, 2, 0), 32, "high_risk", False),  # 35 or less
    ((2, 2, 1, 1, 1), 28, "high_risk", True),  # 28 or less: suggests a depressive episode
    ((0, 0, 0, 0, 0), 0, "high_risk", True),
])
def test_score_and_danish_band(answers, points, code, flagged):
    assert who5.score(answers) == points
    assert (who5.band(points).code, who5.band(points).flagged) == (code, flagged)


@pytest.mark.parametrize("answers", [(), (5, 5, 5, 5), (5, 5, 5, 5, 5, 5), (6, 0, 0, 0, 0), (-1, 0, 0, 0, 0),
                                     (True, 0, 0, 0, 0), (2.5, 0, 0, 0, 0)])
def test_a_wrong_answer_is_refused(answers):
    with pytest.raises(ValidationError):
        who5.score(answers)


@given(st.lists(st.integers(0, 5), min_size=5, max_size=5))
def test_every_score_is_a_multiple_of_four_from_0_to_100(answers):
    points = who5.score(answers)
    assert 0 <= points <= 100 and points % 4 == 0 and who5.band(points).code in ("no_risk", "risk", "high_risk")


def test_a_change_of_ten_points_is_meaningful():
    assert who5.meaningful(48, 60) and who5.meaningful(60, 48) and not who5.meaningful(48, 56)
