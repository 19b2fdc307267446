"""The rules applied to one citizen's facts: work items and warnings.

Which rule applies follows the date of the event that starts it (a benefit's
start, a placement's start, a course's start); rules about the present (no
contact) follow today. Every due date is a working day and never before its
event. An item shows from ``NOTICE_DAYS`` before it is due (a placement's
follow-up from its own notice), so the worklist is not filled years ahead;
a missed interview stays until ``GRACE_DAYS`` after the series' last date.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from ..dates import add_months, roll_forward
from ..enums import PlacementKind, PlacementStatus
from .facts import CitizenFacts, PlacementFact
from .model import Rule, RuleBook

NOTICE_DAYS = 30
GRACE_DAYS = 30
_WEEKDAYS = {"en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
             "da": ("man", "tir", "ons", "tor", "fre", "lør", "søn")}


@dataclass(frozen=True)
class RuleItem:
    rule: Rule
    citizen_id: uuid.UUID
    due: dt.date
    what: tuple[str, str]  # (English, Danish)
    why: tuple[str, str]
    subject_id: uuid.UUID | None = None


@dataclass(frozen=True)
class RuleWarning:
    rule: Rule
    citizen_id: uuid.UUID
    what: tuple[str, str]
    why: tuple[str, str]
    subject_id: uuid.UUID | None = None


def _value(value: object, language: str) -> str:
    if isinstance(value, dt.date):
        return f"{_WEEKDAYS[language][value.weekday()]} {value:%d-%m-%Y}"
    return str(value)


def words(rule: Rule, **values: object) -> tuple[tuple[str, str], tuple[str, str]]:
    """The rule's text and reason filled in, in English and Danish."""
    def fill(template: str, language: str) -> str:
        return template.format(**{k: _value(v, language) for k, v in values.items()})
    return ((fill(rule.text.en, "en"), fill(rule.text.da, "da")), (fill(rule.why.en, "en"), fill(rule.why.da, "da")))


