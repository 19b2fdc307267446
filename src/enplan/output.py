"""What the command line writes to a terminal.

Stored text was typed by someone else and may hold escape sequences (a
window title, a cleared screen, a clipboard write). Every command prints
through these functions, so no control byte from the database reaches the
terminal: text and tables go through ``domain.text.visible``, and JSON
escapes every control character (json.dumps leaves DEL and C1 as they are).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from .domain.text import visible

_JSON_UNSAFE = {c: f"\\u{c:04x}" for c in (0x7F, *range(0x80, 0xA0))}


def say(text: str, *, err: bool = False) -> None:
    """One message for people (stdout, or stderr with ``err``), controls made visible."""
    stream: TextIO = sys.stderr if err else sys.stdout
    stream.write(visible(str(text)) + "\n")


def complain(text: str) -> None:
    """``enplan: …`` on stderr: one line, whatever the message quotes (a line feed in an id shows as a symbol)."""
    sys.stderr.write(visible(f"enplan: {text}", lines=False) + "\n")


def json_text(data: Any, *, indent: int | None = 2, sort_keys: bool = False) -> str:  # noqa: ANN401
    """JSON whose text holds no control character, even inside strings."""
    import json

    # Control characters only ever occur inside JSON strings, where \\uXXXX is the same value.
    return json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys).translate(_JSON_UNSAFE) + "\n"


def print_json(data: Any) -> None:  # noqa: ANN401
    sys.stdout.write(json_text(data))


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """A table for people; every cell shown literally (no markup, no control codes)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(visible(title)))
    for column in columns:
        table.add_column(Text(visible(column)), overflow="fold")
    for row in rows:
        table.add_row(*(Text(visible(str(cell))) for cell in row))
    Console(markup=False, highlight=False, emoji=False).print(table)
