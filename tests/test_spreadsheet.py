"""The caseload and the worklist as spreadsheets: CSV read back with the csv
module the way a Danish Excel splits it (semicolons, UTF-8 with BOM,
dd-mm-yyyy, decimal comma, formulas neutralised), and .xlsx unzipped and
its XML read (text cells, date cells with their format, header, filter,
frozen row). The renderers on sheets, then `enplan sheet` on the seeded
caseload."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from xml.etree import ElementTree

import pytest

from enplan.documents.spreadsheet import (
    EXCEL_CELL_LIMIT,
    Column,
    Sheet,
    fit,
    format_for,
    sheet_name,
    to_csv,
    to_xlsx,
)
from enplan.i18n import set_language
from enplan.services import Services
from tests import hostile
from tests.conftest import TODAY
from tests.safety.helpers import CPR_DASHED, run_cli, today_arg
from tests.ui.seed import CPR_FULL, seed

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
FORMULAS = ["=1+2", "+45 12 34 56 78", "-2+3", "@SUM(A1)", "\tsneaky", "\rsneaky",
            '=HYPERLINK("https://evil.example","click")']


def cells(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM that tells Excel it is UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def sheet_of(*rows: tuple, columns: int = 3) -> Sheet:
    return Sheet("Test", tuple(Column(f"Col {i}") for i in range(columns)), tuple(rows))


def xlsx_parts(data: bytes) -> tuple[list[str], ElementTree.Element, ElementTree.Element]:
    """(shared strings in order, the sheet's XML, the styles' XML) of a workbook."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert book.testzip() is None
        strings = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
        page = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
        styles = ElementTree.fromstring(book.read("xl/styles.xml"))
    texts = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in strings.findall("m:si", NS)]
    return [_unescape(t) for t in texts], page, styles


def _unescape(text: str) -> str:
    """OOXML writes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x)."""
    return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def xlsx_rows(data: bytes) -> list[list[object]]:
    """Every row as Excel holds it: text, numbers, and dates as (serial, number format)."""
    strings, page, styles = xlsx_parts(data)
    formats = {f.get("numFmtId"): f.get("formatCode") for f in styles.iter(f"{{{NS['m']}}}numFmt")}
    xfs = [xf.get("numFmtId") for xf in styles.find("m:cellXfs", NS).findall("m:xf", NS)]
    rows = []
    for row in page.iter(f"{{{NS['m']}}}row"):
        out = []
        for c in row.findall("m:c", NS):
            assert c.find("m:f", NS) is None  # never a formula
            value = c.find("m:v", NS).text
            if c.get("t") == "s":
                out.append(strings[int(value)])
            elif c.get("s") and formats.get(xfs[int(c.get("s"))]) == "dd-mm-yyyy":
                out.append(dt.date(1899, 12, 30) + dt.timedelta(days=int(float(value))))
            else:
                out.append(float(value))
        rows.append(out)
    return rows


@pytest.fixture
def english():
    yield
    set_language("en")


# -- CSV ---------------------------------------------------------------------------------
def test_csv_is_what_a_danish_excel_expects():
    data = to_csv(sheet_of(("Åse Østergaard", dt.date(2026, 3, 9), 12), (None, None, 2.5), ("a;b", '"q"', -3),
                           columns=3))
    assert data.startswith(b"\xef\xbb\xbfCol 0;Col 1;Col 2\r\n")
    assert cells(data) == [["Col 0", "Col 1", "Col 2"], ["Åse Østergaard", "09-03-2026", "12"], ["", "", "2,50"],
                           ["a;b", '"q"', "-3"]]


def test_a_cell_that_could_start_a_formula_stays_text():
    data = to_csv(sheet_of(*((text, "ok", text + " later") for text in FORMULAS)))
    for (first, _ok, later), text in zip(cells(data)[1:], FORMULAS, strict=True):
        assert first == "'" + text and later == "'" + text + " later"
    assert cells(to_csv(sheet_of(("a=1", "1+1", "x@y"))))[1] == ["a=1", "1+1", "x@y"]  # not at the start: kept


