"""A 1,000,000-character note is cut on the tabs (no screen waits on it)
and read whole, part by part, with v."""

from __future__ import annotations

import datetime as dt

from enplan.domain.enums import ContactForm, MeetingType
from enplan.services import MeetingInput
from enplan.ui.modals.reader import PART_CHARS, ReaderScreen
from enplan.ui.screens.help import HelpScreen
from enplan.ui.text import NOTE_CHARS
from tests import hostile
from tests.ui.conftest import notifications, press, settle, shown_text
from tests.ui.test_citizen import open_citizen


def _with_long_note(services, citizen_id: str) -> None:  # noqa: ANN001
    services.record_meeting(citizen_id, MeetingInput(
        type=MeetingType.OTHER, form=ContactForm.PHONE, notes="Start. " + hostile.ONE_MB_NOTE[7:],
        starts_at=dt.datetime(2026, 11, 20, 9, tzinfo=dt.timezone.utc)))


async def test_a_one_megabyte_note_is_cut_on_the_timeline_and_read_whole_with_v(seeded, make_app, services_for):
    url, ids = seeded
    _with_long_note(services_for(url), ids.carl)
    app = make_app(url)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_citizen(pilot, ids.carl, "timeline")
        text = " ".join(shown_text(app).split())
        assert "998.000 more characters; v reads the whole note" in text
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen) and "Read long notes" in shown_text(app)
        await press(pilot, "escape", "v")
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        assert len(reader.parts) == -(-1_000_000 // PART_CHARS)  # fifty parts of 20,000 characters
        assert "".join(piece for _heading, piece in reader.parts) == "Start. " + hostile.ONE_MB_NOTE[7:]
        assert "part 1 of 50" in shown_text(app) and "Start." in shown_text(app)
        await press(pilot, "n", "n")
        assert "part 3 of 50" in shown_text(app)
        await press(pilot, "p")
        assert "part 2 of 50" in shown_text(app)
        await press(pilot, "escape")
        assert not isinstance(app.screen, ReaderScreen)


async def test_v_says_so_when_every_note_is_whole(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_citizen(pilot, ids.carl)
        await press(pilot, "v")
        await settle(pilot)
        assert "Every note is shown whole; none is too long." in notifications(app)


def test_a_note_just_at_the_limit_is_shown_whole():
    from enplan.ui.text import note

    assert "more character" not in note("x" * NOTE_CHARS).plain
    assert "1 more character;" in note("x" * (NOTE_CHARS + 1)).plain
