"""What a rule is: dated, for some target groups, from a law, creating a work
item, a warning, a counter or a schedule. Rules are data (``sets/*.toml``);
the computation behind each rule *type* is code (``evaluate.py``)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from ..enums import StrEnum, TargetGroup
from .due import Due


class Creates(StrEnum):
    ITEM = "item"  # a line on the worklist, with a due date
    WARNING = "warning"  # a sentence on the citizen's screen
    COUNTER = "counter"  # a share of a caseload (the 75% rules)
    SCHEDULE = "schedule"  # follow-ups written when the event happens (retention checks)


@dataclass(frozen=True)
class RuleType:
    creates: Creates
    anchors: frozenset[str]  # the dates a due expression may count from
    many_dues: bool  # a list of due dates (a series) or one
    params: dict[str, str]  # name -> kind of value (see loading._PARAM_KINDS)
    placeholders: frozenset[str]  # what its texts may say


def _t(creates: Creates, anchors: str, many: bool, params: dict[str, str], words: str) -> RuleType:
    return RuleType(creates, frozenset(anchors.split()), many, params, frozenset(words.split()))


RULE_TYPES: dict[str, RuleType] = {
    # A series of interviews from the start of a benefit: the k-th due date applies
    # until k interviews of the given meeting types were held since the start.
    "interviews": _t(Creates.ITEM, "start", True, {"meeting_types": "meeting_types"}, "n count start"),
    # A first offer (a placement of the given kinds) by the due date.
    "first_offer": _t(Creates.ITEM, "start", False, {"placement_kinds": "placement_kinds"}, "start"),
    # Contact as the municipality judges it: a warning when no next contact is set.
    "contact_as_needed": _t(Creates.WARNING, "", False, {}, ""),
    # A target group closed for citizens who start on it from the rule's first day.
    "closed_for_new": _t(Creates.WARNING, "", False, {}, "start"),
    "praktik_length": _t(Creates.WARNING, "", False, {"weeks": "group_weeks", "extended_weeks": "int",
                                                      "extension_weeks": "int"},
                         "employer weeks last_day extension_weeks"),
    "loentilskud_length": _t(Creates.WARNING, "", False, {"months": "group_weeks"}, "employer months last_day"),
    # A placement ending (or ended) with no employer follow-up since it started.
    "placement_follow_up": _t(Creates.ITEM, "end", False, {"placement_kinds": "placement_kinds", "notice_days": "int"},
                              "employer end start kind"),
    # Personal follow-ups in a fleksjob, done by a meeting held within ``window_days`` before the date.
    "fleksjob_follow_up": _t(Creates.ITEM, "start", True, {"window_days": "int"}, "employer n start"),
    "cti_follow_up": _t(Creates.ITEM, "start", False, {}, "start"),
    "plan_review": _t(Creates.ITEM, "review", False, {"window_days": "int"}, "review"),
    "consent": _t(Creates.ITEM, "plan", False, {}, ""),  # no consent to the cross-sector plan yet
    "consent_withdrawn": _t(Creates.WARNING, "", False, {}, "withdrawn"),
    "no_contact": _t(Creates.ITEM, "last_contact", False, {"days": "phase_days"}, "days last_contact"),
    "retention": _t(Creates.SCHEDULE, "start", True, {"labels": "labels"}, "employer label"),
    # The share of citizens starting a benefit that had an interview (or an offer) within the window.
    "share_within": _t(Creates.COUNTER, "start", False, {"measure": "measure", "goal_percent": "int",
                                                          "meeting_types": "meeting_types",
                                                          "placement_kinds": "placement_kinds"}, ""),
}


@dataclass(frozen=True)
class Texts:
    en: str
    da: str

    def get(self, language: str) -> str:
        return self.da if language == "da" else self.en


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    set_id: str
    valid_from: dt.date
    valid_to: dt.date | None  # None: until a later rule set says otherwise
    groups: frozenset[TargetGroup] | None  # None: every target group
    dues: tuple[Due, ...]
    source: str  # the law and paragraph, shown to the user
    text: Texts  # what the item is
    why: Texts  # why it is on the list, one line
    note: str = ""  # what is uncertain about the rule, for the rule list
    exempt_back_within_26_weeks: bool = False
    params: dict[str, Any] = field(default_factory=dict, compare=False)
    file: str = ""
    line: int = 0

    def in_force(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def covers(self, group: TargetGroup) -> bool:
        return self.groups is None or group in self.groups


@dataclass(frozen=True)
class RuleSet:
    id: str
    name: str
    valid_from: dt.date
    valid_to: dt.date | None
    law: str  # "" while the law is not passed: the set is provisional
    provisional: bool
    rules: tuple[Rule, ...]
    file: str = ""


@dataclass(frozen=True)
class RuleBook:
    """Every rule set in force or once in force, and what was wrong with local overrides."""

    sets: tuple[RuleSet, ...]
    problem: str = ""  # one line: a refused override file (the shipped rules are used)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for s in self.sets for r in s.rules)

    @functools.cached_property
    def _by_type(self) -> dict[str, tuple[Rule, ...]]:
        by_type: dict[str, list[Rule]] = {}
        for r in self.rules:
            by_type.setdefault(r.type, []).append(r)
        return {k: tuple(v) for k, v in by_type.items()}

    def of_type(self, rule_type: str) -> tuple[Rule, ...]:
        return self._by_type.get(rule_type, ())

    def applying(self, rule_type: str, day: dt.date, group: TargetGroup | None = None) -> list[Rule]:
        """The rules of a type in force on the day of the event, for the citizen's group."""
        return [r for r in self._by_type.get(rule_type, ()) if r.valid_from <= day
                and (r.valid_to is None or day <= r.valid_to) and (group is None or r.groups is None or group in r.groups)]

    def set_of(self, rule: Rule) -> RuleSet:
        return next(s for s in self.sets if s.id == rule.set_id)

    def by_id(self, rule_id: str) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.id == rule_id)
