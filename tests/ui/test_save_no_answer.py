"""A save the database server never answers (hardening issue, item 4): the
form stays open with the typed text, says one sentence, and the text is
kept as a draft at once, so it outlives the app if the server stays away.
(The bound itself, against a frozen server: tests/test_postgres_timeouts.py.)"""

from __future__ import annotations

import json

import sqlalchemy as sa

from enplan import drafts
from enplan.ui.modals.meeting import MeetingForm
from enplan.ui.screens.citizen import CitizenScreen
from tests.ui.conftest import press, shown_text
from tests.ui.recording import type_text
from tests.ui.test_citizen import open_citizen


def _no_answer(self, citizen_id, data, **_ticked):  # noqa: ANN001, ANN003, ANN202
    from enplan.store.server import NoAnswer

    raise sa.exc.OperationalError("INSERT INTO meeting …", {}, NoAnswer("the database server did not answer within 20 s"))


async def test_a_server_that_does_not_answer_keeps_the_form_the_text_and_a_draft(seeded, make_app, services_for,
                                                                                 monkeypatch):
    from enplan.services import Services

    url, ids = seeded
    before = len(services_for(url).citizen_detail(ids.ase).meetings)
    answering = Services.record_meeting
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        await press(pilot, "m", "ctrl+down")
        await type_text(pilot, "Vigtig note")
        monkeypatch.setattr(Services, "record_meeting", _no_answer)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, MeetingForm)
        shown = " ".join(shown_text(app).split())
        assert "Not saved: The database server did not answer in time" in shown and "INSERT" not in shown
        draft = drafts.load_draft(f"meeting:{ids.ase}")
        assert draft is not None and "Vigtig note" in json.dumps(draft, ensure_ascii=False)

        monkeypatch.setattr(Services, "record_meeting", answering)  # the server is back: save again
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CitizenScreen)
    assert not drafts.has_draft(f"meeting:{ids.ase}")
    assert len(services_for(url).citizen_detail(ids.ase).meetings) == before + 1
