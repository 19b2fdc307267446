"""CTI from the citizen screen: a check-in moves the next contact due date
(on screen and in the database), starting a course, advancing a phase with
a confirmation, focus areas (1–3), the closing note, and ending a course
before nine months (a warning and a required reason). A backdated advance,
a phase's cadence and the fidelity: test_cti_phase.py."""

from __future__ import annotations

import datetime as dt

from enplan.domain.enums import CheckinWith, ContactForm
from enplan.ui.modals.checkin import CheckinForm
from enplan.ui.modals.confirm import ConfirmModal
from enplan.ui.modals.cti import CtiMenu, EndCtiForm, PhaseForm, StartCtiForm
from enplan.ui.modals.cti_phase import AdvancePhaseForm
from enplan.ui.screens.citizen import CitizenScreen
from tests.ui.conftest import notifications, press, shown_text
from tests.ui.recording import Keys, field_error, focused_field, form, type_text
from tests.ui.test_citizen import open_citizen

D = dt.date


def field_value(app, name: str) -> object:  # noqa: ANN001
    return form(app).field(name).value


def phase_id(services, citizen: str, number: int) -> str:  # noqa: ANN001
    return str(next(p.id for p in services.citizen_detail(citizen).cti.phases if p.phase == number))


async def test_a_check_in_with_notes_per_focus_area_moves_the_next_contact(seeded, make_app, services_for):
    url, ids = seeded
    services = services_for(url)
    services.set_focus_areas(phase_id(services, ids.ase, 1), ["bolig", "netvaerk"])
    assert services.citizen_detail(ids.ase).cti.next_contact_due == D(2026, 11, 9)  # 13 days overdue
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase, "cti")
        assert "OVERDUE" in shown_text(app)
        keys = Keys(pilot)
        await keys("c")
        assert isinstance(app.screen, CheckinForm)
        assert focused_field(app) == "notes"  # what is typed straight away is the check-in's own note
        text = shown_text(app)
        assert "Bolig" in text and "Netværk" in text
        await keys.type("Mødtes ved bostedet")
        await keys("tab")  # then the focus areas, in order
        await keys.type("Har fået svar fra boligselskabet")
        await keys("tab")
        await keys.type("Ringede til søsteren")
        await keys("shift+tab", "shift+tab", "shift+tab", "space")  # with supports
        await keys("shift+tab", "y")  # in the community: yes
        await keys("ctrl+s")
        assert keys.count <= 10
        assert isinstance(app.screen, CitizenScreen)
        assert "Check-in saved. Next contact due 30-11-2026." in notifications(app)
        text = shown_text(app)
        assert "next contact 30-11-2026" in text and "OVERDUE" not in text  # the CTI tab, reloaded

    cti = services_for(url).citizen_detail(ids.ase).cti
    assert cti.next_contact_due == D(2026, 11, 30)  # a week after today, on a working day
    checkin = cti.checkins[0]
    assert checkin.held_on == D(2026, 11, 22) and checkin.form is ContactForm.PHONE  # the last check-in's form
    assert checkin.in_community and checkin.with_whom is CheckinWith.SUPPORTS
    assert dict(checkin.area_notes) == {"bolig": "Har fået svar fra boligselskabet", "netvaerk": "Ringede til søsteren"}
    assert checkin.notes == "Mødtes ved bostedet"


async def test_c_without_a_course_offers_to_start_one(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.carl, "cti")
        await press(pilot, "c")
        assert isinstance(app.screen, StartCtiForm)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CitizenScreen)
        assert "Contact period" in shown_text(app)
    cti = services_for(url).citizen_detail(ids.carl).cti
    assert cti.start_on == D(2026, 11, 22) and cti.current_phase == 0 and cti.active


