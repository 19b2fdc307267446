"""Snapshots of every screen on the demo caseload, frozen at 2026-11-22, at
80×24 and 120×36 (cursor blink and animations off: see conftest).

Regenerate deliberately: `pytest tests/ui/test_snapshots.py --snapshot-update`,
after looking at snapshot_report.html (never committed).
"""

from __future__ import annotations

import pytest

from tests.ui.conftest import press, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]
CTI_CITIZEN = "Søren Hvidkær"      # phase 2, overdue contact, goals and a timeline
WORK_CITIZEN = "Ahmad Rørbæk"      # a virksomhedspraktik past its legal length


def open_by_name(name: str):  # noqa: ANN201
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        row = next(r for r in pilot.app.screen.rows if r.name == name)
        pilot.app.open_citizen(str(row.citizen_id))
        await settle(pilot)

    return run_before


def then(first, *keys: str):  # noqa: ANN001, ANN201
    async def run_before(pilot) -> None:  # noqa: ANN001
        await first(pilot)
        await press(pilot, *keys)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_caseload(snap_compare, demo_url, make_app, size):
    assert snap_compare(make_app(demo_url, demo=True), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_caseload_filtered(snap_compare, demo_url, make_app, size):
    assert snap_compare(make_app(demo_url, demo=True), terminal_size=size,
                        run_before=then(settle, "slash", "ø"))


@pytest.mark.parametrize("size", SIZES)
def test_worklist(snap_compare, demo_url, make_app, size):
    assert snap_compare(make_app(demo_url, demo=True), terminal_size=size, run_before=then(settle, "w"))


def test_team(snap_compare, demo_url, make_app):
    """The team screen (issue 15): figures in words and marks, the row under the cursor in the pane."""
    assert snap_compare(make_app(demo_url, demo=True), terminal_size=(80, 24), run_before=then(settle, "T"))


@pytest.mark.parametrize("size", SIZES)
def test_citizen_plan(snap_compare, demo_url, make_app, size):
    assert snap_compare(make_app(demo_url, demo=True), terminal_size=size, run_before=open_by_name(CTI_CITIZEN))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("tab", ["2", "3", "4", "5"])
def test_citizen_tabs(snap_compare, demo_url, make_app, size, tab):
    citizen = WORK_CITIZEN if tab == "4" else CTI_CITIZEN
    assert snap_compare(make_app(demo_url, demo=True), terminal_size=size,
                        run_before=then(open_by_name(citizen), tab))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, demo_url, make_app, size):
    assert snap_compare(make_app(demo_url, demo=True), terminal_size=size,
                        run_before=then(settle, "question_mark"))


def test_hostile_text_is_literal(snap_compare, seeded, make_app):
    """Markup and escape sequences in names, notes and titles, as typed."""
    url, ids = seeded

    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        pilot.app.open_citizen(ids.dorte, "timeline")
        await settle(pilot)

    assert snap_compare(make_app(url), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("variant", ["en", "da", "no_color"])
def test_citizen_progress(snap_compare, seeded, make_app, monkeypatch, request, variant):
    """Bjørn's measures (tests/ui/seed.py) at 80×24: English at the overview; Danish
    and NO_COLOR with the cursor on the first measurement, under the first chart."""
    from enplan import i18n
    from enplan.config import Settings

    request.addfinalizer(lambda: i18n.set_language("en"))  # the language is process-wide
    if variant == "no_color":
        monkeypatch.setenv("NO_COLOR", "1")
    url, ids = seeded

    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        pilot.app.open_citizen(ids.bjorn, "progress")
        await settle(pilot)
        if variant != "en":
            await press(pilot, "j")

    app = make_app(url, settings=Settings(language="da") if variant == "da" else None)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
