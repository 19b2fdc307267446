"""Tables as spreadsheets: a ``Sheet`` in, CSV or .xlsx bytes out.

CSV is written for a Danish Excel, which opens it with a double click:
semicolons between cells, UTF-8 with a byte-order mark (without it Excel
reads æ, ø, å as two characters each), dates as dd-mm-yyyy and a decimal
comma. Text a person typed can start a formula in a spreadsheet ("CSV
injection", OWASP): a text cell that starts with = + - @, a tab or a
carriage return gets a leading apostrophe, so it stays text. Every other
character is kept: the csv module quotes what needs quoting, and reading
the file back gives the same cells. Excel holds at most 32,767 characters
in a cell, so a longer text is cut with "…" (in both formats).

The .xlsx (XlsxWriter) has real date and number cells, a bold header row
that stays in view, an autofilter and column widths. Text is written as
text (``write_string``), never as a formula, URL or number.

What a sheet shows is decided by its builder (``documents/sheets.py``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

Cell = str | int | float | dt.date | None

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_LIMIT = 32_767
DATE_FORMAT = "dd-mm-yyyy"
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Column:
    title: str  # in the UI language
    width: int = 14  # characters, in the .xlsx
    decimals: int = 2  # for float cells


@dataclass(frozen=True)
class Sheet:
    name: str  # the worksheet's tab
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


def format_for(suffix: str) -> str | None:
    """"csv" or "xlsx" for a file name's suffix (".CSV" too); None for anything else."""
    name = suffix.lower().lstrip(".")
    return name if name in FORMATS else None


def render(sheet: Sheet, fmt: str) -> bytes:
    if fmt == "csv":
        return to_csv(sheet)
    if fmt == "xlsx":
        return to_xlsx(sheet)
    raise ValueError(f"unknown spreadsheet format {fmt!r}")


# -- CSV ---------------------------------------------------------------------------------
def csv_cell(value: Cell, decimals: int = 2) -> str:
    """One cell as a Danish Excel reads it."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, bool):  # a bool is an int to Python: say so instead of 1/0
        raise TypeError("a sheet says yes or no in words")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.{decimals}f}".replace(".", ",")
    return neutral(value)


def neutral(text: str) -> str:
    """Text that no spreadsheet takes for a formula, and that fits in a cell."""
    return fit("'" + text if text.startswith(FORMULA_STARTS) else text)


def fit(text: str) -> str:
    """Excel holds at most 32,767 characters in a cell (a longer CSV cell spills into the next rows)."""
    return text if len(text) <= EXCEL_CELL_LIMIT else text[:EXCEL_CELL_LIMIT - 1] + "…"


def to_csv(sheet: Sheet) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", quotechar='"', lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutral(c.title) for c in sheet.columns])
    for row in sheet.rows:
        writer.writerow([csv_cell(value, column.decimals) for value, column in zip(row, sheet.columns, strict=True)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# -- xlsx --------------------------------------------------------------------------------
def to_xlsx(sheet: Sheet) -> bytes:
    import xlsxwriter  # here: only a spreadsheet needs it

    out = io.BytesIO()
    # No guessing from text: a typed "=1+2", "www.x.dk" or "007" stays exactly that text.
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    page = book.add_worksheet(sheet_name(sheet.name))
    header = book.add_format({"bold": True, "bottom": 1})
    dates = book.add_format({"num_format": DATE_FORMAT, "align": "left"})
    numbers = {c.decimals: book.add_format({"num_format": "0." + "0" * c.decimals if c.decimals else "0"})
               for c in sheet.columns}
    for x, column in enumerate(sheet.columns):
        page.write_string(0, x, column.title, header)
        page.set_column(x, x, column.width)
    for y, row in enumerate(sheet.rows, start=1):
        for x, (value, column) in enumerate(zip(row, sheet.columns, strict=True)):
            _write(page, y, x, value, dates, numbers[column.decimals])
    page.freeze_panes(1, 0)
    page.autofilter(0, 0, max(len(sheet.rows), 1), max(len(sheet.columns) - 1, 0))
    book.close()
    return out.getvalue()


def _write(page, y: int, x: int, value: Cell, dates, number) -> None:  # noqa: ANN001 - XlsxWriter objects
    if value is None:
        return
    if isinstance(value, dt.date):
        page.write_datetime(y, x, value, dates)
    elif isinstance(value, bool):
        raise TypeError("a sheet says yes or no in words")
    elif isinstance(value, int):
        page.write_number(y, x, value)
    elif isinstance(value, float):
        page.write_number(y, x, value, number)
    else:
        page.write_string(y, x, fit(value))


def sheet_name(name: str) -> str:
    """A worksheet name Excel accepts: 1-31 characters, none of []:*?/\\, not starting or ending with '."""
    cleaned = "".join(" " if c in "[]:*?/\\" or not c.isprintable() else c for c in name).strip().strip("'")
    return cleaned[:31] or "Sheet1"
