"""Reading what the rules need about a caseload (domain/rules/facts.py).

Four statements whatever the caseload's size, aggregated in SQL: the citizens
with their plan, earliest open follow-up and latest held meeting; per meeting
type a rule counts as an interview, how many were held since the benefit
started and the first; placements with the latest employer follow-up since
each started; decisions. A fifth asks whether enplan
wrote a running CTI course's nine-month follow-up.

The statements are built once per process with bound parameters: building a
SQLAlchemy statement costs about as much as running these small queries, and
the worklist runs them on every refresh.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from typing import NamedTuple

import sqlalchemy as sa
from sqlmodel import col, select

from ..domain.enums import CitizenStatus, MeetingOutcome, MeetingType
from ..domain.rules.facts import CitizenFacts, Decision, PlacementFact
from ..store import tables as t
from ..store.types import UTCDateTime
from . import convert

# Which citizens: a caseworker's active caseload, everyone's, or one citizen.
CASEWORKER, EVERYONE, ONE = "caseworker", "everyone", "one"


def live(table):  # noqa: ANN001, ANN202
    """The table's rows that are not (soft) deleted, as a condition."""
    return col(table.deleted_at).is_(None)


def citizen_ids(scope: str) -> sa.Select:
    """The active citizens of a scope, with its bound parameters (``cw``, ``cid``)."""
    active = [live(t.Citizen), t.Citizen.status == CitizenStatus.ACTIVE]
    if scope == CASEWORKER:
        active.append(t.Citizen.caseworker == sa.bindparam("cw"))
    elif scope == ONE:
        active.append(t.Citizen.id == sa.bindparam("cid", type_=sa.Uuid()))
    return sa.select(t.Citizen.id).where(*active)


class _Statements(NamedTuple):
    citizens: sa.Select
    interviews: sa.Select
    placements: sa.Select
    decisions: sa.Select
    written: sa.Select


@functools.cache
def _statements(scope: str, types: tuple[MeetingType, ...]) -> _Statements:
    ids = citizen_ids(scope)
    next_due = (sa.select(sa.func.min(t.FollowUp.due_on))
                .where(t.FollowUp.citizen_id == t.Citizen.id, col(t.FollowUp.done_on).is_(None), live(t.FollowUp))
                .scalar_subquery())
    has_goals = sa.exists().where(t.Goal.plan_id == t.Plan.id, live(t.Goal))
    end = sa.bindparam("end", type_=UTCDateTime())
    # Per citizen, from the index alone (ix_meeting_citizen_held): the latest held meeting.
    last_held = (sa.select(sa.func.max(t.Meeting.starts_at))
                 .where(t.Meeting.citizen_id == t.Citizen.id, t.Meeting.outcome == MeetingOutcome.HELD,
                        live(t.Meeting), col(t.Meeting.starts_at) < end).scalar_subquery())
    citizens = (select(t.Citizen.id, t.Citizen.name, t.Citizen.caseworker, t.Citizen.target_group,
                       t.Citizen.benefit_start_on, t.Citizen.back_within_26_weeks, t.Plan.id, t.Plan.created_at,
                       t.Plan.review_on, t.Plan.consent_given_on, t.Plan.consent_withdrawn_on, next_due, has_goals,
                       last_held)
                .outerjoin(t.Plan, sa.and_(t.Plan.citizen_id == t.Citizen.id, live(t.Plan)))
                .where(col(t.Citizen.id).in_(ids)))
    held = [col(t.Meeting.citizen_id).in_(ids), live(t.Meeting), t.Meeting.outcome == MeetingOutcome.HELD,
            col(t.Meeting.starts_at) < end]
    # Since the benefit started, from UTC midnight of that day: a meeting held before
    # 01:00/02:00 local time on that very day is not counted, which no caseworker's calendar has.
    interviews = (select(t.Meeting.citizen_id, t.Meeting.type, sa.func.count(), sa.func.min(t.Meeting.starts_at))
                  .join(t.Citizen, t.Citizen.id == t.Meeting.citizen_id)
                  .where(*held, col(t.Meeting.type).in_(types), col(t.Citizen.benefit_start_on).is_not(None),
                         col(t.Meeting.starts_at) >= t.Citizen.benefit_start_on)
                  .group_by(t.Meeting.citizen_id, t.Meeting.type))
    contacted = (sa.select(sa.func.max(t.EmployerFollowUp.held_on))
                 .where(t.EmployerFollowUp.placement_id == t.Placement.id, live(t.EmployerFollowUp),
                        col(t.EmployerFollowUp.held_on) >= t.Placement.start_on).scalar_subquery())
    placements = (select(t.Placement.id, t.Placement.citizen_id, t.Placement.kind, t.Employer.name,
                         t.Placement.start_on, t.Placement.end_on, t.Placement.status, t.Placement.extended, contacted)
                  .join(t.Employer, t.Employer.id == t.Placement.employer_id)
                  .where(col(t.Placement.citizen_id).in_(ids), live(t.Placement)))
    decisions = (select(t.RuleDecision.citizen_id, t.RuleDecision.rule, t.RuleDecision.decision,
                        t.RuleDecision.subject_id, t.RuleDecision.due_on, t.RuleDecision.reason,
                        t.RuleDecision.decided_on)
                 .where(col(t.RuleDecision.citizen_id).in_(ids), live(t.RuleDecision)))
    # Which running courses enplan wrote the nine-month follow-up of (by citizen first: source_id has no index).
    written = select(t.FollowUp.source_id).where(
        col(t.FollowUp.citizen_id).in_(sa.bindparam("cti_citizens", expanding=True)),
        col(t.FollowUp.source_id).in_(sa.bindparam("cti_courses", expanding=True)))
    return _Statements(citizens, interviews, placements, decisions, written)


