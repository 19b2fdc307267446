"""Caseload: what is shown, filtering with Danish letters, sorting, opening."""

from __future__ import annotations

from enplan.ui.screens.caseload import CaseloadScreen
from enplan.ui.screens.citizen import CitizenScreen
from enplan.ui.screens.worklist import WorklistScreen
from enplan.ui.widgets.filter_bar import FilterInput
from enplan.ui.widgets.lists import VimDataTable
from tests.ui.conftest import press, settle, shown_text
from tests.ui.seed import HOSTILE_NAME


def names(app) -> list[str]:  # noqa: ANN001
    table = app.screen.query_one("#caseload", VimDataTable)
    return [table.get_row_at(i)[0].plain for i in range(table.row_count)]


async def test_rows_summary_and_overdue_flag(seeded, make_app):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        # urgency first: overdue (oldest due first), then today, this week, later, nothing due
        assert names(app) == ["Åse Østergaard", HOSTILE_NAME, "Bjørn Ærø", "Carl Nielsen",
                              "Zoë Zachariassen", "Æbbe Hansen"]
        table = app.screen.query_one(VimDataTable)
        ase = table.get_row_at(0)
        assert ase[2].plain == "Ph. 1"
        assert ase[5].plain == "⚠ 2 overdue"  # the word, not colour alone
        assert "bold" in str(ase[5].style)
        assert table.get_row_at(5)[5].plain == "–"
        text = shown_text(app)
        assert "6 citizens · 2 overdue follow-ups · 1 CTI contact overdue · 2 due this week" in text
        assert "Other Person" not in text  # another caseworker's citizen


async def test_filter_as_you_type_with_danish_letters(seeded, make_app):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        assert isinstance(app.focused, FilterInput)
        await press(pilot, "Æ")
        assert sorted(names(app)) == ["Bjørn Ærø", "Æbbe Hansen"]  # case-insensitive æ
        await press(pilot, "backspace", "ø")
        assert sorted(names(app)) == ["Bjørn Ærø", "Åse Østergaard"]
        await press(pilot, "backspace", "Å", "S", "E")
        assert names(app) == ["Åse Østergaard"]
        assert "1 of 6" in shown_text(app)
        await press(pilot, "escape")  # clears and hands the cursor back to the list
        assert app.screen.query_one(FilterInput).value == ""
        assert len(names(app)) == 6
        assert isinstance(app.focused, VimDataTable)


async def test_keys_typed_into_the_filter_do_not_trigger_actions(seeded, make_app):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", "w", "s", "question_mark")
        assert isinstance(app.screen, CaseloadScreen)
        assert app.screen.query_one(FilterInput).value == "ws?"
        await press(pilot, "enter")  # to the list; the filter stays
        assert isinstance(app.focused, VimDataTable)
        assert names(app) == []
        await press(pilot, "escape")
        assert len(names(app)) == 6


async def test_sort_cycles_urgency_name_next_due_target_group(seeded, make_app):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "sort: urgency" in shown_text(app)
        await press(pilot, "s")
        # Danish alphabet: ... z, æ, ø, å
        assert names(app) == ["Bjørn Ærø", "Carl Nielsen", HOSTILE_NAME, "Zoë Zachariassen",
                              "Æbbe Hansen", "Åse Østergaard"]
        assert "sort: name" in shown_text(app)
        await press(pilot, "s")
        assert names(app)[0] == "Åse Østergaard" and names(app)[-1] == "Æbbe Hansen"
        assert "sort: next due" in shown_text(app)
        await press(pilot, "s")
        assert "sort: target group" in shown_text(app)
        assert names(app)[0] == "Åse Østergaard"  # Aktivitetsparat kontanthjælp
        await press(pilot, "s")
        assert "sort: urgency" in shown_text(app)


async def test_vim_keys_and_enter_open_the_citizen(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(VimDataTable)
        await press(pilot, "j", "j")
        assert table.cursor_row == 2
        await press(pilot, "k")
        assert table.cursor_row == 1
        await press(pilot, "G")
        assert table.cursor_row == 5
        await press(pilot, "g")
        assert table.cursor_row == 0
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, CitizenScreen)
        assert app.screen.citizen_id == ids.dorte
        await press(pilot, "escape")
        assert isinstance(app.screen, CaseloadScreen)
        assert table.cursor_row == 1  # the cursor stays on the citizen after the reload
        await press(pilot, "w")
        assert isinstance(app.screen, WorklistScreen)


async def test_narrow_terminal_uses_short_labels_and_wide_uses_full(seeded, make_app):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Aktivitetsparat " in shown_text(app)
        assert "Aktivitetsparat kontanthjælp" not in shown_text(app)
        await pilot.resize_terminal(130, 30)
        await settle(pilot)
        assert "Aktivitetsparat kontanthjælp" in shown_text(app)
        assert "Phase 1" in shown_text(app)
