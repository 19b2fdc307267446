"""Recording a meeting that steps through the plan (m), a no-show (n /
ctrl+n), and what a failed or cancelled save leaves behind."""

from __future__ import annotations

import datetime as dt
import errno

from enplan import drafts
from enplan.domain.enums import GoalProgress, GoalStatus, LifeArea, MeetingOutcome
from enplan.domain.errors import ValidationError
from enplan.failures import crash_dir
from enplan.ui.forms import FormModal
from enplan.ui.modals.confirm import DraftOfferModal, LeaveFormModal
from enplan.ui.modals.meeting import MeetingForm
from enplan.ui.screens.citizen import CitizenScreen
from tests.ui.conftest import notifications, press, settle, shown_text
from tests.ui.recording import Keys, field_error, focused_field, form, type_text
from tests.ui.test_citizen import open_citizen

D = dt.date


def with_three_goals(services_for, url: str, citizen: str) -> list[str]:
    services = services_for(url)
    services.add_goal(citizen, LifeArea.NETVAERK, "Se min søster hver uge")
    return [str(g.id) for g in services.citizen_detail(citizen).plan.active_goals]


async def test_a_held_meeting_steps_through_each_goal_and_saves_everything(seeded, make_app, services_for):
    url, ids = seeded
    goals = with_three_goals(services_for, url, ids.ase)
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        keys = Keys(pilot)
        await keys("m")
        meeting = form(app)
        assert isinstance(meeting, MeetingForm)
        text = shown_text(app)
        assert "Jobsamtale" in text and "In person" in text and "22-11-2026" in text and "10:00" in text
        await keys("ctrl+down")
        assert "Goal 1 of 3 · Bolig" in shown_text(app) and "Find en lejlighed" in shown_text(app)
        assert focused_field(app) == f"goal-{goals[0]}-note"
        await keys.type("Har fået en lejlighed")
        await keys("shift+tab", "4")  # the status: achieved; the note gets the focus back
        assert focused_field(app) == f"goal-{goals[0]}-note"
        await keys("alt+n")
        assert focused_field(app) == f"goal-{goals[1]}-note"
        await keys.type("Vil i butik")
        await keys("ctrl+down")
        await keys.type("Ringer hver søndag")
        await keys("shift+tab", "p")  # progress, by its first letter
        await keys("ctrl+down")
        assert "Agreed next steps" in shown_text(app)
        await keys.type("Ring til Netto")
        await keys("tab")
        await keys.type("+1w")
        assert "Mon 30-11-2026" in shown_text(app)  # the parsed date beside the field (+1w: Sunday → Monday)
        await keys("tab")
        await keys.type("Åse")
        await keys("ctrl+s")
        assert isinstance(app.screen, CitizenScreen)
        assert "Meeting saved with 1 follow-up." in notifications(app)

        detail = services_for(url).citizen_detail(ids.ase)
        m = detail.meetings[0]
        assert m.outcome is MeetingOutcome.HELD and m.starts_at == dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
        assert [(str(n.goal_id), n.progress, n.note) for n in m.goal_notes] == [
            (goals[0], GoalProgress.ACHIEVED, "Har fået en lejlighed"),
            (goals[1], None, "Vil i butik"),
            (goals[2], GoalProgress.PROGRESS, "Ringer hver søndag"),
        ]
        statuses = {str(g.id): g.status for g in detail.plan.goals}
        assert statuses[goals[0]] is GoalStatus.ACHIEVED and statuses[goals[2]] is GoalStatus.ACTIVE
        step = next(f for f in detail.follow_ups if f.title == "Ring til Netto")
        assert step.due_on == D(2026, 11, 30) and step.owner == "Åse" and str(step.source) == "meeting"

        await press(pilot, "2")  # the timeline shows it at the top
        text = shown_text(app)
        assert text.index("▸ Find en lejlighed · Achieved — Har fået en lejlighed") < text.index("03-11-2026")


