"""Snapshots of laptop sync's two screens at 80×24 on a laptop file set up
from a real PostgreSQL team server (today 2026-11-22, the clock at 10:07,
every sync time fixed: see ``_fixed_times``).

Regenerate deliberately: `pytest tests/ui/test_sync_snapshots.py --snapshot-update`,
after looking at snapshot_report.html (never committed).
"""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from enplan.store.sync_tables import SyncConflict, SyncLaptop, SyncOutbox
from enplan.ui.app import EnplanApp
from tests.sync.conftest import laptop, team  # noqa: F401 - the fixtures
from tests.ui.conftest import press, settle
from tests.ui.test_sync_ui import DUE, conflict_on, refuse_one, url_of

pytestmark = pytest.mark.postgres

SIZE = (80, 24)
UTC = dt.timezone.utc


@pytest.fixture(autouse=True)
def _no_timed_sync(monkeypatch):
    monkeypatch.setattr(EnplanApp, "SYNC_AFTER_START", 3600.0)


def _fixed_times(mine) -> None:  # noqa: ANN001
    """Every time the screens show, fixed (in UTC; Copenhagen is an hour ahead in November)."""
    with mine.db.write(sync_apply=True) as s:
        for i, conflict in enumerate(s.execute(sa.select(SyncConflict).order_by(SyncConflict.server)).scalars()):
            conflict.created_at = dt.datetime(2026, 11, 22, 9, 30 + i, tzinfo=UTC)
            conflict.laptop_at = dt.datetime(2026, 11, 21, 13, 12 + i, tzinfo=UTC)
            conflict.server_at = dt.datetime(2026, 11, 22, 8, 45 + i, tzinfo=UTC)
        s.execute(sa.update(SyncOutbox).values(recorded_at=dt.datetime(2026, 11, 21, 14, 3, tzinfo=UTC)))
        s.execute(sa.update(SyncLaptop).values(last_synced_at=dt.datetime(2026, 11, 22, 9, 42, tzinfo=UTC)))


@pytest.fixture
def laptop_url(team, laptop) -> str:  # noqa: F811
    cid = team.citizen("Åse Østergaard")
    desk = team.services("mette")
    for title in ("Ring til lægen", "Send CV"):
        desk.add_follow_up(cid, title, DUE)
    mine = laptop("mette")
    conflict_on(team, mine, cid, "Ring til lægen", laptop_title="Ring til lægen i morgen",
                server_title="Ring til egen læge")
    conflict_on(team, mine, cid, "Send CV", laptop_title="Send CV til Netto", server_title="Send CV til Føtex")
    refuse_one(team, mine, cid)  # syncs the conflicts too
    _fixed_times(mine)
    return url_of(mine)


def keys(*pressed: str):  # noqa: ANN201
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        await press(pilot, *pressed)

    return run_before


def test_conflicts_screen(snap_compare, laptop_url, make_app):
    assert snap_compare(make_app(laptop_url), terminal_size=SIZE, run_before=keys("K"))


def test_refused_changes_screen(snap_compare, laptop_url, make_app):
    assert snap_compare(make_app(laptop_url), terminal_size=SIZE, run_before=keys("Q"))
