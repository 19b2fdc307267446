"""Read use cases: caseload, worklist, a citizen's whole file. Each runs in one
read transaction with a fixed number of statements (no query per row)."""

from __future__ import annotations

import functools
import uuid
from collections import defaultdict
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy import Select
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
from .rule_facts import live
from .team import spells_of


class ReadServices(ServiceBase):
    """One citizen's file, employers and the audit log (lists live in caseload.py)."""

    # -- one citizen ----------------------------------------------------------
    def citizen_detail(self, citizen_id: uuid.UUID | str, *, history_limit: int | None = None) -> CitizenDetail:
        """Everything on one citizen. ``history_limit`` keeps only the newest
        meetings, check-ins and employer follow-ups (``totals`` says how many
        there are), so a citizen with years of history opens fast."""
        cid = _uuid(citizen_id)
        with self.db.read(about_citizen=cid) as s:
            return self._detail(s, cid, history_limit)

    def view_citizen(self, citizen_id: uuid.UUID | str, *, history_limit: int | None = None) -> CitizenDetail:
        """Opening a citizen's file: ``citizen_detail``, and the reading written to the audit log
        in the same transaction: an entry for every file read, none for a read that failed."""
        cid = _uuid(citizen_id)
        with self.db.write(snapshot=True, about_citizen=cid) as s:
            self._audit(s, "view", self._get(s, t.Citizen, cid), citizen_id=cid)
            return self._detail(s, cid, history_limit)

    def _detail(self, s, cid: uuid.UUID, history_limit: int | None) -> CitizenDetail:  # noqa: ANN001
        """citizen_detail in the caller's transaction."""
        today = self.today
        st = _detail_statements(history_limit is not None)
        n = {"n": history_limit}

        def page(q, params: dict) -> tuple[list, int]:  # noqa: ANN001
            """The newest rows and how many there are in all (the statement's last column, a window count)."""
            rows = s.exec(q, params=params | n).all()
            return [tuple(r[:-1]) if len(r) > 2 else r[0] for r in rows], (rows[0][-1] if rows else 0)

        one = {"cid": cid}
        citizen = self._get(s, t.Citizen, cid)
        plan = s.exec(st.plan, params=one).first()
        goals, actions = [], []
        if plan:
            goals = list(s.exec(st.goals, params={"plan_id": plan.id}))
            if goals:
                actions = list(s.exec(st.actions, params={"goal_ids": [g.id for g in goals]}))
        titles = {g.id: g.title for g in goals}
        meetings, shown = page(st.meetings, one)
        totals = {"meetings": shown}
        notes = defaultdict(list)
        if meetings:
            for note in s.exec(st.notes, params={"meeting_ids": [m.id for m in meetings]}):
                notes[note.meeting_id].append((note, titles.get(note.goal_id, "")))
        course = s.exec(st.course, params=one).first()
        cti = None
        if course:
            this = {"course_id": course.id}
            phases = list(s.exec(st.phases, params=this))
            checkins = list(s.exec(st.checkins, params=this | n))
            # Every check-in's date and place, however many are shown: the count, the next
            # contact due and the fidelity come from these (three columns, one statement).
            contacts = [Contact(day, community, ContactForm(form)) for day, community, form in s.exec(st.contacts, params=this)]
            totals["checkins"] = len(contacts)
            cti = convert.cti_info(course, phases, checkins, contacts, today)
        placements = list(s.exec(st.placements, params=one))
        efus, totals["employer_follow_ups"] = page(st.employer_follow_ups,
                                                   one | {"placement_ids": [p.id for p, _ in placements]})
        follow_up_infos = tuple(convert.follow_up_info(f) for f in s.exec(st.follow_ups, params=one))
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



class _DetailStatements(NamedTuple):
    plan: Select
    goals: Select
    actions: Select
    meetings: Select
    notes: Select
    course: Select
    phases: Select
    checkins: Select
    contacts: Select
    placements: Select
    employer_follow_ups: Select
    follow_ups: Select


