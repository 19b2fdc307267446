"""Guided tours are data: each step names the screen, the widget to highlight,
what to tell the trainee (English and Danish), and what completes it.

A step completes when the trainee does it, never by itself:
- ``action``: a key registry id (ui/actions.py); the step's text names its key
  as ``{key}``, taken from the user's keymap. Pressing it on the step's screen
  completes the step once the next step's screen shows (a form that opened, a
  list that came back), so a refused save or a wrong screen does not count;
- ``until``: what must have happened as well: ``saved`` (the step's form
  saved), ``follow_up_done`` / ``follow_up_undone`` (stored), or ``typed``
  (the target field has text; no key needed).

The shipped tours are ``tours.toml`` beside this file; a trainer may add their
own file (``tours`` in config.toml). A wrong file is refused whole, naming the
file, the line and the reason, and the shipped tours stay. Whether a target
widget exists is only known on the screen itself: the app says so in one line
(and a test runs every shipped step against the real screens).
"""

from __future__ import annotations

import re
import string
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .rules.model import Texts
from .toml_blocks import TomlBlocks

# Screens a step can be on; the app maps each to its screen class by this name.
SCREENS = ("caseload", "worklist", "citizen", "meeting", "checkin", "cti_menu", "cti_advance",
           "employer_follow_up")
UNTIL = ("saved", "follow_up_done", "follow_up_undone", "typed")
_ID = re.compile(r"[a-z0-9_]{1,40}")
_TARGET = re.compile(r"(#[A-Za-z0-9_-]+|\.[A-Za-z0-9_-]+|[A-Z][A-Za-z0-9]*|field:[a-z0-9_*{}-]+)")
_TOUR_KEYS = {"id", "title", "summary", "step"}
_STEP_KEYS = {"screen", "target", "text", "done", "action", "until"}
MAX_STEPS = 30


class TourFileError(ValueError):
    """A tour file was refused: ``str(exc)`` is "file, line N: reason"."""


@dataclass(frozen=True)
class Step:
    screen: str
    target: str          # "#id", ".class", "WidgetType" or "field:name" (a form field; * matches any part)
    text: Texts          # what to do; may name the key as {key}
    done: Texts          # what happened, shown once the step is done
    action: str | None   # registry id of the key that does it (None: a "typed" step)
    until: str | None


@dataclass(frozen=True)
class Tour:
    id: str
    title: Texts
    summary: Texts
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class TourBook:
    tours: tuple[Tour, ...]
    problem: str | None = None  # a refused local file, in one sentence

    def get(self, tour_id: str) -> Tour | None:
        return next((t for t in self.tours if t.id == tour_id), None)


