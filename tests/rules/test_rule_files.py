"""Rule files: the shipped sets load, and every kind of bad file is refused
with its file, line and reason while the app keeps the shipped rules."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from enplan.domain.rules.loading import RuleFileError, check_periods, load_rule_book, read_set, shipped_sets

RULE = '''
[[rule]]
id = "first_offer_local"
type = "first_offer"
groups = {groups}
due = {due}
source = "LAB"
params = {{ placement_kinds = ["virksomhedspraktik"] }}
text = {{ en = "Offer", da = "Tilbud" }}
why = {{ en = "since {{start}}", da = "siden {{start}}" }}
'''


def _set(set_id: str, start: str, end: str | None, body: str) -> str:
    head = f'[set]\nid = "{set_id}"\nname = "{set_id}"\nlaw = "x"\nvalid_from = {start}\n'
    return head + (f"valid_to = {end}\n" if end else "") + body


def test_the_shipped_sets_follow_each_other_without_gap_or_overlap():
    sets = shipped_sets()
    assert [s.id for s in sets] == ["lbk_280_2024", "lov_1750_2025", "hovedlov_2027"]
    assert sets[0].valid_to + dt.timedelta(days=1) == sets[1].valid_from == dt.date(2026, 7, 1)
    assert sets[1].valid_to + dt.timedelta(days=1) == sets[2].valid_from == dt.date(2027, 1, 1)
    assert [s.provisional for s in sets] == [False, False, True] and sets[2].law == ""
    for s in sets:
        assert all(r.source for r in s.rules) and all(r.text.da and r.why.da for r in s.rules)


@pytest.mark.parametrize(("groups", "due", "reason"), [
    ('["jobparat"]', '"start + 6m"', "unknown target group 'jobparat'"),
    ('["*"]', '"start + six months"', "cannot read"),
    ('["*"]', '"benefit + 6m"', "unknown date 'benefit'"),
    ('["*"]', '"start - 1w"', "cannot lie before the event"),
    ('["*"]', '["start + 6m"]', "due must be one date"),
])
def test_a_bad_rule_is_refused_with_its_line(groups, due, reason):
    text = _set("local", "2026-07-01", None, "\n# a comment\n" + RULE.format(groups=groups, due=due))
    with pytest.raises(RuleFileError) as caught:
        read_set("local.toml", text)
    line = next(n for n, row in enumerate(text.splitlines(), 1)
                if row.startswith("groups" if "group" in reason else "due"))
    assert str(caught.value).startswith(f"local.toml, line {line}: ")
    assert reason in str(caught.value)


def test_a_gap_or_an_overlap_for_the_same_rule_is_refused():
    rule = RULE.format(groups='["*"]', due='"start + 6m"')
    first = read_set("a.toml", _set("a", "2026-01-01", "2026-06-30", rule))
    gap = read_set("b.toml", _set("b", "2026-07-02", None, rule))
    with pytest.raises(RuleFileError, match=r"b.toml, line \d+: rule first_offer_local has a gap: a.toml ends it on "
                                            r"2026-06-30, this file starts it on 2026-07-02"):
        check_periods((first, gap))
    overlap = read_set("c.toml", _set("c", "2026-06-30", None, rule))
    with pytest.raises(RuleFileError, match="overlaps its period in a.toml"):
        check_periods((first, overlap))
    check_periods((first, read_set("d.toml", _set("d", "2026-07-01", None, rule))))  # back to back is fine


def _local(tmp_path, text: str):
    path = tmp_path / "local-rules.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_rule_book(path)


def test_a_law_number_ends_the_provisional_mark(tmp_path):
    book = _local(tmp_path, '''
        [[law]]
        set = "hovedlov_2027"
        law = "lov nr. 123 af 20/12/2026"
    ''')
    assert book.problem == ""
    [set_2027] = [s for s in book.sets if s.id == "hovedlov_2027"]
    assert (set_2027.provisional, set_2027.law) == (False, "lov nr. 123 af 20/12/2026")


def test_a_stricter_local_rule_replaces_the_shipped_one(tmp_path):
    book = _local(tmp_path, '''
        [[rule]]
        set = "lov_1750_2025"
        id = "first_offer"
        type = "first_offer"
        groups = ["aktivitetsparat_kontanthjaelp", "jobparat_kontanthjaelp", "uddannelseshjaelp"]
        due = "start + 4m"
        source = "LAB; Hjørring: within 4 months"
        params = { placement_kinds = ["virksomhedspraktik"] }
        text = { en = "First offer within 4 months", da = "Første tilbud inden for 4 måneder" }
        why = { en = "local goal", da = "lokalt mål" }
    ''')
    assert book.problem == ""
    [rule] = [r for r in book.rules if r.id == "first_offer" and r.set_id == "lov_1750_2025"]
    assert rule.dues[0].text == "start + 4m"


@pytest.mark.parametrize(("change", "reason"), [
    ('due = "start + 8m"', "due date 1 (start + 8m) is later than the law's (start + 6m)"),
    ('type = "cti_follow_up"\ndue = "start + 6m"', "a cti_follow_up rule; the shipped rule is a first_offer rule"),
    ('due = "start + 6m"\nvalid_from = 2026-08-01', "changes when rule first_offer is in force"),
    ('due = "start + 6m"\ngroups = ["jobparat_kontanthjaelp"]', "leaves out target groups the law covers"),
])
def test_a_local_rule_that_contradicts_the_law_is_refused_and_the_shipped_rules_stay(tmp_path, change, reason):
    lines = ['[[rule]]', 'set = "lov_1750_2025"', 'id = "first_offer"', 'source = "local"',
             'params = { placement_kinds = ["virksomhedspraktik"] }',
             'text = { en = "Offer", da = "Tilbud" }', 'why = { en = "x", da = "x" }']
    if "type" not in change:
        lines.insert(3, 'type = "first_offer"')
    else:
        lines.remove('params = { placement_kinds = ["virksomhedspraktik"] }')
    if "groups" not in change:
        lines.insert(3, 'groups = ["aktivitetsparat_kontanthjaelp", "jobparat_kontanthjaelp", "uddannelseshjaelp"]')
    book = _local(tmp_path, "\n".join([*lines, change]) + "\n")
    assert book.problem.startswith(f"Local rules refused: {tmp_path / 'local-rules.toml'}, line 1: "
                                   "contradicts the shipped set lov_1750_2025: ")
    assert reason in book.problem and book.problem.endswith("Using the shipped rules.")
    assert book.sets == shipped_sets()


def test_a_local_file_that_is_not_toml_names_its_line(tmp_path):
    book = _local(tmp_path, '[[rule]]\nid = "x"\nsource = "unterminated\n')
    assert "line 3" in book.problem and book.sets == shipped_sets()


def test_a_local_rule_with_an_unknown_placeholder_is_refused(tmp_path):
    book = _local(tmp_path, '''
        [[rule]]
        set = "lov_1750_2025"
        id = "extra_review"
        type = "plan_review"
        due = "review + 1w"
        source = "local"
        params = { window_days = 14 }
        text = { en = "Review {employer}", da = "Revidér {employer}" }
        why = { en = "x", da = "x" }
    ''')
    assert "line 9" in book.problem and "text.en uses {employer}; this rule type knows {review}" in book.problem


def test_a_missing_local_file_is_one_line(tmp_path):
    book = load_rule_book(tmp_path / "nowhere.toml")
    assert book.problem.startswith("Local rules in") and "using the shipped rules" in book.problem
    assert book.sets == shipped_sets()
