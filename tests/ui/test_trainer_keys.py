"""Trainer mode in the app: the tours are offered once per demo copy, can be
left and resumed with F3, run on demo data only, take a trainer's own file
(a wrong one or a missing widget is one sentence, never markup); F2 says
what the focused part is, in the user's language."""

from __future__ import annotations

import pytest

from enplan.config import Settings
from enplan.ui.modals.tour_menu import TourMenu
from enplan.ui.tour import HIGHLIGHT
from tests.ui.conftest import notifications, press, settle, shown_text


def tour_app(make_app, url, tmp_path, *, offer=True, **kwargs):  # noqa: ANN001, ANN201
    app = make_app(url, demo=True, **kwargs)
    app._tour_state = tmp_path / "demo.db.tour.json"  # noqa: SLF001 - as run_app passes it for a demo copy
    app._offer_tour = offer  # noqa: SLF001
    return app


async def wait_for_menu(pilot) -> None:  # noqa: ANN001
    """Until the tours' menu is on screen and drawn (on a busy machine it is pushed a frame before it is drawn)."""
    for _ in range(60):
        if isinstance(pilot.app.screen, TourMenu) and pilot.app.screen.is_mounted and shown_text(pilot.app).strip():
            return
        await pilot.pause(0.1)
    raise AssertionError("the tours were not offered")


