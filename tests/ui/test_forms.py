"""What every form does: dates in all the forms caseworkers write (parsed
date beside the field), errors at the field as you type and on save, the
first invalid field focused, someone else's save (ConflictError) keeping
the text, and the plan and citizen forms end to end."""

from __future__ import annotations

import datetime as dt

import pytest

from enplan import drafts
from enplan.domain.enums import ActionStatus, CitizenStatus, LifeArea, Provider, TargetGroup
from enplan.ui.modals.citizen_form import CitizenForm
from enplan.ui.modals.confirm import ConfirmModal, ConflictModal, DraftOfferModal
from enplan.ui.modals.follow_up import FollowUpForm
from enplan.ui.modals.plan import PlanEditor, PlanForm
from enplan.ui.screens.citizen import CitizenScreen
from tests.ui.conftest import notifications, press, settle, shown_text
from tests.ui.recording import field_error, focused_field, form, type_text
from tests.ui.test_citizen import open_citizen

D = dt.date


async def new_follow_up(pilot, citizen: str) -> FollowUpForm:  # noqa: ANN001
    await open_citizen(pilot, citizen)
    await press(pilot, "f")
    assert isinstance(pilot.app.screen, FollowUpForm)
    return pilot.app.screen


@pytest.mark.parametrize(("typed", "error"), [
    ("31-02-2026", "31-02-2026 is not a real date."),
    ("01-01-1899", "Dates must lie between 1900 and 2100."),
    ("garbage", "Not a date. Use dd-mm-yyyy, yyyy-mm-dd, today or +2w."),
    ("", "Required."),
])
async def test_a_bad_date_is_refused_at_the_field(seeded, make_app, services_for, typed, error):
    url, ids = seeded
    before = services_for(url).follow_ups(ids.carl)
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_follow_up(pilot, ids.carl)
        await type_text(pilot, "Ring til lægen")
        await press(pilot, "tab")
        await type_text(pilot, typed)
        if typed:
            assert field_error(app, "due_on") == error  # as you type
        await press(pilot, "tab")  # away from the field, then save
        await press(pilot, "ctrl+s")
        assert field_error(app, "due_on") == error  # and again on save
        assert focused_field(app) == "due_on"  # save focused the invalid field
        assert error in shown_text(app) and "1 field needs attention." in shown_text(app)
        assert isinstance(app.screen, FollowUpForm)
    assert services_for(url).follow_ups(ids.carl) == before


