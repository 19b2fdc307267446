"""The team screen, the handover form and the note shown first (issue 15), on the
seeded caseload (no teams set up: mette and jonas are everyone with citizens)."""

from __future__ import annotations

from enplan.config import Settings
from enplan.ui.modals.handover import HandoverForm, HandoverNoteModal
from enplan.ui.screens.citizen import CitizenScreen
from enplan.ui.screens.team import TeamScreen
from enplan.ui.screens.worklist import WorklistScreen
from tests.hostile import CONTROL, MARKUP
from tests.ui.conftest import press, settle, shown_text
from tests.ui.test_layout_sizes import label_problems


async def test_team_screen_lists_caseworkers_in_words_and_opens_a_worklist(seeded, make_app):
    url, _ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "T")
        assert isinstance(app.screen, TeamScreen)
        text = shown_text(app)
        assert "Everyone with citizens" in text and "2 caseworkers" in text
        assert "▼ under" in text  # 6 citizens: under the guideline, said with a mark and a word
        assert "1 citizen: ▼ under the guideline of 35–55" in text  # jonas, under the cursor, in the pane
        await press(pilot, "j")
        assert "6 citizens: ▼ under the guideline of 35–55" in shown_text(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, WorklistScreen) and app.screen.caseworker == "mette"
        assert "Worklist · mette" in shown_text(app)


async def _open_form(pilot):  # noqa: ANN001, ANN202
    await settle(pilot)
    await press(pilot, "T", "j", "h")  # mette's citizens (jonas is first)
    form = pilot.app.screen
    assert isinstance(form, HandoverForm) and form.login == "mette"
    return form


async def test_handover_form_refuses_then_hands_over_and_the_note_comes_first(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    note = "Ring før kl. 10 " + MARKUP["click_quit"]
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        await press(pilot, "ctrl+s")  # nothing ticked
        assert isinstance(app.screen, HandoverForm) and form.field("citizens").error == "Required."
        form.field("citizens").value = ids.carl
        form.field("to").value = "jonas"
        form.field("note").value = CONTROL["ansi_clear_screen"]
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HandoverForm)
        assert "control characters" in form.field("note").error
        assert services_for(url).citizen_detail(ids.carl).citizen.caseworker == "mette"  # nothing changed
        form.field("note").value = note
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TeamScreen)
    detail = services_for(url).citizen_detail(ids.carl)
    assert detail.citizen.caseworker == "jonas" and detail.caseworkers[-1].note == note.strip()
    jonas = make_app(url, caseworker="jonas")
    async with jonas.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        jonas.open_citizen(ids.carl)
        await settle(pilot)
        await settle(pilot)
        assert isinstance(jonas.screen, HandoverNoteModal)
        assert "[@click=app.quit]Save[/]" in shown_text(jonas)  # shown literally, not as markup
        assert not label_problems(jonas.screen, "handover note at 80x24")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(jonas.screen, CitizenScreen)
        await press(pilot, "2")
        assert "Caseworker: mette → jonas" in shown_text(jonas)
    assert services_for(url).citizen_detail(ids.carl).caseworkers[-1].note_read_at is not None


async def test_a_handover_someone_else_made_meanwhile_is_one_sentence(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot)
        assert [key for key, _name in form.citizens][:1] and form.colleagues == ["jonas"]  # not to mette herself
        form.field("citizens").value = f"{ids.carl},{ids.ase}"
        form.field("to").value = "jonas"
        services_for(url).hand_over([ids.carl], "jonas", "")  # another leader, a moment earlier
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HandoverForm)
        assert "jonas is already the caseworker of Carl Nielsen; nothing was changed." in form.field("to").error
    assert services_for(url).citizen_detail(ids.ase).citizen.caseworker == "mette"  # all or nothing


async def test_a_citizen_is_handed_over_from_their_own_screen_through_the_palette(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_citizen(ids.bjorn)
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await pilot.press(*"hand over")
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, HandoverForm) and form.field("citizens").value == ids.bjorn  # already ticked
        form.field("note").value = "Bjørn starter i praktik mandag."
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CitizenScreen)
    assert services_for(url).citizen_detail(ids.bjorn).citizen.caseworker == "jonas"


async def test_team_screen_and_handover_form_fit_in_both_languages(seeded, make_app):
    url, _ids = seeded
    for language in ("en", "da"):
        for size in ((80, 24), (120, 36)):
            app = make_app(url, settings=Settings(language=language))
            async with app.run_test(size=size) as pilot:
                await settle(pilot)
                await press(pilot, "T")
                assert not label_problems(app.screen, f"team {language} {size}")
                await press(pilot, "h")
                assert isinstance(app.screen, HandoverForm)
                assert not label_problems(app.screen, f"handover {language} {size}")
                await press(pilot, "escape")
                app.push_screen(HandoverNoteModal("Åse Østergaard", _spell("Ring før kl. 10.\n" * 40)))
                await settle(pilot)
                assert not label_problems(app.screen, f"handover note {language} {size}")


def _spell(note: str):  # noqa: ANN202 - a CaseworkerSpell as a handover writes it
    import datetime as dt
    import uuid

    from enplan.domain.team import CaseworkerSpell

    return CaseworkerSpell(uuid.uuid4(), "mette", dt.datetime(2026, 11, 20, 9, tzinfo=dt.timezone.utc), None,
                           "lise", note, None, "jonas")