class _Citizen:
    """Evaluates one citizen; collects items and warnings."""

    def __init__(self, book: RuleBook, facts: CitizenFacts, today: dt.date, with_warnings: bool = True) -> None:
        self.book, self.f, self.today, self.with_warnings = book, facts, today, with_warnings
        self.items: list[RuleItem] = []
        self.warnings: list[RuleWarning] = []

    def item(self, rule: Rule, due: dt.date, subject: uuid.UUID | None = None, *, show_from: dt.date | None = None,
             **values: object) -> None:
        if self.today < (show_from or due - dt.timedelta(days=NOTICE_DAYS)):
            return
        if self.f.dismissed(rule.id, subject, due):
            return
        what, why = words(rule, **values)
        self.items.append(RuleItem(rule, self.f.citizen_id, due, what, why, subject))

    def warn(self, rule: Rule, subject: uuid.UUID | None = None, **values: object) -> None:
        if not self.with_warnings:
            return
        what, why = words(rule, **values)
        self.warnings.append(RuleWarning(rule, self.f.citizen_id, what, why, subject))

    def exempt(self, rule: Rule) -> bool:
        return rule.exempt_back_within_26_weeks and self.f.back_within_26_weeks

    # -- from the benefit's start ---------------------------------------------------------
    def benefit(self) -> None:
        start, group = self.f.benefit_start, self.f.target_group
        if start is None or start > self.today:
            return
        for rule in self.book.applying("interviews", start, group):
            if not self.exempt(rule):
                self.interviews(rule, start)
        for rule in self.book.applying("first_offer", start, group):
            kinds = set(rule.params["placement_kinds"])
            if not any(p.kind in kinds and p.start >= start and p.status is not PlacementStatus.PLANNED
                       for p in self.f.placements):
                self.item(rule, rule.dues[0].on(start), start=start)
        for rule in self.book.applying("contact_as_needed", start, group):
            if self.f.next_follow_up is None:
                self.warn(rule)
        for rule in self.book.applying("closed_for_new", start, group):
            self.warn(rule, start=start)

    def interviews(self, rule: Rule, start: dt.date) -> None:
        types = set(rule.params["meeting_types"])
        if self.today > rule.dues[-1].on(start) + dt.timedelta(days=GRACE_DAYS):
            return  # the series is over; the 75% counter keeps its record
        held = sum(count for kind, count, _first in self.f.interviews if kind in types)
        for n in range(held, len(rule.dues)):
            due = rule.dues[n].on(start)
            if not self.f.dismissed(rule.id, None, due):
                self.item(rule, due, n=n + 1, count=len(rule.dues), start=start)
                return

    # -- placements ---------------------------------------------------------------------------
    def placements(self) -> None:
        for p in self.f.placements:
            if p.status is PlacementStatus.PLANNED:
                continue
            for rule in self.book.applying("placement_follow_up", p.start, self.f.target_group):
                if p.kind in rule.params["placement_kinds"]:
                    self.placement_follow_up(rule, p)
            if p.kind is PlacementKind.VIRKSOMHEDSPRAKTIK and self.with_warnings:
                for rule in self.book.applying("praktik_length", p.start, self.f.target_group):
                    self.length(rule, p, weeks=praktik_weeks(rule, self.f.target_group, p.extended))
            if p.kind is PlacementKind.LOENTILSKUD and self.with_warnings:
                for rule in self.book.applying("loentilskud_length", p.start, self.f.target_group):
                    self.length(rule, p, months=_table(rule.params["months"], self.f.target_group.value))
            if p.kind is PlacementKind.FLEKSJOB:
                for rule in self.book.applying("fleksjob_follow_up", p.start, self.f.target_group):
                    self.fleksjob(rule, p)

    def placement_follow_up(self, rule: Rule, p: PlacementFact) -> None:
        if p.end is None or p.last_employer_contact is not None:
            return
        notice = p.end - dt.timedelta(days=rule.params["notice_days"])
        self.item(rule, roll_forward(p.end), p.id, show_from=notice, employer=p.employer, end=p.end,
                  start=p.start, kind=p.kind.value)

    def length(self, rule: Rule, p: PlacementFact, *, weeks: int = 0, months: int = 0) -> None:
        last_day = (add_months(p.start, months) if months else p.start + dt.timedelta(weeks=weeks)) - dt.timedelta(days=1)
        runs_to = p.end or (self.today if p.status is PlacementStatus.ACTIVE else p.start)
        if runs_to > last_day:
            self.warn(rule, p.id, employer=p.employer, weeks=weeks, months=months, last_day=last_day,
                      extension_weeks=rule.params.get("extension_weeks", 0))

    def fleksjob(self, rule: Rule, p: PlacementFact) -> None:
        window = dt.timedelta(days=rule.params["window_days"])
        for n, expr in enumerate(rule.dues, start=1):
            due = expr.on(p.start)
            if p.end is not None and p.end < due - window:
                return
            if self.f.last_meeting is not None and self.f.last_meeting >= due - window:
                continue
            self.item(rule, due, p.id, show_from=due - window, employer=p.employer, n=n, start=p.start)
            return

    # -- CTI, the plan, contact --------------------------------------------------------------
    def course(self) -> None:
        start = self.f.cti_start
        if start is None or self.f.cti_follow_up_written:
            return
        for rule in self.book.applying("cti_follow_up", start, self.f.target_group):
            self.item(rule, rule.dues[0].on(start), self.f.cti_course_id, start=start)

    def plan(self) -> None:
        f = self.f
        if f.plan_id is None:
            return
        if f.review_on is not None:
            for rule in self.book.applying("plan_review", f.review_on, f.target_group):
                window = dt.timedelta(days=rule.params["window_days"])
                if f.last_meeting is None or f.last_meeting < f.review_on - window:
                    self.item(rule, rule.dues[0].on(f.review_on), f.plan_id, review=f.review_on)
        if f.plan_created is not None and f.plan_has_goals and f.consent_given is None:
            for rule in self.book.applying("consent", f.plan_created, f.target_group):
                self.item(rule, rule.dues[0].on(f.plan_created), f.plan_id)
        if f.consent_withdrawn is not None:
            for rule in self.book.applying("consent_withdrawn", f.consent_withdrawn, f.target_group):
                self.warn(rule, f.plan_id, withdrawn=f.consent_withdrawn)

    def contact(self) -> None:
        last = self.f.last_contact
        if last is None:
            return
        for rule in self.book.applying("no_contact", self.today, self.f.target_group):
            if self.exempt(rule):
                continue
            key = "none" if self.f.cti_phase is None else str(self.f.cti_phase)
            days = _table(rule.params["days"], key)
            due = roll_forward(rule.dues[0].raw(last) + dt.timedelta(days=days))
            self.item(rule, due, show_from=due, days=days, last_contact=last)


def _table(table: dict[str, int], key: str) -> int:
    return table.get(key, table["default"])


def praktik_weeks(rule: Rule, group: object, extended: bool) -> int:
    """A virksomhedspraktik's legal length for the target group: 4 / 13 weeks, 26 after an assessment."""
    weeks = _table(rule.params["weeks"], getattr(group, "value", str(group)))
    return max(weeks, rule.params["extended_weeks"]) if extended and weeks >= 13 else weeks


def evaluate(book: RuleBook, facts: CitizenFacts, today: dt.date, *,
             with_warnings: bool = True) -> tuple[list[RuleItem], list[RuleWarning]]:
    """Every rule item and warning for one citizen on ``today`` (the worklist needs no warnings)."""
    c = _Citizen(book, facts, today, with_warnings)
    c.benefit()
    c.placements()
    c.course()
    c.plan()
    c.contact()
    return c.items, c.warnings
