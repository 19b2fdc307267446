"""Due dates, urgency and the worklist's ranking.

Overdue = due before today and not done; due soon = within 7 days.
The worklist ranks overdue follow-ups (oldest first), then overdue CTI
contacts, then what is due soon, then the rest.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import Enum

from .text import danish_key

DUE_SOON_DAYS = 7


class Urgency(str, Enum):
    OVERDUE = "overdue"
    TODAY = "today"
    THIS_WEEK = "this_week"
    LATER = "later"
    DONE = "done"


class WorkKind(str, Enum):
    FOLLOW_UP = "follow_up"
    CTI_CONTACT = "cti_contact"
    RULE = "rule"  # a deadline from the rules (domain/rules), not typed by anyone
    MEASURE = "measure"  # a progression measure that is due (domain/measures)


@dataclass(frozen=True)
class RuleNote:
    """Why a rule put a line on the worklist: the rule, its law, the words in
    both languages (the UI picks one), and what the item is about."""

    rule: str  # the rule's id in its set
    set_id: str
    source: str  # law and paragraph
    what: tuple[str, str]  # (English, Danish)
    why: tuple[str, str]
    subject_id: uuid.UUID | None = None  # the placement, course or plan; None: the citizen
    provisional: bool = False  # from a rule set whose law is not passed yet
    rule_type: str = ""  # its type (domain/rules/model.RULE_TYPES): where the work is done

    def words(self, language: str) -> tuple[str, str]:
        index = 1 if language == "da" else 0
        return self.what[index], self.why[index]


def urgency(due: dt.date, today: dt.date, done: bool = False) -> Urgency:
    if done:
        return Urgency.DONE
    if due < today:
        return Urgency.OVERDUE
    if due == today:
        return Urgency.TODAY
    if (due - today).days <= DUE_SOON_DAYS:
        return Urgency.THIS_WEEK
    return Urgency.LATER


def is_overdue(due: dt.date, today: dt.date, done: bool = False) -> bool:
    return not done and due < today


def is_due_soon(due: dt.date, today: dt.date, done: bool = False) -> bool:
    return not done and 0 <= (due - today).days <= DUE_SOON_DAYS


@dataclass(frozen=True)
class WorkItem:
    """One line of the worklist: a follow-up, a CTI contact or a rule's deadline that is due."""

    kind: WorkKind
    ref_id: uuid.UUID
    citizen_id: uuid.UUID
    citizen_name: str
    what: str
    due: dt.date
    owner: str = ""
    done: bool = False
    # A CTI contact's running phase (0 = contact period): the UI words the
    # line from kind + phase in the user's language; ``what`` is the English.
    phase: int | None = None
    # For a calendar that updates the events it made before (documents/calendar.py):
    # how often the records behind the line were saved (it only ever grows: a
    # follow-up's row version; for a CTI contact, the versions of its course, phases
    # and check-ins added up) and when they last were (UTC). Not part of equality.
    revision: int = field(default=1, compare=False)
    changed_at: dt.datetime | None = field(default=None, compare=False)
    # A rule item's reason, law and words (kind RULE); None for the others.
    rule: RuleNote | None = field(default=None, compare=False)

    def days_overdue(self, today: dt.date) -> int:
        return max(0, (today - self.due).days)

    def urgency(self, today: dt.date) -> Urgency:
        return urgency(self.due, today, self.done)


def rank_key(item: WorkItem, today: dt.date) -> tuple:
    """Overdue follow-ups and legal deadlines, then overdue CTI contacts and measures, then by due date."""
    overdue = is_overdue(item.due, today, item.done)
    if overdue and item.kind in (WorkKind.FOLLOW_UP, WorkKind.RULE):
        band = 0
    elif overdue:
        band = 1
    elif item.done:
        band = 3
    else:
        band = 2
    return (band, item.due, danish_key(item.citizen_name), str(item.ref_id))


def rank(items: list[WorkItem], today: dt.date) -> list[WorkItem]:
    return sorted(items, key=lambda i: rank_key(i, today))
