"""A meeting closes what it handled: the next-steps page lists the citizen's
open follow-ups with a tick box each (focus, space); the ticked ones are
marked done on the meeting's date when the meeting is saved."""

from __future__ import annotations

import datetime as dt

from enplan.ui.modals.meeting import MeetingForm
from enplan.ui.modals.meeting_parts import TickRow
from enplan.ui.screens.citizen import CitizenScreen
from tests.ui.conftest import notifications, shown_text
from tests.ui.recording import Keys, focused_field, form
from tests.ui.seed import HOSTILE_FOLLOW_UP
from tests.ui.test_citizen import open_citizen

D = dt.date


def _done(services, citizen: str) -> dict[str, dt.date | None]:  # noqa: ANN001
    return {f.title: f.done_on for f in services.follow_ups(citizen)}


async def test_ticking_a_follow_up_in_the_meeting_marks_it_done(seeded, make_app, services_for):
    url, ids = seeded
    services_for(url).add_follow_up(ids.ase, "Send CV til Netto", D(2026, 12, 1))
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        keys = Keys(pilot)
        await keys("m", "ctrl+down", "ctrl+down", "ctrl+down")  # details, two goals, next steps
        meeting = form(app)
        assert isinstance(meeting, MeetingForm) and focused_field(app) == "step-0"  # next steps first, as before
        text = shown_text(app)
        assert "Open follow-ups and rule items (§): tick (space)" in text
        assert "⚠ 10-11-2026" in text and "Ring til lægen" in text and "01-12-2026" in text
        rows = list(meeting.query(TickRow))
        assert [r.item.text for r in rows] == [  # soonest first, then the rules' items
            "Ring til lægen", "Send CV til Netto", "CTI nine-month follow-up: decide on further support",
            "Review the plan — the review agreed for Tue 01-12-2026"]
        await keys("shift+tab", "shift+tab", "shift+tab", "shift+tab")  # up to "Ring til lægen"
        assert focused_field(app) == rows[0].name
        await keys("space")
        assert rows[0].value and not rows[1].value
        await keys("ctrl+s")
        assert keys.count == 10
        assert isinstance(app.screen, CitizenScreen)
        assert "Meeting saved. 1 follow-up marked done." in notifications(app)
    services = services_for(url)
    done = _done(services, ids.ase)
    assert done["Ring til lægen"] == D(2026, 11, 22) and done["Send CV til Netto"] is None
    assert sum(day is not None for day in done.values()) == 1
    assert services.citizen_detail(ids.ase).meetings[0].starts_at.date() == D(2026, 11, 22)


async def test_many_open_follow_ups_can_each_be_reached_at_80x24(seeded, make_app, services_for):
    url, ids = seeded
    services = services_for(url)
    titles = [f"Opgave nummer {i} med en ret lang beskrivelse af hvad der skal ske bagefter" for i in range(9)]
    for i, title in enumerate(titles):
        services.add_follow_up(ids.carl, title, D(2026, 12, 1) + dt.timedelta(days=i))
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.carl)
        keys = Keys(pilot)
        await keys("m", "ctrl+down")  # Carl has no goals: straight to the next steps
        rows = list(form(app).query(TickRow))
        assert len(rows) == 10  # his own "Send CV til Netto" first, then the nine
        for row in reversed(rows):  # shift+tab up through every row: each shows when it has the focus
            await keys("shift+tab")
            assert focused_field(app) == row.name
            assert row.item.text[:30] in shown_text(app)
        await keys("space", "ctrl+s")
    assert _done(services_for(url), ids.carl)["Send CV til Netto"] == D(2026, 11, 22)


async def test_a_follow_up_title_shows_literally(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.dorte)
        await Keys(pilot)("m", "ctrl+down")
        assert "[bold]Ring[/bold] [@click=app.quit]now[/] ␛[2J" in shown_text(app)
        (row,) = form(app).query(TickRow)
        assert row.item.text == HOSTILE_FOLLOW_UP


async def test_a_cancelled_meeting_closes_nothing(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.carl)
        keys = Keys(pilot)
        await keys("m")
        form(app).field("outcome").value = "cancelled"
        await keys("ctrl+down")
        assert "Open follow-ups" not in shown_text(app)
        form(app).query_one(TickRow).value = True  # ticked before the outcome changed
        await keys("ctrl+s")
        assert isinstance(app.screen, CitizenScreen)
    assert _done(services_for(url), ids.carl)["Send CV til Netto"] is None
