"""Worklist: groups, done/undone with a working undo, jumping to the citizen."""

from __future__ import annotations

from enplan.ui.screens.citizen import CitizenScreen
from enplan.ui.screens.worklist import WorklistScreen
from enplan.ui.widgets.lists import GroupedTable
from tests.ui.conftest import notifications, press, settle, shown_text
from tests.ui.seed import HOSTILE_FOLLOW_UP


def rows(app) -> list[tuple[str, str]]:  # noqa: ANN001
    """(first cell, citizen) per row; headings have an empty citizen."""
    table = app.screen.query_one(GroupedTable)
    out = []
    for i in range(table.row_count):
        cells = table.get_row_at(i)
        out.append((cells[0].plain, cells[2].plain if hasattr(cells[2], "plain") else cells[2]))
    return out


def current_key(app) -> str:  # noqa: ANN001
    return app.screen.query_one(GroupedTable).current_key


async def open_worklist(pilot) -> None:  # noqa: ANN001
    await settle(pilot)
    await press(pilot, "w")
    assert isinstance(pilot.app.screen, WorklistScreen)


async def test_groups_oldest_overdue_first(seeded, make_app):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_worklist(pilot)
        assert rows(app) == [
            ("Overdue (3)", ""),
            ("⚠ 13 days overdue", "Åse Østergaard"),  # CTI contact due 09-11
            ("⚠ 12 days overdue", "Åse Østergaard"),  # follow-up due 10-11
            ("⚠ 1 day overdue", "Dorte [bold]Jensen[/]"),
            ("Today (2)", ""),
            ("today", "Bjørn Ærø"),
            ("today", "Carl Nielsen"),  # his first measures
            ("This week (1)", ""),
            ("in 3 days", "Carl Nielsen"),
            ("Later (3)", ""),
            ("in 9 days", "Åse Østergaard"),  # the rules: her plan's review (01-12)
            ("in 28 days", "Zoë Zachariassen"),
            ("in 204 days", "Åse Østergaard"),  # CTI nine-month follow-up (14-06-2027)
            ("Done today (1)", ""),
            ("✓ done", "Carl Nielsen"),
        ]
        # the cursor starts on the first item, and steps over headings
        table = app.screen.query_one(GroupedTable)
        assert table.cursor_row == 1
        await press(pilot, "j", "j", "j")
        assert table.cursor_row == 5
        await press(pilot, "k")
        assert table.cursor_row == 3
        await press(pilot, "g")
        assert table.cursor_row == 1
        text = shown_text(app)
        assert HOSTILE_FOLLOW_UP.replace("\x1b", "␛") in text  # literal, escape made visible


async def test_x_marks_done_in_the_database_and_undo_restores(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_worklist(pilot)
        await press(pilot, "j")  # Åse's follow-up "Ring til lægen"
        assert current_key(app) == f"follow_up:{ids.ase_follow_up}"
        await press(pilot, "x")
        services = services_for(url)
        assert next(f for f in services.follow_ups(ids.ase) if str(f.id) == ids.ase_follow_up).done
        assert notifications(app)[-1] == "Done: Ring til lægen Press u to undo."
        # the next item moved up under the cursor, so x, x, x clears a run of items
        assert current_key(app) == f"follow_up:{ids.dorte_follow_up}"
        assert ("Done today (2)", "") in rows(app)
        await press(pilot, "u")
        assert current_key(app) == f"follow_up:{ids.ase_follow_up}"  # undo brings the cursor back to it
        assert not next(f for f in services.follow_ups(ids.ase) if str(f.id) == ids.ase_follow_up).done
        assert notifications(app)[-1] == "Undone: Ring til lægen"
        assert ("Overdue (3)", "") in rows(app)
        await press(pilot, "u")
        assert notifications(app)[-1] == "Nothing to undo."


async def test_x_on_a_done_item_makes_it_undone_and_back(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_worklist(pilot)
        await press(pilot, "G")  # Carl's follow-up done earlier today
        assert rows(app)[-1] == ("✓ done", "Carl Nielsen")
        key = current_key(app)
        await press(pilot, "x")
        assert notifications(app)[-1].startswith("Not done: Gammel opgave")
        services = services_for(url)
        assert not next(f for f in services.follow_ups(ids.carl) if f.title == "Gammel opgave").done
        assert ("⚠ 21 days overdue", "Carl Nielsen") in rows(app)  # back among the overdue
        app.screen.query_one(GroupedTable).move_to_key(key)
        await press(pilot, "x")
        assert next(f for f in services.follow_ups(ids.carl) if f.title == "Gammel opgave").done


async def test_x_on_a_cti_contact_explains_and_changes_nothing(seeded, make_app):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_worklist(pilot)
        assert current_key(app).startswith("cti_contact:")
        before = rows(app)
        await press(pilot, "x")
        assert "check-in" in notifications(app)[-1]
        assert rows(app) == before


async def test_enter_jumps_to_the_citizen_and_escape_returns(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_worklist(pilot)
        await press(pilot, "j", "j", "enter")
        assert isinstance(app.screen, CitizenScreen)
        assert app.screen.citizen_id == ids.dorte
        assert app.screen.active_tab == "follow_ups"  # where the item lives
        await press(pilot, "escape", "g", "enter")  # a CTI contact opens the CTI tab
        assert app.screen.citizen_id == ids.ase and app.screen.active_tab == "cti"
        await press(pilot, "escape", "j", "j", "enter")
        await press(pilot, "w")  # back to the same worklist, not a second one
        assert isinstance(app.screen, WorklistScreen)
        assert sum(isinstance(s, WorklistScreen) for s in app.screen_stack) == 1
        await press(pilot, "escape")
        assert len(app.screen_stack) == 1


async def test_footer_hides_w_on_the_worklist(seeded, make_app):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_worklist(pilot)
        footer = shown_text(app).splitlines()[-1]
        assert "Done/undone" in footer and "Undo" in footer
        assert "Worklist" not in footer
