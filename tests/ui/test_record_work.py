"""Employer follow-ups (e), placements and employers (E), and follow-ups on
the citizen's tab (f, x, r, enter) and from the worklist (x, r, f)."""

from __future__ import annotations

import datetime as dt

from enplan.domain.enums import PlacementKind, PlacementStatus
from enplan.ui.modals.employer_follow_up import EmployerFollowUpForm
from enplan.ui.modals.employers import EmployerList
from enplan.ui.modals.follow_up import FollowUpForm, RescheduleForm
from enplan.ui.modals.work import PlacementForm, WorkEditor
from enplan.ui.screens.citizen import CitizenScreen
from enplan.ui.screens.worklist import WorklistScreen
from tests.ui.conftest import notifications, press, settle, shown_text
from tests.ui.recording import Keys, field_error, focused_field, form, type_text
from tests.ui.test_citizen import open_citizen

D = dt.date


async def test_employer_follow_up_on_the_placement(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.bjorn, "work")
        keys = Keys(pilot)
        await keys("e")
        assert isinstance(app.screen, EmployerFollowUpForm)
        assert "Netto Vesterbro · Virksomhedspraktik" in shown_text(app)
        meeting = form(app)
        assert meeting.field("contact_person").value == "Lise" and meeting.field("face_to_face").value  # from last
        assert focused_field(app) == "outcome"
        await keys.type("Flere timer fra december")
        await keys("tab")
        await keys.type("Lise foreslår kassen")
        await keys("tab")
        await keys.type("+4w")
        await keys("ctrl+s")
        assert keys.count <= 12
        assert isinstance(app.screen, CitizenScreen)
        assert "Employer follow-up saved; next follow-up due 21-12-2026." in notifications(app)
        assert "Flere timer fra december" in shown_text(app)
    detail = services_for(url).citizen_detail(ids.bjorn)
    f = detail.employer_follow_ups[0]
    assert (f.held_on, f.contact_person, f.face_to_face, f.outcome, f.notes, f.next_due_on) == (
        D(2026, 11, 22), "Lise", True, "Flere timer fra december", "Lise foreslår kassen", D(2026, 12, 21))
    assert str(f.placement_id) == str(detail.placements[0].id)
    assert any(x.due_on == D(2026, 12, 21) and x.title == "Employer follow-up: Netto Vesterbro"
               for x in detail.follow_ups)


async def test_create_edit_and_end_a_placement(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.carl, "work")
        await press(pilot, "E")
        assert isinstance(app.screen, WorkEditor)
        await press(pilot, "n")
        assert isinstance(app.screen, PlacementForm)
        await type_text(pilot, "Netto Fisketorvet")
        assert field_error(app, "employer").startswith("No employer with that name")
        await press(pilot, *["backspace"] * 11)
        await type_text(pilot, "V")
        await press(pilot, "right")  # take the suggestion
        assert form(app).field("employer").value == "Netto Vesterbro" and field_error(app, "employer") is None
        await press(pilot, "tab", "l")  # kind: Løntilskud by its first letter
        await press(pilot, "tab")
        await type_text(pilot, "Lager, 20 timer")
        await press(pilot, "tab")
        await type_text(pilot, "200")
        assert field_error(app, "hours_per_week") == "Hours per week must be between 0 and 80."
        await press(pilot, "backspace")
        await press(pilot, "tab", "tab")
        await type_text(pilot, "+6m")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, WorkEditor)
        assert "Løntilskud" in shown_text(app)
        placement = services_for(url).citizen_detail(ids.carl).placements[0]
        assert (placement.kind, placement.hours_per_week, placement.start_on, placement.end_on, placement.purpose) == (
            PlacementKind.LOENTILSKUD, 20.0, D(2026, 11, 22), D(2027, 5, 22), "Lager, 20 timer")

        await press(pilot, "enter")  # edit: hours 20 -> 25
        await press(pilot, "tab", "tab", "tab")
        assert focused_field(app) == "hours_per_week"
        await press(pilot, "backspace", "backspace")
        await type_text(pilot, "25")
        await press(pilot, "ctrl+s")
        assert services_for(url).citizen_detail(ids.carl).placements[0].hours_per_week == 25.0

        await press(pilot, "x", "ctrl+s")  # end it today
        placement = services_for(url).citizen_detail(ids.carl).placements[0]
        assert placement.status is PlacementStatus.ENDED and placement.end_on == D(2026, 11, 22)
        await press(pilot, "escape")
        assert isinstance(app.screen, CitizenScreen)


async def test_new_employer_checks_the_cvr(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.carl)
        await press(pilot, "E", "b")
        assert isinstance(app.screen, EmployerList)
        assert "Netto Vesterbro" in shown_text(app)
        await press(pilot, "n")
        await type_text(pilot, "Bager Jensen ApS")
        await press(pilot, "tab")
        await type_text(pilot, "12345678")
        assert field_error(app, "cvr") == "CVR is not a valid company number (its check digit is wrong)."
        await press(pilot, "ctrl+s")
        assert focused_field(app) == "cvr"
        await press(pilot, "backspace")
        await type_text(pilot, "4")
        await press(pilot, "tab")
        await type_text(pilot, "Karen")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, EmployerList)
        assert "Bager Jensen ApS" in shown_text(app) and "12345674" in shown_text(app)
    employer = next(e for e in services_for(url).employers() if e.name == "Bager Jensen ApS")
    assert employer.cvr == "12345674" and employer.contact_person == "Karen"