async def test_next_and_back_keys_never_type_into_the_note(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        await press(pilot, "m", "alt+n")
        meeting = form(app)
        note = meeting.query(".goal-page").first().query_one("TextArea")
        await type_text(pilot, "abc")
        await press(pilot, "alt+n", "alt+p", "ctrl+down", "ctrl+up")
        assert note.text == "abc"
        assert meeting.page == 1
        await press(pilot, "ctrl+up")
        assert meeting.page == 0
        await press(pilot, "ctrl+up")  # nothing before the first page
        assert meeting.page == 0


async def test_did_not_show_is_one_key_and_schedules_a_new_contact(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.carl)
        keys = Keys(pilot)
        await keys("n")  # straight into the form as a no-show
        assert "Mon 30-11-2026" in shown_text(app)  # next working day a week out
        await keys("ctrl+s")
        assert keys.count == 2
        detail = services_for(url).citizen_detail(ids.carl)
        assert detail.meetings[0].outcome is MeetingOutcome.NO_SHOW
        new_contact = next(f for f in detail.follow_ups if f.source.value == "meeting")
        assert new_contact.due_on == D(2026, 11, 30) and not new_contact.done


async def test_ctrl_n_in_the_meeting_form_turns_it_into_a_no_show(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        await press(pilot, "m", "ctrl+n")
        meeting = form(app)
        assert meeting.outcome == "no_show" and meeting.page_ids() == ["page-details"]
        assert focused_field(app) == "new_contact_on"
        await press(pilot, *["backspace"] * 10)
        await type_text(pilot, "+2w")
        await press(pilot, "ctrl+s")
        detail = services_for(url).citizen_detail(ids.ase)
        assert detail.meetings[0].outcome is MeetingOutcome.NO_SHOW
        assert any(f.due_on == D(2026, 12, 7) and f.source.value == "meeting" for f in detail.follow_ups)


async def test_wrong_values_keep_the_form_open_with_the_error_at_the_field(seeded, make_app, services_for):
    url, ids = seeded
    before = services_for(url).citizen_detail(ids.ase)
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        await press(pilot, "m", "tab", "tab", "tab", "tab")
        assert focused_field(app) == "ends"
        await type_text(pilot, "09:15")  # before the 10:00 start
        await press(pilot, "ctrl+down", "ctrl+down", "ctrl+down")
        await type_text(pilot, "Ring til lægen")  # a next step without a due date
        await press(pilot, "ctrl+s")
        meeting = form(app)
        assert field_error(app, "step-0") == "A next step needs a due date (e.g. +2w)."
        assert meeting.page == 3 and focused_field(app) == "step-0"  # save went to the first invalid field
        assert app.focused.has_class("step-due")  # ... to the part that is missing
        await type_text(pilot, "31-02-2026")
        assert field_error(app, "step-0") == "31-02-2026 is not a real date."
        await press(pilot, *["backspace"] * 10)
        await type_text(pilot, "+1w")
        await press(pilot, "ctrl+s")
        assert field_error(app, "ends") == "The meeting ends before it starts."
        assert meeting.page == 0 and focused_field(app) == "ends"
        assert "Not saved" in shown_text(app)
    after = services_for(url).citizen_detail(ids.ase)
    assert after.meetings == before.meetings and after.follow_ups == before.follow_ups


async def test_a_refused_save_keeps_the_form_and_the_text(seeded, make_app, services_for, monkeypatch):
    from enplan.services import Services

    def refuse(self, citizen_id, data, **_kw):  # noqa: ANN001, ANN003, ANN202
        raise ValidationError("The meeting start needs a time zone.", "starts_at")

    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        await press(pilot, "m", "ctrl+down")
        await type_text(pilot, "Vigtig note")
        monkeypatch.setattr(Services, "record_meeting", refuse)
        await press(pilot, "ctrl+s")
        assert field_error(app, "held_on") == "The meeting start needs a time zone."  # starts_at → the date field
        assert form(app).page == 0
        monkeypatch.setattr(Services, "record_meeting", lambda *a, **k: (_ for _ in ()).throw(
            OSError(errno.EIO, "Input/output error")))
        await press(pilot, "ctrl+s")
        assert "Not saved: The disk reported an error, so nothing was saved" in shown_text(app)
        monkeypatch.setattr(Services, "record_meeting", lambda *a, **k: (_ for _ in ()).throw(
            KeyError("a bug")))
        await press(pilot, "ctrl+s")  # unexpected: a crash report, named in the form; the form stays
        reports = list(crash_dir().glob("crash-*.txt"))
        assert len(reports) == 1 and "KeyError: 'a bug'" in reports[0].read_text()
        assert "An unexpected error happened; the details are in" in " ".join(shown_text(app).split())
        await press(pilot, "ctrl+down")
        assert "Vigtig note" in shown_text(app)
    assert services_for(url).citizen_detail(ids.ase).meetings[0].starts_at.date() == D(2026, 11, 3)


async def test_cancel_asks_and_discard_leaves_nothing(seeded, make_app, services_for):
    url, ids = seeded
    before = services_for(url).citizen_detail(ids.ase)
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        await press(pilot, "m", "escape")  # unchanged: closes at once
        assert isinstance(app.screen, CitizenScreen)
        await press(pilot, "m", "ctrl+down")
        await type_text(pilot, "noget")
        await press(pilot, "escape")
        assert isinstance(app.screen, LeaveFormModal)
        await press(pilot, "escape")  # back to the form, text intact
        assert isinstance(app.screen, MeetingForm) and "noget" in shown_text(app)
        await press(pilot, "escape", "d")
        assert isinstance(app.screen, CitizenScreen)
        assert not drafts.has_draft(f"meeting:{ids.ase}")
    after = services_for(url).citizen_detail(ids.ase)
    assert after.meetings == before.meetings and after.plan == before.plan


async def test_a_draft_survives_closing_the_app(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        await press(pilot, "m", "tab", "tab", "tab", "tab", "tab")
        await type_text(pilot, "Café Sult")  # location
        await press(pilot, "ctrl+down")
        await type_text(pilot, "Skrev ansøgning")
        await press(pilot, "shift+tab", "2")
        await pilot.press("ctrl+q")  # quit with the form open
        await pilot.pause()
    assert drafts.has_draft(f"meeting:{ids.ase}")

    again = make_app(url)
    async with again.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        await press(pilot, "m")
        assert isinstance(again.screen, DraftOfferModal)
        await press(pilot, "r")
        meeting = form(again)
        goal = services_for(url).citizen_detail(ids.ase).plan.active_goals[0]
        assert meeting.field("location").value == "Café Sult"
        assert meeting.field(f"goal-{goal.id}-note").value == "Skrev ansøgning"
        assert meeting.field(f"goal-{goal.id}-status").value == "no_change"
        await press(pilot, "ctrl+s")
        assert isinstance(again.screen, CitizenScreen)
    assert not drafts.has_draft(f"meeting:{ids.ase}")
    m = services_for(url).citizen_detail(ids.ase).meetings[0]
    assert m.location == "Café Sult" and m.goal_notes[0].progress is GoalProgress.NO_CHANGE


async def test_escape_keep_draft_then_not_now_keeps_it_for_later(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        await press(pilot, "m", "ctrl+down")
        await type_text(pilot, "halvt færdig")
        await press(pilot, "escape", "k")
        assert isinstance(app.screen, CitizenScreen)
        assert "Draft kept; it is offered when you open this form again." in notifications(app)
        await press(pilot, "m")
        assert isinstance(app.screen, DraftOfferModal)
        await press(pilot, "escape")  # not now: a fresh form, the draft stays
        assert isinstance(app.screen, FormModal) and "halvt færdig" not in shown_text(app)
        await press(pilot, "escape")
        assert drafts.has_draft(f"meeting:{ids.ase}")
        await press(pilot, "m", "d")  # discard it
        assert not drafts.has_draft(f"meeting:{ids.ase}")
        await settle(pilot)
