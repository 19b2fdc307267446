"""Read use cases: caseload, worklist, a citizen's whole file. Each runs in one
read transaction with a fixed number of statements (no query per row)."""

from __future__ import annotations

import uuid
from collections import defaultdict

import sqlalchemy as sa
from sqlmodel import col, select

from ..domain.cti_fidelity import Contact
from ..domain.enums import ContactForm
from ..domain.followups import WorkKind
from ..domain.records import AuditEntry, CitizenDetail, EmployerInfo, FollowUpInfo, OpenItem
from ..store import tables as t
from ..store.leader_guard import may_change
from ..store.types import binary_order
from . import convert
from .base import ServiceBase, _uuid
from .caseload import name_search
from .team import spells_of


class ReadServices(ServiceBase):
    """One citizen's file, employers and the audit log (lists live in caseload.py)."""

    # -- one citizen ----------------------------------------------------------
    def citizen_detail(self, citizen_id: uuid.UUID | str, *, history_limit: int | None = None) -> CitizenDetail:
        """Everything on one citizen. ``history_limit`` keeps only the newest
        meetings, check-ins and employer follow-ups (``totals`` says how many
        there are), so a citizen with years of history opens fast."""
        cid = _uuid(citizen_id)
        today = self.today

        def newest(q):  # noqa: ANN001, ANN202
            return q if history_limit is None else q.limit(history_limit)

        def page(q) -> tuple[list, int]:  # noqa: ANN001
            """The newest rows and how many there are in all, in one statement (a window count)."""
            rows = s.execute(newest(q.add_columns(sa.func.count().over()))).all()
            return [tuple(r[:-1]) if len(r) > 2 else r[0] for r in rows], (rows[0][-1] if rows else 0)

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
            meetings, shown = page(select(t.Meeting).where(t.Meeting.citizen_id == cid, live(t.Meeting)).order_by(
                col(t.Meeting.starts_at).desc(), col(t.Meeting.created_at).desc(), t.Meeting.id))
            totals = {"meetings": shown}
            notes = defaultdict(list)
            if meetings:
                for n in s.exec(select(t.MeetingGoalNote).where(
                        col(t.MeetingGoalNote.meeting_id).in_([m.id for m in meetings]), live(t.MeetingGoalNote))
                        .order_by(t.MeetingGoalNote.created_at, t.MeetingGoalNote.id)):
                    notes[n.meeting_id].append((n, titles.get(n.goal_id, "")))
            course = s.exec(select(t.CtiCourse).where(t.CtiCourse.citizen_id == cid, live(t.CtiCourse))
                            .order_by(col(t.CtiCourse.start_on).desc())).first()
            cti = None
            if course:
                phases = list(s.exec(select(t.CtiPhase).where(t.CtiPhase.course_id == course.id, live(t.CtiPhase))))
                checkin_q = select(t.CtiCheckin).where(t.CtiCheckin.course_id == course.id, live(t.CtiCheckin))
                checkins = list(s.exec(newest(checkin_q.order_by(
                    col(t.CtiCheckin.held_on).desc(), col(t.CtiCheckin.created_at).desc(), t.CtiCheckin.id))))
                # Every check-in's date and place, however many are shown: the count, the next
                # contact due and the fidelity come from these (three columns, one statement).
                contacts = [Contact(day, community, ContactForm(form)) for day, community, form in s.exec(
                    select(t.CtiCheckin.held_on, t.CtiCheckin.in_community, t.CtiCheckin.form)
                    .where(t.CtiCheckin.course_id == course.id, live(t.CtiCheckin)))]
                totals["checkins"] = len(contacts)
                cti = convert.cti_info(course, phases, checkins, contacts, today)
            placements = list(s.exec(select(t.Placement, t.Employer.name).join(t.Employer)
                                     .where(t.Placement.citizen_id == cid, live(t.Placement))
                                     .order_by(col(t.Placement.start_on).desc(), col(t.Placement.created_at).desc(), t.Placement.id)))
            placement_ids = [p.id for p, _ in placements]
            # On the citizen's placements, or naming the citizen (no placement yet: job development).
            # A union of two indexed lookups: SQLite answers the OR of the two with a scan of every row.
            about = sa.select(t.EmployerFollowUp.id).where(col(t.EmployerFollowUp.citizen_id) == cid)
            if placement_ids:
                about = sa.union(about, sa.select(t.EmployerFollowUp.id).where(
                    col(t.EmployerFollowUp.placement_id).in_(placement_ids)))
            efus, totals["employer_follow_ups"] = page(
                select(t.EmployerFollowUp, t.Employer.name).join(t.Employer)
                .where(col(t.EmployerFollowUp.id).in_(about), live(t.EmployerFollowUp))
                .order_by(col(t.EmployerFollowUp.held_on).desc(), col(t.EmployerFollowUp.created_at).desc(),
                          t.EmployerFollowUp.id))
            follow_ups = list(s.exec(select(t.FollowUp).where(t.FollowUp.citizen_id == cid, live(t.FollowUp))
                                     .order_by(t.FollowUp.due_on, t.FollowUp.created_at, t.FollowUp.id)))
            follow_up_infos = tuple(convert.follow_up_info(f) for f in follow_ups)
            rules = self._citizen_rules(s, cid)
            return CitizenDetail(
                citizen=convert.citizen_info(citizen),
                plan=convert.plan_info(plan, goals, actions) if plan else None,
                meetings=tuple(convert.meeting_info(m, notes[m.id]) for m in meetings),
                cti=cti,
                placements=tuple(convert.placement_info(p, name, citizen.target_group, today) for p, name in placements),
                employer_follow_ups=tuple(convert.employer_follow_up_info(f, name) for f, name in efus),
                follow_ups=follow_up_infos,
                totals=totals,
                open_items=tuple(OpenItem(WorkKind.FOLLOW_UP, f.id, f.title, f.due_on)
                                 for f in follow_up_infos if not f.done) + rules[0],
                rule_warnings=rules[1],
                rule_decisions=rules[2],
                caseworkers=spells_of(s, cid),
                leader_reads=not may_change(s.connection(), citizen.caseworker),
            )

    def _citizen_rules(self, s, citizen_id: uuid.UUID) -> tuple[tuple, tuple, tuple]:  # noqa: ANN001
        """The citizen's rule items, warnings and decisions, read in the same snapshot (services/rules.py)."""
        return (), (), ()

    def follow_ups(self, citizen_id: uuid.UUID | str) -> list[FollowUpInfo]:
        return list(self.citizen_detail(citizen_id).follow_ups)

    def employers(self, search: str = "") -> list[EmployerInfo]:
        with self.db.read() as s:
            q = select(t.Employer).where(col(t.Employer.deleted_at).is_(None))
            if search.strip():
                q = q.where(name_search(t.Employer.name_key, search))
            return [convert.employer_info(e) for e in s.exec(q.order_by(binary_order(t.Employer.name_key), t.Employer.id))]

    def audit_log(self, citizen_id: uuid.UUID | str) -> list[AuditEntry]:
        cid = _uuid(citizen_id)
        with self.db.read() as s:
            rows = s.exec(select(t.AuditEvent).where(t.AuditEvent.citizen_id == cid)
                          .order_by(t.AuditEvent.at, t.AuditEvent.id))
            return [AuditEntry(r.at, r.actor, r.action, r.entity, r.entity_id, r.citizen_id, dict(r.changes),
                               r.recorded_at) for r in rows]

