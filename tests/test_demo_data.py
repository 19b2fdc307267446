"""Demo data is never mistaken for real data (issue 14): a demo database is
marked, its export says so, and an import across the two kinds is refused
with one sentence and nothing written. Real SQLite files, the real CLI."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from enplan.cli import main
from enplan.demo import prepare_demo, sample_document, shift_document
from tests.conftest import TODAY
from tests.realdata import as_real

DAY = ("--today", TODAY.isoformat())


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def real_doc() -> dict:
    return as_real(shift_document(sample_document(), TODAY))


@pytest.fixture
def demo_db(tmp_path) -> Path:
    return prepare_demo(TODAY, path=tmp_path / "demo" / "demo.db")


@pytest.fixture
def real_db(tmp_path, real_doc, capsys) -> Path:
    path, doc = tmp_path / "real.db", tmp_path / "real.json"
    doc.write_text(json.dumps(real_doc, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "import", "--db", str(path), *DAY, str(doc))[0] == 0
    return path


def export(capsys, db: Path, out: Path) -> dict:
    code, _out, err = run(capsys, "export", "--db", str(db), *DAY, "--include-cpr", str(out))
    assert code == 0, err
    return json.loads(out.read_text(encoding="utf-8"))


def is_marked(db: Path) -> bool:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM demo_mark").fetchone()[0] == 1
    finally:
        conn.close()


def refused(capsys, db: Path, doc: dict, tmp_path: Path) -> str:
    """Import ``doc`` into ``db``: refused in one sentence, the file unchanged."""
    path = tmp_path / "incoming.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = digest(db)
    code, out, err = run(capsys, "import", "--db", str(db), *DAY, str(path))
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.startswith("enplan: Import refused, nothing was written: ") and err.count("\n") == 1
    assert digest(db) == before
    return err


def test_a_demo_database_is_marked_and_its_export_says_so(demo_db, real_db, tmp_path, capsys):
    assert is_marked(demo_db) and not is_marked(real_db)
    doc = export(capsys, demo_db, tmp_path / "demo.json")
    assert doc["demo"] is True and list(doc)[:2] == ["format_version", "demo"]
    assert "demo" not in export(capsys, real_db, tmp_path / "real.json")


def test_a_demo_export_is_refused_by_a_real_database(demo_db, real_db, tmp_path, capsys):
    doc = export(capsys, demo_db, tmp_path / "demo.json")
    err = refused(capsys, real_db, doc, tmp_path)
    assert "demo data" in err and "never go into a real database" in err


def test_a_demo_export_without_its_marker_is_known_by_its_ids(demo_db, real_db, tmp_path, capsys):
    doc = export(capsys, demo_db, tmp_path / "demo.json")
    doc.pop("demo")
    refused(capsys, real_db, doc, tmp_path)
    # one demo citizen (with their plan) among real records is enough
    one = {name: [] for name in doc if isinstance(doc[name], list)} | {"format_version": 1}
    one["citizens"] = doc["citizens"][:1]
    refused(capsys, real_db, one, tmp_path)


def test_a_marker_alone_makes_a_document_demo_data(real_db, real_doc, tmp_path, capsys):
    doc = as_real(real_doc)  # other ids again: none clash with the real database's
    refused(capsys, real_db, {**doc, "demo": True}, tmp_path)


def test_a_real_export_is_refused_by_a_demo_database(demo_db, real_db, tmp_path, capsys):
    doc = export(capsys, real_db, tmp_path / "real.json")
    err = refused(capsys, demo_db, as_real(doc), tmp_path)
    assert "This database is a demo" in err and "never go into a demo database" in err


def test_an_empty_database_takes_either_kind_and_becomes_it(real_doc, tmp_path, capsys):
    fresh = tmp_path / "fresh.db"
    path = tmp_path / "sample.json"
    path.write_text(json.dumps(shift_document(sample_document(), TODAY), ensure_ascii=False), encoding="utf-8")
    code, out, _err = run(capsys, "import", "--db", str(fresh), *DAY, str(path))
    assert code == 0 and "demo data, and so is this database" in out
    assert is_marked(fresh)
    refused(capsys, fresh, real_doc, tmp_path)  # now a demo database: real data stays out


def test_a_real_round_trip_stays_real_and_identical(real_db, tmp_path, capsys):
    first = export(capsys, real_db, tmp_path / "first.json")
    again = tmp_path / "again.db"
    assert run(capsys, "import", "--db", str(again), *DAY, str(tmp_path / "first.json"))[0] == 0
    export(capsys, again, tmp_path / "second.json")
    assert (tmp_path / "first.json").read_bytes() == (tmp_path / "second.json").read_bytes()
    assert "demo" not in first and not is_marked(again)


def test_a_demo_marker_must_be_true_or_false(real_db, real_doc, tmp_path, capsys):
    err = refused(capsys, real_db, {**as_real(real_doc), "demo": "yes"}, tmp_path)
    assert "demo must be true or false" in err


def test_a_demo_database_from_before_the_mark_is_marked_by_the_migration(tmp_path):
    """A demo built by an older enplan is known by its import's audit entry; a real database is not marked."""
    from alembic import command

    from enplan.store.migrate import alembic_config

    for name, source in (("old-demo.db", "demo sample data"), ("old-real.db", "export.json")):
        cfg = alembic_config(f"sqlite:///{tmp_path / name}")
        command.upgrade(cfg, "0006")
        conn = sqlite3.connect(tmp_path / name)
        with conn:
            conn.execute("INSERT INTO audit_event (id, at, actor, action, entity, changes) VALUES "
                         "(?, '2026-11-01 08:00:00.000000', 'mette', 'import', 'database', ?)",
                         ("0" * 32, json.dumps({"source": source})))
        conn.close()
        command.upgrade(cfg, "head")
        assert is_marked(tmp_path / name) is (source == "demo sample data")


