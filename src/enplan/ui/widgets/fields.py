"""Form fields: a label, one control, an aside (e.g. the parsed date) and an
error line under it. Every field has a ``name`` (its key in drafts and in a
service's ValidationError ``field``; ``aliases`` adds more service names),
a ``value`` that is plain JSON (str or bool, so drafts can hold it), and
``check()`` that returns what is wrong in words, or None.

Errors show as you type for values that are wrong (a date that does not
exist); "required" shows once the field was touched, or on save (``force``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from ...domain.errors import ValidationError
from ...i18n import _
from .choice import Choice
from .note_area import NoteArea
from .text_inputs import TextInput

Check = Callable[[str], str | None]


class FieldChanged(Message):
    """A field's value changed (the form re-checks cross-field rules, drafts)."""

    def __init__(self, field: FormField) -> None:
        super().__init__()
        self.field = field


class FormField(Vertical):
    """Base: subclasses yield their control in ``compose_control``."""

    DEFAULT_CSS = """
    FormField { height: auto; }
    FormField > .field-row { height: auto; }
    FormField .field-label { width: 15; color: $text-muted; }
    FormField .field-control { width: 1fr; }
    FormField.-focused .field-label { color: $accent; text-style: bold; }
    FormField .field-aside { width: auto; max-width: 24; padding: 0 0 0 1; color: $text-muted; }
    FormField .field-error { color: $error; padding-left: 15; display: none; }
    FormField.-invalid .field-error { display: block; }
    FormField.-invalid .field-label { color: $error; }
    FormField.-stacked > .field-row { layout: vertical; }
    FormField.-stacked .field-label { width: 1fr; }
    FormField.-stacked .field-error { padding-left: 0; }
    """

    def __init__(self, name: str, label: str, *, required: bool = False, aliases: Iterable[str] = (),
                 check: Check | None = None, stacked: bool = False, id: str | None = None) -> None:  # noqa: A002
        super().__init__(name=name, id=id, classes="-stacked" if stacked else "")
        self.label_text = label
        self.required = required
        self.aliases = frozenset(aliases)
        self.extra_check = check
        self.touched = False
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(Text(self.label_text + (" *" if self.required else "")), classes="field-label")
            yield from self.compose_control()
            yield Static("", classes="field-aside", markup=False)
        yield Static("", classes="field-error", markup=False)

    def compose_control(self) -> ComposeResult:
        raise NotImplementedError

    def set_required(self, required: bool) -> None:
        self.required = required
        if self.is_mounted:
            self.query_one(".field-label", Label).update(Text(self.label_text + (" *" if required else "")))
        if not required and self.error and self.is_empty():
            self.show_error(None)

    # -- value --------------------------------------------------------------------------
    _initial: Any = ""  # the value the control starts with (also before it is mounted)

    @property
    def value(self) -> Any:  # noqa: ANN401
        return self._read_control() if self.is_mounted else self._initial

    @value.setter
    def value(self, value: Any) -> None:  # noqa: ANN401
        if self.is_mounted:
            self._write_control(str(value))
        else:
            self._initial = str(value)

    def _read_control(self) -> Any:  # noqa: ANN401
        raise NotImplementedError

    def _write_control(self, value: str) -> None:
        raise NotImplementedError

    def _report_change(self, event: Message) -> None:
        """The control changed: ours to report as a FieldChanged, not the control's."""
        event.stop()
        self.changed()
        self.post_message(FieldChanged(self))

    @property
    def control(self) -> Widget:
        raise NotImplementedError

    def is_empty(self) -> bool:
        return not str(self.value).strip()

    def answers_to(self, field: str | None) -> bool:
        return field is not None and (field == self.name or field in self.aliases)

    # -- checking --------------------------------------------------------------------------
    def check(self) -> str | None:
        """What is wrong with the value, in words; None when it is fine."""
        if self.is_empty():
            return _("Required.") if self.required else None
        if self.extra_check is not None:
            return self.extra_check(str(self.value))
        return None

    def validate(self, *, force: bool = False) -> bool:
        problem = self.check()
        if problem and self.is_empty() and not (force or self.touched):
            problem = None  # an untouched empty field is not an error until save
        self.show_error(problem)
        return problem is None if force else True

    def show_error(self, message: str | None) -> None:
        self.error = message
        self.set_class(bool(message), "-invalid")
        if self.is_mounted:
            self.query_one(".field-error", Static).update(Text(message or ""))
        self.update_aside()

    def update_aside(self) -> None:
        """Subclasses show e.g. the parsed date beside the control."""

    def set_aside(self, text: str | Text) -> None:
        if self.is_mounted:
            self.query_one(".field-aside", Static).update(text if isinstance(text, Text) else Text(text))

    def focus_control(self) -> None:
        self.control.focus()
        self.control.scroll_visible()

    def changed(self) -> None:
        self.touched = True
        self.validate()

    def on_mount(self) -> None:
        self.update_aside()

    # Where the focus is must always show. A ``:focus-within`` rule was not
    # re-applied to the label when the focus moved on, so "Type" stayed
    # highlighted while Tab went through the form: a class is restyled with
    # everything under it.
    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        self.add_class("-focused")

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        self.remove_class("-focused")


