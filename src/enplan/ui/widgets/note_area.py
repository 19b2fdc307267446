"""A multi-line input (a note) that keeps stored text exactly and shows its
control characters as symbols (see text_inputs.py for why).

It also keeps the text exact where Textual's ``TextArea`` would not: its
document splits lines only at ``\\n`` (``str.splitlines`` also splits at
``\\r``, form feeds and ``\\u2028``, and the text read back changed).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.document._document import Document, EditResult, Location
from textual.document._document_navigator import DocumentNavigator
from textual.document._wrapped_document import WrappedDocument
from textual.geometry import Size
from textual.widgets import TextArea

from .text_inputs import shown


class ShownDocument(Document):
    """A document whose text is exact and whose lines, as shown, are safe.

    ``text`` and ``get_text_range`` read the stored lines; ``lines``,
    indexing and ``get_line`` (what TextArea draws and measures) read the
    shown lines, which have the same length, so every location is shared."""

    def __init__(self, text: str) -> None:  # noqa: D107 - no super(): it splits at more than "\n"
        self._newline = "\n"
        self._lines = text.split("\n")
        self._shown = [shown(line) for line in self._lines]

    @property
    def lines(self) -> list[str]:
        return self._shown

    def __getitem__(self, line_index):  # noqa: ANN001, ANN204
        return self._shown[line_index]

    def get_line(self, index: int) -> str:
        return self._shown[index]

    def get_size(self, tab_width: int) -> Size:
        widths = [cell_len(line.expandtabs(tab_width)) for line in self._shown]
        return Size(max(widths, default=0), len(self._shown))

    def replace_range(self, start: Location, end: Location, text: str) -> EditResult:
        """Document.replace_range, splitting the new text only at line feeds
        (a pasted Windows line end counts as one)."""
        top, bottom = sorted((start, end))
        (top_row, top_column), (bottom_row, bottom_column) = top, bottom
        inserted = text.replace("\r\n", "\n").split("\n")
        replaced = self.get_text_range(top, bottom)
        lines = self._lines
        before = lines[top_row][:top_column] if top_row < len(lines) else ""
        after = lines[bottom_row][bottom_column:] if bottom_row < len(lines) else ""
        inserted[0] = before + inserted[0]
        column = len(inserted[-1])
        inserted[-1] += after
        lines[top_row:bottom_row + 1] = inserted
        self._shown[top_row:bottom_row + 1] = [shown(line) for line in inserted]
        return EditResult((top_row + len(inserted) - 1, column), replaced)


class NoteArea(TextArea):
    """A multi-line field over a ``ShownDocument`` (plain text, no highlighting)."""

    def _set_document(self, text: str, language: str | None) -> None:
        # TextArea builds a plain Document here; everything else it does stays.
        self._highlight_query = None
        self.document = ShownDocument(text)
        self.wrapped_document = WrappedDocument(self.document, tab_width=self.indent_width)
        self.navigator = DocumentNavigator(self.wrapped_document)
        self._build_highlight_map()
        self.move_cursor((0, 0))
