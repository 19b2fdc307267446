"""The one citizen screen, reused: the next citizen never sees the last one's
data, each opening is audited, a slow load still shows "Loading…", and long
histories come from the database a page at a time."""

from __future__ import annotations

import io
import threading

import pytest
from textual.widgets import Static

from enplan.services.reads import ReadServices
from enplan.ui import citizen_views
from enplan.ui.screens import citizen as citizen_screen
from enplan.ui.screens.caseload import CaseloadScreen
from enplan.ui.screens.citizen import CitizenScreen
from enplan.ui.screens.worklist import WorklistScreen
from tests.ui.conftest import press, settle, shown_text
from tests.ui.test_citizen import open_citizen

ASE, ASE_GOAL = "Åse Østergaard", "Jeg vil have min egen lejlighed"


@pytest.fixture
def asked(monkeypatch) -> list[int | None]:  # noqa: ANN001
    """The history_limit of every read of a citizen's file (opening it or reloading it), in order."""
    calls: list[int | None] = []
    real = ReadServices._detail

    def spy(self, s, citizen_id, history_limit):  # noqa: ANN001, ANN202
        calls.append(history_limit)
        return real(self, s, citizen_id, history_limit)

    monkeypatch.setattr(ReadServices, "_detail", spy)
    return calls


async def test_the_next_citizen_reuses_the_screen_and_shows_nothing_of_the_last(seeded, make_app, monkeypatch):
    url, ids = seeded
    app = make_app(url)
    gate = threading.Event()
    real = ReadServices._detail

    def held_for_bjorn(self, s, citizen_id, history_limit):  # noqa: ANN001, ANN202
        if str(citizen_id) == ids.bjorn:
            gate.wait(10)
        return real(self, s, citizen_id, history_limit)

    monkeypatch.setattr(ReadServices, "_detail", held_for_bjorn)
    async with app.run_test(size=(120, 36)) as pilot:
        first = await open_citizen(pilot, ids.ase)
        assert ASE in shown_text(app) and ASE_GOAL in shown_text(app)
        await press(pilot, "escape")
        app.open_citizen(ids.bjorn)
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)  # waits for the data first …
        await pilot.pause(citizen_screen.SHOW_LOADING_AFTER + 0.2)
        assert app.screen is first  # … then shows itself, loading, on a slow database
        text = shown_text(app)
        assert "Loading…" in text
        assert ASE not in text and ASE_GOAL not in text and "010190" not in text
        gate.set()
        await settle(pilot)
        text = shown_text(app)
        assert "Bjørn" in text and ASE not in text
        assert app.screen is first and first.citizen_id == ids.bjorn


