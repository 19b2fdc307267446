"""`enplan report`: the acceptance figures printed exactly, JSON, CSV for a
Danish Excel, a file, and a period that ends before it starts refused in one
line with nothing else done (the database is not even opened)."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from enplan.cli import main
from tests.conftest import TODAY
from tests.reports.cohorts import FIRST, SECOND, build_cohort

PERIODS = ["--from", "01-01-2025", "--to", "30-06-2025", "--compare-from", "2024-01-01", "--compare-to", "2024-06-30"]


@pytest.fixture(scope="module")
def _template(tmp_path_factory):
    from enplan.services import Services
    from enplan.store.opening import open_database

    path = tmp_path_factory.mktemp("report") / "cohorts.db"
    db = open_database(f"sqlite:///{path}", daily_backup=False)
    try:
        services = Services(db, today=TODAY, actor="tester")
        build_cohort(services, FIRST[0], jobs=20, activities=80, trivsel=(45, 50, 53, 64))
        build_cohort(services, SECOND[0], jobs=11, activities=41, trivsel=(48, 50, 52, 54))
    finally:
        db.dispose()
    return path


@pytest.fixture
def db_file(_template, tmp_path):
    copy = tmp_path / "enplan.db"
    shutil.copyfile(_template, copy)
    return copy


def _run(capsys, db_file, *args: str) -> tuple[int, str, str]:  # noqa: ANN001
    code = main(["report", "--db", str(db_file), "--today", TODAY.isoformat(), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_report_prints_the_evaluations_figures_exactly(capsys, db_file, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # one line per row, as a wide terminal shows it
    code, out, _err = _run(capsys, db_file, "--from", "01-01-2025", "--to", "30-06-2025")
    assert code == 0
    lines = {line.split("│")[1].strip(): line for line in out.splitlines() if line.count("│") > 3}
    assert "│ 20%" in lines["In ordinary work 365 days after start"]
    assert "│ 80%" in lines["Company-based activity started within 365 days"]
    assert "│ 49 → 57" in lines["Trivsel (1–100), mean at start → latest within 12 months"]
    assert "01-01-2025 – 30-06-2025 · 100 citizens (100 with CTI)" in out
    assert "own data, not an effect study" in out
    code, out, _err = _run(capsys, db_file, *PERIODS)
    assert code == 0
    assert "+9 percentage points, 82% more" in out and "+39 percentage points" in out


def test_json(capsys, db_file):
    code, out, _err = _run(capsys, db_file, *PERIODS, "--json")
    data = json.loads(out)
    assert code == 0 and "not an effect study" in data["note"]
    first, second = data["cohorts"]
    rows = {r["key"]: r for r in first["rows"]}
    assert (rows["job_day_365"]["percent"], rows["trivsel"]["mean_at_start"], rows["trivsel"]["mean_latest"]) == \
        (20.0, 49.0, 57.0)
    assert second["from"] == "2024-01-01" and second["citizens"] == 100
    differences = {d["key"]: d for d in data["differences"]}
    assert (differences["job_day_365"]["points"], differences["job_day_365"]["relative_percent"]) == (9.0, 81.82)


def test_csv_for_a_danish_excel(capsysbinary, db_file):
    code = main(["report", "--db", str(db_file), "--today", TODAY.isoformat(), *PERIODS, "--csv", "--lang", "da"])
    data = capsysbinary.readouterr().out
    assert code == 0 and data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, first = rows[0], rows[1]
    assert len(header) == 17 and header[0] == "Måling"
    assert first[:7] == ["I ordinært arbejde 365 dage efter start", "01-01-2025 – 30-06-2025", "100", "20", "0",
                         "20,0", ""]
    assert first[-2:] == ["9,0", "81,8"]
    assert "egne data" in rows[-1][0]


def test_a_spreadsheet_file(capsys, db_file, tmp_path):
    target = tmp_path / "rapport.xlsx"
    code, out, _err = _run(capsys, db_file, *PERIODS, "-o", str(target))
    assert code == 0 and target.read_bytes()[:2] == b"PK" and str(target) in out


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "01-07-2025", "--to", "30-06-2025"],
     "enplan: --to: The period ends (30-06-2025) before it starts (01-07-2025).\n"),
    (["--from", "2025-01-01", "--to", "2025-12-31", "--compare-from", "2024-12-31", "--compare-to", "2024-01-01"],
     "enplan: --compare-to: The period ends (01-01-2024) before it starts (31-12-2024).\n"),
    (["--from", "31-02-2025", "--to", "2025-12-31"], "enplan: --from: 31-02-2025 is not a real date.\n"),
    (["--from", "2025-01-01", "--to", "2025-12-31", "--compare-from", "2024-01-01"],
     "enplan: Give both --compare-from and --compare-to, or neither (the same period).\n"),
])
def test_a_wrong_period_is_refused_in_one_line_and_nothing_is_opened(capsys, tmp_path, args, message):
    missing = tmp_path / "never.db"
    code, out, err = _run(capsys, missing, *args)
    assert (code, out, err) == (2, "", message)
    assert not missing.exists()
