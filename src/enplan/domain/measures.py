"""Progression measures (issue 12): what is measured, on which scale, and
what counts as a change worth seeing.

Four instruments ship: trivsel (one 1–100 self-rating, kept apart from WHO-5
because its wording is not verified), WHO-5 (five answers, a 0–100 score),
the caseworker's belief that the citizen will be in work within a year (the
BIP finding: one of the strongest predictors), and ordinary paid hours per
week. A municipality adds 1–10 scales with topics (Forandringskompas-style)
in config.toml; ``scales_from_config`` reads them, no code needed.

A recording stores the raw answers as well as the value, so a score can be
recomputed and a topic followed on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from . import who5
from .dates import add_months
from .errors import ValidationError
from .phrases import N_, Phrase
from .placements import MAX_HOURS_PER_WEEK

TRIVSEL, WHO5, BELIEF, HOURS = "trivsel", "who5", "belief", "hours"
EVERY_MONTHS = 3  # otherwise due quarterly: the BIP cadence (config: measure_every_months)
NOTICE_DAYS = 14  # a due measure reaches the worklist this long before its day
MAX_TOPICS = 12
KEY = re.compile(r"[a-z][a-z0-9_]{0,29}")


@dataclass(frozen=True)
class Instrument:
    key: str
    name: str  # English; a msgid for the shipped ones
    name_da: str = ""  # a configured scale's Danish name ("" for the shipped: the catalogue has it)
    low: float = 0
    high: float = 100
    whole: bool = True  # whole numbers only
    topics: tuple[tuple[str, str], ...] = ()  # (en, da) per answer a score is made of; () = one value
    answer_low: int = 0
    answer_high: int = 0
    meaningful: float = 10  # a change at least this large since the first measurement is highlighted
    shipped: bool = True

    def words(self, language: str) -> str:
        return self.name_da if language == "da" and self.name_da else self.name

    def score(self, answers: tuple[int, ...]) -> float:
        """The value of a full set of answers (WHO-5: 0–100; a scale: the mean, one decimal)."""
        if self.key == WHO5:
            return float(who5.score(answers))
        return round(sum(answers) / len(answers), 1)

    def changed(self, first: float, latest: float) -> bool:
        return abs(latest - first) >= self.meaningful


SHIPPED: tuple[Instrument, ...] = (
    Instrument(TRIVSEL, N_("Wellbeing (trivsel)"), low=1, high=100),
    Instrument(WHO5, N_("WHO-5 wellbeing index"), low=0, high=100,
               topics=tuple((item["en"], item["da"]) for item in who5.ITEMS), answer_low=0, answer_high=5,
               meaningful=who5.MEANINGFUL_CHANGE),
    # 1 very unlikely … 5 very likely (BELIEF_LABELS); two steps is a real change of mind.
    Instrument(BELIEF, N_("Caseworker's belief in work within a year"), low=1, high=5, meaningful=2),
    Instrument(HOURS, N_("Ordinary paid hours per week"), low=0, high=MAX_HOURS_PER_WEEK, whole=False,
               meaningful=10),
)
BELIEF_LABELS = {1: N_("very unlikely"), 2: N_("unlikely"), 3: N_("uncertain"), 4: N_("likely"),
                 5: N_("very likely")}


@dataclass(frozen=True)
class MeasureSetup:
    """The instruments in use (the shipped ones, then the configured scales) and the reminder interval."""

    instruments: tuple[Instrument, ...] = SHIPPED
    every_months: int = EVERY_MONTHS

    def get(self, key: str) -> Instrument | None:
        return next((i for i in self.instruments if i.key == key), None)


def check_value(instrument: Instrument, value: float | None, answers: tuple[int, ...] = ()) -> float:
    """The value to store: typed for one-value instruments, scored from all answers
    for the others. Refuses anything off the scale or a missing answer."""
    field = instrument.key
    if instrument.topics:
        missing = [n for n, a in enumerate(answers, 1) if a is None]
        if len(answers) != len(instrument.topics) or missing:
            raise ValidationError(Phrase("Answer every question of {name} (question {n} has no answer).",
                                         name=instrument.name, n=(missing or [len(answers) + 1])[0]), field)
        if any(type(a) is not int or not instrument.answer_low <= a <= instrument.answer_high for a in answers):
            raise ValidationError(Phrase("Each answer is a whole number from {low} to {high}.",
                                         low=instrument.answer_low, high=instrument.answer_high), field)
        return instrument.score(answers)
    if value is None or isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise ValidationError(Phrase("Give {name} a number.", name=instrument.name), field)
    if not instrument.low <= value <= instrument.high or (instrument.whole and value != int(value)):
        kind = N_("a whole number") if instrument.whole else N_("a number")
        raise ValidationError(Phrase("{name} is {kind} from {low} to {high}.", name=instrument.name, kind=kind,
                                     low=_plain(instrument.low), high=_plain(instrument.high)), field)
    return float(value)


def check_day(day: dt.date, today: dt.date, first_day: dt.date) -> None:
    """A measure is dated within the citizen's time in enplan: not ahead, not before they came."""
    if day > today:
        raise ValidationError(N_("A measure cannot be dated in the future."), "measured_on")
    if day < first_day:
        raise ValidationError(Phrase("A measure cannot be dated before the citizen's case started ({day}).",
                                     day=f"{first_day:%d-%m-%Y}"), "measured_on")


