"""The stdlib fast path for the first caseload agrees with the services,
and steps aside for anything it was not written for."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from alembic.script import ScriptDirectory

from enplan.demo import prepare_demo
from enplan.services import CitizenInput, Services
from enplan.store import quickread
from enplan.store.migrate import alembic_config
from enplan.store.opening import open_database
from tests.conftest import TODAY


def test_schema_revision_is_the_alembic_head():
    assert quickread.SCHEMA_REVISION == ScriptDirectory.from_config(alembic_config()).get_current_head()


@pytest.mark.parametrize("offset", [0, 1, 3, 9, 40])
@pytest.mark.parametrize("caseworker", ["mette", None, "nobody"])
def test_same_rows_and_sums_as_the_services_on_the_demo(tmp_path, offset, caseworker):
    path = prepare_demo(TODAY, path=tmp_path / "demo.db")
    today = TODAY + dt.timedelta(days=offset)  # the same data seen on later days
    db = open_database(f"sqlite:///{path}", daily_backup=False)
    try:
        expected = Services(db, today=today).caseload_view(caseworker)
    finally:
        db.dispose()
    assert quickread.caseload_view(path, caseworker, today) == expected
    assert offset or caseworker != "mette" or any(r.overdue_count for r in expected[0])


def test_steps_aside_for_other_schemas_and_files(tmp_path):
    path = tmp_path / "x.db"
    db = open_database(f"sqlite:///{path}", daily_backup=False)
    Services(db, today=TODAY).create_citizen(CitizenInput(name="Åse", target_group="other"))
    db.dispose()
    assert quickread.caseload_view(path, None, TODAY)[1].citizens == 1
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    assert quickread.caseload_view(path, None, TODAY) is None
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all")
    assert quickread.caseload_view(garbage, None, TODAY) is None
    assert quickread.caseload_view(tmp_path / "missing.db", None, TODAY) is None
    before = garbage.read_bytes()
    quickread.caseload_view(garbage, None, TODAY)
    assert garbage.read_bytes() == before
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (quickread.SCHEMA_REVISION,))
    listing = sorted(p.name for p in tmp_path.iterdir())
    assert quickread.caseload_view(path, None, TODAY) is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # no -wal/-shm left behind
