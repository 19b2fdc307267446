"""`enplan calendar` and `enplan sheet` given a place they cannot or should
not write: one sentence, exit 2, nothing written and nothing logged; an
existing file only with --force; a caseworker with no citizens gets an
empty calendar or sheet, not an error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from enplan.services import Services
from enplan.store import tables as t
from tests.conftest import TODAY
from tests.safety.helpers import nobody_home, run_cli, run_cli_as_nobody, today_arg
from tests.ui.seed import seed

COMMANDS = {"calendar": ["calendar"], "xlsx": ["sheet", "caseload"], "csv": ["sheet", "worklist"]}
SUFFIX = {"calendar": ".ics", "xlsx": ".xlsx", "csv": ".csv"}


@pytest.fixture
def seeded(sqlite_db, sqlite_url):
    services = Services(sqlite_db, today=TODAY, actor="mette")
    return services, seed(services), sqlite_url


def run(capsys, url: str, what: str, *more: str) -> tuple[int, str, str]:
    return run_cli(capsys, *COMMANDS[what], *more, "--db", url, today_arg(), "--caseworker", "mette")


def logged(services) -> int:  # noqa: ANN001
    with services.db.read() as s:
        return s.execute(sa.select(sa.func.count()).select_from(t.AuditEvent)
                         .where(t.AuditEvent.action.in_(("calendar", "spreadsheet")))).scalar_one()


@pytest.mark.parametrize("what", COMMANDS)
def test_a_missing_folder_a_folder_and_an_existing_file_are_refused(seeded, capsys, tmp_path, what):
    services, _ids, url = seeded
    existing = tmp_path / f"old{SUFFIX[what]}"
    existing.write_text("keep me", encoding="utf-8")
    os.chmod(existing, 0o644)
    (tmp_path / f"folder{SUFFIX[what]}").mkdir()
    for target, problem in ((tmp_path / "missing" / f"x{SUFFIX[what]}", "does not exist"),
                            (tmp_path / ("x" * 300 + SUFFIX[what]), "cannot be used as a file name"),
                            (tmp_path / f"folder{SUFFIX[what]}", "is a folder"),
                            (existing, "already exists; choose another name, or replace it with --force")):
        code, out, err = run(capsys, url, what, "-o", str(target))
        assert (code, out) == (2, "") and problem in err and err.count("\n") == 1, (target, err)
    assert existing.read_text(encoding="utf-8") == "keep me" and not (tmp_path / "missing").exists()
    others = {p.name for p in tmp_path.iterdir()} - {existing.name, f"folder{SUFFIX[what]}"}
    assert all(name.startswith("enplan.db") or name == "backups" for name in others), others  # no temporary file
    assert logged(services) == 0  # nothing written, nothing logged
    code, out, err = run(capsys, url, what, "-o", str(existing), "--force")
    assert code == 0 and out == f"Wrote {existing}.\n", err
    assert existing.read_bytes() != b"keep me" and existing.stat().st_mode & 0o777 == 0o600
    assert logged(services) == 1


def test_a_sheet_needs_a_name_that_says_its_format(seeded, capsys, tmp_path):
    services, _ids, url = seeded
    for name in ("caseload.pdf", "caseload", "caseload.xls"):
        code, _out, err = run_cli(capsys, "sheet", "caseload", "-o", str(tmp_path / name), "--db", url, today_arg())
        assert code == 2 and err == "enplan: Name the file .xlsx (Excel) or .csv.\n", err
        assert not (tmp_path / name).exists()
    assert logged(services) == 0


def test_a_caseworker_without_citizens_gets_empty_files(seeded, capsys, tmp_path):
    _services, _ids, url = seeded
    code, out, err = run_cli(capsys, "sheet", "worklist", "--db", url, today_arg(), "--caseworker", "nobody-here")
    assert code == 0 and out == "\ufeffDue;Days overdue;Citizen;Kind;What;Owner\r\n", err
    code, out, err = run_cli(capsys, "calendar", "--db", url, today_arg(), "--caseworker", "nobody-here")
    assert code == 0 and Calendar.from_ical(out.encode("utf-8")).walk("VEVENT") == [], err
    target = tmp_path / "empty.xlsx"
    code, _out, err = run_cli(capsys, "sheet", "caseload", "-o", str(target), "--db", url, today_arg(),
                              "--caseworker", "nobody-here")
    assert code == 0 and target.stat().st_size > 0, err


def test_a_folder_the_user_may_not_write_in_is_one_sentence(seeded):
    services, _ids, _url = seeded
    with nobody_home(services.db.path) as (home, theirs, db):
        for what in COMMANDS:
            target = theirs / f"x{SUFFIX[what]}"
            code, _out, err = run_cli_as_nobody(home, *COMMANDS[what], "-o", str(target), "--db", str(db),
                                                today_arg(), "--caseworker", "mette")
            assert code == 2 and "may not write in" in err and err.count("\n") == 1, (what, err)
        assert list(theirs.iterdir()) == []


def test_the_audit_log_names_the_file_and_the_format(seeded, capsys, tmp_path):
    services, _ids, url = seeded
    assert run(capsys, url, "xlsx", "-o", str(tmp_path / "c.xlsx"))[0] == 0
    assert run(capsys, url, "csv")[0] == 0
    with services.db.read() as s:
        entries = s.execute(sa.select(t.AuditEvent.action, t.AuditEvent.entity, t.AuditEvent.changes)
                            .where(t.AuditEvent.action == "spreadsheet").order_by(t.AuditEvent.at)).all()
    assert entries == [("spreadsheet", "caseload", {"file": "c.xlsx", "caseworker": "mette", "entries": 6,
                                                   "format": "xlsx"}),
                       ("spreadsheet", "worklist", {"file": "-", "caseworker": "mette", "entries": 9,
                                                   "format": "csv"})]
    from enplan.i18n import audit_action

    assert audit_action("spreadsheet") == "exported a spreadsheet" and audit_action("calendar") == "exported a calendar"


def test_a_terminal_sees_typed_control_characters_as_symbols(seeded, capsys, monkeypatch):
    import sys

    _services, _ids, url = seeded
    capsys.readouterr()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    for what in ("csv", "calendar"):
        code, out, err = run(capsys, url, what)
        assert code == 0 and "\x1b" not in out and "\r" not in out, err
        assert "␛[2J" in out, what  # the seeded follow-up title "… \x1b[2J", shown, not obeyed
