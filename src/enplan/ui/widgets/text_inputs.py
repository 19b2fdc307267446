"""Input widgets that keep stored text exactly and never put its control
characters on the terminal.

A follow-up title imported with ``ESC ]0;pwned BEL`` in it would, in
Textual's own ``Input``, rename the terminal window when the form opened;
a line feed in a one-line field breaks the frame. These widgets hold the
value exactly as stored (so saving an untouched field changes nothing) and
show every control character as a visible symbol of width one
(``domain.text.visible``), so the cursor still lands on the right character.

``NoteArea`` also keeps the text exact where ``TextArea`` would not: its
document splits lines only at ``\\n`` (``str.splitlines`` also splits at
``\\r``, form feeds and ``\\u2028``, and the text read back changed).
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual.document._document import Document, EditResult, Location
from textual.document._document_navigator import DocumentNavigator
from textual.document._wrapped_document import WrappedDocument
from textual.geometry import Size, clamp
from textual.widgets import Input, TextArea

from ...domain.text import visible


def shown(text: str) -> str:
    """One line as it appears in a field: same length, controls as symbols."""
    return visible(text, lines=False)


class TextInput(Input):
    """A one-line field; its value is exact, what it shows is safe."""

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        return Text(shown(self.value), no_wrap=True, overflow="ignore", end="")

    def _position_to_cell(self, position: int) -> int:
        return cell_len(shown(self.value[:position]))

    def _cell_offset_to_index(self, offset: int) -> int:
        cell_offset = 0
        offset += self.scroll_offset.x
        for index, char in enumerate(shown(self.value)):
            width = get_character_cell_size(char)
            if cell_offset <= offset < cell_offset + width:
                return index
            cell_offset += width
        return clamp(offset, 0, len(self.value))


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
