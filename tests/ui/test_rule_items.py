"""Rule items in the app: on the worklist (§, the reason and law under the
table), dismissed with `d` and a reason, the rules screen `R`, the citizen's
plan tab, and a refused local rules file named once."""

from __future__ import annotations

from enplan.config import Settings
from enplan.domain.enums import RuleDecisionKind
from enplan.domain.followups import WorkKind
from enplan.ui.modals.rule_decision import DismissRuleForm
from enplan.ui.screens.rules import RulesScreen
from enplan.ui.widgets.lists import GroupedTable
from tests.ui.conftest import notifications, press, settle, shown_text


def _cursor_to(app, citizen_name: str) -> None:  # noqa: ANN001
    """Move the worklist's cursor to the first rule item of a citizen."""
    screen = app.screen
    item = next(i for i in screen.items if i.kind is WorkKind.RULE and i.citizen_name == citizen_name)
    screen.query_one(GroupedTable).move_to_key(f"{item.kind.value}:{item.ref_id}")


async def test_a_rule_item_says_why_and_is_dismissed_only_with_a_reason(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "w")
        _cursor_to(app, "Åse Østergaard")
        await settle(pilot)
        text = shown_text(app)
        assert "§ Review the plan" in text
        assert "the review agreed for Tue 01-12-2026" in text and "(LAB § 30 b" in text
        await press(pilot, "x")  # done by doing the work, not by a key
        assert any("done by doing the work" in n for n in notifications(app))
        await press(pilot, "d")
        assert isinstance(app.screen, DismissRuleForm)
        await press(pilot, "ctrl+s")  # no reason: refused at the field
        assert isinstance(app.screen, DismissRuleForm)
        await pilot.press(*"Samtykke ligger i papirsagen")
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, DismissRuleForm)
        remaining = [i for i in app.screen.items if i.kind is WorkKind.RULE and i.citizen_name == "Åse Østergaard"]
        assert remaining == []
    detail = services_for(url).citizen_detail(ids.ase)
    [decision] = detail.rule_decisions
    assert decision.why[0] == "Samtykke ligger i papirsagen" and decision.kind == RuleDecisionKind.DISMISSED.value


async def test_the_rules_screen_shows_the_sets_and_the_counters_in_danish(seeded, make_app):
    url, _ids = seeded
    app = make_app(url, settings=Settings(language="da"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "w", "R")
        assert isinstance(app.screen, RulesScreen)
        text = shown_text(app)
        assert "Jobsamtale inden for 6 måneder" in text and "foreløbig" in text
        await press(pilot, "escape")
        assert not isinstance(app.screen, RulesScreen)


async def test_the_plan_tab_lists_the_citizens_deadlines_from_the_rules(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.open_citizen(ids.ase, "plan")
        await settle(pilot)
        text = shown_text(app)
        assert "Deadlines from the rules (1)" in text and "Review the plan" in text


async def test_a_refused_local_rules_file_is_named_once(seeded, make_app, tmp_path):
    url, _ids = seeded
    local = tmp_path / "local-rules.toml"
    local.write_text('[[rule]]\nset = "lov_1750_2025"\nid = "first_offer"\ntype = "first_offer"\n'
                     'groups = ["*"]\ndue = "start + 9m"\nsource = "x"\n', encoding="utf-8")
    app = make_app(url, settings=Settings(rules=str(local)))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "w")
        [message] = [n for n in notifications(app) if "Local rules refused" in n]
        assert str(local) in message and "line 1" in message and "Using the shipped rules." in message
        await press(pilot, "escape", "w")
        assert len([n for n in notifications(app) if "Local rules refused" in n]) == 1


async def test_exempting_a_citizen_from_a_counter_needs_a_reason(seeded, make_app, services_for):
    from enplan.ui.modals.rule_decision import ExemptForm

    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_citizen(ids.bjorn, "plan")
        await settle(pilot)
        await press(pilot, "U")
        assert isinstance(app.screen, ExemptForm)
        await pilot.press(*"Starter i ordinært job mandag")
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, ExemptForm)
    [decision] = services_for(url).citizen_detail(ids.bjorn).rule_decisions
    assert (decision.kind, decision.why[0]) == ("exempt", "Starter i ordinært job mandag")
