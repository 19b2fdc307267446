"""HangingRows: a dated list with wrapped text indented under its date."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from enplan.ui.renderables import HangingRows


def lines_of(renderable, width: int) -> list[str]:  # noqa: ANN001
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_long_text_wraps_under_its_label_and_labels_line_up() -> None:
    rows = HangingRows()
    rows.add_row(Text("21-11-2026"), Text("Meeting · Jobsamtale · a rather long line that must wrap\nsecond line"))
    rows.add_row(Text(""), Text(""))
    rows.add_row(Text("1-1"), Text("short"))
    assert lines_of(rows, 40) == [
        "21-11-2026 Meeting · Jobsamtale · a",
        "           rather long line that must",
        "           wrap",
        "           second line",
        "",
        "1-1        short",
    ]


def test_every_line_fits_the_width_even_when_very_narrow() -> None:
    rows = HangingRows()
    rows.add_row(Text("21-11-2026"), Text("x" * 50 + " " + "ord " * 20))
    for width in (12, 20, 33):
        assert all(len(line) <= width for line in lines_of(rows, width))


def test_text_is_shown_as_given_never_as_markup() -> None:
    rows = HangingRows()
    rows.add_row(Text("[bold]d[/bold]"), Text("[link=https://x]click[/link]"))
    assert lines_of(rows, 60) == ["[bold]d[/bold] [link=https://x]click[/link]"]


def test_unaligned_rows_indent_under_their_own_label() -> None:
    rows = HangingRows(aligned=False)
    rows.add_row(Text("  ●"), Text("Goal with a title long enough to wrap"))
    rows.add_row(Text("    –"), Text("An action that also wraps here"))
    assert lines_of(rows, 24) == [
        "  ● Goal with a title",
        "    long enough to wrap",
        "    – An action that",
        "      also wraps here",
    ]