@functools.cache
def _detail_statements(limited: bool) -> _DetailStatements:
    """citizen_detail's statements, built once with bound parameters (``cid`` and the rest;
    ``limited``: the newest ``n`` of a history): every citizen screen runs them, and
    building a statement costs about what running one of these small queries does."""
    cid = sa.bindparam("cid", type_=sa.Uuid())
    total = sa.func.count().over()  # a page's rows carry how many there are in all

    def newest(q):  # noqa: ANN001, ANN202
        return q.limit(sa.bindparam("n", type_=sa.Integer())) if limited else q

    def among(column, name: str):  # noqa: ANN001, ANN202
        return col(column).in_(sa.bindparam(name, expanding=True))

    course_id = sa.bindparam("course_id", type_=sa.Uuid())
    # On the citizen's placements, or naming the citizen (no placement yet: job development).
    # A union of two indexed lookups: SQLite answers the OR of the two with a scan of every row.
    about = sa.union(sa.select(t.EmployerFollowUp.id).where(col(t.EmployerFollowUp.citizen_id) == cid),
                     sa.select(t.EmployerFollowUp.id).where(among(t.EmployerFollowUp.placement_id, "placement_ids")))
    return _DetailStatements(
        plan=select(t.Plan).where(t.Plan.citizen_id == cid, live(t.Plan)),
        goals=select(t.Goal).where(t.Goal.plan_id == sa.bindparam("plan_id", type_=sa.Uuid()), live(t.Goal)),
        actions=select(t.PlanAction).where(among(t.PlanAction.goal_id, "goal_ids"), live(t.PlanAction)),
        meetings=newest(select(t.Meeting, total).where(t.Meeting.citizen_id == cid, live(t.Meeting)).order_by(
            col(t.Meeting.starts_at).desc(), col(t.Meeting.created_at).desc(), t.Meeting.id)),
        notes=select(t.MeetingGoalNote).where(among(t.MeetingGoalNote.meeting_id, "meeting_ids"), live(t.MeetingGoalNote))
        .order_by(t.MeetingGoalNote.created_at, t.MeetingGoalNote.id),
        course=select(t.CtiCourse).where(t.CtiCourse.citizen_id == cid, live(t.CtiCourse))
        .order_by(col(t.CtiCourse.start_on).desc()),
        phases=select(t.CtiPhase).where(t.CtiPhase.course_id == course_id, live(t.CtiPhase)),
        checkins=newest(select(t.CtiCheckin).where(t.CtiCheckin.course_id == course_id, live(t.CtiCheckin)).order_by(
            col(t.CtiCheckin.held_on).desc(), col(t.CtiCheckin.created_at).desc(), t.CtiCheckin.id)),
        contacts=select(t.CtiCheckin.held_on, t.CtiCheckin.in_community, t.CtiCheckin.form)
        .where(t.CtiCheckin.course_id == course_id, live(t.CtiCheckin)),
        placements=select(t.Placement, t.Employer.name).join(t.Employer)
        .where(t.Placement.citizen_id == cid, live(t.Placement))
        .order_by(col(t.Placement.start_on).desc(), col(t.Placement.created_at).desc(), t.Placement.id),
        employer_follow_ups=newest(select(t.EmployerFollowUp, t.Employer.name, total).join(t.Employer)
                                   .where(col(t.EmployerFollowUp.id).in_(about), live(t.EmployerFollowUp))
                                   .order_by(col(t.EmployerFollowUp.held_on).desc(),
                                             col(t.EmployerFollowUp.created_at).desc(), t.EmployerFollowUp.id)),
        follow_ups=select(t.FollowUp).where(t.FollowUp.citizen_id == cid, live(t.FollowUp))
        .order_by(t.FollowUp.due_on, t.FollowUp.created_at, t.FollowUp.id),
    )
