"""Keys: help from the registry, the command palette, the user's keymap,
footer size, quitting and going back; themes remembered; NO_COLOR."""

from __future__ import annotations

import re

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from enplan.config import load_settings
from enplan.paths import config_file
from enplan.ui import actions
from enplan.ui.screens.caseload import CaseloadScreen
from enplan.ui.screens.citizen import CitizenScreen
from enplan.ui.screens.help import HelpScreen
from enplan.ui.screens.worklist import WorklistScreen
from tests.ui.conftest import notifications, press, settle, shown_text


def footer_keys(app) -> list[str]:  # noqa: ANN001
    return [key.key for key in app.screen.query_one(Footer).query(FooterKey)]


@pytest.mark.parametrize("where", ["caseload", "worklist", "citizen"])
async def test_help_lists_every_key_of_the_screen(seeded, make_app, where):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 90)) as pilot:
        await settle(pilot)
        if where == "worklist":
            await press(pilot, "w")
        elif where == "citizen":
            app.open_citizen(ids.ase)
            await settle(pilot)
        screen = app.screen
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = shown_text(app)
        for scope in screen.HELP_SCOPES:
            for action in actions.actions_in(scope):
                if app.offers(action.id):  # "Sync now" only on a laptop (tests/ui/test_sync_ui.py)
                    assert action.description in text, (scope, action.id)
        await press(pilot, "escape")
        assert app.screen is screen
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "f1")
        assert app.screen is screen


async def test_footer_shows_at_most_eight_keys(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        shown = {"caseload": footer_keys(app)}
        await press(pilot, "w")
        shown["worklist"] = footer_keys(app)
        app.open_citizen(ids.ase)
        await settle(pilot)
        shown["citizen"] = footer_keys(app)
        assert shown == {
            "caseload": ["enter", "slash", "s", "n", "w", "question_mark", "ctrl+p"],
            "worklist": ["enter", "x", "u", "r", "f", "escape", "question_mark", "ctrl+p"],
            "citizen": ["m", "c", "e", "f", "escape", "w", "question_mark", "ctrl+p"],
        }
        assert all(len(keys) <= 8 for keys in shown.values())
        assert "1 Plan" in shown_text(app) and "5 Follow-ups" in shown_text(app)  # tab keys on the tabs


async def test_palette_lists_every_action_of_the_screen(seeded, make_app):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        options = app.screen.query_one(CommandList).options
        titles = {str(option.prompt).splitlines()[0] for option in options}
        under = app.screen_stack[-2]  # the caseload: what it withholds now is not offered ("clear filter")
        for _scope, action in actions.palette_actions(CaseloadScreen.HELP_SCOPES):
            withheld = actions.APP not in action.scopes and under.check_action(action.action, ()) is False
            assert (action.command in titles) is (app.offers(action.id) and not withheld), action.id
        assert "Caseload: clear filter" not in titles and "Caseload: filter by name" in titles
        assert "Theme" in titles and "Quit" not in titles  # "App: quit" replaces it
        assert "App: quit" in titles


async def test_palette_runs_an_action(seeded, make_app):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        for key in "go: worklist":
            await pilot.press("space" if key == " " else key)
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, WorklistScreen)


async def test_keymap_from_the_toml_config_remaps_keys(seeded, make_app):
    url, _ids = seeded
    config = config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[keymap]\nworklist = "W"\ncursor_down = "n,down"\nnot_an_action = "z"\n', encoding="utf-8")
    app = make_app(url, settings=load_settings())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert any("not_an_action" in n for n in notifications(app))
        table = app.screen.query_one("#caseload")
        await press(pilot, "n")
        assert table.cursor_row == 1
        await press(pilot, "j")  # no longer bound
        assert table.cursor_row == 1
        await press(pilot, "w")
        assert isinstance(app.screen, CaseloadScreen)
        await press(pilot, "W")
        assert isinstance(app.screen, WorklistScreen)
        await press(pilot, "question_mark")
        assert re.search(r"│ +W +Worklist", shown_text(app))


async def test_escape_goes_back_and_ctrl_q_quits(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, CitizenScreen)
        await press(pilot, "w", "enter")
        assert isinstance(app.screen, CitizenScreen)
        await press(pilot, "escape", "escape", "escape")
        assert isinstance(app.screen, CaseloadScreen)
        await press(pilot, "escape")  # nothing below the caseload
        assert isinstance(app.screen, CaseloadScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_theme_from_the_palette_is_remembered(seeded, make_app):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "ansi-dark" in app.available_themes and "ansi-light" in app.available_themes
        await press(pilot, "ctrl+p")
        for key in "theme":
            await pilot.press(key)
        await settle(pilot)
        await press(pilot, "enter")  # the Theme command opens the theme list
        for key in "ansi-light":
            await pilot.press("minus" if key == "-" else key)
        await settle(pilot)
        await press(pilot, "enter")
        assert app.theme == "ansi-light"
        await settle(pilot)
    assert load_settings().theme == "ansi-light"
    again = make_app(url, settings=load_settings())
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert again.theme == "ansi-light"


async def test_no_color_keeps_the_meaning_in_words(seeded, make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.no_color
        assert "⚠ 2 overdue" in shown_text(app)
