"""Issue 5 on the citizen screen: the audit log (a), the logged CPR reveal
(R, shown briefly and never in the title), follow-up delete with undo (d/u)."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from enplan.ui.modals.audit_log import AuditLogScreen
from tests.ui.conftest import press, settle, shown_text
from tests.ui.test_citizen import open_citizen


async def test_a_shows_who_viewed_and_changed_the_record(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_citizen(pilot, ids.dorte)
        await press(pilot, "a")
        await settle(pilot)
        assert isinstance(app.screen, AuditLogScreen)
        text = shown_text(app)
        assert "Audit log: Dorte [bold]Jensen[/]" in text  # the name literally, never as markup
        assert "viewed" in text and "created" in text and "mette" in text
        await press(pilot, "escape")
        assert not isinstance(app.screen, AuditLogScreen)


async def test_R_reveals_the_cpr_briefly_and_logs_it(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_citizen(pilot, ids.ase)
        assert "010190-1234" not in shown_text(app)
        await press(pilot, "R")
        await settle(pilot)
        assert "010190-1234" in shown_text(app)
        assert "1234" not in (app.title or "") + (app.sub_title or "") + (screen.title or "")
        assert all("1234" not in str(n.message) for n in app._notifications)
    services = services_for(url)
    actions = [e.action for e in services.audit_log(ids.ase)]
    assert actions.count("cpr_reveal") == 1


async def test_d_deletes_a_follow_up_and_u_brings_it_back(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_citizen(pilot, ids.carl, tab="follow_ups")
        before = services_for(url).citizen_detail(ids.carl).follow_ups
        assert before
        await press(pilot, "d")
        await settle(pilot)
        after = services_for(url).citizen_detail(ids.carl).follow_ups
        assert len(after) == len(before) - 1
        await press(pilot, "u")
        await settle(pilot)
        restored = services_for(url).citizen_detail(ids.carl).follow_ups
        assert {f.id for f in restored} == {f.id for f in before}


async def test_the_revealed_cpr_is_masked_again(seeded, make_app, monkeypatch):
    from enplan.ui.widgets.citizen_header import CitizenHeader

    timers = []

    class _Timer:
        def stop(self) -> None:
            pass

    def fake_set_timer(self, delay, callback):  # noqa: ANN001, ANN202 - capture instead of waiting 15 s
        timers.append((delay, callback))
        return _Timer()

    monkeypatch.setattr(CitizenHeader, "set_timer", fake_set_timer)
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_citizen(pilot, ids.ase)
        await press(pilot, "R")
        await settle(pilot)
        assert "010190-1234" in shown_text(app)
        [(delay, hide)] = timers
        assert delay == 15
        hide()
        await pilot.pause()
        assert "010190-1234" not in shown_text(app) and "010190-XXXX" in shown_text(app)


async def test_a_crash_report_shows_no_local_variables(seeded, make_app):
    """The terminal gets one sentence naming the report; the report has the
    traceback but no local variables (Textual's default report prints them)."""
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        try:
            secret_cpr = "".join(("0101", "90", "1234"))  # noqa: F841 - a local Textual's default report prints
            raise RuntimeError("boom")
        except RuntimeError as exc:
            app._crash = exc
            app._fatal_error()
        renderables = list(app._exit_renderables)
    console = Console(record=True, width=200, file=io.StringIO())
    for renderable in renderables:
        console.print(renderable)
    said = " ".join(console.export_text().split())
    assert said.startswith("enplan stopped after an unexpected error; the details are in")
    report = Path(said.split("the details are in ")[1].rstrip("."))
    text = report.read_text()
    assert "boom" in text and "0101901234" not in text and "secret_cpr" not in text