def neutralised(text: str) -> str:
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def test_every_hostile_text_comes_back_as_the_same_cell():
    texts = [t for name, t in hostile.TEXTS.items() if name not in hostile.REFUSED_TEXT]
    rows = cells(to_csv(Sheet("T", (Column("Text"),), tuple((t,) for t in texts))))[1:]
    assert [r[0] for r in rows] == [neutralised(t) for t in texts]


def test_a_text_excel_cannot_hold_is_cut():
    for data in (to_csv(Sheet("T", (Column("Note"),), ((hostile.ONE_MB_NOTE,),))),
                 to_xlsx(Sheet("T", (Column("Note"),), ((hostile.ONE_MB_NOTE,),)))):
        cell = cells(data)[1][0] if data.startswith(b"\xef") else xlsx_rows(data)[1][0]
        assert len(cell) == EXCEL_CELL_LIMIT and cell == hostile.ONE_MB_NOTE[:EXCEL_CELL_LIMIT - 1] + "…"


# -- xlsx --------------------------------------------------------------------------------
def test_xlsx_has_date_cells_a_header_a_filter_and_a_frozen_row():
    data = to_xlsx(Sheet("Sagsstamme", (Column("Navn", 30), Column("Frist", 12), Column("Antal", 8, 1)),
                         (("Åse Østergaard", dt.date(2026, 11, 22), 2.25), ("Bjørn Ærø", None, 3))))
    assert xlsx_rows(data) == [["Navn", "Frist", "Antal"], ["Åse Østergaard", dt.date(2026, 11, 22), 2.25],
                               ["Bjørn Ærø", 3.0]]
    _strings, page, _styles = xlsx_parts(data)
    assert page.find("m:autoFilter", NS).get("ref") == "A1:C3"
    pane = page.find("m:sheetViews/m:sheetView/m:pane", NS)
    assert (pane.get("ySplit"), pane.get("state")) == ("1", "frozen")
    assert [c.get("width") for c in page.find("m:cols", NS)][:1] == ["30.7109375"]
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert 'name="Sagsstamme"' in book.read("xl/workbook.xml").decode()


def test_xlsx_keeps_typed_text_as_text():
    texts = [t for name, t in hostile.TEXTS.items() if name not in hostile.REFUSED_TEXT] + FORMULAS + ["_x0041_"]
    rows = xlsx_rows(to_xlsx(Sheet("T", (Column("Text"),), tuple((t,) for t in texts))))
    assert [r[0] if r else "" for r in rows[1:]] == texts


def test_formats_and_sheet_names():
    assert [format_for(s) for s in (".csv", ".XLSX", ".xls", "", ".pdf")] == ["csv", "xlsx", None, None, None]
    assert sheet_name("A/B: [x]?") == "A B   x" and sheet_name("'") == "Sheet1" and len(sheet_name("x" * 40)) == 31


# -- `enplan sheet` on the seeded caseload ---------------------------------------------------
@pytest.fixture
def seeded(sqlite_db, sqlite_url, english):
    services = Services(sqlite_db, today=TODAY, actor="mette")
    return services, seed(services), sqlite_url


def sheet(capsys, url: str, *more: str) -> str:
    code, out, err = run_cli(capsys, "sheet", *more, "--db", url, today_arg(), "--caseworker", "mette")
    assert code == 0, err
    return out


def test_the_caseload_in_danish(seeded, capsys):
    _services, _ids, url = seeded
    rows = cells(sheet(capsys, url, "caseload", "--lang", "da").encode("utf-8"))
    assert rows[0][:7] == ["Navn", "Målgruppe", "Status", "CTI-fase", "Kontaktet", "Frist", "Overskredet"]
    ase = next(r for r in rows if r[0] == "Åse Østergaard")
    assert ase[1:4] == ["Aktivitetsparat kontanthjælp", "Aktiv", "Fase 1"] and ase[7] == "Ja"
    assert re.fullmatch(r"\d\d-\d\d-2026", ase[4]) and ase[5] == "09-11-2026" and ase[6] == "2"
    assert [r[0] for r in rows[1:]] == ["Bjørn Ærø", "Carl Nielsen", "Dorte [bold]Jensen[/]", "Zoë Zachariassen",
                                        "Æbbe Hansen", "Åse Østergaard"]  # Danish order; Other Person is jonas's
    text = "\n".join(";".join(r) for r in rows)
    assert CPR_FULL not in text and CPR_DASHED not in text


