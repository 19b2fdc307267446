"""F2 "What is this?" has a true line for every part a form can focus: each
form there is (the builders the hostile-text test keeps complete) is opened on
the seeded caseload, and every focusable widget in it is asked about."""

from __future__ import annotations

from enplan.ui.whats_this import explain
from tests.ui.conftest import settle
from tests.ui.test_terminal_safety import _builders


async def test_every_focusable_part_of_every_form_is_explained(seeded, make_app, services_for):
    url, ids = seeded
    services = services_for(url)
    details = {who: services.citizen_detail(who) for who in (ids.ase, ids.carl, ids.bjorn)}
    who = {"StartCtiForm": ids.carl, "PlacementForm": ids.bjorn, "EndPlacementForm": ids.bjorn}
    app = make_app(url)
    unexplained = []
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        for name, build in sorted(_builders().items()):
            app.push_screen(build(details[who.get(name, ids.ase)]))
            await settle(pilot)
            form = app.screen
            fallback = explain(None, form)
            for widget in form.query("*"):
                if widget.can_focus and explain(widget, form) == fallback:
                    unexplained.append(f"{name}: {type(widget).__name__} {widget.id or ''}")
            form.dismiss(None)
            await settle(pilot)
    assert not unexplained, "\n".join(unexplained)


async def test_every_focusable_part_of_the_screens_is_explained(demo_url, make_app):
    from tests.ui.conftest import press

    app = make_app(demo_url, demo=True)
    unexplained = []

    def check(where: str) -> None:
        screen = app.screen
        fallback = explain(None, screen)
        for widget in screen.query("*"):
            if widget.can_focus and widget.display and explain(widget, screen) == fallback:
                unexplained.append(f"{where}: {type(widget).__name__} {widget.id or ''}")

    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        check("caseload")
        await press(pilot, "w")
        check("worklist")
        await press(pilot, "R")
        check("rules")
        await press(pilot, "escape", "O")
        check("report")
        await press(pilot, "escape", "escape", "enter")
        for tab in "123456":
            await press(pilot, tab)
            check(f"citizen tab {tab}")
        await press(pilot, "a")
        check("audit log")
        await press(pilot, "escape", "question_mark")
        check("help")
    assert not unexplained, "\n".join(unexplained)