async def test_advancing_a_phase_asks_first(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase, "cti")
        await press(pilot, "C")
        assert isinstance(app.screen, CtiMenu)
        assert "Advance to the next phase" in shown_text(app) and "Start a course" not in shown_text(app)
        await press(pilot, "a")
        assert isinstance(app.screen, AdvancePhaseForm)
        assert field_value(app, "started_on") == "22-11-2026"  # today unless told otherwise
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmModal)
        assert "End Phase 1 and start Phase 2 on 22-11-2026? This cannot be" in shown_text(app)
        await press(pilot, "n")  # no: back in the form, nothing changes
        assert isinstance(app.screen, AdvancePhaseForm)
        assert services_for(url).citizen_detail(ids.ase).cti.current_phase == 1
        await press(pilot, "ctrl+s", "y")
        assert "Phase 2 started 22-11-2026. Next contact due 07-12-2026." in notifications(app)
    cti = services_for(url).citizen_detail(ids.ase).cti
    phase2 = next(p for p in cti.phases if p.phase == 2)
    assert cti.current_phase == 2 and phase2.actual_start == D(2026, 11, 22)


async def test_focus_areas_take_one_to_three(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase, "cti")
        await press(pilot, "C", "f")
        assert isinstance(app.screen, PhaseForm)
        await press(pilot, "ctrl+s")
        assert field_error(app, "focus_areas").startswith("Choose one to three focus areas")
        await press(pilot, "space", "down", "space", "down", "space", "down", "space")
        assert field_error(app, "focus_areas").startswith("Choose one to three focus areas")
        await press(pilot, "space", "ctrl+s")  # untick the fourth
        assert isinstance(app.screen, CitizenScreen)
    phase = next(p for p in services_for(url).citizen_detail(ids.ase).cti.phases if p.phase == 1)
    assert [a.value for a in phase.focus_areas] == ["bolig", "psykisk_helbred", "fysisk_helbred"]


async def test_ending_before_nine_months_warns_and_needs_a_reason(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase, "cti")
        await press(pilot, "C", "x")
        assert isinstance(app.screen, EndCtiForm)
        text = shown_text(app)
        assert "CTI has no early discharge" in text and "14-06-2027" in text
        await press(pilot, "ctrl+s")
        assert field_error(app, "end_reason") == "Required." and focused_field(app) == "end_reason"
        await type_text(pilot, "Flyttet til en anden kommune")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmModal)
        await press(pilot, "escape")  # not yet: back in the form, nothing saved
        assert isinstance(app.screen, EndCtiForm)
        assert services_for(url).citizen_detail(ids.ase).cti.active
        await press(pilot, "ctrl+s", "y")
        assert isinstance(app.screen, CitizenScreen)
        assert "CTI ended 22-11-2026" in shown_text(app)
    cti = services_for(url).citizen_detail(ids.ase).cti
    assert cti.ended_on == D(2026, 11, 22) and cti.end_reason == "Flyttet til en anden kommune"


async def test_closing_note(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_citizen(pilot, ids.ase, "cti")
        await press(pilot, "C", "n")
        await type_text(pilot, "Netværket er på plads: [bold]søster[/] og bostøtte.")
        await press(pilot, "ctrl+s")
        assert "Netværket er på plads: [bold]søster[/] og bostøtte." in shown_text(app)  # literal
    assert services_for(url).citizen_detail(ids.ase).cti.closing_note.startswith("Netværket er på plads")


async def test_the_cti_actions_are_in_the_palette_and_help(seeded, make_app):
    from enplan.ui import actions

    titles = {a.command for _scope, a in actions.palette_actions(CitizenScreen.PALETTE_SCOPES)}
    assert {"CTI: record check-in", "CTI: advance to the next phase", "CTI: end the course",
            "CTI: focus areas of the running phase", "CTI: closing note", "CTI: start a course",
            "CTI: contact cadence of a phase"} <= titles
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.carl)
        await press(pilot, "C")  # no course: only starting one is offered
        menu = app.screen
        assert isinstance(menu, CtiMenu) and "Start a course" in shown_text(app)
        await press(pilot, "a", "c", "x")  # not available: nothing happens
        assert app.screen is menu
        await press(pilot, "s")
        assert isinstance(app.screen, StartCtiForm)
        form(app)
