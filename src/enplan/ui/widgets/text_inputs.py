"""A one-line input that keeps stored text exactly and never puts its
control characters on the terminal (the multi-line one: note_area.py).

A follow-up title imported with ``ESC ]0;pwned BEL`` in it would, in
Textual's own ``Input``, rename the terminal window when the form opened;
a line feed in a one-line field breaks the frame. ``TextInput`` holds the
value exactly as stored (so saving an untouched field changes nothing) and
shows every control character as a visible symbol of width one
(``domain.text.visible``), so the cursor still lands on the right character.

The caseload's filter field is one, so this module stays light: no
TextArea machinery is imported before the first screen paints.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual.geometry import clamp
from textual.widgets import Input

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
