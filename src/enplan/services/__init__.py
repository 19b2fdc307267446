"""The use cases the UI and the CLI call. One transaction per call; reads
return immutable read models from ``enplan.domain.records``."""

from __future__ import annotations

from ..store.engine import Database
from .base import ConflictError, NotFoundError
from .caseload import CaseloadServices
from .citizens import CitizenInput, CitizenServices
from .cti import CheckinInput, CtiServices
from .deletion import DeletionServices
from .documents import DocumentServices
from .measures import MeasureServices, MeasuresInput
from .erasure import ErasureInfo, ErasureResult, ErasureServices
from .outputs import OutputServices
from .reads import ReadServices
from .recording import GoalNoteInput, MeetingInput, NextStep, RecordingServices
from .reports import ReportServices
from .rules import RuleServices
from .team import TeamServices
from .sync.conflicts import ConflictServices
from .sync.laptop import SyncReport, SyncServices
from .sync.outbox import OutboxServices
from .work import EmployerFollowUpInput, EmployerInput, PlacementInput, WorkServices


class Services(RuleServices, CaseloadServices, ReadServices, CitizenServices, RecordingServices, CtiServices, WorkServices,
               DeletionServices, ErasureServices, SyncServices, OutboxServices, ConflictServices, DocumentServices,
               OutputServices, ReportServices, TeamServices):
    """Every use case, bound to one database, one 'today' and one actor."""


__all__ = [
    "CheckinInput", "CitizenInput", "ConflictError", "Database", "EmployerFollowUpInput", "EmployerInput",
    "ErasureInfo", "ErasureResult",
    "GoalNoteInput", "MeasuresInput", "MeetingInput", "NextStep", "NotFoundError", "PlacementInput", "Services", "SyncReport",
]


def text_limits(entity: str) -> dict[str, int]:
    """Field -> the most characters it holds, for a form's typing caps (``entity``: "employer", "citizen" …)."""
    from ..store import tables as t
    from ..store.guard import text_limits as limits

    table = next(tab for tab in t.ENTITY_TABLES.values() if tab.__tablename__ == entity)
    return dict(limits(table))
