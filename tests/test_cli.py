"""The command line against real temporary SQLite files: overdue, export and
import, the demo database and --today."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enplan.cli import main
from enplan.demo import sample_document, shift_document
from tests.conftest import TODAY

DAY = dt.timedelta(days=1)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    """A citizen with an overdue follow-up, one due later, a done one, an overdue CTI contact, and
    measures due since the course started (none were taken)."""
    from enplan.domain.enums import TargetGroup
    from enplan.services import CitizenInput, Services
    from enplan.store.opening import open_database

    path = tmp_path / "enplan.db"
    db = open_database(f"sqlite:///{path}", daily_backup=False)
    try:
        s = Services(db, today=TODAY, actor="mette")
        cid = s.create_citizen(CitizenInput(name="Åse [bold]Ølstrup[/]", target_group=TargetGroup.AKTIVITETSPARAT,
                                            caseworker="mette"))
        s.add_follow_up(cid, "Ring til [link=x]lægen", TODAY - 4 * DAY)
        s.add_follow_up(cid, "Senere", TODAY + 10 * DAY)
        s.set_follow_up_done(s.add_follow_up(cid, "Klaret", TODAY - 9 * DAY), True)
        s.start_cti(cid, TODAY - 20 * DAY)  # weekly contact period: first contact due after 7 days
    finally:
        db.dispose()
    return path


def test_overdue_json_fields_and_order(small_db, capsys):
    code, out, _err = run(capsys, "overdue", "--db", str(small_db), "--today", TODAY.isoformat(), "--json")
    assert code == 0
    items = json.loads(out)
    assert [(i["kind"], i["what"], i["due"], i["days_overdue"]) for i in items] == [
        ("follow_up", "Ring til [link=x]lægen", "2026-11-18", 4),
        ("measure", "Measures: the CTI course started", "2026-11-02", 20),  # after the typed work, by date
        ("cti_contact", "CTI contact (contact period)", "2026-11-09", 13),  # 2 Nov + 7 days
    ]
    for item in items:
        assert {"citizen_id", "citizen_name", "kind", "what", "due", "days_overdue"} <= set(item)
        assert item["citizen_name"] == "Åse [bold]Ølstrup[/]"
        uuid.UUID(item["citizen_id"])
        assert isinstance(item["days_overdue"], int)


def test_today_drives_the_overdue_list(small_db, capsys):
    later = json.loads(run(capsys, "overdue", "--db", str(small_db), "--today", "2026-12-05", "--json")[1])
    assert [(i["what"], i["days_overdue"]) for i in later] == [
        ("Ring til [link=x]lægen", 17), ("Senere", 3), ("Measures: the CTI course started", 33),
        ("CTI contact (contact period)", 26)]
    earlier = json.loads(run(capsys, "overdue", "--db", str(small_db), "--today", "2026-11-01", "--json")[1])
    assert earlier == []


def test_overdue_table_shows_markup_literally(small_db, capsys):
    code, out, _err = run(capsys, "overdue", "--db", str(small_db), "--today", TODAY.isoformat())
    assert code == 0
    assert "Overdue on 22-11-2026: 3" in out
    assert "[bold]Ølstrup[/]" in out and "[link=x]lægen" in out


def test_bad_today_is_refused(small_db, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["overdue", "--db", str(small_db), "--today", "2026-02-31"])
    assert exc.value.code != 0
    assert "YYYY-MM-DD" in capsys.readouterr().err


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.json"
    path.write_text(json.dumps(shift_document(sample_document(), TODAY), ensure_ascii=False), encoding="utf-8")
    return path


def test_export_import_export_is_identical(demo_file, tmp_path, capsys):
    first_db, second_db = tmp_path / "first.db", tmp_path / "second.db"
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    today = ("--today", TODAY.isoformat())
    assert run(capsys, "import", "--db", str(first_db), *today, str(demo_file))[0] == 0
    assert run(capsys, "export", "--db", str(first_db), *today, "--include-cpr", str(first))[0] == 0
    assert run(capsys, "import", "--db", str(second_db), *today, str(first))[0] == 0
    assert run(capsys, "export", "--db", str(second_db), *today, "--include-cpr", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    # demo data all the way: the sample made each empty database a demo one, and the export says so
    assert json.loads(first.read_text(encoding="utf-8"))["demo"] is True
    assert os.stat(first).st_mode & 0o777 == 0o600

    # Every field of every record survives the trip (lists are exported in id order).
    original = json.loads(demo_file.read_text(encoding="utf-8"))
    exported = json.loads(first.read_text(encoding="utf-8"))
    assert exported["format_version"] == 1
    for name, records in original.items():
        if name != "format_version":
            assert sorted(records, key=lambda r: r["id"]) == exported[name], name


def test_export_without_include_cpr_has_no_cpr_key(demo_file, tmp_path, capsys):
    db = str(tmp_path / "enplan.db")
    assert run(capsys, "import", "--db", db, "--today", TODAY.isoformat(), str(demo_file))[0] == 0
    code, out, _err = run(capsys, "export", "--db", db, "--today", TODAY.isoformat())
    assert code == 0
    citizens = json.loads(out)["citizens"]
    assert citizens and all("cpr" not in c for c in citizens)
    for c in json.loads(demo_file.read_text(encoding="utf-8"))["citizens"]:
        if c["cpr"]:
            assert c["cpr"] not in out
    with_cpr = json.loads(run(capsys, "export", "--db", db, "--today", TODAY.isoformat(), "--include-cpr")[1])
    assert all("cpr" in c for c in with_cpr["citizens"])
    assert sum(1 for c in with_cpr["citizens"] if c["cpr"]) >= 28


def test_demo_prepare_builds_then_reuses(capsys):
    code, out, _err = run(capsys, "demo", "--prepare", "--today", TODAY.isoformat())
    assert code == 0
    path = Path(out.strip())
    assert path.is_file() and Path(os.environ["ENPLAN_DATA_DIR"]) in path.parents
    built = path.stat().st_mtime_ns, path.stat().st_ino
    assert run(capsys, "demo", "--prepare", "--today", TODAY.isoformat())[1].strip() == str(path)
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == built  # reused, not rebuilt

    items = json.loads(run(capsys, "overdue", "--db", str(path), "--today", TODAY.isoformat(), "--json")[1])
    kinds = {i["kind"] for i in items}
    assert len(items) >= 10 and kinds == {"follow_up", "cti_contact", "rule", "measure"}  # rules, measures too
    assert all(i["days_overdue"] > 0 for i in items)

    run(capsys, "demo", "--prepare", "--reset", "--today", TODAY.isoformat())
    assert path.stat().st_ino != built[1]  # --reset builds a new file


def _due_dates(capsys, path: Path, today: str) -> list[dt.date]:
    doc = json.loads(run(capsys, "export", "--db", str(path), "--today", today)[1])
    return sorted(dt.date.fromisoformat(f["due_on"]) for f in doc["follow_ups"] if f["done_on"] is None)


def test_demo_dates_follow_today(capsys):
    path = Path(run(capsys, "demo", "--prepare", "--today", "2026-11-22")[1].strip())
    november = _due_dates(capsys, path, "2026-11-22")
    assert dt.date(2026, 11, 22) in november  # something is due on the day itself
    assert any(d < dt.date(2026, 11, 22) for d in november)
    assert any(dt.date(2026, 11, 22) < d <= dt.date(2026, 11, 29) for d in november)
    # Another day rebuilds the demo with every date moved by the same number of days.
    assert Path(run(capsys, "demo", "--prepare", "--today", "2027-03-01")[1].strip()) == path
    march = _due_dates(capsys, path, "2027-03-01")
    assert march == [d + (dt.date(2027, 3, 1) - dt.date(2026, 11, 22)) for d in november]


def test_console_script_runs_as_a_real_process(small_db, tmp_path):
    script = Path(sys.executable).with_name("enplan")
    env = {**os.environ, "ENPLAN_DATA_DIR": str(tmp_path / "data"), "ENPLAN_CONFIG_DIR": str(tmp_path / "cfg")}
    done = subprocess.run([str(script), "overdue", "--db", str(small_db), "--today", TODAY.isoformat(), "--json"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [i["days_overdue"] for i in json.loads(done.stdout)] == [4, 20, 13]
    bad = subprocess.run([str(script), "import", "--db", str(small_db), str(tmp_path / "missing.json")],
                         capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 2 and bad.stderr.startswith("enplan: Cannot read") and "Traceback" not in bad.stderr


def test_db_precedence_flag_then_env_then_config(tmp_path, monkeypatch, capsys):
    import os

    from enplan.cli import main

    config_db, env_db, flag_db = (tmp_path / n for n in ("config.db", "env.db", "flag.db"))
    cfg = os.path.join(os.environ["ENPLAN_CONFIG_DIR"], "config.toml")
    os.makedirs(os.path.dirname(cfg), exist_ok=True)
    with open(cfg, "w", encoding="utf-8") as fh:
        fh.write(f'db = "{config_db}"\n')
    assert main(["locate"]) == 0
    assert str(config_db) in capsys.readouterr().out
    monkeypatch.setenv("ENPLAN_DB", str(env_db))
    assert main(["locate"]) == 0
    assert str(env_db) in capsys.readouterr().out
    assert main(["locate", "--db", str(flag_db)]) == 0
    assert str(flag_db) in capsys.readouterr().out


def test_each_trainee_gets_a_demo_copy_of_their_own(capsys):
    anna = Path(run(capsys, "demo", "--prepare", "--as", "Anna", "--today", TODAY.isoformat())[1].strip())
    bo = Path(run(capsys, "demo", "--prepare", "--as", "bø_2", "--today", TODAY.isoformat())[1].strip())
    shared = Path(run(capsys, "demo", "--prepare", "--today", TODAY.isoformat())[1].strip())
    assert anna.name == "enplan-demo-anna.db" and bo.name == "enplan-demo-bø_2.db"
    assert anna.parent == bo.parent == shared.parent and len({anna, bo, shared}) == 3
    # Anna's practice stays in her copy; "ANNA" is the same copy, and a reset rebuilds only hers
    from enplan.services import Services
    from enplan.store.opening import open_database

    db = open_database(f"sqlite:///{anna}", daily_backup=False)
    try:
        someone = Services(db, today=TODAY, actor="mette").caseload("mette")[0].citizen_id
        Services(db, today=TODAY, actor="mette").add_follow_up(someone, "Annas øvelse", TODAY)
    finally:
        db.dispose()

    def practised(path: Path) -> bool:
        doc = json.loads(run(capsys, "export", "--db", str(path), "--today", TODAY.isoformat())[1])
        return any(f["title"] == "Annas øvelse" for f in doc["follow_ups"])

    assert Path(run(capsys, "demo", "--prepare", "--as", "ANNA", "--today", TODAY.isoformat())[1].strip()) == anna
    assert practised(anna) and not practised(bo) and not practised(shared)
    built = bo.stat().st_ino
    run(capsys, "demo", "--prepare", "--reset", "--as", "anna", "--today", TODAY.isoformat())
    assert not practised(anna) and bo.stat().st_ino == built


@pytest.mark.parametrize("name", ["../x", "a/b", "a\\b", ".skjult", "to ord", "\x1b[2J", "x" * 41, "anna.db", "-x"])
def test_a_demo_name_that_could_leave_the_folder_is_one_sentence(capsys, name):
    before = set(Path(os.environ["ENPLAN_DATA_DIR"]).rglob("*"))
    code, out, err = run(capsys, "demo", "--prepare", f"--as={name}", "--today", TODAY.isoformat())
    assert code == 2 and out == "" and err.count("\n") == 1 and "A demo name is 1 to 40 letters" in err
    assert "\x1b" not in err and set(Path(os.environ["ENPLAN_DATA_DIR"]).rglob("*")) == before


def test_as_and_db_together_are_refused(capsys, tmp_path):
    code, _out, err = run(capsys, "demo", "--prepare", "--as", "anna", "--db", str(tmp_path / "x.db"))
    assert code == 2 and "--as and --db" in err and not (tmp_path / "x.db").exists()


@given(st.text(max_size=60))
def test_any_demo_name_stays_in_the_demo_folder_or_is_refused(text):
    from enplan.demo import BAD_NAME, demo_name
    from enplan.paths import demo_db_path

    try:
        name = demo_name(text)
    except ValueError as exc:
        assert str(exc) == BAD_NAME
    else:
        path = demo_db_path(name)
        assert path.parent == demo_db_path().parent and path.name == f"enplan-demo-{name}.db"
        assert name.isprintable() and "/" not in name and "." not in name


def test_every_enplan_process_collects_garbage_in_larger_batches():
    """cli.main sets the collector's young generation to runtime.GC_YOUNG_THRESHOLD before anything
    else (a sixth of the collector's cost when pages are opened), in a process of its own here."""
    import ast

    from enplan import runtime

    code = ("import contextlib, gc, io\nfrom enplan import cli\n"
            "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
            "    cli.main(['--help'])\nprint(gc.get_threshold())")
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    young, older, oldest = ast.literal_eval(ran.stdout)
    import gc

    assert young == runtime.GC_YOUNG_THRESHOLD and (older, oldest) == gc.get_threshold()[1:]