def read_facts(s, scope: str, params: dict, today: dt.date, types: tuple[MeetingType, ...],  # noqa: ANN001
               cti: dict) -> list[CitizenFacts]:
    """Facts for the citizens of ``scope`` (``params``: ``cw`` or ``cid``); ``cti`` is their ``_cti_state``."""
    conn = s.connection()
    st = _statements(scope, types)
    params = {**params, "end": convert.local_midnight_utc(today + dt.timedelta(days=1))}
    meetings = defaultdict(list)
    for cid, kind, count, first in conn.execute(st.interviews, params):
        meetings[cid].append((kind, count, convert.local_date(first)))
    placements = defaultdict(list)
    for row in conn.execute(st.placements, params):
        placements[row[1]].append(PlacementFact(row[0], row[2], row[3], row[4], row[5], row[6], row[7], row[8]))
    decisions = defaultdict(list)
    for cid, rule, kind, subject, due, reason, decided_on in conn.execute(st.decisions, params):
        decisions[cid].append(Decision(rule, kind, subject, due, reason, decided_on))
    written: set = set()
    if cti:
        written = {r[0] for r in conn.execute(st.written, {"cti_citizens": list(cti),
                                                           "cti_courses": [c.course_id for c in cti.values()]})}
    out = []
    for (cid, name, caseworker, group, start, back, plan_id, plan_at, review, given, withdrawn, due, goals,
         latest) in conn.execute(st.citizens, params):
        course = cti.get(cid)
        meeting = convert.local_date(latest)
        out.append(CitizenFacts(
            cid, name, caseworker, group, start, bool(back), interviews=tuple(meetings[cid]), last_meeting=meeting,
            last_contact=max(filter(None, (meeting, course.last if course else None)), default=None),
            placements=tuple(placements[cid]),
            cti_course_id=course.course_id if course else None, cti_start=course.start if course else None,
            cti_phase=course.phase if course else None, cti_follow_up_written=bool(course and course.course_id in written),
            plan_id=plan_id, plan_has_goals=bool(goals), plan_created=convert.local_date(plan_at), review_on=review,
            consent_given=given,
            consent_withdrawn=withdrawn, next_follow_up=due, decisions=tuple(decisions[cid])))
    return out


def scope_of(caseworker: str | None) -> tuple[str, dict]:
    return (CASEWORKER, {"cw": caseworker}) if caseworker else (EVERYONE, {})
