"""A laptop copy of a demo server (issue 14) says DEMO DATA, and does not
offer "Demo: start again": its data are the server's to give. Real PostgreSQL."""

from __future__ import annotations

import json

import pytest

from enplan.ui.app import EnplanApp
from tests.conftest import TODAY
from tests.sync.conftest import team  # noqa: F401 - the fixture
from tests.ui.conftest import settle, shown_text

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _no_timed_sync(monkeypatch):
    monkeypatch.setattr(EnplanApp, "SYNC_AFTER_START", 3600.0)


async def test_a_demo_servers_laptop_says_demo_data_and_does_not_start_again(team, tmp_path,  # noqa: F811
                                                                             make_app):
    from enplan.cli import main
    from enplan.demo import sample_document, shift_document
    from enplan.services.sync.setup import setup_laptop

    sample = tmp_path / "sample.json"
    sample.write_text(json.dumps(shift_document(sample_document(), TODAY), ensure_ascii=False), encoding="utf-8")
    assert main(["import", "--db", team.url, "--today", TODAY.isoformat(), str(sample)]) == 0
    path = tmp_path / "laptop.db"
    setup_laptop(team.url, f"sqlite:///{path}", "mette", "mette")
    app = make_app(f"sqlite:///{path}")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.sync_state.laptop and app.demo
        assert "DEMO DATA" in shown_text(app).splitlines()[0]
        assert not app.offers("demo_reset")
