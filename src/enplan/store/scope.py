"""Which rows belong to which citizens: one definition for erasure (remove
everything of a citizen) and for laptops (copy and pull only the caseworker's
own citizens, nobody else's)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from . import tables as t
from .sync_tables import SyncConflict
from .team_tables import CaseworkerAssignment

Citizens = Any  # a list of citizen ids, or a SELECT of them


def _in(column: sa.ColumnElement, citizens: Citizens) -> sa.ColumnElement:
    return column.in_(citizens)


def citizen_tree(citizens: Citizens) -> list[tuple[type, sa.ColumnElement]]:
    """(table, which rows) for every record of ``citizens``, children before parents."""
    plans = sa.select(t.Plan.id).where(_in(t.Plan.citizen_id, citizens))
    goals = sa.select(t.Goal.id).where(t.Goal.plan_id.in_(plans))
    meetings = sa.select(t.Meeting.id).where(_in(t.Meeting.citizen_id, citizens))
    courses = sa.select(t.CtiCourse.id).where(_in(t.CtiCourse.citizen_id, citizens))
    placements = sa.select(t.Placement.id).where(_in(t.Placement.citizen_id, citizens))
    return [
        (t.MeetingGoalNote, sa.or_(t.MeetingGoalNote.meeting_id.in_(meetings), t.MeetingGoalNote.goal_id.in_(goals))),
        (t.PlanAction, t.PlanAction.goal_id.in_(goals)),
        (t.Goal, t.Goal.id.in_(goals)),
        (t.Plan, _in(t.Plan.citizen_id, citizens)),
        (t.CtiPhase, t.CtiPhase.course_id.in_(courses)),
        (t.CtiCheckin, t.CtiCheckin.course_id.in_(courses)),
        (t.CtiCourse, _in(t.CtiCourse.citizen_id, citizens)),
        (t.EmployerFollowUp, sa.or_(t.EmployerFollowUp.placement_id.in_(placements),
                                    _in(t.EmployerFollowUp.citizen_id, citizens))),
        (t.RuleDecision, _in(t.RuleDecision.citizen_id, citizens)),
        (t.Measure, _in(t.Measure.citizen_id, citizens)),
        (t.FollowUp, _in(t.FollowUp.citizen_id, citizens)),
        (t.Placement, _in(t.Placement.citizen_id, citizens)),
        (t.Meeting, _in(t.Meeting.citizen_id, citizens)),
        (CaseworkerAssignment, _in(CaseworkerAssignment.citizen_id, citizens)),  # issue 15: handover notes too
        (t.Citizen, _in(t.Citizen.id, citizens)),
    ]


def employers_of(citizens: Citizens) -> sa.Select:
    """The employers the citizens' placements (and the follow-ups on them) refer to."""
    placements = sa.select(t.Placement.employer_id).where(_in(t.Placement.citizen_id, citizens))
    follow_ups = (sa.select(t.EmployerFollowUp.employer_id).join(t.Placement, t.EmployerFollowUp.placement_id == t.Placement.id)
                  .where(_in(t.Placement.citizen_id, citizens)))
    named = sa.select(t.EmployerFollowUp.employer_id).where(_in(t.EmployerFollowUp.citizen_id, citizens))
    return sa.union(placements, follow_ups, named)


def laptop_copy(citizens: Citizens) -> list[tuple[type, sa.ColumnElement]]:
    """(table, which rows) a laptop holds for ``citizens``: their records, the
    employers those refer to and their conflicts, parents before children."""
    tree = dict(citizen_tree(citizens))
    tree[t.Employer] = t.Employer.id.in_(employers_of(citizens))
    tree[SyncConflict] = _in(SyncConflict.citizen_id, citizens)
    return [(table, tree[table]) for table in COPY_ORDER]


# Parents first (the export's order). A laptop also copies its citizens' caseworker history with the
# handover notes (issue 15): a citizen handed over on the server arrives whole, note included. The
# history is the server's: it is not sent back (not in change_log.SYNCED), so a note read on the
# laptop is read there; handovers themselves are made on the server.
COPY_ORDER: Sequence[type] = (*t.ENTITY_TABLES.values(), CaseworkerAssignment, SyncConflict)


def in_scope(caseworker: str) -> sa.Select:
    """The citizens a caseworker's laptop holds: their own active, not deleted, citizens."""
    from ..domain.enums import CitizenStatus

    return sa.select(t.Citizen.id).where(t.Citizen.caseworker == caseworker, t.Citizen.deleted_at.is_(None),
                                         t.Citizen.status == CitizenStatus.ACTIVE)
