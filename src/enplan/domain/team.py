"""A team leader's read models (issue 15): each caseworker's load against the
guidelines, a citizen's caseworker history with the handover notes, and the
weekly digest. Immutable; the services fill them, the UI and CLI word them."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from .errors import ValidationError
from .followups import WorkItem
from .outcomes import CASELOAD_GUIDELINE, CTI_CASELOAD_MAX, Caseload
from .phrases import N_, Phrase
from .text import has_control

ENDING_DAYS = 14  # a placement ending within this many days …
EMPLOYER_CONTACT_DAYS = 28  # … with no employer follow-up in this many days is flagged
MAX_HANDOVER_NOTE = 2000  # characters: a note for a colleague, read first, not a case file
OVER, UNDER, WITHIN = "over", "under", "within"


def caseload_mark(citizens: int) -> str:
    """Where a caseload stands against the Danish guideline (35–55 citizens)."""
    low, high = CASELOAD_GUIDELINE
    return OVER if citizens > high else UNDER if citizens < low else WITHIN


def cti_mark(cti_citizens: int) -> str:
    """CTI citizens against the CTI guideline (at most 20)."""
    return OVER if cti_citizens > CTI_CASELOAD_MAX else WITHIN


@dataclass(frozen=True)
class CaseworkerLoad:
    """One row of the team screen."""

    login: str
    role: str  # "caseworker" or "leader" ("" when no teams are set up)
    caseload: Caseload  # active citizens and running CTI courses (domain/outcomes.py)
    overdue_follow_ups: int
    cti_overdue: int
    ending_without_follow_up: int  # placements ending within ENDING_DAYS, no employer contact lately
    oldest_overdue: WorkItem | None  # a worklist line: the UI words it in the user's language

    @property
    def caseload_mark(self) -> str:
        return caseload_mark(self.caseload.citizens)

    @property
    def cti_mark(self) -> str:
        return cti_mark(self.caseload.cti_citizens)

    def oldest_days(self, today: dt.date) -> int:
        return (today - self.oldest_overdue.due).days if self.oldest_overdue else 0


@dataclass(frozen=True)
class TeamOverview:
    team: str  # the team's name; "" when no teams are set up (everyone with citizens)
    today: dt.date
    rows: tuple[CaseworkerLoad, ...]


@dataclass(frozen=True)
class CaseworkerSpell:
    """Who was a citizen's caseworker from when (UTC) to when, and the handover that began it."""

    id: uuid.UUID
    caseworker: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    handed_over_by: str
    note: str
    note_read_at: dt.datetime | None
    previous: str = ""  # the caseworker before (empty for the first)


@dataclass(frozen=True)
class HandoverResult:
    to: str
    citizens: int
    follow_ups_moved: int


@dataclass(frozen=True)
class CaseworkerDigest:
    """One caseworker's week: worklist lines (domain/followups.WorkItem), ranked as the worklist ranks them."""

    caseworker: str
    overdue: tuple[WorkItem, ...]
    done: tuple[WorkItem, ...]  # follow-ups marked done this week
    due_next_week: tuple[WorkItem, ...]


@dataclass(frozen=True)
class Digest:
    team: str  # "" for one caseworker or everyone
    today: dt.date
    week_start: dt.date  # Monday of the week holding today
    caseworkers: tuple[CaseworkerDigest, ...]

    @property
    def week_end(self) -> dt.date:
        return self.week_start + dt.timedelta(days=6)

    @property
    def next_week(self) -> tuple[dt.date, dt.date]:
        return self.week_start + dt.timedelta(days=7), self.week_start + dt.timedelta(days=13)


def week_of(day: dt.date) -> dt.date:
    """The Monday of the week holding ``day``."""
    return day - dt.timedelta(days=day.weekday())


def check_handover_note(note: str) -> str:
    """The note as stored, or one sentence why not (field ``note``). Line breaks and tabs
    are kept; other control characters (an escape sequence pasted in) are refused."""
    text = note.replace("\r\n", "\n").strip()
    if len(text) > MAX_HANDOVER_NOTE:
        raise ValidationError(Phrase("The handover note is longer than {limit} characters; shorten it.",
                                     limit=MAX_HANDOVER_NOTE), "note")
    if has_control(text.replace("\n", "").replace("\t", "")):
        raise ValidationError(N_("The handover note contains control characters; type it again."), "note")
    return text
