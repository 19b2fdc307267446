"""The fields of a measure sitting, shared by the measure form (on the
citizen), the meeting step-through's Measures page and the CTI check-in.

Trivsel and belief come first: with the form's first focus on trivsel,
recording both is the number, Tab, the number, Ctrl+S. WHO-5 and the
municipality's scales follow for when there is time. A field checks its
number as it is typed (a decimal comma is a decimal point), and the aside
says what the number means ("4 = likely", WHO-5's answer label).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ..domain import measures as m
from ..domain import who5
from ..i18n import _, language
from .widgets.fields import LineField

FIRST = "m-trivsel"  # the field a measure form starts in


def instrument_name(instrument: m.Instrument) -> str:
    """An instrument's name in the current language."""
    return _(instrument.name) if instrument.shipped else instrument.words(language())


def parse_number(text: str) -> float | None:
    """A typed number ("7,5" and "7.5" alike); None when it is not one."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _plain(number: float) -> str:
    return str(int(number)) if number == int(number) else f"{number:g}".replace(".", ",")


class NumberField(LineField):
    """A number on a scale, checked as typed; ``meanings`` name what a whole number means."""

    def __init__(self, name: str, label: str, low: float, high: float, *, whole: bool = True,
                 meanings: dict[int, str] | None = None, aliases: tuple[str, ...] = (), stacked: bool = False) -> None:
        span = f"{_plain(low)}–{_plain(high)}"
        super().__init__(name, label, placeholder=span, max_length=6, aliases=aliases, stacked=stacked,
                         check=self._check_number)
        self.low, self.high, self.whole = low, high, whole
        self.meanings = meanings or {}
        self.span = span

    def _check_number(self, text: str) -> str | None:
        value = parse_number(text)
        if value is None or not self.low <= value <= self.high or (self.whole and value != int(value)):
            kind = _("a whole number") if self.whole else _("a number")
            return _("Type {kind} from {low} to {high}.").format(kind=kind, low=_plain(self.low), high=_plain(self.high))
        return None

    @property
    def number(self) -> float | None:
        return None if self.is_empty() else parse_number(str(self.value))

    def update_aside(self) -> None:
        value = self.number
        meaning = self.meanings.get(int(value)) if value is not None and value == int(value) else None
        self.set_aside(Text(f"{_plain(value)} = {meaning}" if meaning else self.span, style="dim"))


def measure_fields(setup: m.MeasureSetup, *, everything: bool = True) -> ComposeResult:
    """The fields of a sitting: trivsel, belief, hours; with ``everything`` WHO-5 and the scales."""
    yield Static(Text(_("Measures, if taken (empty fields are not stored). Trivsel: the citizen's own rating, "
                        "1–100. Belief: yours, that they are in work within a year, 1–5. Paid hours: ordinary hours "
                        "a week.")), classes="form-hint")
    short = {m.TRIVSEL: _("Trivsel"), m.BELIEF: _("Belief in work"), m.HOURS: _("Paid hours/wk")}
    for key in (m.TRIVSEL, m.BELIEF, m.HOURS):
        instrument = setup.get(key)
        meanings = {k: _(v) for k, v in m.BELIEF_LABELS.items()} if key == m.BELIEF else None
        yield NumberField(f"m-{key}", short[key], instrument.low, instrument.high, whole=instrument.whole,
                          meanings=meanings, aliases=(key,))
    if not everything:
        return
    lang = language()
    yield Static(Text(_("WHO-5 · {lead_in} … (0 at no time – 5 all of the time)").format(
        lead_in=who5.LEAD_IN[lang if lang in who5.LEAD_IN else "en"])), classes="form-hint")
    answers = {value: labels[lang if lang in labels else "en"] for value, labels in who5.ANSWERS.items()}
    for n, item in enumerate(who5.ITEMS, 1):
        question = NumberField(f"m-who5-{n}", f"{n}. {item[lang if lang in item else 'en']}", 0, 5, meanings=answers,
                               aliases=(m.WHO5,), stacked=True)
        question.add_class("-question")  # the instrument's own words: a sentence, wrapped when it must be
        yield question
    for scale in (i for i in setup.instruments if not i.shipped):
        yield Static(Text(instrument_name(scale)), classes="form-hint")
        for n, (en, da) in enumerate(scale.topics, 1):
            yield NumberField(f"m-{scale.key}-{n}", da if lang == "da" else en, scale.answer_low, scale.answer_high,
                              aliases=(scale.key,))


def measures_input(form: Any, setup: m.MeasureSetup, day: dt.date, note: str = ""):  # noqa: ANN401, ANN201
    """The fields' numbers as a MeasuresInput (empty fields: not measured)."""
    from ..services import MeasuresInput

    names = {f.name for f in form.fields()}
    values = {key: form.field(f"m-{key}").number for key in (m.TRIVSEL, m.BELIEF, m.HOURS) if f"m-{key}" in names}
    answers = {}
    for instrument in (i for i in setup.instruments if i.topics):
        fields = [f"m-{instrument.key}-{n}" for n in range(1, len(instrument.topics) + 1)]
        if all(f in names for f in fields):
            numbers = [form.field(f).number for f in fields]
            answers[instrument.key] = tuple(int(n) if n is not None and n == int(n) else None for n in numbers)
    return MeasuresInput(day, values=values, answers=answers, note=note)