async def test_an_empty_required_field_is_named_and_focused_first(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_follow_up(pilot, ids.carl)
        assert field_error(app, "title") is None  # not an error before anything was tried
        await press(pilot, "tab", "ctrl+s")
        assert field_error(app, "title") == "Required." and field_error(app, "due_on") == "Required."
        assert focused_field(app) == "title"
        assert "2 fields need attention." in shown_text(app)
        await type_text(pilot, "x")
        assert field_error(app, "title") is None  # fixed as you type


@pytest.mark.parametrize(("typed", "shown"), [
    ("24-12-2026", "Thu 24-12-2026"), ("24.12.2026", "Thu 24-12-2026"), ("2026-12-24", "Thu 24-12-2026"),
    ("24/12/2026", "Thu 24-12-2026"), ("today", "Sun 22-11-2026"), ("i dag", "Sun 22-11-2026"),
    ("tomorrow", "Mon 23-11-2026"), ("+3d", "Wed 25-11-2026"), ("+2w", "Mon 07-12-2026"),
    ("+1m", "Tue 22-12-2026"), ("+1y", "Mon 22-11-2027"),
])
async def test_every_date_form_shows_the_date_it_means(seeded, make_app, services_for, typed, shown):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_follow_up(pilot, ids.carl)
        await type_text(pilot, "Opfølgning")
        await press(pilot, "tab")
        await type_text(pilot, typed)
        assert f"→ {shown}" in shown_text(app)
        await press(pilot, "ctrl+s")
    saved = next(f for f in services_for(url).follow_ups(ids.carl) if f.title == "Opfølgning")
    assert saved.due_on.strftime("%d-%m-%Y") == shown.split()[1]


async def test_a_relative_date_on_a_holiday_shows_and_saves_the_next_working_day(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url, today=D(2026, 12, 17))  # a Thursday: +1w is Christmas Eve
    async with app.run_test(size=(100, 24)) as pilot:
        await new_follow_up(pilot, ids.carl)
        await type_text(pilot, "Ring efter jul")
        await press(pilot, "tab")
        await type_text(pilot, "+1w")
        assert "→ Mon 28-12-2026  moved from 24-12" in shown_text(app)
        await press(pilot, "ctrl+s")
    saved = next(f for f in services_for(url).follow_ups(ids.carl) if f.title == "Ring efter jul")
    assert saved.due_on == D(2026, 12, 28)


async def test_someone_elses_save_keeps_my_text_and_offers_a_reload(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        await press(pilot, "p")
        assert isinstance(app.screen, PlanEditor)
        await press(pilot, "o")
        assert isinstance(app.screen, PlanForm)
        await press(pilot, "end")
        await type_text(pilot, " i Valby")
        other = services_for(url)  # another caseworker saves the plan meanwhile
        other.update_plan(ids.ase, own_goal="Jeg vil bo tæt på min søster", consent_given_on=D(2026, 3, 1),
                          consent_scope="Jobcenter og bostøtte", consent_withdrawn_on=None, review_on=D(2026, 12, 1))
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConflictModal)
        assert "checker changed this plan (own_goal)" in shown_text(app)
        assert drafts.load_draft(f"plan:{ids.ase}")["own_goal"] == "Jeg vil have min egen lejlighed i Valby"
        await press(pilot, "escape")  # back: my text is still in the form
        assert form(app).field("own_goal").value == "Jeg vil have min egen lejlighed i Valby"
        assert "Not saved" in shown_text(app)
        await press(pilot, "ctrl+s", "r")  # reload: the form opens again on their version ...
        await settle(pilot)
        assert isinstance(app.screen, DraftOfferModal)  # ... and offers my draft
        await press(pilot, "escape")
        assert form(app).field("own_goal").value == "Jeg vil bo tæt på min søster"
        await press(pilot, "escape")  # unchanged: closes; the draft is kept
        await press(pilot, "o", "r")
        assert form(app).field("own_goal").value == "Jeg vil have min egen lejlighed i Valby"
        await press(pilot, "ctrl+s")  # saved over theirs on purpose, on the fresh version
        assert isinstance(app.screen, PlanEditor)
    assert services_for(url).citizen_detail(ids.ase).plan.own_goal == "Jeg vil have min egen lejlighed i Valby"
    assert not drafts.has_draft(f"plan:{ids.ase}")


async def test_plan_editing_own_goal_consent_goals_and_actions(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_citizen(pilot, ids.bjorn)
        await press(pilot, "p", "enter")  # the first line: own goal and consent
        assert isinstance(app.screen, PlanForm)
        await type_text(pilot, "Et fast job i detailhandlen")
        await press(pilot, "tab")
        await type_text(pilot, "i dag")
        await press(pilot, "tab")
        await type_text(pilot, "Jobcenter og praktiksted")
        await press(pilot, "tab")
        await type_text(pilot, "01-11-2026")  # withdrawn before given: refused
        await press(pilot, "ctrl+s")
        assert field_error(app, "consent_withdrawn_on") == "Consent is withdrawn before the date it was given."
        await press(pilot, *["backspace"] * 10, "ctrl+s")
        assert isinstance(app.screen, PlanEditor)

        await press(pilot, "n")  # a new goal: the title has focus
        await type_text(pilot, "Flere timer i praktikken")
        await press(pilot, "shift+tab", "b")  # life area by its first letter: Bolig
        await press(pilot, "ctrl+s")
        await press(pilot, "G", "a")  # an action on that goal
        await type_text(pilot, "Tal med praktikstedet")
        await press(pilot, "tab", "right", "tab")  # provider: Socialforvaltning
        await type_text(pilot, "+2w")
        await press(pilot, "ctrl+s")
        assert "Tal med praktikstedet" in shown_text(app)
        await press(pilot, "G", "enter", "tab", "tab", "tab", "right", "ctrl+s")  # status: in progress
        await press(pilot, "escape")
        assert isinstance(app.screen, CitizenScreen)
        text = shown_text(app)
        assert "Et fast job i detailhandlen" in text and "Consent given 22-11-2026" in text

    plan = services_for(url).citizen_detail(ids.bjorn).plan
    assert plan.own_goal == "Et fast job i detailhandlen" and plan.consent_given_on == D(2026, 11, 22)
    assert plan.consent_scope == "Jobcenter og praktiksted" and plan.consent_withdrawn_on is None
    goal = plan.goals[0]
    assert goal.life_area is LifeArea.BOLIG and goal.title == "Flere timer i praktikken"
    action = goal.actions[0]
    assert (action.description, action.provider, action.due_on, action.status) == (
        "Tal med praktikstedet", Provider.SOCIALFORVALTNING, D(2026, 12, 7), ActionStatus.IN_PROGRESS)


async def test_new_citizen_from_the_caseload_then_edit_close_and_reopen(seeded, make_app, services_for):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        assert isinstance(app.screen, CitizenForm)
        await type_text(pilot, "Ærlig Østergård")
        await press(pilot, "tab", "j", "tab")  # target group: Jobparat (first letter)
        await type_text(pilot, "3102901234")
        assert field_error(app, "cpr") == "CPR does not start with a real date of birth (DDMMYY)."
        await press(pilot, *["backspace"] * 10)
        await type_text(pilot, "010290-1234")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CitizenScreen)  # the new citizen opens
        assert "Ærlig Østergård  010290-XXXX" in shown_text(app)
        citizen_id = app.screen.citizen_id

        await press(pilot, "i")
        await press(pilot, "tab", "tab", "tab")
        await type_text(pilot, "12345678")
        await press(pilot, "ctrl+s")
        await press(pilot, "X")
        await press(pilot, "ctrl+s")
        assert field_error(app, "reason") == "Required."
        await type_text(pilot, "Flyttet")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmModal) and "Close the case of Ærlig Østergård" in shown_text(app)
        await press(pilot, "y")
        assert "Case closed." in notifications(app)
        info = services_for(url).citizen_detail(citizen_id).citizen
        assert info.status is CitizenStatus.CLOSED and info.closed_reason == "Flyttet"
        await press(pilot, "X", "y")
        assert "Case reopened." in notifications(app)
    info = services_for(url).citizen_detail(citizen_id).citizen
    assert info.status is CitizenStatus.ACTIVE and info.phone == "12345678"
    assert info.target_group is TargetGroup.JOBPARAT and info.cpr_masked == "010290-XXXX"


