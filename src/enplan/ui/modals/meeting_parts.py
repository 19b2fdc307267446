"""Pieces of the meeting form: a goal's page header, a next-step row, a
tick row for an open follow-up the meeting handled, the stepper line, and
the option lists (labels from i18n, codes as values)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Checkbox, Input, Static

from ...domain.dates import parse_date
from ...domain.enums import ContactForm, GoalProgress, MeetingOutcome, MeetingType
from ...domain.errors import ValidationError
from ...i18n import _, label, ngettext, rule_item_text
from ..text import date_text, literal, today_text
from ..widgets.fields import FieldChanged, FormField
from ..widgets.text_inputs import TextInput


def options(enum: type) -> list[tuple[str, str]]:
    return [(member.value, label(member)) for member in enum]


MEETING_TYPES = lambda: options(MeetingType)  # noqa: E731 - labels translated when the form opens
CONTACT_FORMS = lambda: options(ContactForm)  # noqa: E731
OUTCOMES = lambda: options(MeetingOutcome)  # noqa: E731


def goal_statuses() -> list[tuple[str, str]]:
    """0 = not assessed, then 1–5 (or the first letter) on the status field."""
    return [("", "–"), *options(GoalProgress)]


def goal_header(goal: Any, number: int, total: int, today: dt.date) -> Text:  # noqa: ANN401 - GoalInfo
    text = Text(_("Goal {n} of {total}").format(n=number, total=total) + " · " + label(goal.life_area),
                style="dim")
    text.append("\n")
    text.append_text(literal(goal.title, style="bold"))
    if goal.last_progress is not None:
        text.append("  " + _("last: {progress}").format(progress=label(goal.last_progress)), style="dim")
    for action in goal.actions[:3]:
        text.append("\n  – ")
        text.append_text(literal(action.description))
        text.append(f" · {label(action.provider)} · {label(action.status)}", style="dim")
        if action.due_on:
            text.append(" · " + date_text(action.due_on), style="dim")
    if len(goal.actions) > 3:
        text.append("\n  " + ngettext("… and {n} more action", "… and {n} more actions", len(goal.actions) - 3)
                    .format(n=len(goal.actions) - 3), style="dim")
    text.append("\n" + _("Status: shift+tab, then 1–5 (or a first letter); back to the note."),
                style="dim italic")
    return text


def stepper(names: list[str], current: int) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    for i, name in enumerate(names):
        if i:
            text.append(" › ", style="dim")
        text.append(f" {name} ", style="reverse bold" if i == current else "dim")
    return text


class StepRow(FormField):
    """One agreed next step: what, due date (parsed beside it), owner.
    An empty row is ignored; a row with text needs a due date."""

    DEFAULT_CSS = """
    StepRow .field-label { width: 3; }
    StepRow .step-title { width: 1fr; }
    StepRow .step-due { width: 11; margin-left: 1; }
    StepRow .field-aside { width: 16; }
    StepRow .step-owner { width: 12; }
    StepRow .field-error { padding-left: 3; }
    """

    def __init__(self, index: int, today: dt.date, owner_hint: str) -> None:
        super().__init__(f"step-{index}", f"{index + 1}.", aliases=("next_steps",) if index == 0 else ())
        self.today = today
        self.owner_hint = owner_hint
        self._pending: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Static(self.label_text, classes="field-label")
            yield TextInput(self._pending.get("title", ""), placeholder=_("what was agreed"), compact=True,
                            max_length=500, classes="step-title")
            yield TextInput(self._pending.get("due", ""), placeholder=_("due +2w"), compact=True, max_length=20,
                            classes="step-due")
            yield Static("", classes="field-aside", markup=False)
            yield TextInput(self._pending.get("owner", ""), placeholder=self.owner_hint, compact=True,
                            max_length=120, classes="step-owner")
        yield Static("", classes="field-error", markup=False)

    def _input(self, part: str) -> Input:
        return self.query_one(f".step-{part}", Input)

    @property
    def control(self) -> Input:
        return self._input("title")

    @property
    def value(self) -> dict[str, str]:
        if not self.is_mounted or not self.query(".step-title"):
            return {"title": "", "due": "", "owner": "", **self._pending}
        return {part: self._input(part).value for part in ("title", "due", "owner")}

    @value.setter
    def value(self, value: dict[str, str]) -> None:
        value = value if isinstance(value, dict) else {}
        if self.is_mounted and self.query(".step-title"):
            for part in ("title", "due", "owner"):
                self._input(part).value = str(value.get(part, ""))
        else:
            self._pending = {k: str(v) for k, v in value.items() if k in ("title", "due", "owner")}

    def is_empty(self) -> bool:
        return not any(v.strip() for v in self.value.values())

    @property
    def due(self) -> dt.date | None:
        try:
            return parse_date(self.value["due"], self.today, deadline=True)
        except ValidationError:
            return None

    def check(self) -> str | None:
        v = self.value
        if not v["title"].strip() and not v["due"].strip():
            return None if not v["owner"].strip() else _("Say what the next step is.")
        if not v["title"].strip():
            return _("Say what the next step is.")
        if not v["due"].strip():
            return _("A next step needs a due date (e.g. +2w).")
        try:
            parse_date(v["due"], self.today, deadline=True)
        except ValidationError as exc:
            return _(exc.message)
        return None

    def update_aside(self) -> None:
        day = self.due
        self.set_aside(today_text(day) if day and not self.error else "")

    def focus_control(self) -> None:
        v = self.value
        target = self._input("due") if v["title"].strip() and not v["due"].strip() else self.control
        if self.error and v["title"].strip():
            target = self._input("due")
        target.focus()
        target.scroll_visible()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.touched = True
        # "Needs a due date" waits until the row is left or saved; a bad date shows at once.
        problem = self.check()
        if problem and not self._input("due").value.strip():
            problem = None
        self.show_error(problem)
        self.post_message(FieldChanged(self))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()


class TickRow(FormField):
    """An open item of the citizen's (a follow-up): a tick box (space or
    enter) saying the meeting handled it, its due date and what it says.
    The value is a bool; unticked is the usual case, never an error."""

    DEFAULT_CSS = """
    TickRow Checkbox { width: 5; }  /* the box and the label's padding (no label: the text is beside it) */
    TickRow .field-label { width: 13; }
    TickRow .field-label.-overdue { color: $error; }  /* bold is the focus's (and ⚠ says it without colour) */
    TickRow .tick-text { width: 1fr; }
    TickRow.-focused .tick-text { text-style: bold; }
    TickRow .field-error { padding-left: 4; }
    """

    def __init__(self, index: int, item: Any, today: dt.date) -> None:  # noqa: ANN401 - OpenItem
        super().__init__(f"done-{item.id}", "", aliases=("done_follow_ups",) if index == 0 else ())
        self.item = item
        self.today = today
        self._ticked = False

    def compose(self) -> ComposeResult:
        overdue = self.item.due_on < self.today
        due = ("⚠ " if overdue else "") + date_text(self.item.due_on)
        # the words: a person's text exactly as typed, or words enplan wrote (a Phrase) translated
        if self.item.rule is not None:
            text = "§ " + rule_item_text(self.item.rule)
        else:
            text = _(self.item.text) if getattr(self.item.text, "msgid", None) is not None else self.item.text
        with Horizontal(classes="field-row"):
            yield Checkbox(Text(""), self._ticked, compact=True)
            yield Static(Text(due), classes="field-label -overdue" if overdue else "field-label")
            yield Static(literal(text), classes="tick-text")
        yield Static("", classes="field-error", markup=False)

    @property
    def control(self) -> Checkbox:
        return self.query_one(Checkbox)

    @property
    def value(self) -> bool:  # type: ignore[override]
        return self.control.value if self.is_mounted and self.query(Checkbox) else self._ticked

    @value.setter
    def value(self, value: Any) -> None:  # noqa: ANN401 - a bool (a draft holds JSON)
        ticked = value is True or value in ("yes", "True", "true")
        if self.is_mounted and self.query(Checkbox):
            self.control.value = ticked
        else:
            self._ticked = ticked

    def is_empty(self) -> bool:
        return not self.value

    @on(Checkbox.Changed)
    def _changed(self, event: Checkbox.Changed) -> None:
        self._report_change(event)