def _plain(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


def scales_from_config(entries: object) -> tuple[tuple[Instrument, ...], tuple[str, ...]]:
    """``[[scale]]`` tables from config.toml as instruments, and a sentence per entry refused.

        [[scale]]
        key = "kompas"
        name = "Change compass"
        name_da = "Forandringskompas"
        topics = ["Housing", "Health"]
        topics_da = ["Bolig", "Helbred"]
        low = 1        # optional, 1–10 by default
        high = 10
    """
    if not isinstance(entries, list):
        return (), ("[[scale]] must be a list of tables.",)
    found: list[Instrument] = []
    problems: list[str] = []
    taken = {i.key for i in SHIPPED}
    for n, entry in enumerate(entries, 1):
        try:
            scale = _scale(entry, taken)
        except ValueError as exc:
            problems.append(f"Scale {n} in config.toml was ignored: {exc}")
            continue
        taken.add(scale.key)
        found.append(scale)
    return tuple(found), tuple(problems)


def _scale(entry: object, taken: set[str]) -> Instrument:
    if not isinstance(entry, dict):
        raise ValueError("it is not a table.")
    key, name = entry.get("key"), entry.get("name")
    if not isinstance(key, str) or not KEY.fullmatch(key) or key in taken:
        raise ValueError("key must be new, lower-case letters, digits or _ (at most 30), starting with a letter.")
    texts = [entry.get(k, "") for k in ("name", "name_da")]
    topics, topics_da = entry.get("topics"), entry.get("topics_da", entry.get("topics"))
    if not isinstance(name, str) or not name.strip() or not all(_plain_text(x, 80) for x in texts):
        raise ValueError("name (and name_da) must be plain text of at most 80 characters.")
    if (not isinstance(topics, list) or not isinstance(topics_da, list) or not 1 <= len(topics) <= MAX_TOPICS
            or len(topics_da) != len(topics) or not all(_plain_text(x, 80) and x.strip() for x in topics + topics_da)):
        raise ValueError(f"topics must list 1–{MAX_TOPICS} plain texts (and topics_da as many).")
    low, high = entry.get("low", 1), entry.get("high", 10)
    if type(low) is not int or type(high) is not int or not 0 <= low < high <= 100:
        raise ValueError("low and high must be whole numbers, 0 ≤ low < high ≤ 100.")
    return Instrument(key, name.strip(), str(entry.get("name_da", "")).strip(), low=low, high=high,
                      whole=False, topics=tuple(zip(topics, topics_da, strict=True)), answer_low=low,
                      answer_high=high, meaningful=max(1, (high - low) // 5), shipped=False)


def _plain_text(value: object, limit: int) -> bool:
    return isinstance(value, str) and len(value) <= limit and value.isprintable()


@dataclass(frozen=True)
class Series:
    """One instrument's measurements of one citizen, oldest first."""

    instrument: Instrument
    points: tuple[tuple[dt.date, float], ...]

    @property
    def first(self) -> float:
        return self.points[0][1]

    @property
    def latest(self) -> float:
        return self.points[-1][1]

    @property
    def change(self) -> float:
        return round(self.latest - self.first, 1)

    @property
    def meaningful(self) -> bool:
        return len(self.points) > 1 and self.instrument.changed(self.first, self.latest)


START, PHASE, END = "start", "phase", "end"


def next_due(anchors: list[tuple[dt.date, str, int]], last_measured: dt.date | None,
             every_months: int) -> tuple[dt.date, Phrase] | None:
    """When the next measure is due, and why: at the earliest start, CTI phase
    change or course end since the last measurement (``anchors``: (day, START |
    PHASE | END, phase); phase 0 is the course's start), or ``every_months``
    after the last one if that comes first. The
    Danish CTI evaluations measure at start, at each phase change and at the end."""
    # The start asks for the first measurement only: once there is one, it is done.
    after = sorted(a for a in anchors if last_measured is None or (a[0] > last_measured and a[1] != START))
    regular = add_months(last_measured, every_months) if last_measured is not None else None
    if not after or (regular is not None and regular < after[0][0]):
        return (regular, Phrase("Measures: the regular sitting")) if regular else None
    day, kind, phase = after[0]
    if kind == PHASE and phase == 0:
        return day, Phrase("Measures: the CTI course started")
    if kind == PHASE:
        return day, Phrase("Measures: CTI phase {phase} started", phase=phase)
    if kind == END:
        return day, Phrase("Measures: the CTI course ended")
    return day, Phrase("Measures: the first sitting")


@dataclass(frozen=True)
class MeasureRow:
    """One stored measurement, as the Progress tab lists it."""

    id: object  # uuid
    instrument: str
    measured_on: dt.date
    value: float
    answers: tuple[int, ...]
    source: str
    note: str
    recorded_by: str


@dataclass(frozen=True)
class Progress:
    """A citizen's measures: a series per instrument measured (the setup's order),
    every row newest first, and when the next measure is due."""

    series: tuple[Series, ...]
    rows: tuple[MeasureRow, ...]
    next_due: dt.date | None
    instruments: tuple[Instrument, ...]  # all in use, for a form

    def of(self, key: str) -> Series | None:
        return next((s for s in self.series if s.instrument.key == key), None)
