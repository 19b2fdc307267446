"""The erasure migration (0003) chains on the head and matches the models."""

from __future__ import annotations

import sqlite3

from alembic import command
from alembic.script import ScriptDirectory

from enplan.store.migrate import alembic_config, head_revision, is_known_revision


def test_one_head_and_alembic_check(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    cfg = alembic_config(url)
    script = ScriptDirectory.from_config(cfg)
    assert len(script.get_heads()) == 1
    assert script.get_revision("0003").down_revision == "0002"
    command.upgrade(cfg, "head")
    command.check(cfg)  # raises if the models and the migrations disagree
    command.downgrade(cfg, "0002")
    conn = sqlite3.connect(tmp_path / "m.db")
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'erasure'").fetchone()[0] == 0
    conn.close()
    command.upgrade(cfg, "head")
    command.check(cfg)


def test_known_revisions_are_exact():
    assert is_known_revision(head_revision()) and is_known_revision("0001")
    assert not is_known_revision("000") and not is_known_revision("0") and not is_known_revision("9999")
