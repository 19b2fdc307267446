"""A team leader opening a colleague's citizen on a team server (issue 15): the
screen says it is read only and offers no form that changes the record, in
the footer, on its keys or in the palette; the handover stays. Their own
citizen is theirs to change as before."""

from __future__ import annotations

import pytest

from enplan.domain.enums import TargetGroup
from enplan.services import CitizenInput
from enplan.ui.commands import ActionsProvider
from enplan.ui.modals.meeting import MeetingForm
from enplan.ui.screens.citizen import CitizenScreen
from enplan.ui.screens.help import HelpScreen
from tests.test_postgres_access import team  # noqa: F401 - the fixture
from tests.ui.conftest import press, settle, shown_text
from tests.ui.test_citizen import open_citizen

pytestmark = pytest.mark.postgres


def _palette(app) -> set[str]:  # noqa: ANN001
    provider = ActionsProvider(app.screen)
    return {title for title, _help, _action in provider._commands()}


async def test_a_leader_reads_a_colleagues_citizen_and_changes_their_own(team, make_app):  # noqa: F811
    own = team.services().create_citizen(CitizenInput(name="Lars' egen", target_group=TargetGroup.OTHER,
                                                      caseworker=team.login("lars")))
    app = make_app(team.url("lars"), caseworker=team.login("lars"))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_citizen(pilot, str(team.ids["anna"]))
        text = shown_text(app)
        assert "Borger anna" in text and "READ ONLY: you hand over, the caseworker changes" in text
        assert "Meeting" not in text.split("Borger anna", 1)[1].splitlines()[-1]  # not in the footer
        palette = _palette(app)
        assert "Citizen: hand over to a colleague, with a note" in palette
        assert not palette & {"Citizen: record meeting", "Follow-ups: add", "CTI: start a course"}
        await press(pilot, "m", "f")
        assert app.screen is screen  # no form opened
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = shown_text(app)
        assert "Hand over" in keys and "Meeting" not in keys and "Check-in" not in keys  # help says the same
        await press(pilot, "escape")

        await press(pilot, "escape")
        await settle(pilot)
        screen = await open_citizen(pilot, str(own))
        assert "READ ONLY" not in shown_text(app)
        assert "Citizen: record meeting" in _palette(app)
        await press(pilot, "question_mark")
        assert "Meeting" in shown_text(app)
        await press(pilot, "escape")
        await press(pilot, "m")
        assert isinstance(app.screen, MeetingForm)
    assert isinstance(screen, CitizenScreen)
