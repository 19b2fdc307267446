"""A browser tab of `enplan demo --web` writes no file for the person at the
browser (web/session.py sets files.WRITES_REFUSED): the save forms of S
and L (and the PDF form, through the same check) say so in one sentence
and nothing is written."""

from __future__ import annotations

import pytest

from enplan import files
from enplan.web.session import NO_FILES
from textual.widgets import Static

from tests.ui.conftest import press, settle


@pytest.fixture
def web_tab(monkeypatch):
    monkeypatch.setattr(files, "WRITES_REFUSED", NO_FILES)


@pytest.mark.parametrize("keys", [("S",), ("w", "S"), ("L",)])
async def test_a_browser_tab_saves_no_file(keys, web_tab, seeded, make_app, documents_folder):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, *keys, "ctrl+s")
        await settle(pilot)
        status = app.screen.query_one("#form-status", Static)  # the save form stays open and says why
        assert str(status.render()) == f"Not saved: {NO_FILES}"
    assert list(documents_folder.iterdir()) == []


def test_no_target_is_even_checked():
    files.WRITES_REFUSED = NO_FILES
    try:
        with pytest.raises(files.Refusal, match="does not save files"):
            files.check_target(files.Path("/tmp/anything.csv"), force=True)
    finally:
        files.WRITES_REFUSED = None
