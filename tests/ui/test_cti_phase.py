"""The CTI tab's fidelity (in words and marks, so it reads without colour, in
English and Danish), a phase advance backdated from the CTI menu, and a
phase's cadence changed there (the next contact due follows it)."""

from __future__ import annotations

import datetime as dt

from enplan.domain.cti import follow_up_date
from enplan.domain.enums import Cadence
from enplan.ui.modals.confirm import ConfirmModal
from enplan.ui.modals.cti_phase import AdvancePhaseForm, CadenceForm
from enplan.ui.screens.citizen import CitizenScreen
from tests.ui.conftest import notifications, press, shown_text
from tests.ui.recording import field_error, focused_field, form, type_text
from tests.ui.seed import HOSTILE_NOTE
from tests.ui.test_citizen import open_citizen
from tests.ui.test_danish import DANISH

D = dt.date


def flat(app) -> str:  # noqa: ANN001
    """The screen's words with the layout's spaces folded."""
    return " ".join(shown_text(app).split())


async def test_the_cti_tab_shows_the_fidelity_in_words_without_colour(seeded, make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 40)) as pilot:
        await open_citizen(pilot, ids.ase, "cti")
        assert app.no_color
        text = flat(app)
        for words in ("Fidelity, from the records",
                      "Contact period 35 of 28 planned days ✓ on plan",
                      "0 contacts of 5 due (0%) ⚠ below the cadence",
                      "Phase 1 day 70 of 91 planned",
                      "1 contact of 10 due (10%) ⚠ below the cadence · 0.4 a month against 4.3 (Weekly)",
                      "in the community: 0 of 1 · the guide is at least 4",
                      "Phase 2 not started", "Phase 3 not started"):
            assert words in text, words


async def test_an_early_end_and_its_reason_on_the_tab_in_danish(seeded, make_app, services_for):
    url, ids = seeded
    services = services_for(url)
    services.end_cti(services.citizen_detail(ids.ase).cti.id, reason=HOSTILE_NOTE)
    app = make_app(url, settings=DANISH)
    async with app.run_test(size=(120, 50)) as pilot:
        await open_citizen(pilot, ids.ase, "cti")
        text = flat(app)
        for words in ("Metodetroskab ud fra registreringerne", "Kontaktperiode 35 af 28 planlagte dage ✓ efter planen",
                      "Fase 1 70 af 91 planlagte dage",
                      "⚠ sluttede før tid, 22-11-2026, før ni måneder (14-06-2027) · begrundelse: Says [bold]hi[/]"):
            assert words in text, words


async def test_a_phase_advance_can_be_backdated_but_not_into_the_future(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase, "cti")
        await press(pilot, "C", "a")
        assert isinstance(app.screen, AdvancePhaseForm) and focused_field(app) == "started_on"
        assert "Start Phase 2" in shown_text(app)
        for typed, error in (("23-11-2026", "A phase cannot start in the future."),
                             ("13-09-2026", "Must be on or after 14-09-2026.")):  # phase 1 started 14-09
            await press(pilot, "ctrl+u")
            await type_text(pilot, typed)
            await press(pilot, "ctrl+s")
            assert isinstance(app.screen, AdvancePhaseForm)
            assert field_error(app, "started_on") == error
        await press(pilot, "ctrl+u")
        await type_text(pilot, "01-11-2026")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmModal)
        await press(pilot, "y")
        assert isinstance(app.screen, CitizenScreen)
        # The check-in of 02-11 now counts in phase 2, every two weeks from it.
        assert "Phase 2 started 01-11-2026. Next contact due 16-11-2026." in notifications(app)
    cti = services_for(url).citizen_detail(ids.ase).cti
    assert (cti.phases[1].actual_end, cti.phases[2].actual_start) == (D(2026, 10, 31), D(2026, 11, 1))
    assert cti.checkins[0].phase == 2 and cti.fidelity.phase(2).contacts == 1


async def test_a_backdated_phase_1_moves_the_nine_month_follow_up(seeded, make_app, services_for):
    url, ids = seeded
    services_for(url).start_cti(ids.carl, D(2026, 10, 1))
    app = make_app(url)
    async with app.run_test(size=(80, 40)) as pilot:
        await open_citizen(pilot, ids.carl, "cti")
        await press(pilot, "C", "a", "ctrl+u")
        await type_text(pilot, "20-10-2026")
        await press(pilot, "ctrl+s", "y")
        assert "Phase 1 started 20-10-2026." in notifications(app)[-1]
        assert f"Follow-up (9 months) {follow_up_date(D(2026, 10, 20)):%d-%m-%Y}" in flat(app)
    cti = services_for(url).citizen_detail(ids.carl).cti
    assert cti.follow_up_on == follow_up_date(D(2026, 10, 20)) == D(2027, 7, 20)


async def test_a_phase_cadence_is_changed_from_the_cti_menu(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase, "cti")
        assert "OVERDUE" in shown_text(app)
        await press(pilot, "C")
        assert "Contact cadence of a phase" in shown_text(app)
        await press(pilot, "c")
        assert isinstance(app.screen, CadenceForm)
        assert (form(app).field("phase").value, form(app).field("cadence").value) == ("1", "weekly")
        await press(pilot, "right")  # phase 2 shows its own cadence
        assert (form(app).field("phase").value, form(app).field("cadence").value) == ("2", "biweekly")
        await press(pilot, "left", "tab", "m", "ctrl+s")
        assert isinstance(app.screen, CitizenScreen)
        assert "Cadence of Phase 1: Monthly. Next contact due 02-12-2026." in notifications(app)
        text = shown_text(app)
        assert "next contact 02-12-2026" in text and "OVERDUE" not in text  # a month after the last check-in
    phases = services_for(url).citizen_detail(ids.ase).cti.phases
    assert [p.cadence for p in phases] == [Cadence.WEEKLY, Cadence.MONTHLY, Cadence.BIWEEKLY, Cadence.MONTHLY]
    assert [e for e in services_for(url).audit_log(ids.ase) if e.changes.get("cadence") == ["weekly", "monthly"]]


def test_a_phase_too_short_to_judge_says_so_and_an_outside_check_in_is_named():
    from rich.console import Console

    from enplan.domain.cti_fidelity import Contact, PhaseDates, course_fidelity
    from enplan.ui.cti_fidelity import fidelity_view

    start = D(2026, 9, 14)  # advanced on the day the contact period started: it had no days
    phases = [PhaseDates(0, start, D(2026, 10, 11), start, start), PhaseDates(1, D(2026, 10, 12), D(2027, 1, 11), start)]
    f = course_fidelity(phases, [Contact(start), Contact(D(2026, 9, 1))], today=D(2026, 9, 18))
    console = Console(width=80, color_system=None, record=True)
    console.print(*fidelity_view(f, lambda s: ""))
    text = " ".join(console.export_text().split())
    for words in ("Contact period 0 of 28 planned days ⚠ 28 days shorter",
                  "0 contacts; too short a phase to compare with the cadence",
                  "Phase 1 day 5 of 92 planned 1 contact so far; too early to compare with the cadence",
                  "in the community: 0 of 1 · the guide is at least 4",
                  "Course ⚠ 1 check-in is dated outside every phase"):
        assert words in text, words
