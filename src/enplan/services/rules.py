"""The rules applied to a caseload: rule items for the worklist, warnings for
the citizen screen, the 75% counters, and decisions (dismiss, exempt).

The facts every rule needs are read in a fixed number of statements whatever
the caseload's size (plain columns, aggregates in SQL), then evaluated by the
pure rules in ``domain/rules``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import col, select

from ..domain.enums import MeetingOutcome, RuleDecisionKind
from ..domain.errors import ValidationError
from ..domain.followups import RuleNote, WorkItem, WorkKind
from ..domain.phrases import N_
from ..domain.rules.counters import Counter, counters
from ..domain.rules.evaluate import RuleItem, RuleWarning, evaluate
from ..domain.rules.facts import CitizenFacts, Decision, PlacementFact
from ..domain.rules.model import RuleBook
from ..store import tables as t
from . import convert
from .base import _uuid
from .caseload import CaseloadServices
from .citizens import _text


def _live(table):  # noqa: ANN001, ANN202
    return col(table.deleted_at).is_(None)


class RuleServices(CaseloadServices):
    def _extra_work(self, s, ids, names: dict, owners: dict, cti: dict) -> list[WorkItem]:  # noqa: ANN001
        """The rule items of the worklist's citizens, in the worklist's ranking."""
        return self._work_items(self._evaluate(self._rule_facts(s, ids, cti))[0], names, owners)

    def _rule_facts(self, s, ids, cti: dict) -> list[CitizenFacts]:  # noqa: ANN001, C901
        """Facts for the citizens selected by ``ids``; ``cti`` is ``_cti_state`` of them."""
        end_of_today = convert.local_midnight_utc(self.today + dt.timedelta(days=1))
        citizens = s.exec(select(t.Citizen.id, t.Citizen.name, t.Citizen.caseworker, t.Citizen.target_group,
                                 t.Citizen.benefit_start_on, t.Citizen.back_within_26_weeks)
                          .where(col(t.Citizen.id).in_(ids))).all()
        held = [col(t.Meeting.citizen_id).in_(ids), _live(t.Meeting), t.Meeting.outcome == MeetingOutcome.HELD,
                col(t.Meeting.starts_at) < end_of_today]
        interviews = defaultdict(list)
        for cid, starts_at, kind in s.exec(
                select(t.Meeting.citizen_id, t.Meeting.starts_at, t.Meeting.type).join(
                    t.Citizen, t.Citizen.id == t.Meeting.citizen_id)
                .where(*held, col(t.Meeting.type).in_(self._interview_types()),
                       # UTC midnight of the start day: a meeting held before 01:00/02:00 local
                       # time on that very day is missed, which no caseworker's calendar has.
                       col(t.Meeting.starts_at) >= t.Citizen.benefit_start_on)):
            interviews[cid].append((convert.local_date(starts_at), kind))
        last_meeting = {cid: convert.local_date(at) for cid, at in s.exec(
            select(t.Meeting.citizen_id, sa.func.max(t.Meeting.starts_at)).where(*held).group_by(t.Meeting.citizen_id))}
        contacted = (sa.select(sa.func.max(t.EmployerFollowUp.held_on))
                     .where(t.EmployerFollowUp.placement_id == t.Placement.id, _live(t.EmployerFollowUp),
                            col(t.EmployerFollowUp.held_on) >= t.Placement.start_on).scalar_subquery())
        placements = defaultdict(list)
        for row in s.exec(select(t.Placement.id, t.Placement.citizen_id, t.Placement.kind, t.Employer.name,
                                 t.Placement.start_on, t.Placement.end_on, t.Placement.status, t.Placement.extended,
                                 contacted)
                          .join(t.Employer, t.Employer.id == t.Placement.employer_id)
                          .where(col(t.Placement.citizen_id).in_(ids), _live(t.Placement))):
            placements[row[1]].append(PlacementFact(row[0], row[2], row[3], row[4], row[5], row[6], row[7], row[8]))
        plans = {row[1]: row for row in s.exec(
            select(t.Plan.id, t.Plan.citizen_id, t.Plan.created_at, t.Plan.review_on, t.Plan.consent_given_on,
                   t.Plan.consent_withdrawn_on).where(col(t.Plan.citizen_id).in_(ids), _live(t.Plan)))}
        next_due = dict(s.exec(select(t.FollowUp.citizen_id, sa.func.min(t.FollowUp.due_on)).where(
            col(t.FollowUp.citizen_id).in_(ids), col(t.FollowUp.done_on).is_(None), _live(t.FollowUp))
            .group_by(t.FollowUp.citizen_id)).all())
        course_ids = [c.course_id for c in cti.values()]
        written = set(s.exec(select(t.FollowUp.source_id).where(col(t.FollowUp.source_id).in_(course_ids)))) \
            if course_ids else set()
        courses = dict(s.exec(select(t.CtiCourse.id, t.CtiCourse.start_on)
                              .where(col(t.CtiCourse.id).in_(course_ids))).all()) if course_ids else {}
        decisions = defaultdict(list)
        for cid, rule, kind, subject, due, reason in s.exec(
                select(t.RuleDecision.citizen_id, t.RuleDecision.rule, t.RuleDecision.decision,
                       t.RuleDecision.subject_id, t.RuleDecision.due_on, t.RuleDecision.reason)
                .where(col(t.RuleDecision.citizen_id).in_(ids), _live(t.RuleDecision))):
            decisions[cid].append(Decision(rule, kind, subject, due, reason))
        out = []
        for cid, name, caseworker, group, benefit_start, back in citizens:
            course = cti.get(cid)
            plan = plans.get(cid)
            meeting = last_meeting.get(cid)
            out.append(CitizenFacts(
                cid, name, caseworker, group, benefit_start, bool(back),
                interviews=tuple((d, k) for d, k in interviews[cid] if benefit_start and d >= benefit_start),
                last_meeting=meeting,
                last_contact=max(filter(None, (meeting, course.last if course else None)), default=None),
                placements=tuple(placements[cid]),
                cti_course_id=course.course_id if course else None,
                cti_start=courses.get(course.course_id) if course else None,
                cti_phase=course.phase if course else None,
                cti_follow_up_written=bool(course and course.course_id in written),
                plan_id=plan[0] if plan else None, plan_created=convert.local_date(plan[2]) if plan else None,
                review_on=plan[3] if plan else None, consent_given=plan[4] if plan else None,
                consent_withdrawn=plan[5] if plan else None,
                next_follow_up=next_due.get(cid), decisions=tuple(decisions[cid])))
        return out

    def _interview_types(self) -> list:
        """The meeting types any rule counts as an interview."""
        return sorted({k for r in self.rule_book.rules for k in r.params.get("meeting_types", ())})

    def _evaluate(self, facts: list[CitizenFacts]) -> tuple[list[RuleItem], list[RuleWarning]]:
        items: list[RuleItem] = []
        warnings: list[RuleWarning] = []
        for f in facts:
            i, w = evaluate(self.rule_book, f, self.today)
            items += i
            warnings += w
        return items, warnings

    def _work_items(self, items: list[RuleItem], names: dict, owners: dict) -> list[WorkItem]:
        book = self.rule_book
        return [WorkItem(WorkKind.RULE, _item_id(i), i.citizen_id, names[i.citizen_id], f"{i.what[0]} — {i.why[0]}",
                         i.due, owners.get(i.citizen_id, ""),
                         rule=RuleNote(i.rule.id, i.rule.set_id, i.rule.source, i.what, i.why, i.subject_id,
                                       book.set_of(i.rule).provisional, i.rule.type))
                for i in items]

    def citizen_rules(self, citizen_id: uuid.UUID | str) -> tuple[list[WorkItem], list[RuleWarning]]:
        """One citizen's rule items (as worklist lines) and warnings, for the citizen screen."""
        cid = _uuid(citizen_id)
        ids = select(t.Citizen.id).where(t.Citizen.id == cid, _live(t.Citizen))
        with self.db.read() as s:
            names = dict(s.exec(select(t.Citizen.id, t.Citizen.name).where(t.Citizen.id == cid)).all())
            owners = dict(s.exec(select(t.Citizen.id, t.Citizen.caseworker).where(t.Citizen.id == cid)).all())
            facts = self._rule_facts(s, ids, self._cti_state(s, ids))
        items, warnings = self._evaluate(facts)
        return self._work_items(items, names, owners), warnings

    def rule_counters(self, caseworker: str | None = None) -> list[Counter]:
        """The 75% counters over the caseworker's active caseload (everyone's without one)."""
        ids = select(t.Citizen.id).where(*self._citizen_filter(caseworker, include_closed=False))
        with self.db.read() as s:
            facts = self._rule_facts(s, ids, self._cti_state(s, ids))
        return counters(self.rule_book, facts, self.today)

    def rules_overview(self, caseworker: str | None = None) -> RulesOverview:
        """The rule sets and the caseworker's counters, for the rules screen and ``enplan rules``."""
        ids = select(t.Citizen.id).where(*self._citizen_filter(caseworker, include_closed=False))
        with self.db.read() as s:
            facts = self._rule_facts(s, ids, self._cti_state(s, ids))
        return RulesOverview(self.rule_book, tuple(counters(self.rule_book, facts, self.today)), self.today)

    def rule_warnings(self, caseworker: str | None = None) -> list[RuleWarning]:
        ids = select(t.Citizen.id).where(*self._citizen_filter(caseworker, include_closed=False))
        with self.db.read() as s:
            facts = self._rule_facts(s, ids, self._cti_state(s, ids))
        return self._evaluate(facts)[1]

    def decide_rule(self, citizen_id: uuid.UUID | str, rule: str, decision: RuleDecisionKind, reason: str, *,
                    subject_id: uuid.UUID | str | None = None, due: dt.date | None = None) -> uuid.UUID:
        """Dismiss a rule item or exempt the citizen from a counter, always with a reason (audited)."""
        cid = _uuid(citizen_id)
        reason = _text(reason.strip(), "reason")
        if not reason:
            raise ValidationError(N_("Give a reason: a rule item is never just hidden."), "reason")
        if not self.rule_book.by_id(rule):
            raise ValidationError(N_("There is no such rule."), "rule")
        decision = RuleDecisionKind(decision)
        if decision is RuleDecisionKind.DISMISSED and due is None:
            raise ValidationError(N_("A dismissed rule item needs its due date."), "due")
        with self.db.write() as s:
            self._get(s, t.Citizen, cid)
            row = self._create(s, t.RuleDecision(
                citizen_id=cid, rule=rule, decision=decision, subject_id=_uuid(subject_id) if subject_id else None,
                due_on=due, reason=reason, decided_on=self.today), cid)
            return row.id


def _item_id(item: RuleItem) -> uuid.UUID:
    """A stable id for a rule item (the same rule, citizen, subject and due date give the same id),
    so a calendar can update its event and the worklist can keep the cursor on it."""
    key = f"{item.rule.id}|{item.citizen_id}|{item.subject_id or ''}|{item.due.isoformat()}"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"enplan:rule:{key}")


@dataclass(frozen=True)
class RulesOverview:
    """The rule sets (immutable domain data), the caseload's counters and any refused local rules."""

    book: RuleBook
    counters: tuple[Counter, ...]
    today: dt.date
