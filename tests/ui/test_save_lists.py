"""S on the caseload and the worklist (a spreadsheet), L anywhere (a calendar):
a small form with a file in the documents folder, written by a worker and
announced; an existing file is replaced only after a question; a folder
that is missing is said at the field."""

from __future__ import annotations

import csv
import io
import os
import zipfile

from icalendar import Calendar
from textual.command import CommandPalette

from enplan.ui.modals.confirm import ConfirmModal
from enplan.ui.modals.save_file import CalendarForm, SpreadsheetForm
from enplan.ui.screens.worklist import WorklistScreen
from tests.ui.conftest import notifications, press, settle


async def test_s_saves_the_caseload_as_xlsx_in_the_documents_folder(seeded, make_app, documents_folder):
    folder = documents_folder
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "S")
        form = app.screen
        assert isinstance(form, SpreadsheetForm) and form.kind == "caseload"
        target = folder / "enplan-caseload-2026-11-22.xlsx"
        assert form.field("path").value == str(target)
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert f"Written: {target}" in notifications(app)
        assert not isinstance(app.screen, SpreadsheetForm)
    assert os.stat(target).st_mode & 0o777 == 0o600
    with zipfile.ZipFile(target) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "Åse Østergaard" in strings and "Other Person" not in strings  # mette's caseload only


async def test_s_on_the_worklist_writes_csv_and_asks_before_replacing(seeded, make_app, documents_folder):
    folder = documents_folder
    target = folder / "list.csv"
    target.write_text("keep me", encoding="utf-8")
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "w", "S")
        assert isinstance(app.screen, SpreadsheetForm) and app.screen.kind == "worklist"
        assert app.screen.field("path").value == str(folder / "enplan-worklist-2026-11-22.xlsx")
        app.screen.field("path").value = "list.csv"  # a name alone goes in the documents folder
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmModal)  # it exists: replace?
        await press(pilot, "n")
        assert isinstance(app.screen, SpreadsheetForm) and target.read_text(encoding="utf-8") == "keep me"
        await press(pilot, "ctrl+s", "y")
        await settle(pilot)
        assert isinstance(app.screen, WorklistScreen) and f"Written: {target}" in notifications(app)
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["Due", "Days overdue", "Citizen", "Kind", "What", "Owner"]
    assert ["10-11-2026", "12", "Åse Østergaard", "Follow-up", "Ring til lægen", "mette"] in rows


async def test_a_missing_folder_or_a_wrong_ending_is_said_at_the_field(seeded, make_app, tmp_path, documents_folder):
    folder = documents_folder
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "S")
        form = app.screen
        for value, error in ((str(tmp_path / "nowhere" / "x.xlsx"), "There is no folder"),
                             ("caseload.pdf", "Name the file .xlsx (Excel) or .csv."),
                             (str(folder), "is a folder")):
            form.field("path").value = value
            await press(pilot, "ctrl+s")
            assert app.screen is form and error in (form.field("path").error or ""), value
        await press(pilot, "escape")
        assert not isinstance(app.screen, SpreadsheetForm)
    assert list(folder.iterdir()) == [] and not (tmp_path / "nowhere").exists()


async def test_l_saves_the_calendar_with_initials_by_default(seeded, make_app, documents_folder):
    folder = documents_folder
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "L")
        form = app.screen
        assert isinstance(form, CalendarForm) and form.field("names").value == "initials"
        target = folder / "enplan-calendar-2026-11-22.ics"
        assert form.field("path").value == str(target)
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert f"Written: {target}" in notifications(app)
        await press(pilot, "L")  # again, naming citizens in full, over the first file
        app.screen.field("names").value = "full"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmModal)
        await press(pilot, "y")
        await settle(pilot)
    summaries = [str(e["summary"]) for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")]
    assert "Follow-up: Ring til lægen – Åse Østergaard" in summaries
    assert os.stat(target).st_mode & 0o777 == 0o600


async def test_the_palette_offers_the_three_commands(seeded, make_app, documents_folder):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for command, form, screen_key in (("Caseload: save as spreadsheet", SpreadsheetForm, None),
                                          ("Calendar: save follow-ups as iCalendar", CalendarForm, None),
                                          ("Worklist: save as spreadsheet", SpreadsheetForm, "w")):
            if screen_key:
                await press(pilot, screen_key)
            await press(pilot, "ctrl+p")
            assert isinstance(app.screen, CommandPalette)
            for key in command.lower():
                await pilot.press({" ": "space", ":": "colon", "-": "minus"}.get(key, key))
            await settle(pilot)
            await press(pilot, "enter")
            assert isinstance(app.screen, form), command
            await press(pilot, "escape")
