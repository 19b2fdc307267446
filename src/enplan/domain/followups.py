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
    """One line of the worklist: a follow-up or a CTI contact that is due."""

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

    def days_overdue(self, today: dt.date) -> int:
        return max(0, (today - self.due).days)

    def urgency(self, today: dt.date) -> Urgency:
        return urgency(self.due, today, self.done)


def rank_key(item: WorkItem, today: dt.date) -> tuple:
    """Overdue follow-ups, then overdue CTI contacts, then by due date."""
    overdue = is_overdue(item.due, today, item.done)
    if overdue and item.kind is WorkKind.FOLLOW_UP:
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
