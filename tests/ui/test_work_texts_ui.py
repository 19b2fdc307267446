"""Follow-ups enplan wrote, in the app with the Danish UI: the worklist, the
citizen's follow-ups tab, and the edit form (which keeps them enplan's when
their words are left as they are)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import sqlalchemy as sa

from enplan import i18n
from enplan.config import Settings
from enplan.domain.enums import PlacementKind
from enplan.services import EmployerInput, PlacementInput
from enplan.store import tables as t
from enplan.ui.modals.follow_up import FollowUpForm
from tests.conftest import TODAY
from tests.ui.conftest import press, shown_text
from tests.ui.recording import form
from tests.ui.test_citizen import open_citizen

DANISH = Settings(language="da")


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


@pytest.fixture
def carl_in_a_job(seeded, services_for):
    """The seeded caseload with Carl in a job at Føtex since 10 days ago: his 1-week retention check is overdue."""
    url, ids = seeded
    services = services_for(url)
    foetex = services.create_employer(EmployerInput(name="Føtex"))
    services.create_placement(ids.carl, PlacementInput(foetex, PlacementKind.ORDINARY_JOB,
                                                       TODAY - dt.timedelta(days=10)))
    return url, ids, services


def stored(services, citizen_id) -> list[tuple]:
    with services.db.read() as s:
        return [tuple(r) for r in s.execute(sa.select(t.FollowUp.what, t.FollowUp.what_values, t.FollowUp.title)
                                            .where(t.FollowUp.citizen_id == uuid.UUID(citizen_id), t.FollowUp.what != "")
                                            .order_by(t.FollowUp.due_on))]


async def test_the_worklist_words_enplans_follow_ups_in_danish(carl_in_a_job, make_app):
    url, _ids, _services = carl_in_a_job
    app = make_app(url, settings=DANISH)
    async with app.run_test(size=(120, 32)) as pilot:
        await press(pilot, "w")
        text = shown_text(app)
        assert "Arbejdsliste" in text.splitlines()[0]
        assert "Fastholdelsesopfølgning efter 1 uge: Føtex" in text
        assert "Virksomhedsopfølgning: Netto Vesterbro" in text  # Bjørn's, due today
        assert "Ring til lægen" in text  # typed: as typed
        assert "Retention check" not in text and "Employer follow-up" not in text


async def test_the_citizens_follow_ups_and_the_edit_form_in_danish(carl_in_a_job, make_app):
    url, ids, services = carl_in_a_job
    before = stored(services, ids.carl)
    assert before[0] == ("retention_check", {"step": "1w", "employer": "Føtex"}, "Retention check 1 week: Føtex")
    app = make_app(url, settings=DANISH)
    async with app.run_test(size=(120, 32)) as pilot:
        await open_citizen(pilot, ids.carl, "follow_ups")
        text = shown_text(app)
        for words in ("Fastholdelsesopfølgning efter 1 uge: Føtex", "Fastholdelsesopfølgning efter 1 måned: Føtex",
                      "Send CV til Netto"):
            assert words in text, words
        assert "Retention check" not in text
        await press(pilot, "enter")  # the first open one: the overdue 1-week check
        assert isinstance(app.screen, FollowUpForm)
        assert form(app).field("title").value == "Fastholdelsesopfølgning efter 1 uge: Føtex"
        await press(pilot, "ctrl+s")  # saved as it is: still enplan's, so still worded per reader
        assert not isinstance(app.screen, FollowUpForm)
    assert stored(services, ids.carl) == before
