"""A citizen open in the app when a sync drops them from the laptop
(reassigned, closed or erased on the server) is closed, with a word."""

from __future__ import annotations

import pytest

from enplan.services import CitizenInput
from enplan.ui.screens.caseload import CaseloadScreen
from enplan.ui.screens.citizen import CitizenScreen
from tests.sync.conftest import laptop, team  # noqa: F401 - the fixtures
from tests.ui.conftest import notifications, settle, shown_text
from tests.ui.test_sync_ui import _no_timed_sync, until, url_of  # noqa: F401 - syncs only when asked

pytestmark = pytest.mark.postgres


async def test_a_citizen_open_when_they_leave_the_laptop_is_closed(team, laptop, make_app):  # noqa: F811
    cid = team.citizen("Åse Østergaard")
    team.citizen("Bo Bliver")
    mine = laptop("mette")
    app = make_app(url_of(mine))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.open_citizen(cid)
        await settle(pilot)
        assert isinstance(app.screen, CitizenScreen)
        desk = team.services("leder")
        c = desk.citizen_detail(cid).citizen
        desk.update_citizen(cid, CitizenInput(name=c.name, target_group=c.target_group, caseworker="jonas"))
        await pilot.press("ctrl+y")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        assert any("this laptop no longer holds them" in n for n in notifications(app))
        assert "Åse Østergaard" not in shown_text(app) and "Bo Bliver" in shown_text(app)
