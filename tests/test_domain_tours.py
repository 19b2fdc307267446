"""Tour files: the shipped tours load; a trainer's own file is checked, and a
wrong one is refused whole with its file, line and reason while the shipped
tours stay (domain/tours.py)."""

from __future__ import annotations

import pytest

from enplan.domain.tours import SCREENS, TourFileError, load_tour_book, read_tours

KNOWN = frozenset({"worklist", "toggle_done", "open", "form_save"})

GOOD = """
[[tour]]
id = "mine"
title = { en = "My tour", da = "Min tur" }
summary = { en = "Done.", da = "Færdig." }

[[tour.step]]
screen = "caseload"
target = "#caseload"
action = "worklist"
text = { en = "Press {key}.", da = "Tryk {key}." }
done = { en = "Opened.", da = "Åbnet." }

[[tour.step]]
screen = "meeting"
target = "field:goal-*-note"
until = "typed"
text = { en = "Write.", da = "Skriv." }
done = { en = "Written.", da = "Skrevet." }
"""


def test_the_shipped_tours_load_with_the_real_key_ids():
    from enplan.ui.actions import known_ids

    book = load_tour_book(None, frozenset(known_ids()))
    assert book.problem is None
    assert [t.id for t in book.tours] == ["overdue", "meeting", "cti", "employer"]
    for tour in book.tours:
        assert all(step.screen in SCREENS for step in tour.steps)
        assert all(step.text.en and step.text.da and step.done.en and step.done.da for step in tour.steps)


def test_a_good_file_reads():
    (tour,) = read_tours("mine.toml", GOOD, KNOWN)
    assert tour.title.get("da") == "Min tur"
    assert [s.action for s in tour.steps] == ["worklist", None]
    assert tour.steps[1].until == "typed" and tour.steps[1].target == "field:goal-*-note"


@pytest.mark.parametrize(("change", "line", "reason"), [
    (('screen = "meeting"', 'screen = "kitchen"'), 15, "screen must be one of"),
    (('target = "#caseload"', 'target = "#a b"'), 9, "target must be"),
    (('action = "worklist"', 'action = "fly"'), 10, "unknown action 'fly'"),
    (('text = { en = "Press {key}.", da = "Tryk {key}." }', 'text = { en = "Press {key}." }'), 11,
     "text needs both en and da"),
    (('done = { en = "Written.", da = "Skrevet." }', 'done = { en = "{name}", da = "x" }'), 19, "uses {name}"),
    (('until = "typed"', 'until = "later"'), 17, "until must be one of"),
    (('until = "typed"', 'colour = "red"'), 17, "unknown key 'colour'"),
    (('id = "mine"', 'id = "Min tur!"'), 3, "id must be"),
])
def test_a_wrong_entry_names_its_line_and_reason(change, line, reason):
    text = GOOD.replace(*change)
    with pytest.raises(TourFileError) as caught:
        read_tours("mine.toml", text, KNOWN)
    assert str(caught.value).startswith(f"mine.toml, line {line}: ")
    assert reason in str(caught.value)


def test_a_step_with_no_key_and_no_typing_is_refused():
    text = GOOD.replace('until = "typed"\n', "")
    with pytest.raises(TourFileError, match=r"line 14: a step needs an action"):
        read_tours("mine.toml", text, KNOWN)


def test_two_tours_with_one_id_and_toml_errors_are_refused():
    with pytest.raises(TourFileError, match=r"line 22: a second tour with the id 'mine'"):
        read_tours("mine.toml", GOOD + GOOD, KNOWN)
    with pytest.raises(TourFileError, match=r"mine.toml: .*line 3"):
        read_tours("mine.toml", "[[tour]]\nid = \"x\"\ntitle = { en = 1 x }\n", KNOWN)
    with pytest.raises(TourFileError, match="holds \\[\\[tour\\]\\] tables and nothing else"):
        read_tours("mine.toml", "colour = 1\n", KNOWN)


def test_a_local_file_adds_tours_and_a_wrong_one_leaves_the_shipped_tours(tmp_path):
    from enplan.ui.actions import known_ids

    known = frozenset(known_ids())
    mine = tmp_path / "tours.toml"
    mine.write_text(GOOD.replace('id = "mine"', 'id = "overdue"'), encoding="utf-8")
    book = load_tour_book(mine, known)
    assert book.problem is None and book.get("overdue").title.en == "My tour"  # replaces the shipped one
    assert len(book.tours) == 4

    mine.write_text(GOOD.replace('action = "worklist"', 'action = "fly"'), encoding="utf-8")
    book = load_tour_book(mine, known)
    assert book.problem == "tours.toml, line 10: unknown action 'fly'; see the key ids in the help screen; " \
                           "using the shipped tours."
    assert [t.id for t in book.tours] == ["overdue", "meeting", "cti", "employer"]

    mine.write_bytes(b"\xff\xfe")
    assert "is not UTF-8 text" in load_tour_book(mine, known).problem
    assert "cannot be read" in load_tour_book(tmp_path / "missing.toml", known).problem