def test_the_worklist_as_csv_and_xlsx_files(seeded, capsys, tmp_path):
    _services, ids, url = seeded
    stdout = cells(sheet(capsys, url, "worklist").encode("utf-8"))
    for name in ("worklist.csv", "worklist.xlsx"):
        code, out, err = run_cli(capsys, "sheet", "worklist", "-o", str(tmp_path / name), "--db", url, today_arg(),
                                 "--caseworker", "mette")
        assert code == 0 and out == f"Wrote {tmp_path / name}.\n", err
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600
    assert cells((tmp_path / "worklist.csv").read_bytes()) == stdout
    assert stdout[1] == ["10-11-2026", "12", "Åse Østergaard", "Follow-up", "Ring til lægen", "mette"]
    assert ["21-11-2026", "1", "Dorte [bold]Jensen[/]", "Follow-up", "[bold]Ring[/bold] [@click=app.quit]now[/] \x1b[2J",
            "mette"] in stdout
    book = xlsx_rows((tmp_path / "worklist.xlsx").read_bytes())
    assert book[0] == stdout[0] and book[1] == [dt.date(2026, 11, 10), 12.0, "Åse Østergaard", "Follow-up",
                                                 "Ring til lægen", "mette"]
    assert len(book) == len(stdout)


def test_hostile_titles_and_names_stay_exact(seeded, capsys, tmp_path):
    services, ids, url = seeded
    from enplan.domain.enums import TargetGroup
    from enplan.services import CitizenInput

    titles = {name: text for name, text in hostile.TEXTS.items() if name not in hostile.REFUSED_TEXT and text.strip()}
    titles["one_mb"] = hostile.ONE_MB_NOTE
    for text in titles.values():
        services.add_follow_up(ids.aebbe, text, TODAY)
    names = [text for name, text in hostile.NAMES.items() if name not in hostile.NAME_REFUSED]
    for name in names:
        cid = services.create_citizen(CitizenInput(name=name, target_group=TargetGroup.OTHER, caseworker="mette"))
        services.add_follow_up(cid, "Hostile name", TODAY)
    out = tmp_path / "w.csv"
    assert run_cli(capsys, "sheet", "worklist", "-o", str(out), "--db", url, today_arg(), "--caseworker", "mette")[0] == 0
    rows = cells(out.read_bytes())
    assert all(len(r) == 6 for r in rows)
    got_titles = [r[4] for r in rows if r[2] == "Æbbe Hansen"]
    stored = [f.title for f in services.follow_ups(ids.aebbe)]  # as the services keep them (trimmed)
    assert len(stored) == len(titles) and sorted(got_titles) == sorted(fit(neutralised(t)) for t in stored)
    assert {r[2] for r in rows if r[4] == "Hostile name"} == {hostile.stored_name(n) for n in names}
    book = tmp_path / "w.xlsx"
    assert run_cli(capsys, "sheet", "worklist", "-o", str(book), "--db", url, today_arg(),
                   "--caseworker", "mette")[0] == 0
    strings, _page, _styles = xlsx_parts(book.read_bytes())
    assert {fit(t) for t in stored} <= set(strings)
    assert {hostile.stored_name(n) for n in names} <= set(strings)
    code, ics, err = run_cli(capsys, "calendar", "--db", url, today_arg(), "--caseworker", "mette", "--names", "full")
    from icalendar import Calendar

    assert code == 0 and len(Calendar.from_ical(ics.encode("utf-8")).walk("VEVENT")) == len(rows) - 1 + 1, err
