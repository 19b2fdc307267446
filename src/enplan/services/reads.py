"""Read use cases: caseload, worklist, a citizen's whole file. Each runs in one
read transaction with a fixed number of statements (no query per row)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict

import sqlalchemy as sa
from sqlmodel import col, select

from ..domain.enums import CitizenStatus, MeetingOutcome
from ..domain.followups import WorkItem, WorkKind, is_due_soon, is_overdue, rank
from ..domain.records import (
    AuditEntry,
    CaseloadRow,
    CaseloadSummary,
    CitizenDetail,
    EmployerInfo,
    FollowUpInfo,
)
from ..domain.text import danish_key
from ..store import tables as t
from . import convert
from .base import ServiceBase, _uuid


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class ReadServices(ServiceBase):
    # -- caseload -------------------------------------------------------------
    def _citizens(self, session, caseworker: str | None, include_closed: bool, search: str = ""):  # noqa: ANN001, ANN202
        q = select(t.Citizen).where(col(t.Citizen.deleted_at).is_(None))
        if caseworker:
            q = q.where(t.Citizen.caseworker == caseworker)
        if not include_closed:
            q = q.where(t.Citizen.status == CitizenStatus.ACTIVE)
        if search.strip():
            q = q.where(col(t.Citizen.name_key).like(f"%{_like_escape(danish_key(search.strip()))}%", escape="\\"))
        return list(session.exec(q.order_by(t.Citizen.name_key, t.Citizen.id)))

    def _cti_state(self, session, citizen_ids: list[uuid.UUID]):  # noqa: ANN001, ANN202
        """Per citizen: (current phase, next contact due) for running courses."""
        if not citizen_ids:
            return {}
        courses = list(session.exec(select(t.CtiCourse).where(
            col(t.CtiCourse.citizen_id).in_(citizen_ids), col(t.CtiCourse.ended_on).is_(None),
            col(t.CtiCourse.deleted_at).is_(None))))
        ids = [c.id for c in courses]
        phases = defaultdict(list)
        for p in session.exec(select(t.CtiPhase).where(col(t.CtiPhase.course_id).in_(ids))) if ids else ():
            phases[p.course_id].append(p)
        last = dict(session.exec(
            select(t.CtiCheckin.course_id, sa.func.max(t.CtiCheckin.held_on))
            .where(col(t.CtiCheckin.course_id).in_(ids), col(t.CtiCheckin.deleted_at).is_(None))
            .group_by(t.CtiCheckin.course_id)).all()) if ids else {}
        state = {}
        for c in courses:
            running = convert.current_phase(phases[c.id])
            state[c.citizen_id] = (
                c, running.phase if running else None, convert.contact_due(phases[c.id], last.get(c.id)),
                last.get(c.id),
            )
        return state

    def _open_follow_ups(self, session, citizen_ids):  # noqa: ANN001, ANN202
        if not citizen_ids:
            return []
        return list(session.exec(select(t.FollowUp).where(
            col(t.FollowUp.citizen_id).in_(citizen_ids), col(t.FollowUp.done_on).is_(None),
            col(t.FollowUp.deleted_at).is_(None))))

    def caseload(self, caseworker: str | None = None, *, include_closed: bool = False, search: str = "") -> list[CaseloadRow]:
        today = self.today
        with self.db.read() as s:
            citizens = self._citizens(s, caseworker, include_closed, search)
            ids = [c.id for c in citizens]
            cti = self._cti_state(s, ids)
            follow_ups = defaultdict(list)
            for f in self._open_follow_ups(s, ids):
                follow_ups[f.citizen_id].append(f.due_on)
            last_meeting = dict(s.exec(
                select(t.Meeting.citizen_id, sa.func.max(t.Meeting.starts_at))
                .where(col(t.Meeting.citizen_id).in_(ids), col(t.Meeting.deleted_at).is_(None),
                       t.Meeting.outcome == MeetingOutcome.HELD)
                .group_by(t.Meeting.citizen_id)).all()) if ids else {}
        rows = []
        for c in citizens:
            _course, phase, cti_due, last_checkin = cti.get(c.id, (None, None, None, None))
            dues = follow_ups.get(c.id, [])
            met = last_meeting.get(c.id)
            met_day = _as_date(met)
            last_contact = max(filter(None, (met_day, last_checkin)), default=None)
            next_due = min(filter(None, (*dues, cti_due)), default=None)
            rows.append(CaseloadRow(
                citizen_id=c.id, name=c.name, target_group=c.target_group, status=c.status,
                cti_phase=phase, last_contact=last_contact, next_due=next_due,
                overdue_count=sum(1 for d in dues if d < today) + (1 if cti_due and cti_due < today else 0),
                cti_overdue=bool(cti_due and cti_due < today),
            ))
        return rows

    def caseload_summary(self, caseworker: str | None = None) -> CaseloadSummary:
        items = self.worklist(caseworker)
        today = self.today
        return CaseloadSummary(
            citizens=len(self.caseload(caseworker)),
            overdue_follow_ups=sum(1 for i in items if i.kind is WorkKind.FOLLOW_UP and is_overdue(i.due, today)),
            cti_contacts_overdue=sum(1 for i in items if i.kind is WorkKind.CTI_CONTACT and is_overdue(i.due, today)),
            due_this_week=sum(1 for i in items if is_due_soon(i.due, today)),
        )

    # -- worklist -------------------------------------------------------------
    def worklist(self, caseworker: str | None = None, *, include_done_since: dt.date | None = None) -> list[WorkItem]:
        """Every open follow-up and running CTI course's next contact, ranked."""
        with self.db.read() as s:
            citizens = {c.id: c for c in self._citizens(s, caseworker, include_closed=False)}
            ids = list(citizens)
            items = [
                WorkItem(WorkKind.FOLLOW_UP, f.id, f.citizen_id, citizens[f.citizen_id].name, f.title, f.due_on, f.owner)
                for f in self._open_follow_ups(s, ids)
            ]
            if include_done_since is not None and ids:
                done = s.exec(select(t.FollowUp).where(
                    col(t.FollowUp.citizen_id).in_(ids), col(t.FollowUp.done_on) >= include_done_since,
                    col(t.FollowUp.deleted_at).is_(None)))
                items += [WorkItem(WorkKind.FOLLOW_UP, f.id, f.citizen_id, citizens[f.citizen_id].name,
                                   f.title, f.due_on, f.owner, done=True) for f in done]
            for citizen_id, (course, phase, due, _last) in self._cti_state(s, ids).items():
                if due is not None:
                    what = "CTI contact (contact period)" if phase == 0 else f"CTI contact (phase {phase})"
                    items.append(WorkItem(WorkKind.CTI_CONTACT, course.id, citizen_id,
                                          citizens[citizen_id].name, what, due, citizens[citizen_id].caseworker))
        return rank(items, self.today)

    def overdue(self, caseworker: str | None = None) -> list[WorkItem]:
        today = self.today
        return [i for i in self.worklist(caseworker) if is_overdue(i.due, today)]

    # -- one citizen ----------------------------------------------------------
    def citizen_detail(self, citizen_id: uuid.UUID | str) -> CitizenDetail:
        cid = _uuid(citizen_id)
        live = lambda table: col(table.deleted_at).is_(None)  # noqa: E731
        with self.db.read() as s:
            citizen = self._get(s, t.Citizen, cid)
            plan = s.exec(select(t.Plan).where(t.Plan.citizen_id == cid, live(t.Plan))).first()
            goals, actions = [], []
            if plan:
                goals = list(s.exec(select(t.Goal).where(t.Goal.plan_id == plan.id, live(t.Goal))))
                if goals:
                    actions = list(s.exec(select(t.PlanAction).where(
                        col(t.PlanAction.goal_id).in_([g.id for g in goals]), live(t.PlanAction))))
            titles = {g.id: g.title for g in goals}
            meetings = list(s.exec(select(t.Meeting).where(t.Meeting.citizen_id == cid, live(t.Meeting))
                                   .order_by(col(t.Meeting.starts_at).desc())))
            notes = defaultdict(list)
            if meetings:
                for n in s.exec(select(t.MeetingGoalNote).where(
                        col(t.MeetingGoalNote.meeting_id).in_([m.id for m in meetings]), live(t.MeetingGoalNote))):
                    notes[n.meeting_id].append((n, titles.get(n.goal_id, "")))
            course = s.exec(select(t.CtiCourse).where(t.CtiCourse.citizen_id == cid, live(t.CtiCourse))
                            .order_by(col(t.CtiCourse.start_on).desc())).first()
            cti = None
            if course:
                phases = list(s.exec(select(t.CtiPhase).where(t.CtiPhase.course_id == course.id, live(t.CtiPhase))))
                checkins = list(s.exec(select(t.CtiCheckin).where(t.CtiCheckin.course_id == course.id, live(t.CtiCheckin))))
                cti = convert.cti_info(course, phases, checkins)
            placements = list(s.exec(select(t.Placement, t.Employer.name).join(t.Employer)
                                     .where(t.Placement.citizen_id == cid, live(t.Placement))
                                     .order_by(col(t.Placement.start_on).desc())))
            placement_ids = [p.id for p, _ in placements]
            efus = []
            if placement_ids:
                efus = list(s.exec(select(t.EmployerFollowUp, t.Employer.name).join(t.Employer)
                                   .where(col(t.EmployerFollowUp.placement_id).in_(placement_ids), live(t.EmployerFollowUp))
                                   .order_by(col(t.EmployerFollowUp.held_on).desc())))
            follow_ups = list(s.exec(select(t.FollowUp).where(t.FollowUp.citizen_id == cid, live(t.FollowUp))
                                     .order_by(t.FollowUp.due_on)))
            today = self.today
            return CitizenDetail(
                citizen=convert.citizen_info(citizen),
                plan=convert.plan_info(plan, goals, actions) if plan else None,
                meetings=tuple(convert.meeting_info(m, notes[m.id]) for m in meetings),
                cti=cti,
                placements=tuple(convert.placement_info(p, name, citizen.target_group, today) for p, name in placements),
                employer_follow_ups=tuple(convert.employer_follow_up_info(f, name) for f, name in efus),
                follow_ups=tuple(convert.follow_up_info(f) for f in follow_ups),
            )

    def follow_ups(self, citizen_id: uuid.UUID | str) -> list[FollowUpInfo]:
        return list(self.citizen_detail(citizen_id).follow_ups)

    def employers(self, search: str = "") -> list[EmployerInfo]:
        with self.db.read() as s:
            q = select(t.Employer).where(col(t.Employer.deleted_at).is_(None))
            if search.strip():
                q = q.where(col(t.Employer.name_key).like(f"%{_like_escape(danish_key(search.strip()))}%", escape="\\"))
            return [convert.employer_info(e) for e in s.exec(q.order_by(t.Employer.name_key, t.Employer.id))]

    def audit_log(self, citizen_id: uuid.UUID | str) -> list[AuditEntry]:
        cid = _uuid(citizen_id)
        with self.db.read() as s:
            rows = s.exec(select(t.AuditEvent).where(t.AuditEvent.citizen_id == cid)
                          .order_by(t.AuditEvent.at, t.AuditEvent.id))
            return [AuditEntry(r.at, r.actor, r.action, r.entity, r.entity_id, r.citizen_id, dict(r.changes)) for r in rows]


def _as_date(value: dt.datetime | None) -> dt.date | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite aggregate bypasses the column type
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(_local_tz()).date()


def _local_tz() -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Copenhagen")
