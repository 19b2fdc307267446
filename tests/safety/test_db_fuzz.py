"""Property tests of --db: whatever string or file it names, a command ends
with exit code 0 or 2, never a traceback or a crash report, and a refused
path keeps its type, mode, owner and content."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from enplan.paths import data_dir
from tests.safety.helpers import KINDS, make_db, run_cli, short_folder, special, state, today_arg

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Any character (controls, surrogates, NUL) but "/": every relative path stays
# in the test's own folder, so a generated name can never reach a real file.
NAME_CHARS = st.characters(codec=None, exclude_characters="/")
DB_STRINGS = st.one_of(
    st.text(NAME_CHARS, max_size=30),
    st.builds("{}://{}".format, st.sampled_from(["sqlite", "SQLite", "foo", "mysql", "postgres", "http", "",
                                                 "sqlite+pysqlite", "postgresql+psycopg2"]),
              st.text(NAME_CHARS, max_size=20)),
    st.sampled_from(["sqlite://", "sqlite:///", "sqlite:///:memory:", "sqlite:///x.db?mode=ro", ".", "..", "~",
                     "~no-such-user-here", "-", "--db", "postgresql://nobody@127.0.0.1:1/x", "postgresql://[::1", " "]),
)


@pytest.fixture
def tiny(tmp_path) -> Path:
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps({"format_version": 1, "citizens": [
        {"id": str(uuid.uuid4()), "name": "Tiny Person", "target_group": "other"}]}), encoding="utf-8")
    return path


def finished_cleanly(code: int, out: str, err: str) -> None:
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err and err.count("\n") <= 1, err
    assert code == 0 or (err.startswith("enplan: ") and out == ""), err
    assert not (data_dir() / "crash-reports").exists(), err


@FUZZ
@given(value=DB_STRINGS, command=st.sampled_from(["overdue", "import"]))
@example(value="\x00", command="overdue")
@example(value="\ud800.db", command="import")
@example(value="x.db\n\x1b[2J", command="import")
def test_any_db_string(tmp_path, tiny, capsys, monkeypatch, value, command):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))  # "~" stays in the test's folder (nobody's home is /nonexistent)
    argv = ["overdue", "--json"] if command == "overdue" else ["import", str(tiny)]
    finished_cleanly(*run_cli(capsys, *argv, f"--db={value}", today_arg()))


FILE_KINDS = [*KINDS, "database", "empty file", "text file", "missing file", "missing folder",
              "link to database", "link to text file", "/dev/null"]


def make(place: Path, kind: str) -> Path:
    if kind in KINDS:
        return special(place, kind)
    if kind == "/dev/null":
        return Path("/dev/null")
    path = place / kind.removeprefix("link to ").replace(" ", "-")
    if kind.endswith("database"):
        make_db(path)
    elif kind == "empty file":
        path.touch()
    elif kind.endswith("text file"):
        path.write_text("Dear diary,\n" * 50)
    elif kind == "missing folder":
        path = path / "enplan.db"
    if kind.startswith("link to"):
        link = place / f"link-{path.name}"
        link.symlink_to(path)
        return link
    return path


@FUZZ
@given(kind=st.sampled_from(FILE_KINDS), command=st.sampled_from(["overdue", "import"]))
def test_any_kind_of_file(tiny, capsys, kind, command):
    before_null = os.stat("/dev/null")
    with short_folder() as place:
        path = make(place, kind)
        before = state(place)
        argv = ["overdue", "--json"] if command == "overdue" else ["import", str(tiny)]
        code, out, err = run_cli(capsys, *argv, "--db", str(path), today_arg())
        finished_cleanly(code, out, err)
        if code == 2:
            assert state(place) == before, (kind, err)
        else:
            assert kind in ("database", "empty file", "missing file", "link to database"), (kind, out)
    assert os.stat("/dev/null").st_mode == before_null.st_mode
