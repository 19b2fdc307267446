"""Citizen: header (masked CPR, consent, CTI bar), tabs 1–5, audit of views,
the praktik warning, and hostile text shown literally."""

from __future__ import annotations

from enplan.ui.screens.caseload import CaseloadScreen
from enplan.ui.screens.citizen import CitizenScreen
from tests.ui.conftest import press, settle, shown_text
from tests.ui.seed import HOSTILE_EMPLOYER, HOSTILE_FOLLOW_UP, HOSTILE_NAME, HOSTILE_NOTE


async def open_citizen(pilot, citizen_id: str, tab: str = "plan") -> CitizenScreen:  # noqa: ANN001
    await settle(pilot)
    pilot.app.open_citizen(citizen_id, tab)
    await settle(pilot)
    assert isinstance(pilot.app.screen, CitizenScreen)
    return pilot.app.screen


async def test_header_shows_masked_cpr_consent_and_cti(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_citizen(pilot, ids.ase)
        text = shown_text(app)
        assert "Åse Østergaard  010190-XXXX  · Aktivitetsparat kontanthjælp" in text
        assert "0101901234" not in text and "010190-1234" not in text
        assert "Consent given 01-03-2026" in text
        assert "Phase 1 · day 70/91 · contact ⚠ 13 days overdue" in text
        assert "K" in text and "1" in text  # the phase bar's segments


async def test_tabs_on_keys_1_to_5(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_citizen(pilot, ids.ase)
        assert screen.active_tab == "plan"
        text = shown_text(app)
        assert "Jeg vil have min egen lejlighed" in text
        assert "Bolig" in text and "● Find en lejlighed" in text and "Søg boligstøtte · Bostøtte" in text
        await press(pilot, "2")
        assert screen.active_tab == "timeline"
        text = shown_text(app)
        assert "Meeting · Jobsamtale · In person · Held" in text
        assert "▸ Find en lejlighed · Progress — Har set to lejligheder" in text
        assert text.index("03-11-2026") < text.index("02-11-2026")  # newest first
        await press(pilot, "3")
        assert screen.active_tab == "cti"
        text = shown_text(app)
        assert "Planned" in text and "Actual" in text
        assert "OVERDUE, 13 days overdue" in text
        assert "10-08-26 → 06-09-26" in text  # contact period planned
        assert "14-09-26 → now" in text  # phase 1 started a week late
        await press(pilot, "4")
        assert screen.active_tab == "work"
        assert "No placements." in shown_text(app)
        await press(pilot, "5")
        assert screen.active_tab == "follow_ups"
        text = shown_text(app)
        assert "Ring til lægen" in text and "12 days overdue" in text
        await press(pilot, "1")
        assert screen.active_tab == "plan"
        await press(pilot, "escape")
        assert isinstance(app.screen, CaseloadScreen)


async def test_work_tab_warns_about_praktik_length(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_citizen(pilot, ids.bjorn, tab="work")
        text = shown_text(app)
        assert "Netto Vesterbro" in text and "Virksomhedspraktik" in text
        assert "⚠ Virksomhedspraktik runs past its legal length of 4 weeks (last allowed day 28-10-2026)" in text
        assert "Lise" in text and "face to face" in text


async def test_opening_logs_one_view_per_opening(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_citizen(pilot, ids.carl)
        await press(pilot, "w")      # away and back: a reload, not a new opening
        await press(pilot, "escape")
        assert isinstance(app.screen, CitizenScreen)
        views = [e for e in services_for(url).audit_log(ids.carl) if e.action == "view"]
        assert len(views) == 1 and views[0].actor == "mette"
        await press(pilot, "escape")
        await open_citizen(pilot, ids.carl)
        views = [e for e in services_for(url).audit_log(ids.carl) if e.action == "view"]
        assert len(views) == 2


async def test_markup_and_escape_sequences_render_literally(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_citizen(pilot, ids.dorte)
        text = shown_text(app)
        assert HOSTILE_NAME in text
        assert "[link=https://x]click[/link] ␛[1mbold␛[0m" in text
        await press(pilot, "2")
        assert HOSTILE_NOTE.replace("\x1b", "␛") in shown_text(app)
        await press(pilot, "4")
        assert HOSTILE_EMPLOYER in shown_text(app)
        await press(pilot, "5")
        assert HOSTILE_FOLLOW_UP.replace("\x1b", "␛") in shown_text(app)
        assert app.is_running and app.screen is screen  # [@click=app.quit] did nothing
        assert "\x1b" not in app.export_screenshot()


async def test_an_unknown_citizen_shows_an_error(seeded, make_app):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_citizen(pilot, "00000000-0000-0000-0000-000000000000")
        assert "Could not open this citizen: No citizen with id" in shown_text(app)