def test_the_demo_is_built_once_a_day_and_each_copy_is_a_copy_of_it(tmp_path):
    """Start-again is quick because a day's demo is built once, as a template beside the copies."""
    import datetime as dt
    import os

    folder = tmp_path / "demo"
    anna, bo = prepare_demo(TODAY, path=folder / "anna.db"), prepare_demo(TODAY, path=folder / "bo.db")
    assert anna.read_bytes() == bo.read_bytes() and is_marked(anna)
    assert os.stat(bo).st_mode & 0o777 == 0o600
    templates = sorted(p.name for p in folder.glob(".demo-template-*"))
    assert len(templates) == 1 and templates[0].startswith(f".demo-template-{TODAY.isoformat()}-")
    prepare_demo(TODAY + dt.timedelta(days=1), path=folder / "anna.db")  # a new day: a new template, the old gone
    assert [p.name for p in folder.glob(".demo-template-*")] == [
        templates[0].replace(TODAY.isoformat(), (TODAY + dt.timedelta(days=1)).isoformat()).rsplit("-", 1)[0]
        + "-" + templates[0].rsplit("-", 1)[1]]
    assert not [p for p in folder.iterdir() if p.name.endswith((".new", ".building", "-wal", "-shm"))]


def test_the_mark_is_read_as_quickly_as_the_first_caseload(demo_db, real_db, tmp_path):
    """The app's first look (standard library, no SQLAlchemy) already knows a demo file."""
    from alembic import command

    from enplan.store.migrate import alembic_config
    from enplan.store.quickread import demo_marked

    old = tmp_path / "old.db"
    command.upgrade(alembic_config(f"sqlite:///{old}"), "0006")
    assert demo_marked(demo_db) is True and demo_marked(real_db) is False
    assert demo_marked(old) is None  # no mark table yet: the opened database decides
    assert demo_marked(tmp_path / "missing.db") is None and not (tmp_path / "missing.db").exists()