async def test_offered_once_on_the_first_start_of_a_demo_copy(demo_url, make_app, tmp_path):
    app = tour_app(make_app, demo_url, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_menu(pilot)
        assert "New to enplan?" in shown_text(app)
        await press(pilot, "escape")
        assert not isinstance(app.screen, TourMenu)
    again = tour_app(make_app, demo_url, tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause(1.2)
        assert not isinstance(again.screen, TourMenu)  # offered once: this copy has seen it
        await press(pilot, "f3")  # … and it is still there on F3
        assert isinstance(again.screen, TourMenu)


async def test_left_with_f3_and_resumed_at_the_same_step_after_a_restart(demo_url, make_app, tmp_path):
    app = tour_app(make_app, demo_url, tmp_path, offer=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f3", "enter")  # the first tour
        guide = app.tour_guide
        assert guide.running and guide.tour.id == "overdue"
        await press(pilot, "w")
        await pilot.pause(0.4)
        assert guide.index == 1 and "step 2 of 3" in shown_text(app)
        await press(pilot, "f3")
        assert not guide.running and "TourPanel" not in str(list(app.screen.children))
        assert any("Tour left at step 2 of 3; f3 resumes it." in n for n in notifications(app))
    again = tour_app(make_app, demo_url, tmp_path, offer=False)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f3")
        assert "Resume: Today's overdue work  step 2 of 3" in shown_text(again)
        await press(pilot, "enter")
        guide = again.tour_guide
        assert guide.running and guide.index == 1
        # step 2 is on the worklist: the panel says where to go, and nothing is marked here
        assert "This step is on the worklist; go back there to do it." in shown_text(again)
        await press(pilot, "w")
        await pilot.pause(0.4)
        assert again.screen.query_one("#worklist").has_class(HIGHLIGHT)


async def test_no_tours_on_real_data(seeded, make_app):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f3")
        assert not isinstance(app.screen, TourMenu)
        assert "Guided tours run on the demo data: start enplan demo." in notifications(app)
        assert not app.offers("tour")  # so neither the palette nor help lists it


BAD_WIDGET = """
[[tour]]
id = "mine"
title = { en = "[bold red]Mine[/] \\u001b[31m", da = "Min" }
summary = { en = "Done.", da = "Færdig." }
[[tour.step]]
screen = "caseload"
target = "#no-such-widget"
action = "worklist"
text = { en = "[link=x]Press[/link] {key} now.", da = "Tryk {key}." }
done = { en = "Opened.", da = "Åbnet." }
"""


async def test_a_trainers_tour_with_a_missing_widget_says_so_and_still_runs(demo_url, make_app, tmp_path):
    tours = tmp_path / "tours.toml"
    tours.write_text(BAD_WIDGET, encoding="utf-8")
    app = tour_app(make_app, demo_url, tmp_path, offer=False, settings=Settings(tours=str(tours)))
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        app.tour_guide.start("mine")
        await pilot.pause(0.4)
        text = shown_text(app)
        assert "This step's widget (#no-such-widget) is not on this screen; do the step without the mark." in text
        assert "[bold red]Mine[/]" in text and "[link=x]Press[/link] w now." in text  # literal, never markup
        assert "\x1b" not in text
        await press(pilot, "w")
        await pilot.pause(0.4)
        assert app.tour_guide.finished and "Tour finished. Done." in shown_text(app)


async def test_a_wrong_tour_file_is_one_sentence_and_the_shipped_tours_stay(demo_url, make_app, tmp_path):
    tours = tmp_path / "tours.toml"
    tours.write_text(BAD_WIDGET.replace('screen = "caseload"', 'screen = "kitchen"'), encoding="utf-8")
    app = tour_app(make_app, demo_url, tmp_path, offer=False, settings=Settings(tours=str(tours)))
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f3")
        problem = [n for n in notifications(app) if n.startswith("tours.toml, line 7: screen must be one of")]
        assert len(problem) == 1 and problem[0].endswith("; using the shipped tours.")
        assert [t.id for t in app.tour_guide.book.tours] == ["overdue", "meeting", "cti", "employer"]


async def test_what_is_this_names_the_focused_part(demo_url, make_app):
    app = make_app(demo_url, demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "f2")
        assert notifications(app)[-1] == ("Your caseload: one line per citizen, the most urgent first; "
                                          "⏎ opens the citizen's plan.")
        await press(pilot, "w", "f2")
        assert notifications(app)[-1].startswith("Your worklist: everything due, overdue first; x marks")
        await press(pilot, "escape", "enter", "m")  # a meeting form: the cursor is in its first field
        await press(pilot, "f2")
        assert notifications(app)[-1] == "Type: a choice; ← → or the first letter changes it."
        await press(pilot, "tab", "tab", "f2")
        assert notifications(app)[-1] == "Date: the day it took place; today unless you record it afterwards."


async def test_what_is_this_in_danish(demo_url, make_app):
    app = make_app(demo_url, demo=True, settings=Settings(language="da"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "f2")
        assert notifications(app)[-1].startswith("Din sagsliste: én linje pr. borger")
        await press(pilot, "enter", "m", "tab", "tab", "tab", "f2")
        assert notifications(app)[-1] == "Start: et klokkeslæt, fx 9, 9:30 eller 14.15."


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
@pytest.mark.parametrize("language", ["en", "da"])
async def test_the_tour_menu_and_panel_fit_without_a_cut_label(demo_url, make_app, tmp_path, size, language):
    from tests.ui.test_layout_sizes import label_problems

    app = tour_app(make_app, demo_url, tmp_path, offer=False, settings=Settings(language=language))
    problems: list[str] = []
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app._open_tour_menu(first_start=True)  # noqa: SLF001 - as on a copy's first start
        await settle(pilot)
        problems += label_problems(app.screen, "tour menu")
        await press(pilot, "down", "enter")  # the meeting tour
        await pilot.pause(0.4)
        problems += label_problems(app.screen, "caseload with the tour")
        await press(pilot, "enter", "m")
        await pilot.pause(0.4)
        assert type(app.screen).__name__ == "MeetingForm" and app.tour_guide.index == 2
        problems += label_problems(app.screen, "meeting form with the tour")
    assert problems == [], "\n".join(problems)


def test_snapshot_a_tour_step_on_the_worklist(snap_compare, demo_url, make_app, tmp_path):
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        pilot.app.tour_guide.start("overdue")
        await press(pilot, "w")
        await pilot.pause(0.4)
        pilot.app.tour_guide.look()
        await pilot.pause()

    assert snap_compare(tour_app(make_app, demo_url, tmp_path, offer=False), terminal_size=(80, 24),
                        run_before=run_before)
