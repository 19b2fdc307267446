"""What leaves enplan words the follow-ups enplan wrote in the chosen language:
`enplan overdue` (its JSON stays English), the calendar, the worklist
spreadsheet and the citizen's plan as a PDF; typed titles stay as typed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
import uuid

import pytest
from icalendar import Calendar

from enplan.documents import calendar
from enplan.documents.for_citizen import render
from enplan.domain.documents import Contact
from enplan.domain.enums import PlacementKind
from enplan.domain.followups import WorkItem, WorkKind
from enplan.domain.work_texts import follow_up_text
from enplan.i18n import set_language
from enplan.services import EmployerInput, PlacementInput, Services
from tests.conftest import TODAY
from tests.safety.helpers import run_cli, today_arg
from tests.ui.seed import seed

RETENTION_EN = "Retention check 1 week: Føtex"
RETENTION_DA = "Fastholdelsesopfølgning efter 1 uge: Føtex"
EMPLOYER_DA = "Virksomhedsopfølgning: Netto Vesterbro"


@pytest.fixture
def seeded(sqlite_db, sqlite_url):
    """The seeded caseload, and Carl started in a job 10 days ago: his 1-week retention check is overdue."""
    services = Services(sqlite_db, today=TODAY, actor="mette")
    ids = seed(services)
    foetex = services.create_employer(EmployerInput(name="Føtex"))
    services.create_placement(ids.carl, PlacementInput(foetex, PlacementKind.ORDINARY_JOB,
                                                       TODAY - dt.timedelta(days=10)))
    yield services, ids, sqlite_url
    set_language("en")


def cli(capsys, *argv: str) -> str:
    code, out, err = run_cli(capsys, *argv, today_arg(), "--caseworker", "mette")
    assert code == 0, err
    return out


def test_overdue_in_danish_and_its_json_in_english(seeded, capsys, monkeypatch):
    _services, _ids, url = seeded
    monkeypatch.setenv("COLUMNS", "200")  # one line per row
    danish = cli(capsys, "overdue", "--db", url, "--lang", "da")
    assert RETENTION_DA in danish and "Retention check" not in danish
    assert "Ring til lægen" in danish  # typed: as typed
    english = cli(capsys, "overdue", "--db", url, "--lang", "en")
    assert RETENTION_EN in english and "Fastholdelse" not in english
    rows = json.loads(cli(capsys, "overdue", "--db", url, "--lang", "da", "--json"))
    assert RETENTION_EN in [r["what"] for r in rows]


def test_the_calendar_in_danish(seeded, capsys):
    _services, _ids, url = seeded
    ics = cli(capsys, "calendar", "--db", url, "--lang", "da").encode("utf-8")
    summaries = {str(e["summary"]) for e in Calendar.from_ical(ics).walk("VEVENT")}
    assert f"Opfølgning: {RETENTION_DA} – C.N." in summaries
    assert f"Opfølgning: {EMPLOYER_DA} – B.Æ." in summaries
    assert "Opfølgning: Ring til lægen – Å.Ø." in summaries
    assert not [s for s in summaries if "Retention" in s or "Employer follow-up" in s or "nine-month" in s]


def test_a_calendar_event_is_titled_in_the_calendars_language():
    item = WorkItem(WorkKind.FOLLOW_UP, uuid.UUID(int=7), uuid.UUID(int=8), "Carl Nielsen",
                    follow_up_text("retention_check", {"step": "3m", "employer": "Føtex\x1b[2J"}, "x"), TODAY)
    set_language("da")
    assert calendar.title(item) == "Opfølgning: Fastholdelsesopfølgning efter 3 måneder: Føtex␛[2J – C.N."
    set_language("en")
    assert calendar.title(item) == "Follow-up: Retention check 3 months: Føtex␛[2J – C.N."


def test_the_worklist_spreadsheet_in_danish(seeded, capsys):
    _services, _ids, url = seeded
    data = cli(capsys, "sheet", "worklist", "--db", url, "--lang", "da")
    rows = list(csv.reader(io.StringIO(data.lstrip("\ufeff"), newline=""), delimiter=";"))
    whats = {r[4]: r for r in rows[1:]}
    assert whats[RETENTION_DA][2:4] == ["Carl Nielsen", "Opfølgning"]
    assert EMPLOYER_DA in whats and "Ring til lægen" in whats
    assert "CTI-opfølgning efter ni måneder: tag stilling til videre støtte" in whats
    assert not [w for w in whats if "Retention" in w or "Employer follow-up" in w]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")
def test_the_plan_for_the_citizen_in_danish(seeded, tmp_path):
    services, ids, _url = seeded
    set_language("da")
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(render(services.document_data(ids.ase, "plan", Contact("Mette Holm"))))
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                                   check=True, timeout=60).stdout.split())
    assert "CTI-opfølgning efter ni måneder: tag stilling til videre støtte" in text
    assert "nine-month" not in text
