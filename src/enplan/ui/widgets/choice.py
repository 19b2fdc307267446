"""A one-line choice for forms: all options in a row when they fit, else
"◂ option ▸ 2/7". Keys: left/right (space = next), the number of an option,
or its first letter (again to cycle through options with that letter).

It takes every printable key, so a letter typed on a choice never reaches a
screen or app binding (``w`` must not leave a half-filled form).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ...domain.text import visible
from ..actions import CHOICE, bindings, translate_bindings


class Choice(Widget, can_focus=True):
    BINDINGS = bindings(CHOICE)
    DEFAULT_CSS = """
    Choice { height: 1; width: 1fr; }
    Choice:focus { background-tint: $foreground 5%; }
    """

    index: reactive[int] = reactive(0)

    class Changed(Message):
        def __init__(self, choice: Choice, value: str) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(self, options: Sequence[tuple[str, str]], value: str | None = None, *, first_number: int = 1,
                 show_numbers: bool = False, advance: bool = False, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        translate_bindings(self)
        self.options = list(options)
        self.first_number = first_number
        self.show_numbers = show_numbers
        self.advance = advance  # a number or letter picks and moves on to the next field
        self.set_reactive(Choice.index, self._index_of(value))

    def _index_of(self, value: str | None) -> int:
        return next((i for i, (v, _label) in enumerate(self.options) if v == value), 0)

    @property
    def value(self) -> str:
        return self.options[self.index][0] if self.options else ""

    @value.setter
    def value(self, value: str) -> None:
        self.index = self._index_of(value)

    @property
    def label(self) -> str:
        return self.options[self.index][1] if self.options else ""

    def set_options(self, options: Sequence[tuple[str, str]], value: str | None = None) -> None:
        keep = self.value if value is None else value
        self.options = list(options)
        self.index = self._index_of(keep)
        self.refresh()

    def watch_index(self, old: int, new: int) -> None:
        if old != new and self.options:
            self.post_message(self.Changed(self, self.value))

    # -- keys -----------------------------------------------------------------------
    def action_next_option(self) -> None:
        if self.options:
            self.index = (self.index + 1) % len(self.options)

    def action_previous_option(self) -> None:
        if self.options:
            self.index = (self.index - 1) % len(self.options)

    def on_key(self, event: events.Key) -> None:
        char = event.character
        if not char or not event.is_printable or char == " ":
            return
        event.stop()
        event.prevent_default()
        picked = None
        if char.isdigit():
            i = int(char) - self.first_number
            picked = i if 0 <= i < len(self.options) else None
        else:
            starts = [i for i, (_v, label) in enumerate(self.options) if label.casefold().startswith(char.casefold())]
            if starts:
                after = [i for i in starts if i > self.index]
                picked = (after or starts)[0] if not self.advance else starts[0]
        if picked is not None:
            self.index = picked
            if self.advance:
                self.screen.focus_next()

    # -- drawing ----------------------------------------------------------------------
    def _inline(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for i, (_v, label) in enumerate(self.options):
            if i:
                text.append("  ")
            label = visible(label, lines=False)  # labels may be stored text (a placement, an employer)
            shown = label if self.show_numbers else f" {label} "
            if self.show_numbers:
                text.append(f"{i + self.first_number}:", style="dim")
            if i == self.index:
                text.append(shown, style="reverse bold" if self.has_focus else "bold underline")
            else:
                text.append(shown, style="dim")
        return text

    def render(self) -> Text:
        if not self.options:
            return Text("–")
        inline = self._inline()
        if inline.cell_len <= max(self.size.width, 1):
            return inline
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("◂ ", style="dim")
        text.append(visible(self.label, lines=False), style="reverse bold" if self.has_focus else "bold")
        text.append(" ▸", style="dim")
        text.append(f"  {self.index + 1}/{len(self.options)}", style="dim")
        return text

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
