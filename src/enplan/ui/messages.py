"""Messages that carry service results from thread workers to screens.

Workers never touch widgets: they post one of these (``post_message`` is
thread-safe) and the screen's handler updates what is shown. Payloads are
the immutable read models from ``enplan.domain.records``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class CaseloadLoaded(Message):
    rows: list[Any]        # list[CaseloadRow]
    summary: Any           # CaseloadSummary


@dataclass
class WorklistLoaded(Message):
    items: list[Any]       # list[WorkItem], including items done today


@dataclass
class CitizenLoaded(Message):
    detail: Any            # CitizenDetail


@dataclass
class FollowUpToggled(Message):
    """A follow-up was marked done or undone (and stored)."""

    follow_up_id: uuid.UUID
    done: bool
    title: str
    undoing: bool = False


@dataclass
class LoadFailed(Message):
    """A service call failed; ``error`` is one line, safe to show."""

    error: str


@dataclass
class DatabaseUnavailable(Message):
    """The database could not be opened at all; posted to the app."""

    error: str


@dataclass
class WriteDone(Message):
    """A one-key write (done/undone, advance phase, reopen) went through."""

    text: str


@dataclass
class WriteFailed(Message):
    """A one-key write was refused; ``error`` is one line, safe to show."""

    error: str


@dataclass
class EditorLoaded(Message):
    """An editor (plan, placements, employers) got fresh data."""

    data: Any
