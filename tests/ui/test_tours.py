"""The shipped guided tours, run to the end over the real app on the demo
database: for every step, the step's screen is on top, its widget exists and
is marked, and pressing the step's own key (or typing, for a typed step)
completes it. What the trainee does between steps (choosing a citizen, moving
to a line) is what the step's text asks for; the effects are then read back
from the database."""

from __future__ import annotations

import datetime as dt

import pytest

from enplan.ui.actions import BY_ID, effective_keys
from enplan.ui.tour import HIGHLIGHT, find_target
from enplan.ui.tour_screens import screen_name
from tests.ui.conftest import press, settle
from tests.ui.recording import type_text

BJORN, THOMAS = "Bjørn Ølstrup", "Thomas Bøgh Larsen"


async def until_screen(pilot, name: str) -> None:  # noqa: ANN001
    for _ in range(40):
        if screen_name(pilot.app.screen) == name:
            return
        await pilot.pause(0.05)
        await settle(pilot)
    raise AssertionError(f"{name} never came on top; {type(pilot.app.screen).__name__} is")


async def filter_to(pilot, name: str) -> None:  # noqa: ANN001
    await press(pilot, "slash")
    await type_text(pilot, name)
    await press(pilot, "down")


async def worklist_to(pilot, text: str) -> None:  # noqa: ANN001
    screen = pilot.app.screen
    for _ in range(300):
        item = screen._current_item()  # noqa: SLF001 - the line under the cursor
        if item is not None and text in f"{item.citizen_name} {item.what}":
            return
        await pilot.press("down")
    raise AssertionError(f"no worklist line with {text!r}")


async def overdue_follow_up(pilot, seen: dict) -> None:  # noqa: ANN001
    from enplan.domain.followups import WorkKind

    screen = pilot.app.screen
    for _ in range(300):
        item = screen._current_item()  # noqa: SLF001
        if item is not None and item.kind is WorkKind.FOLLOW_UP and item.due < pilot.app.today:
            seen["follow_up"] = (item.citizen_id, item.ref_id)
            return
        await pilot.press("down")
    raise AssertionError("no overdue follow-up on the worklist")


async def focus_typing(pilot, target) -> None:  # noqa: ANN001
    from textual.widgets import Input, TextArea

    target.query(f"{Input.__name__}, {TextArea.__name__}").first().focus()
    await settle(pilot)


async def meeting_due(pilot, seen: dict) -> None:  # noqa: ANN001
    """The text asks for a due date on the agreed step: Tab, then +2w."""
    await press(pilot, "tab")
    await type_text(pilot, "+2w")


# What the trainee does before a step's key, as the step's text asks (tour id, step index) -> moves.
BEFORE = {
    ("overdue", 1): overdue_follow_up,
    ("meeting", 0): lambda pilot, seen: filter_to(pilot, BJORN),
    ("meeting", 6): meeting_due,
    ("cti", 0): lambda pilot, seen: filter_to(pilot, THOMAS),
    ("employer", 1): lambda pilot, seen: worklist_to(pilot, "Kærvang Supermarked ends"),
}
GOAL_NOTE, AGREED = "Glad for lageret, vil gerne flere timer", "Ring til Kærvang om flere timer"
TYPED = {("meeting", 3): GOAL_NOTE, ("meeting", 5): AGREED}


async def run_tour(pilot, tour_id: str, seen: dict) -> list[str]:  # noqa: ANN001
    """Run a tour to its end; returns the screens its steps were done on."""
    app = pilot.app
    guide = app.tour_guide
    tour = guide.book.get(tour_id)
    guide.start(tour_id)
    await settle(pilot)
    done_on = []
    for index, step in enumerate(tour.steps):
        assert guide.index == index and not guide.finished
        await until_screen(pilot, step.screen)
        guide.look()  # what its timer does every 0.3 s: mark the step's widget
        await pilot.pause()
        target = find_target(app.screen, step.target)
        assert target is not None, f"{tour_id} step {index + 1}: no {step.target} on {step.screen}"
        assert target.has_class(HIGHLIGHT), f"{tour_id} step {index + 1}: {step.target} is not marked"
        if (tour_id, index) in BEFORE:
            await BEFORE[(tour_id, index)](pilot, seen)
        if step.until == "typed":
            await focus_typing(pilot, target)
            await type_text(pilot, TYPED[(tour_id, index)])
        else:
            await press(pilot, effective_keys(BY_ID[step.action], app.keymap)[0])
            if tour_id == "cti" and step.screen == "cti_advance":
                await press(pilot, "y")  # the phase change asks to be confirmed
        for _ in range(30):
            if guide.index > index or guide.finished:
                break
            await pilot.pause(0.1)
            await settle(pilot)
        assert guide.index > index or guide.finished, f"{tour_id} step {index + 1} did not complete"
        done_on.append(step.screen)
    assert guide.finished
    return done_on


@pytest.mark.parametrize("tour_id", ["overdue", "meeting", "cti", "employer"])
async def test_every_shipped_step_exists_and_completes_by_its_key(demo_url, make_app, services_for, tour_id):
    app = make_app(demo_url, demo=True)
    seen: dict = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screens = await run_tour(pilot, tour_id, seen)
        assert screens == [s.screen for s in app.tour_guide.book.get(tour_id).steps]
    _check_effects(services_for(demo_url), tour_id, seen)


def _check_effects(services, tour_id: str, seen: dict) -> None:  # noqa: ANN001
    today = services.today
    citizens = {c.name: c.citizen_id for c in services.caseload()}
    if tour_id == "overdue":  # marked done, then undone: open again, and both changes are in the audit log
        citizen_id, follow_up_id = seen["follow_up"]
        follow_up = next(f for f in services.follow_ups(citizen_id) if f.id == follow_up_id)
        assert not follow_up.done
        changes = [e for e in services.audit_log(citizen_id) if e.entity_id == follow_up_id and e.action == "update"]
        assert len(changes) >= 2
    elif tour_id == "meeting":
        detail = services.citizen_detail(citizens[BJORN])
        meeting = detail.meetings[0]
        assert meeting.starts_at.date() == today
        assert [n.note for n in meeting.goal_notes] == [GOAL_NOTE]
        agreed = [f for f in detail.follow_ups if f.title == AGREED]
        assert len(agreed) == 1 and agreed[0].due_on >= today + dt.timedelta(days=14)
    elif tour_id == "cti":
        cti = services.citizen_detail(citizens[THOMAS]).cti
        assert cti.current_phase == 2
        assert any(c.held_on == today for c in cti.checkins)
    elif tour_id == "employer":
        detail = services.citizen_detail(citizens[BJORN])
        assert [f.held_on for f in detail.employer_follow_ups if f.employer_name == "Kærvang Supermarked"][0] == today
        assert not [i for i in services.worklist() if "Kærvang" in i.what and i.citizen_id == citizens[BJORN]
                    and i.kind.value == "rule"]