class _Reader:
    def __init__(self, name: str, text: str, known_actions: frozenset[str]) -> None:
        self.name, self.known_actions = name, known_actions
        self.tours, self.steps = TomlBlocks(text, "[[tour]]"), TomlBlocks(text, "[[tour.step]]")
        try:
            self.data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:  # its message ends "(at line N, column M)"
            raise TourFileError(f"{name}: {exc}") from None

    def fail(self, where: TomlBlocks, index: int | None, key: str | None, reason: str) -> TourFileError:
        return TourFileError(f"{self.name}, line {where.of(index, key)}: {reason}")

    def texts(self, where: TomlBlocks, index: int, key: str, value: Any, placeholders: set[str]) -> Texts:  # noqa: ANN401
        if not (isinstance(value, dict) and all(isinstance(value.get(lang), str) and value[lang].strip()
                                                 for lang in ("en", "da"))):
            raise self.fail(where, index, key, f'{key} needs both en and da, e.g. {key} = {{ en = "…", da = "…" }}')
        for lang in ("en", "da"):
            try:
                names = {f for _, f, _, _ in string.Formatter().parse(value[lang]) if f is not None}
            except ValueError as exc:
                raise self.fail(where, index, key, f"{key}.{lang}: {exc}") from None
            unknown = sorted(names - placeholders)
            if unknown:
                allowed = ", ".join("{" + p + "}" for p in sorted(placeholders)) or "none"
                raise self.fail(where, index, key, f"{key}.{lang} uses {{{unknown[0]}}}; a step knows {allowed}")
        return Texts(value["en"].strip(), value["da"].strip())

    def step(self, index: int, raw: Any) -> Step:  # noqa: ANN401
        where = self.steps
        if not isinstance(raw, dict):
            raise self.fail(where, index, None, "a step must be a table")
        extra = sorted(set(raw) - _STEP_KEYS)
        if extra:
            raise self.fail(where, index, extra[0], f"unknown key {extra[0]!r}; a step knows "
                                                    f"{', '.join(sorted(_STEP_KEYS))}")
        if raw.get("screen") not in SCREENS:
            raise self.fail(where, index, "screen", f"screen must be one of {', '.join(SCREENS)}")
        target = raw.get("target")
        if not isinstance(target, str) or not _TARGET.fullmatch(target):
            raise self.fail(where, index, "target", 'target must be "#id", ".class", "WidgetType" or "field:name"')
        action, until = raw.get("action"), raw.get("until")
        if until is not None and until not in UNTIL:
            raise self.fail(where, index, "until", f"until must be one of {', '.join(UNTIL)}")
        if action is None and until != "typed":
            raise self.fail(where, index, None, 'a step needs an action (a key id), or until = "typed"')
        if action is not None and action not in self.known_actions:
            raise self.fail(where, index, "action", f"unknown action {action!r}; see the key ids in the help screen")
        placeholders = {"key"} if action else set()
        return Step(raw["screen"], target, self.texts(where, index, "text", raw.get("text"), placeholders),
                    self.texts(where, index, "done", raw.get("done"), set()), action, until)

    def read(self) -> tuple[Tour, ...]:
        raw_tours = self.data.get("tour")
        if not isinstance(raw_tours, list) or not raw_tours or set(self.data) != {"tour"}:
            raise TourFileError(f"{self.name}, line 1: a tour file holds [[tour]] tables and nothing else")
        tours, seen, step_index = [], set(), 0
        for index, raw in enumerate(raw_tours):
            extra = sorted(set(raw) - _TOUR_KEYS)
            if extra:
                raise self.fail(self.tours, index, extra[0], f"unknown key {extra[0]!r}; a tour knows "
                                                             f"{', '.join(sorted(_TOUR_KEYS))}")
            tour_id = raw.get("id")
            if not isinstance(tour_id, str) or not _ID.fullmatch(tour_id):
                raise self.fail(self.tours, index, "id", "id must be 1-40 of a-z, 0-9 and _")
            if tour_id in seen:
                raise self.fail(self.tours, index, "id", f"a second tour with the id {tour_id!r}")
            seen.add(tour_id)
            raw_steps = raw.get("step")
            if not isinstance(raw_steps, list) or not 1 <= len(raw_steps) <= MAX_STEPS:
                raise self.fail(self.tours, index, None, f"a tour needs 1 to {MAX_STEPS} [[tour.step]] tables")
            steps = tuple(self.step(step_index + i, s) for i, s in enumerate(raw_steps))
            step_index += len(raw_steps)
            tours.append(Tour(tour_id, self.texts(self.tours, index, "title", raw.get("title"), set()),
                              self.texts(self.tours, index, "summary", raw.get("summary"), set()), steps))
        return tuple(tours)


def read_tours(name: str, text: str, known_actions: frozenset[str]) -> tuple[Tour, ...]:
    """The tours of one file; TourFileError names the line of the first problem."""
    return _Reader(name, text, known_actions).read()


def load_tour_book(local: Path | None, known_actions: frozenset[str]) -> TourBook:
    """The shipped tours, then a trainer's own file (a tour with a shipped id replaces it)."""
    text = resources.files("enplan.domain").joinpath("tours.toml").read_text(encoding="utf-8")
    shipped = read_tours("tours.toml", text, known_actions)
    if local is None:
        return TourBook(shipped)
    try:
        own = read_tours(local.name, local.read_text(encoding="utf-8"), known_actions)
    except OSError as exc:
        return TourBook(shipped, f"{local}: cannot be read ({exc.strerror or exc}); using the shipped tours.")
    except UnicodeDecodeError:
        return TourBook(shipped, f"{local}: is not UTF-8 text; using the shipped tours.")
    except TourFileError as exc:
        return TourBook(shipped, f"{exc}; using the shipped tours.")
    ids = {t.id for t in own}
    return TourBook(tuple(t for t in shipped if t.id not in ids) + own)
