"""The 75% rules: shares of a caseload, not deadlines for one person.

A citizen counts under the rule in force when their benefit started. They are
*met* when the interview (or offer) came within the window, *missed* when the
window closed without it, *pending* while it is still open, and left out when
a person exempted them with a reason.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from ..enums import PlacementStatus
from .facts import CitizenFacts
from .model import Rule, RuleBook


@dataclass(frozen=True)
class Exempt:
    citizen_id: uuid.UUID
    name: str
    reason: str


@dataclass(frozen=True)
class Counter:
    rule: str
    source: str
    text: tuple[str, str]  # (English, Danish)
    goal_percent: int
    met: int
    missed: int
    pending: int
    exempt: tuple[Exempt, ...]
    provisional: bool = False

    @property
    def counted(self) -> int:
        return self.met + self.missed

    @property
    def percent(self) -> int | None:
        return round(100 * self.met / self.counted) if self.counted else None

    @property
    def on_track(self) -> bool:
        return self.percent is None or self.percent >= self.goal_percent


def _met(rule: Rule, f: CitizenFacts, start: dt.date, end: dt.date) -> bool:
    if rule.params["measure"] == "interview":
        types = set(rule.params.get("meeting_types", ()))
        return any(kind in types and start <= first <= end for kind, _count, first in f.interviews)
    kinds = set(rule.params.get("placement_kinds", ()))
    return any(p.kind in kinds and start <= p.start <= end and p.status is not PlacementStatus.PLANNED
               for p in f.placements)


def counters(book: RuleBook, caseload: list[CitizenFacts], today: dt.date) -> list[Counter]:
    """One counter per share rule, over every citizen whose benefit started under it."""
    out = []
    for rule_id in dict.fromkeys(r.id for r in book.of_type("share_within")):
        periods = book.by_id(rule_id)
        # Words and law of the period in force today (the last one once all have ended).
        latest = next((r for r in periods if r.in_force(today)), max(periods, key=lambda r: r.valid_from))
        met = missed = pending = 0
        exempt: list[Exempt] = []
        for f in caseload:
            start = f.benefit_start
            if start is None or start > today:
                continue
            rule = next((r for r in periods if r.in_force(start) and r.covers(f.target_group)), None)
            if rule is None:
                continue
            if (decision := f.exemption(rule_id)) is not None:
                exempt.append(Exempt(f.citizen_id, f.name, decision.reason))
                continue
            end = rule.dues[0].on(start)
            if _met(rule, f, start, end):
                met += 1
            elif today <= end:
                pending += 1
            else:
                missed += 1
        out.append(Counter(rule_id, latest.source, (latest.text.en, latest.text.da), latest.params["goal_percent"],
                           met, missed, pending, tuple(exempt), book.set_of(latest).provisional))
    return out
