"""D on a citizen: a PDF for the citizen, written where the form says; an
existing file is replaced only after a question; the CPR only when asked."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from enplan.ui.modals.confirm import ConfirmModal
from enplan.ui.modals.document import DocumentForm
from tests.ui.conftest import notifications, press, settle
from tests.ui.test_citizen import open_citizen

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


def words(path) -> str:  # noqa: ANN001
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


async def test_d_writes_the_plan_and_asks_before_replacing_it(seeded, make_app, documents_folder):
    folder = documents_folder
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_citizen(pilot, ids.ase)
        await press(pilot, "D")
        form = app.screen
        assert isinstance(form, DocumentForm)
        target = folder / "plan-2026-11-22.pdf"
        assert form.field("path").value == str(target)
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert f"Written: {target}" in notifications(app) and "Find en lejlighed" in words(target)
        assert "010190-1234" not in words(target)
        await press(pilot, "D", "right")  # the meeting summary: the file name follows the kind
        assert app.screen.field("path").value == str(folder / "meeting-summary-2026-11-22.pdf")
        app.screen.field("path").value = str(target)
        app.screen.field("include_cpr").value = True
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmModal)  # it exists: replace?
        await press(pilot, "y")
        await settle(pilot)
        text = words(target)
        assert "Summary of our meeting" in text and "Har set to lejligheder" in text and "010190-1234" in text