async def test_follow_ups_on_the_citizen_tab(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_citizen(pilot, ids.carl, "follow_ups")
        assert "Send CV til Netto" in shown_text(app)

        def carl(title: str):  # noqa: ANN202
            return next(f for f in services_for(url).follow_ups(ids.carl) if f.title == title)

        await press(pilot, "x")
        assert carl("Send CV til Netto").done
        assert "Done: Send CV til Netto" in notifications(app)
        await press(pilot, "x")  # the cursor stays on it: x again undoes
        assert not carl("Send CV til Netto").done

        await press(pilot, "r")
        assert isinstance(app.screen, RescheduleForm) and "Now due 25-11-2026" in shown_text(app)
        await type_text(pilot, "+1w")
        await press(pilot, "ctrl+s")
        assert carl("Send CV til Netto").due_on == D(2026, 11, 30)

        await press(pilot, "enter")
        assert isinstance(app.screen, FollowUpForm)
        await press(pilot, "end")
        await type_text(pilot, " og Irma")
        await press(pilot, "ctrl+s")
        assert carl("Send CV til Netto og Irma").due_on == D(2026, 11, 30)

        await press(pilot, "f")
        await type_text(pilot, "Ring til a-kassen [vigtigt]")
        await press(pilot, "tab")
        await type_text(pilot, "i morgen")
        assert "Mon 23-11-2026" in shown_text(app)
        await press(pilot, "ctrl+s")
        new = carl("Ring til a-kassen [vigtigt]")
        assert new.due_on == D(2026, 11, 23) and new.owner == "mette"
        assert "Ring til a-kassen [vigtigt]" in shown_text(app)  # literal, not markup


async def test_x_off_the_follow_ups_tab_shows_the_tab_first(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_citizen(pilot, ids.carl)
        await press(pilot, "x")
        assert screen.active_tab == "follow_ups"
        assert not any(f.done for f in services_for(url).follow_ups(ids.carl) if f.title == "Send CV til Netto")


async def test_worklist_reschedule_and_new_follow_up(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "w", "j")  # Åse's "Ring til lægen"
        await press(pilot, "r")
        assert isinstance(app.screen, RescheduleForm)
        await type_text(pilot, "+2w")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, WorklistScreen)
        moved = next(f for f in services_for(url).follow_ups(ids.ase) if f.title == "Ring til lægen")
        assert moved.due_on == D(2026, 12, 7)
        assert "Rescheduled to 07-12-2026." in notifications(app)

        await press(pilot, "g", "r")  # a CTI contact cannot be rescheduled by hand
        assert isinstance(app.screen, WorklistScreen)
        assert "check-in" in notifications(app)[-1]

        await press(pilot, "f")
        assert isinstance(app.screen, FollowUpForm) and "Åse Østergaard" in shown_text(app)
        await type_text(pilot, "Tjek boligstøtte")
        await press(pilot, "tab")
        await type_text(pilot, "+3d")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, WorklistScreen)
        assert "Tjek boligstøtte" in shown_text(app)
    assert any(f.title == "Tjek boligstøtte" and f.due_on == D(2026, 11, 25) for f in services_for(url).follow_ups(ids.ase))


async def test_employer_follow_up_with_an_employer_and_no_placement(seeded, make_app, services_for):
    """Job development for Åse before any placement: the contact is about her, and
    the next follow-up date reaches her worklist."""
    url, ids = seeded
    before = services_for(url).citizen_detail(ids.ase)
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        await press(pilot, "e")  # Åse has no placement: the employer field is first
        assert focused_field(app) == "employer"
        assert "the next follow-up date goes on the citizen's worklist" in " ".join(shown_text(app).split())
        await press(pilot, "ctrl+s")
        assert field_error(app, "employer") == "Required."
        await type_text(pilot, "Netto")
        await press(pilot, "right", "tab", "tab", "tab", "tab")
        assert focused_field(app) == "outcome"
        await type_text(pilot, "Åbne for en praktik i foråret")
        await press(pilot, "tab", "tab")
        assert focused_field(app) == "next_due_on"
        await type_text(pilot, "+2w")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CitizenScreen)
        assert "Employer follow-up saved; next follow-up due 07-12-2026." in notifications(app)
    services = services_for(url)
    after = services.citizen_detail(ids.ase)
    (new,) = [f for f in after.employer_follow_ups if f not in before.employer_follow_ups]
    assert (new.employer_name, new.placement_id, new.outcome, new.next_due_on) == (
        "Netto Vesterbro", None, "Åbne for en praktik i foråret", D(2026, 12, 7))
    (due,) = [f for f in after.follow_ups if f not in before.follow_ups]
    assert (due.due_on, due.source_id) == (D(2026, 12, 7), new.id)
    assert any(i.ref_id == due.id and str(i.citizen_id) == ids.ase for i in services.worklist("mette"))