async def test_a_quick_load_shows_the_citizen_complete(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 36)) as pilot:
        first = await open_citizen(pilot, ids.bjorn, tab="work")
        await press(pilot, "escape")
        shown_at_push = []
        real_push = app.push_screen

        def spy(screen, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            if isinstance(screen, CitizenScreen):
                shown_at_push.append(screen.detail.citizen.name if screen.detail else None)
            return real_push(screen, *args, **kwargs)

        app.push_screen = spy
        app.open_citizen(ids.ase)
        await settle(pilot)
        assert app.screen is first and shown_at_push == [ASE]  # pushed with the data already drawn
        assert first.active_tab == "plan"  # the tab asked for, not the last one shown
        assert ASE_GOAL in shown_text(app)


async def test_every_opening_is_audited(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        for citizen in (ids.ase, ids.carl, ids.ase):
            await open_citizen(pilot, citizen)
            await press(pilot, "escape")
        audit = services_for(url)
        assert len([e for e in audit.audit_log(ids.ase) if e.action == "view"]) == 2
        assert len([e for e in audit.audit_log(ids.carl) if e.action == "view"]) == 1


async def test_a_citizen_opened_over_the_open_one_gets_its_own_screen(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 36)) as pilot:
        first = await open_citizen(pilot, ids.ase)
        await press(pilot, "w")
        assert isinstance(app.screen, WorklistScreen)
        second = await open_citizen(pilot, ids.carl)
        assert second is not first and second.citizen_id == ids.carl
        await press(pilot, "escape", "escape")
        assert app.screen is first and first.citizen_id == ids.ase
        assert ASE in shown_text(app)


async def test_long_histories_load_a_page_at_a_time(seeded, make_app, monkeypatch, asked):
    url, ids = seeded
    monkeypatch.setattr(citizen_views, "PAGE", 1)
    app = make_app(url)
    async with app.run_test(size=(120, 12)) as pilot:  # a short terminal: one entry fills the pane
        screen = await open_citizen(pilot, ids.ase)
        total = citizen_views.history_size("timeline", screen.detail)
        assert total == 2 and asked == [1]  # one meeting and one check-in; one of each loaded
        await press(pilot, "2")
        assert f"Showing the newest 1 of {total}" in tab_text(screen, "timeline")
        await press(pilot, "G")  # to the end: the next page comes from the database
        assert asked[-1] == 2
        text = tab_text(screen, "timeline")
        assert "Showing the newest" not in text and "Meeting · Jobsamtale" in text  # both entries shown


def tab_text(screen: CitizenScreen, pane_id: str) -> str:
    """All of a tab's text, also what is scrolled out of view."""
    from rich.console import Console

    console = Console(width=120, record=True, file=io.StringIO())
    console.print(screen.query_one(f"#{pane_id}-body", Static).content)
    return console.export_text()


async def test_a_theme_changed_while_the_screen_was_hidden_is_applied(seeded, make_app):
    from textual.color import Color

    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        first = await open_citizen(pilot, ids.ase)
        dark = first.styles.background
        await press(pilot, "escape")
        app.theme = "textual-light"
        await settle(pilot)
        again = await open_citizen(pilot, ids.carl)
        assert again is first
        light = Color.parse(app.get_css_variables()["background"])
        assert first.styles.background == light != dark


async def test_the_plan_comes_first_and_the_history_follows(seeded, make_app, asked):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_citizen(pilot, ids.ase)
        await press(pilot, "escape")
        asked.clear()
        await open_citizen(pilot, ids.carl)  # the Plan tab: a short first load, then a page of history
        assert asked == [citizen_screen.FIRST_HISTORY, citizen_views.PAGE]
        await press(pilot, "escape")
        asked.clear()
        await open_citizen(pilot, ids.ase, "cti")  # a history tab: the page at once
        assert asked == [citizen_views.PAGE] and screen.active_tab == "cti"


async def test_a_revealed_cpr_does_not_follow_to_the_next_citizen(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_citizen(pilot, ids.ase)
        await press(pilot, "R")
        assert "0101901234" in shown_text(app).replace("-", "")
        await press(pilot, "escape")
        await open_citizen(pilot, ids.ase)  # the same citizen again: masked until R again
        text = shown_text(app)
        assert "010190-XXXX" in text and "0101901234" not in text.replace("-", "")
        await press(pilot, "escape")
        await open_citizen(pilot, ids.carl)
        assert "010190" not in shown_text(app)


async def test_the_citizen_screen_is_built_unseen_after_start_up(seeded, make_app, services_for):
    from enplan.ui.app import PREBUILD_AFTER

    url, ids = seeded
    app = make_app(url, prebuild=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        before = shown_text(app)
        await pilot.pause(PREBUILD_AFTER + 0.3)
        await settle(pilot)
        built = app._citizen_screen
        assert isinstance(built, CitizenScreen) and built.is_mounted
        assert app.screen_stack == [app.screen] and isinstance(app.screen, CaseloadScreen)
        assert shown_text(app) == before  # nothing of it is shown …
        assert "view" not in [e.action for e in services_for(url).audit_log(ids.ase)]  # … or logged as a view
        shown = await open_citizen(pilot, ids.ase)
        assert shown is built and ASE in shown_text(app)
        assert [e.action for e in services_for(url).audit_log(ids.ase)].count("view") == 1


async def test_a_citizen_opened_while_the_screen_is_being_built_still_opens(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.prebuild_citizen_screen()
        app.open_citizen(ids.ase)  # before the built screen has mounted: a screen of its own
        await settle(pilot)
        assert isinstance(app.screen, CitizenScreen) and app.screen is not app._citizen_screen
        assert ASE in shown_text(app)
        await press(pilot, "escape")
        again = await open_citizen(pilot, ids.carl)
        assert again is app._citizen_screen  # the built one from now on


async def test_the_citizen_screen_waits_while_the_caseworker_is_typing(seeded, make_app):
    from enplan.ui.app import PREBUILD_AFTER, PREBUILD_IDLE

    url, _ids = seeded
    app = make_app(url, prebuild=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for _ in range(int((PREBUILD_AFTER + PREBUILD_IDLE) / 0.1) + 4):  # a key every ~0.1 s, well under
            await pilot.press("j")                                        # the 0.8 s idle gap, also on a busy
            await pilot.pause(0.1)                                        # machine
        assert app._citizen_screen is None  # not while keys keep coming
        await pilot.pause(PREBUILD_IDLE * 2 + 0.3)
        await settle(pilot)
        assert app._citizen_screen is not None and app._citizen_screen.is_mounted
