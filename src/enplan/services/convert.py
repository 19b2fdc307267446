"""ORM rows → immutable read models."""

from __future__ import annotations

import datetime as dt

from ..domain import cti as cti_rules
from ..domain.cti_fidelity import Contact, course_fidelity
from ..domain.enums import LifeArea, PlacementStatus, TargetGroup
from ..domain.placements import praktik_warning
from ..domain.records import (
    ActionInfo,
    CheckinInfo,
    CitizenInfo,
    CtiInfo,
    EmployerFollowUpInfo,
    EmployerInfo,
    FollowUpInfo,
    GoalInfo,
    GoalNoteInfo,
    MeetingInfo,
    PhaseInfo,
    PlacementInfo,
    PlanInfo,
)
from ..domain.clock import local_date, local_midnight_utc  # noqa: F401 - re-exported
from ..domain.identifiers import mask_cpr
from ..domain.work_texts import follow_up_text
from ..store import tables as t


def citizen_info(c: t.Citizen) -> CitizenInfo:
    return CitizenInfo(
        id=c.id, name=c.name, cpr_masked=mask_cpr(c.cpr), has_cpr=bool(c.cpr),
        target_group=c.target_group, phone=c.phone, email=c.email, address=c.address,
        caseworker=c.caseworker, status=c.status, closed_on=c.closed_on,
        closed_reason=c.closed_reason, version=c.version, updated_by=c.updated_by,
        updated_at=c.updated_at, benefit_start_on=c.benefit_start_on, back_within_26_weeks=c.back_within_26_weeks,
    )


def plan_info(p: t.Plan, goals: list[t.Goal], actions: list[t.PlanAction]) -> PlanInfo:
    by_goal: dict = {}
    for a in sorted(actions, key=lambda a: (a.due_on or dt.date.max, a.created_at)):
        by_goal.setdefault(a.goal_id, []).append(
            ActionInfo(a.id, a.goal_id, a.description, a.provider, a.status, a.due_on, a.version)
        )
    area_order = {area: i for i, area in enumerate(LifeArea)}
    goal_infos = tuple(
        GoalInfo(g.id, g.life_area, g.title, g.status, g.last_progress, g.position,
                 tuple(by_goal.get(g.id, ())), g.version)
        for g in sorted(goals, key=lambda g: (area_order[g.life_area], g.position, g.created_at))
    )
    return PlanInfo(p.id, p.own_goal, p.consent_given_on, p.consent_scope,
                    p.consent_withdrawn_on, p.review_on, goal_infos, p.version)


def meeting_info(m: t.Meeting, notes: list[tuple[t.MeetingGoalNote, str]]) -> MeetingInfo:
    return MeetingInfo(
        m.id, m.type, m.form, m.starts_at, m.ends_at, m.location, m.participants,
        m.outcome, m.notes,
        tuple(GoalNoteInfo(n.goal_id, title, n.progress, n.note) for n, title in notes),
    )


def phase_info(p: t.CtiPhase) -> PhaseInfo:
    return PhaseInfo(p.id, p.phase, p.planned_start, p.planned_end, p.actual_start,
                     p.actual_end, tuple(LifeArea(a) for a in p.focus_areas), p.cadence, p.version)


current_phase = cti_rules.current_phase
contact_due = cti_rules.contact_due


def cti_info(course: t.CtiCourse, phases: list[t.CtiPhase], checkins: list[t.CtiCheckin],
             contacts: list[Contact], today: dt.date) -> CtiInfo:
    """``checkins`` may be the newest only; ``contacts`` are all of the course's check-ins."""
    phases = sorted(phases, key=lambda p: p.phase)
    last = max((c.held_on for c in contacts if c.held_on <= today), default=None)  # not one dated later
    running = current_phase(phases)

    def phase_of(day: dt.date) -> int | None:
        for p in reversed(phases):
            if p.actual_start and p.actual_start <= day:
                return p.phase
        return None

    return CtiInfo(
        id=course.id, start_on=course.start_on, follow_up_on=course.follow_up_on,
        ended_on=course.ended_on, end_reason=course.end_reason, closing_note=course.closing_note,
        phases=tuple(phase_info(p) for p in phases),
        checkins=tuple(
            CheckinInfo(c.id, c.held_on, c.form, c.in_community, c.with_whom, c.notes,
                        tuple(sorted(c.area_notes.items())), phase_of(c.held_on))
            for c in sorted(checkins, key=lambda c: (c.held_on, c.created_at), reverse=True)
        ),
        current_phase=running.phase if running and course.ended_on is None else None,
        next_contact_due=contact_due(phases, last) if course.ended_on is None else None,
        version=course.version,
        fidelity=course_fidelity(phases, contacts, today=today, ended_on=course.ended_on,
                                 end_reason=course.end_reason),
    )


def employer_info(e: t.Employer) -> EmployerInfo:
    return EmployerInfo(e.id, e.name, e.cvr, e.contact_person, e.phone, e.email,
                        e.address, e.industry, e.version)


def placement_info(p: t.Placement, employer_name: str, target_group: TargetGroup, today: dt.date) -> PlacementInfo:
    warning = None
    if p.status is not PlacementStatus.PLANNED or p.end_on:
        warning = praktik_warning(p.kind, target_group, p.start_on, p.end_on, today, p.extended)
    return PlacementInfo(p.id, p.employer_id, employer_name, p.kind, p.purpose, p.hours_per_week,
                         p.start_on, p.end_on, p.status, p.extended, warning, p.version)


def employer_follow_up_info(f: t.EmployerFollowUp, employer_name: str) -> EmployerFollowUpInfo:
    return EmployerFollowUpInfo(f.id, f.employer_id, employer_name, f.placement_id, f.held_on,
                                f.contact_person, f.face_to_face, f.outcome, f.notes, f.next_due_on)


def follow_up_info(f: t.FollowUp) -> FollowUpInfo:
    """Its ``title`` is what it says: the typed text, or a ``Phrase`` for one
    enplan wrote (domain/work_texts), which the UI shows with ``i18n.shown``."""
    return FollowUpInfo(f.id, f.citizen_id, follow_up_text(f.what, f.what_values, f.title), f.due_on, f.owner,
                        f.done_on, f.source, f.version, f.source_id)