class LineField(FormField):
    """One line of text."""

    def __init__(self, name: str, label: str, value: str = "", *, placeholder: str = "", max_length: int = 0,
                 **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(name, label, **kwargs)
        self._initial = value
        self._placeholder = placeholder
        self._max_length = max_length

    def compose_control(self) -> ComposeResult:
        yield TextInput(self._initial, placeholder=self._placeholder, compact=True, max_length=self._max_length,
                    select_on_focus=False, classes="field-control")

    @property
    def control(self) -> TextInput:
        return self.query_one(TextInput)

    def _read_control(self) -> str:
        return self.control.value

    def _write_control(self, value: str) -> None:
        self.control.value = value

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._report_change(event)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()  # enter moves on, like tab


class NoteField(FormField):
    """Several lines of text (a note)."""

    DEFAULT_CSS = """
    NoteField TextArea { height: auto; min-height: 3; max-height: 8; width: 1fr; }
    """

    def __init__(self, name: str, label: str, value: str = "", *, lines: int = 3, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(name, label, **kwargs)
        self._initial = value
        self._lines = lines

    def compose_control(self) -> ComposeResult:
        area = NoteArea(self._initial, compact=True, soft_wrap=True, show_line_numbers=False, tab_behavior="focus",
                        classes="field-control")
        area.styles.min_height = self._lines
        yield area

    @property
    def control(self) -> NoteArea:
        return self.query_one(NoteArea)

    def _read_control(self) -> str:
        return self.control.text

    def _write_control(self, value: str) -> None:
        self.control.load_text(value)

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        self._report_change(event)


class ChoiceField(FormField):
    """One of a few options (codes as values, labels shown)."""

    def __init__(self, name: str, label: str, options: Sequence[tuple[str, str]], value: str | None = None, *,
                 first_number: int = 1, show_numbers: bool = False, advance: bool = False,
                 **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(name, label, **kwargs)
        self._options = list(options)
        self._initial = value if value is not None else (self._options[0][0] if self._options else "")
        self._first_number = first_number
        self._show_numbers = show_numbers
        self._advance = advance

    def compose_control(self) -> ComposeResult:
        yield Choice(self._options, self._initial, first_number=self._first_number,
                     show_numbers=self._show_numbers, advance=self._advance, classes="field-control")

    @property
    def control(self) -> Choice:
        return self.query_one(Choice)

    def _read_control(self) -> str:
        return self.control.value

    def _write_control(self, value: str) -> None:
        self.control.value = value

    def set_options(self, options: Sequence[tuple[str, str]], value: str | None = None) -> None:
        self._options = list(options)
        if self.is_mounted:
            self.control.set_options(options, value)
        elif value is not None:
            self._initial = value

    def is_empty(self) -> bool:
        return False

    @on(Choice.Changed)
    def _changed(self, event: Choice.Changed) -> None:
        self._report_change(event)


class ToggleField(ChoiceField):
    """Yes or no; the value is a bool."""

    def __init__(self, name: str, label: str, value: bool = False, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(name, label, [("no", _("No")), ("yes", _("Yes"))], "yes" if value else "no", **kwargs)

    @property
    def value(self) -> bool:  # type: ignore[override]
        return ChoiceField.value.fget(self) == "yes"

    @value.setter
    def value(self, value: bool) -> None:
        ChoiceField.value.fset(self, "yes" if value in (True, "yes") else "no")


def domain_check(parse: Callable[[str], object]) -> Check:
    """A check from a domain parser that raises ValidationError."""

    def check(text: str) -> str | None:
        try:
            parse(text)
        except ValidationError as exc:
            return _(exc.message)
        return None

    return check
