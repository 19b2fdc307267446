"""The last gate before the terminal: no control character in drawn text.

Screens show user text through ``ui.text.literal`` and the input widgets
through ``widgets.text_inputs``; both make control characters visible and
keep the layout right. This filter is the net under them: Textual runs it
on every line of every widget (as it runs its NO_COLOR filter), so text
that reaches the screen by a path nobody thought of (a toast, a palette
entry, a future widget) still cannot clear the screen, rename the window
or write the clipboard. Such text was measured as zero cells wide, so the
line is cut back to its measured length after the symbols are put in.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from ..domain.text import visible

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


class ControlCharacters(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(_CONTROL.search(segment.text) for segment in segments if segment.text):
            return segments
        length = Segment.get_line_length(segments)
        safe = [segment if segment.control or not segment.text
                else Segment(visible(segment.text, lines=False), segment.style)
                for segment in segments]
        return Segment.adjust_line_length(safe, length)
