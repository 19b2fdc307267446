"""The app as a whole: first paint before the database, a database that
cannot be opened, settings problems, and the app's today."""

from __future__ import annotations

import datetime as dt
import json
import threading

import pytest

from enplan.config import Settings
from enplan.failures import crash_dir
from enplan.paths import drafts_dir
from enplan.ui.modals.error import ErrorModal
from enplan.ui.screens.caseload import CaseloadScreen
from tests.ui.conftest import notifications, press, settle, shown_text
from tests.ui.recording import type_text


async def test_first_screen_paints_with_a_loading_state_before_data(seeded, make_app, monkeypatch):
    from enplan.ui.backend import Backend

    url, _ids = seeded
    gate = threading.Event()
    real = Backend.quick_caseload

    def held_back(self, caseworker):  # noqa: ANN001, ANN202 - data arrives only when the test says so
        gate.wait(10)
        return real(self, caseworker)

    monkeypatch.setattr(Backend, "quick_caseload", held_back)
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        # before any worker has finished: headers and a loading state are up
        assert isinstance(app.screen, CaseloadScreen)
        table = app.screen.query_one("#caseload")
        assert [c.label.plain for c in table.columns.values()][4] == "Next due"
        summary = app.screen.query_one("#summary")
        assert "Loading caseload" in str(summary.render()) and table.row_count == 0
        gate.set()
        await settle(pilot)
        assert table.row_count == 6 and "Loading" not in str(summary.render())


async def test_first_caseload_comes_from_the_fast_path_then_the_database_is_opened_properly(seeded, make_app,
                                                                                         monkeypatch):
    from enplan.ui.backend import Backend

    url, _ids = seeded
    served = []
    real = Backend.quick_caseload
    monkeypatch.setattr(Backend, "quick_caseload", lambda self, cw: served.append(real(self, cw)) or served[-1])
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#caseload").row_count == 6
        assert served and served[0] is not None and len(served[0][0]) == 6
        assert app.backend._services is not None  # checked, backed up and migrated before any write


async def test_a_file_that_is_not_a_database_shows_one_sentence_and_quits(tmp_path, make_app):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"this is not a database" * 100)
    before = bad.read_bytes()
    app = make_app(f"sqlite:///{bad}")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ErrorModal)
        text = shown_text(app)
        assert "enplan cannot open the database" in text and "not an enplan database" in text
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1
    assert bad.read_bytes() == before


async def test_settings_problems_and_an_unknown_theme_are_reported(seeded, make_app):
    url, _ids = seeded
    settings = Settings(theme="no-such-theme", problems=("Unknown setting 'colour' in config.toml.",))
    app = make_app(url, settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shown = notifications(app)
        assert "Unknown setting 'colour' in config.toml." in shown
        assert any("no-such-theme" in n for n in shown)
        assert app.theme == "textual-dark"


async def test_the_apps_today_drives_every_date(seeded, make_app):
    url, _ids = seeded
    app = make_app(url, today=dt.date(2026, 12, 21))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = shown_text(app)
        assert "Mon 21-12-2026" in text
        await press(pilot, "w")
        text = shown_text(app)
        assert "⚠ 1 day overdue" in text  # Zoë's follow-up, due 20-12-2026
        assert "⚠ 26 days overdue" in text  # Carl's "Send CV", due 25-11-2026
        assert "⚠ 41 days overdue" in text  # Åse's "Ring til lægen", due 10-11-2026


async def test_visible_text_goes_through_the_translation_function(seeded, make_app, monkeypatch):
    """A fake catalogue marks every translated string «…»; the screens show the marks."""
    import gettext

    from enplan import i18n

    class Marked(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return f"«{message}»"

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return f"«{singular if n == 1 else plural}»"

    monkeypatch.setattr(i18n, "_translation", Marked())
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        lines = shown_text(app).splitlines()
        assert "«Caseload»" in lines[0] and "«Sun»" in lines[0]
        assert lines[1].startswith(" «6 citizens» · «2 overdue follow-ups»")
        assert "«Name»" in lines[3] and "«Next due»" in lines[3]
        footer = lines[-1]
        for word in ("«Open»", "«Filter»", "«Sort»", "«Worklist»", "«Help»"):
            assert word in footer
        await press(pilot, "w")
        assert "«Overdue» (3)" in shown_text(app)


async def test_an_app_crash_keeps_drafts_and_says_where_the_report_is(seeded, make_app, capsys):
    from enplan.ui.app import EnplanApp

    url, ids = seeded
    app = make_app(url)

    def broken(self):  # noqa: ANN001, ANN202
        raise RuntimeError("an enplan bug in a key handler")

    EnplanApp.action_explode = broken
    try:
        with pytest.raises(RuntimeError):
            async with app.run_test() as pilot:
                await settle(pilot)
                app.open_citizen(ids.carl)
                await settle(pilot)
                await pilot.press("f")  # a new follow-up, typed but not saved
                await settle(pilot)
                await type_text(pilot, "Ring til Carl")
                app.call_later(app.run_action, "explode")  # as a key would: inside the app
                await pilot.pause()
    finally:
        del EnplanApp.action_explode
    assert app.return_code == 1
    said = " ".join(capsys.readouterr().err.split())  # Textual prints the exit message, wrapped, to stderr
    assert said.startswith("enplan stopped after an unexpected error; the details are in")
    assert "Traceback" not in said and "key handler" not in said
    reports = list(crash_dir().glob("crash-*.txt"))
    assert len(reports) == 1 and "an enplan bug in a key handler" in reports[0].read_text()
    kept = [json.loads(p.read_text())["values"] for p in drafts_dir().glob("*.json")]
    assert [v["title"] for v in kept] == ["Ring til Carl"]