async def test_a_name_without_a_letter_is_refused_at_the_field(seeded, make_app, services_for):
    url, _ids = seeded
    before = services_for(url).caseload()
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        await type_text(pilot, "-- ..")
        await press(pilot, "tab", "j", "ctrl+s")
        assert field_error(app, "name") == "A name needs at least one letter or digit."
        assert isinstance(app.screen, CitizenForm)
    assert services_for(url).caseload() == before


async def test_navigation_keys_never_leave_a_form(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        await press(pilot, "m")
        await press(pilot, "w", "H")  # on a choice field: letters pick options, never navigate
        assert app.screen.__class__.__name__ == "MeetingForm"


async def test_form_text_goes_through_the_translation_function(seeded, make_app, monkeypatch):
    import gettext

    from enplan import i18n

    class Marked(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return f"«{message}»"

    monkeypatch.setattr(i18n, "_translation", Marked())
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_citizen(pilot, ids.carl)
        await press(pilot, "f")
        text = shown_text(app)
        assert "«New follow-up»" in text and "«What»" in text and "«Due»" in text and "«Save»" in text
        await press(pilot, "ctrl+s")
        assert "«Required.»" in shown_text(app)


async def test_a_conflict_on_the_citizen_screen_reopens_the_form_with_the_draft(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_citizen(pilot, ids.carl, "follow_ups")
        await press(pilot, "enter")
        assert isinstance(app.screen, FollowUpForm)
        await press(pilot, "end")
        await type_text(pilot, " (husk bilag)")
        services_for(url).reschedule_follow_up(ids.carl_follow_up, D(2026, 12, 1))  # someone else, meanwhile
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConflictModal)
        await press(pilot, "r")
        await settle(pilot)
        assert isinstance(app.screen, DraftOfferModal)  # the form again, on the fresh record
        await press(pilot, "r")
        assert form(app).field("title").value == "Send CV til Netto (husk bilag)"
        assert form(app).field("due_on").value == "25-11-2026"  # my draft's date; theirs was 01-12-2026
        await press(pilot, "tab", *["backspace"] * 10)
        await type_text(pilot, "01-12-2026")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CitizenScreen)
    saved = next(f for f in services_for(url).follow_ups(ids.carl) if str(f.id) == ids.carl_follow_up)
    assert (saved.title, saved.due_on) == ("Send CV til Netto (husk bilag)", D(2026, 12, 1))


async def test_help_inside_a_form_lists_its_keys_and_returns_to_the_typed_text(seeded, make_app):
    from enplan.ui.screens.help import HelpScreen

    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 40)) as pilot:
        form = await new_follow_up(pilot, ids.carl)
        await type_text(pilot, "Ring?")  # in a text field "?" is text
        assert form.field("title").value == "Ring?" and app.screen is form
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        text = shown_text(app)
        assert "Save" in text and "Cancel" in text and "Forms" in text
        await press(pilot, "escape")
        assert app.screen is form and form.field("title").value == "Ring?"


async def test_the_highlighted_label_follows_the_focus_through_a_form(seeded, make_app):
    from enplan.ui.widgets.fields import FormField

    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_citizen(pilot, ids.ase)
        await press(pilot, "m")
        for _ in range(6):
            highlighted = [f.name for f in app.screen.query(FormField)
                           if f.query_one(".field-label").rich_style.bold]
            assert highlighted == [focused_field(app)]
            await press(pilot, "tab")
