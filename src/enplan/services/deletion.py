"""Soft delete with undo for the records a caseworker may delete.

A deleted row keeps its data and gets ``deleted_at``; every list skips it
and ``restore_*`` brings it back (the UI's undo). Follow-ups that were
created from the record (a meeting's next steps, a placement's retention
checks, an employer follow-up's next contact) go and come back with it:
they are stamped with the same ``deleted_at`` so a restore returns exactly
those and not ones deleted on their own earlier.
Citizens are not soft-deleted: a case is closed, or erased (``erasure.py``).
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session
from sqlmodel import select

from ..store import tables as t
from ..store.types import utcnow
from .base import NotFoundError, ServiceBase, _uuid

DELETABLE: dict[str, type[t.Record]] = {
    "meeting": t.Meeting,
    "goal": t.Goal,
    "action": t.PlanAction,
    "placement": t.Placement,
    "employer_follow_up": t.EmployerFollowUp,
    "checkin": t.CtiCheckin,
    "follow_up": t.FollowUp,
    "rule_decision": t.RuleDecision,  # taking a dismissal or an exemption back
    "measure": t.Measure,
}


def citizen_of(session: Session, row: t.Record) -> uuid.UUID | None:
    """The citizen a record belongs to (None for employers and their own notes)."""
    if isinstance(row, t.Citizen):
        return row.id
    if getattr(row, "citizen_id", None) is not None:
        return row.citizen_id
    if isinstance(row, t.PlanAction):
        row = session.get(t.Goal, row.goal_id)
    if isinstance(row, t.Goal):
        return session.get(t.Plan, row.plan_id).citizen_id
    if isinstance(row, (t.CtiCheckin, t.CtiPhase)):
        return session.get(t.CtiCourse, row.course_id).citizen_id
    if isinstance(row, t.MeetingGoalNote):
        return session.get(t.Meeting, row.meeting_id).citizen_id
    if isinstance(row, t.EmployerFollowUp) and row.placement_id is not None:
        return session.get(t.Placement, row.placement_id).citizen_id
    return None


class DeletionServices(ServiceBase):
    def delete_record(self, kind: str, ident: uuid.UUID | str) -> None:
        """Soft-delete one record of ``kind`` (a key of DELETABLE); undo with restore_record."""
        self._set_deleted(_table(kind), ident, deleted=True)

    def restore_record(self, kind: str, ident: uuid.UUID | str) -> None:
        self._set_deleted(_table(kind), ident, deleted=False)

    def delete_meeting(self, meeting_id: uuid.UUID | str) -> None:
        self.delete_record("meeting", meeting_id)

    def restore_meeting(self, meeting_id: uuid.UUID | str) -> None:
        self.restore_record("meeting", meeting_id)

    def delete_goal(self, goal_id: uuid.UUID | str) -> None:
        self.delete_record("goal", goal_id)

    def restore_goal(self, goal_id: uuid.UUID | str) -> None:
        self.restore_record("goal", goal_id)

    def delete_action(self, action_id: uuid.UUID | str) -> None:
        self.delete_record("action", action_id)

    def restore_action(self, action_id: uuid.UUID | str) -> None:
        self.restore_record("action", action_id)

    def delete_placement(self, placement_id: uuid.UUID | str) -> None:
        self.delete_record("placement", placement_id)

    def restore_placement(self, placement_id: uuid.UUID | str) -> None:
        self.restore_record("placement", placement_id)

    def delete_employer_follow_up(self, follow_up_id: uuid.UUID | str) -> None:
        self.delete_record("employer_follow_up", follow_up_id)

    def restore_employer_follow_up(self, follow_up_id: uuid.UUID | str) -> None:
        self.restore_record("employer_follow_up", follow_up_id)

    def delete_follow_up(self, follow_up_id: uuid.UUID | str) -> None:
        self.delete_record("follow_up", follow_up_id)

    def restore_follow_up(self, follow_up_id: uuid.UUID | str) -> None:
        self.restore_record("follow_up", follow_up_id)

    def delete_checkin(self, checkin_id: uuid.UUID | str) -> None:
        self.delete_record("checkin", checkin_id)

    def restore_checkin(self, checkin_id: uuid.UUID | str) -> None:
        self.restore_record("checkin", checkin_id)

    # -- one transaction: the record and the follow-ups it created --------------
    def _set_deleted(self, table: type[t.Record], ident: uuid.UUID | str, *, deleted: bool) -> None:
        with self.db.write() as s:
            row = s.get(table, _uuid(ident))
            if row is None:
                raise NotFoundError(table.__tablename__.replace("_", " "), ident)
            citizen_id = citizen_of(s, row)
            derived = [] if isinstance(row, t.FollowUp) else list(
                s.exec(select(t.FollowUp).where(t.FollowUp.source_id == row.id)))
            self._lock_for_save(s, citizen_id, [row, *derived])  # all of them, before any change
            if (row.deleted_at is not None) == deleted:
                return  # already so: a repeated undo or delete changes nothing
            was = row.deleted_at
            stamp = utcnow() if deleted else None
            self._mark(s, row, stamp, citizen_id)
            for follow_up in derived:
                if deleted and follow_up.deleted_at is None and follow_up.done_on is None:
                    self._mark(s, follow_up, stamp, follow_up.citizen_id)
                elif not deleted and follow_up.deleted_at is not None and follow_up.deleted_at == was:
                    self._mark(s, follow_up, None, follow_up.citizen_id)

    def _mark(self, s: Session, row: t.Record, stamp, citizen_id: uuid.UUID | None) -> None:  # noqa: ANN001
        row.deleted_at = stamp
        row.version += 1
        row.updated_at = utcnow()
        row.updated_by = self.actor
        self._audit(s, "delete" if stamp is not None else "restore", row, citizen_id=citizen_id)


def _table(kind: str) -> type[t.Record]:
    try:
        return DELETABLE[kind]
    except KeyError:
        raise ValueError(f"{kind!r} records cannot be deleted; choose one of {', '.join(DELETABLE)}.") from None
