"""Messages that carry service results from thread workers to screens.

Workers never touch widgets: they post one of these (``post_message`` is
thread-safe) and the screen's handler updates what is shown. Payloads are
the immutable read models from ``enplan.domain.records``.

Plain classes rather than dataclasses: each dataclass costs about a
millisecond to build at import, and this module loads before first paint.
"""

from __future__ import annotations

import uuid
from typing import Any

from textual.message import Message


class CaseloadLoaded(Message):
    def __init__(self, rows: list[Any], summary: Any) -> None:  # CaseloadRow list, CaseloadSummary
        super().__init__()
        self.rows = rows
        self.summary = summary


class WorklistLoaded(Message):
    def __init__(self, items: list[Any]) -> None:  # WorkItems, including items done today
        super().__init__()
        self.items = items


class CitizenLoaded(Message):
    def __init__(self, detail: Any, history: int | None = None) -> None:  # CitizenDetail
        super().__init__()
        self.detail = detail
        self.history = history  # the history_limit it was loaded with (None: everything)


class FollowUpToggled(Message):
    """A follow-up was marked done or undone (and stored)."""

    def __init__(self, follow_up_id: uuid.UUID, done: bool, title: str, undoing: bool = False) -> None:
        super().__init__()
        self.follow_up_id = follow_up_id
        self.done = done
        self.title = title
        self.undoing = undoing


class LoadFailed(Message):
    """A service call failed; ``error`` is one line, safe to show."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class DatabaseUnavailable(Message):
    """The database could not be opened at all; posted to the app."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class WriteDone(Message):
    """A one-key write (done/undone, advance phase, reopen) went through."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class WriteFailed(Message):
    """A one-key write was refused; ``error`` is one line, safe to show."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class EditorLoaded(Message):
    """An editor (plan, placements, employers) got fresh data."""

    def __init__(self, data: Any) -> None:
        super().__init__()
        self.data = data


class SyncChecked(Message):
    """What the app's database is for sync (a laptop or not) and its state; posted to the app."""

    def __init__(self, laptop: bool, status: Any, conflicts: int) -> None:  # SyncStatus | None
        super().__init__()
        self.laptop = laptop
        self.status = status
        self.conflicts = conflicts

    @classmethod
    def read(cls, services: Any, caseworker: str | None) -> SyncChecked:  # noqa: ANN401 - Services
        """The state as the top bar needs it. Worker threads only."""
        if services.db.laptop is None:
            return cls(False, None, len(services.conflicts(caseworker)))
        status = services.sync_status()
        return cls(True, status, status.conflicts)


class SyncFinished(Message):
    """A laptop sync ended: its report (None when it failed), the state after it, and the problem."""

    def __init__(self, report: Any, status: Any, error: str, asked: bool) -> None:  # SyncReport, SyncStatus
        super().__init__()
        self.report = report
        self.status = status
        self.error = error
        self.asked = asked  # "Sync now" (say how it went) rather than the timer


class SyncListLoaded(Message):
    """Conflicts (ConflictInfo) or refused changes (QueuedChange) for their screens."""

    def __init__(self, items: list[Any]) -> None:
        super().__init__()
        self.items = items


class HandoverChoices(Message):
    """A caseworker's citizens (id, name) and the colleagues they may go to (issue 15: the handover form)."""

    def __init__(self, login: str, citizens: list[tuple[Any, str]], colleagues: list[str]) -> None:
        super().__init__()
        self.login = login
        self.citizens = citizens
        self.colleagues = colleagues
