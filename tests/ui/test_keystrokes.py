"""The keystroke budget of issue 4, measured: every key that is not typed
text counts (opening the form, moving between fields and steps, choosing,
saving). Each test drives the exact sequence and checks what was stored.

Budgets: a held meeting through 3 goals with one status change and one
follow-up ≤ 30; a CTI check-in ≤ 10; an employer follow-up on an existing
placement ≤ 12; marking a worklist item done ≤ 3 from the worklist; trivsel
and the caseworker's belief recorded from the citizen ≤ 8 (issue 12)."""

from __future__ import annotations

import datetime as dt

from enplan.domain.enums import GoalProgress, LifeArea
from enplan.ui.screens.citizen import CitizenScreen
from tests.ui.conftest import settle
from tests.ui.recording import Keys, form
from tests.ui.test_citizen import open_citizen

D = dt.date
MEASURED = {"meeting": 9, "checkin": 4, "employer_follow_up": 4, "worklist_done": 2, "trivsel_and_belief": 3}


async def test_meeting_through_three_goals(seeded, make_app, services_for):
    url, ids = seeded
    services = services_for(url)
    services.add_goal(ids.ase, LifeArea.NETVAERK, "Se min søster hver uge")
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        keys = Keys(pilot)
        await keys("m")                      # the meeting: today, now, in person, held
        await keys("ctrl+down")              # goal 1: the note has focus
        await keys.type("Har set tre lejligheder")
        await keys("shift+tab", "1")         # status: progress (back in the note afterwards)
        await keys("ctrl+down")              # goal 2
        await keys.type("Vil stadig i butik")
        await keys("ctrl+down")              # goal 3
        await keys.type("Ringede søndag")
        await keys("ctrl+down")              # next steps
        await keys.type("Send ansøgning til boligselskabet")
        await keys("tab")
        await keys.type("+1w")
        await keys("ctrl+s")
        assert isinstance(app.screen, CitizenScreen)
    assert keys.count == MEASURED["meeting"] <= 30, keys.log
    m = services_for(url).citizen_detail(ids.ase).meetings[0]
    assert [n.progress for n in m.goal_notes] == [GoalProgress.PROGRESS, None, None]
    assert len(m.goal_notes) == 3
    assert any(f.title == "Send ansøgning til boligselskabet" and f.due_on == D(2026, 11, 30)
               for f in services_for(url).follow_ups(ids.ase))


async def test_cti_check_in(seeded, make_app, services_for):
    url, ids = seeded
    services = services_for(url)
    phase1 = next(p for p in services.citizen_detail(ids.ase).cti.phases if p.phase == 1)
    services.set_focus_areas(phase1.id, ["bolig", "netvaerk"])
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        keys = Keys(pilot)
        await keys("c")                      # today, last form, the check-in's note has focus
        await keys.type("Kort snak i døren")
        await keys("tab")                    # the first focus area's note
        await keys.type("Fik svar fra boligselskabet")
        await keys("tab")
        await keys.type("Besøgte søsteren")
        await keys("ctrl+s")
        assert isinstance(app.screen, CitizenScreen)
    assert keys.count == MEASURED["checkin"] <= 10, keys.log
    cti = services_for(url).citizen_detail(ids.ase).cti
    assert cti.checkins[0].held_on == D(2026, 11, 22) and cti.next_contact_due == D(2026, 11, 30)


async def test_employer_follow_up_on_an_existing_placement(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.bjorn)
        keys = Keys(pilot)
        await keys("e")                      # the placement, today, last contact person; outcome has focus
        await keys.type("Går godt, vil gerne forlænge")
        await keys("tab", "tab")             # past the notes to the next follow-up date
        await keys.type("+2w")
        await keys("ctrl+s")
        assert isinstance(app.screen, CitizenScreen)
    assert keys.count == MEASURED["employer_follow_up"] <= 12, keys.log
    f = services_for(url).citizen_detail(ids.bjorn).employer_follow_ups[0]
    assert f.outcome == "Går godt, vil gerne forlænge" and f.next_due_on == D(2026, 12, 7)


async def test_marking_a_worklist_item_done(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("w")               # getting there is not part of the budget ("from the worklist")
        await settle(pilot)
        keys = Keys(pilot)
        await keys("j")                      # the first follow-up (the first line is a CTI contact)
        await keys("x")
    assert keys.count == MEASURED["worklist_done"] <= 3, keys.log
    assert next(f for f in services_for(url).follow_ups(ids.ase) if f.title == "Ring til lægen").done


def test_the_step_keys_are_what_terminals_send():
    """What Textual makes of the bytes a terminal sends for the step keys
    (xterm, tmux, Windows Terminal: ctrl+arrows as CSI 1;5, alt as an ESC
    prefix); and why the goal status has no alt+digit key."""
    from textual._xterm_parser import XTermParser

    from enplan.ui.actions import BY_ID

    def keys(sequence: str) -> list[str]:
        parser = XTermParser(False)
        events = list(parser.feed(sequence))
        try:
            events += list(parser.feed(""))
        except Exception:  # noqa: BLE001 - end of input
            pass
        return [e.key for e in events if hasattr(e, "key")]

    assert keys("\x1b[1;5B") == ["ctrl+down"] and keys("\x1bn") == ["alt+n"]
    assert keys("\x1b[1;5A") == ["ctrl+up"] and keys("\x1bp") == ["alt+p"]
    assert set(BY_ID["meeting_next"].keys.split(",")) == {"ctrl+down", "alt+n"}
    assert set(BY_ID["meeting_previous"].keys.split(",")) == {"ctrl+up", "alt+p"}
    assert keys("\x1b1") == ["inverted_exclamation_mark"]  # alt+1 would type "¡" into the note


async def test_trivsel_and_belief_in_a_few_keys(seeded, make_app, services_for):
    url, ids = seeded
    before = len(services_for(url).progress(ids.carl).rows)
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.carl)
        keys = Keys(pilot)
        await keys("M")                      # today; trivsel has the focus
        await keys.type("57")
        await keys("tab")                    # belief
        await keys.type("4")
        assert "4 = likely" in str(form(app).field("m-belief").query_one(".field-aside").render())
        await keys("ctrl+s")
        assert isinstance(app.screen, CitizenScreen)
    assert keys.count == MEASURED["trivsel_and_belief"] <= 8, keys.log
    rows = services_for(url).progress(ids.carl).rows
    assert len(rows) == before + 2
    assert {(r.instrument, r.value, r.measured_on) for r in rows[:2]} == {("trivsel", 57, D(2026, 11, 22)),
                                                                         ("belief", 4, D(2026, 11, 22))}
