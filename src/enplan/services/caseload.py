"""The caseload and the worklist: the two lists a caseworker lives in.

Built for municipality scale: citizens are chosen by a subquery (no giant
IN lists), follow-ups are aggregated in SQL, and only plain columns are
fetched (building ORM objects for thousands of rows costs more than the
query itself). A fixed number of statements, whatever the caseload size.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from typing import NamedTuple

import sqlalchemy as sa
from sqlmodel import col, select

from ..domain.enums import CitizenStatus, MeetingOutcome
from ..domain.followups import DUE_SOON_DAYS, WorkItem, WorkKind, is_overdue, rank
from ..domain.records import CaseloadRow, CaseloadSummary
from ..domain.text import danish_key
from ..domain.work_texts import follow_up_text
from ..store import tables as t
from ..store.types import UTCDateTime, binary_order
from . import convert
from .measures import MeasureServices
from .rule_facts import citizen_ids, scope_of


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_pattern(text: str) -> str:
    """The LIKE pattern of a case-insensitive, æ/ø/å-aware substring search on a ``name_key`` column."""
    return f"%{_like_escape(danish_key(text.strip()))}%"


def name_search(column, text: str):  # noqa: ANN001, ANN201
    """Case-insensitive, æ/ø/å-aware substring match on a ``name_key`` column."""
    return col(column).like(search_pattern(text), escape="\\")


class PhaseRow(NamedTuple):
    """A CTI phase as the lists need it (plain columns: ORM objects cost more than the query)."""

    phase: int
    actual_start: dt.date | None
    actual_end: dt.date | None
    cadence: object
    version: int
    updated_at: dt.datetime


PHASE_COLUMNS = (t.CtiPhase.phase, t.CtiPhase.actual_start, t.CtiPhase.actual_end, t.CtiPhase.cadence,
                 t.CtiPhase.version, t.CtiPhase.updated_at)


class CtiState(NamedTuple):
    """A running CTI course as the lists need it."""

    course_id: object
    phase: int | None  # the running phase (0 = contact period)
    due: dt.date | None  # the next contact
    last: dt.date | None  # the latest check-in held so far
    revision: int  # how often its rows were saved (WorkItem.revision)
    changed_at: dt.datetime | None  # when the latest of them was
    start: dt.date | None = None  # the course's first day


class CaseloadServices(MeasureServices):
    def _cti_state(self, s, citizens, params: dict | None = None) -> dict[object, CtiState]:  # noqa: ANN001
        """citizen id → the running course's state (``CtiState``). ``citizens``: a scope of
        rule_facts, or the three statements of ``_cti_statements`` (``params``: their values)."""
        course_q, phase_q, checkin_q = _cti_queries(citizens) if isinstance(citizens, str) else citizens
        params = {**(params or {}), "today": self.today}
        conn = s.connection()
        courses = conn.execute(course_q, params).all()
        if not courses:
            return {}
        phases = defaultdict(list)
        for course_id, *values in conn.execute(phase_q, params):
            phases[course_id].append(PhaseRow(*values))
        checkins = {course_id: rest for course_id, *rest in conn.execute(checkin_q, params).all()}
        state = {}
        for course_id, citizen_id, version, updated_at, start_on in courses:
            last, saves, changed = checkins.get(course_id, (None, 0, None))
            running = convert.current_phase(phases[course_id])
            state[citizen_id] = CtiState(
                course_id, running.phase if running else None, convert.contact_due(phases[course_id], last), last,
                version + sum(p.version for p in phases[course_id]) + (saves or 0),
                max(filter(None, (updated_at, changed, *(p.updated_at for p in phases[course_id])))), start_on)
        return state

    def _caseload(self, caseworker: str | None, include_closed: bool, search: str) -> tuple[list[CaseloadRow], CaseloadSummary]:
        today = self.today
        soon = today + dt.timedelta(days=DUE_SOON_DAYS)
        # "Last contact" is a contact that has happened: a meeting booked for
        # later this week is not one.
        end_of_today = convert.local_midnight_utc(today + dt.timedelta(days=1))
        people_q, follow_up_q, met_q, cti_q = _caseload_queries(bool(caseworker), include_closed, bool(search.strip()))
        params = {"cw": caseworker, "pattern": search_pattern(search), "today": today, "soon": soon, "end": end_of_today}
        with self.db.read(about_caseworker=caseworker) as s:
            conn = s.connection()
            citizens = conn.execute(people_q, params).all()
            fu = {row[0]: row[1:] for row in conn.execute(follow_up_q, params)}
            met = dict(conn.execute(met_q, params).all())
            cti = self._cti_state(s, cti_q, params)
        rows = []
        overdue_fu = cti_overdue = due_week = 0
        for cid, name, group, status in citizens:
            first_due, n_overdue, n_soon = fu.get(cid, (None, 0, 0))
            running = cti.get(cid)
            phase, cti_due, last_checkin = (running.phase, running.due, running.last) if running else (None,) * 3
            late_cti = bool(cti_due and cti_due < today)
            overdue_fu += n_overdue or 0
            cti_overdue += late_cti
            due_week += (n_soon or 0) + bool(cti_due and today <= cti_due <= soon)
            rows.append(CaseloadRow(
                citizen_id=cid, name=name, target_group=group, status=status, cti_phase=phase,
                last_contact=max(filter(None, (convert.local_date(met.get(cid)), last_checkin)), default=None),
                next_due=min(filter(None, (first_due, cti_due)), default=None),
                overdue_count=(n_overdue or 0) + late_cti, cti_overdue=late_cti,
            ))
        return rows, CaseloadSummary(len(rows), overdue_fu, cti_overdue, due_week)

    def caseload(self, caseworker: str | None = None, *, include_closed: bool = False, search: str = "") -> list[CaseloadRow]:
        return self._caseload(caseworker, include_closed, search)[0]

    def caseload_summary(self, caseworker: str | None = None) -> CaseloadSummary:
        return self._caseload(caseworker, False, "")[1]

    def caseload_view(self, caseworker: str | None = None, *, include_closed: bool = False,
                      search: str = "") -> tuple[list[CaseloadRow], CaseloadSummary]:
        """Rows and the header's sums from one read (what the caseload screen needs)."""
        return self._caseload(caseworker, include_closed, search)

    def worklist(self, caseworker: str | None = None, *, include_done_since: dt.date | None = None) -> list[WorkItem]:
        """Every open follow-up and every running CTI course's next contact, ranked."""
        scope, params = scope_of(caseworker)
        people_q, open_q, done_q = _worklist_queries(scope)
        with self.db.read(about_caseworker=caseworker) as s:
            conn = s.connection()
            people = conn.execute(people_q, params).all()
            names = {cid: name for cid, name, _owner in people}
            owners = {cid: owner for cid, _name, owner in people}
            rows = conn.execute(open_q, params).all()
            if include_done_since is not None:
                rows += conn.execute(done_q, {**params, "since": include_done_since}).all()
            items = [WorkItem(WorkKind.FOLLOW_UP, fid, cid, names[cid], follow_up_text(key, values, title), due,
                              owner, done=done is not None, revision=version, changed_at=changed)
                     for fid, cid, title, due, owner, version, changed, key, values, done in rows]
            running = self._cti_state(s, scope, params)
            for cid, cti in running.items():
                if cti.due is not None:
                    phase = cti.phase
                    what = "CTI contact (contact period)" if phase == 0 else f"CTI contact (phase {phase})"
                    items.append(WorkItem(WorkKind.CTI_CONTACT, cti.course_id, cid, names[cid], what, cti.due,
                                          owners[cid], phase=phase, revision=cti.revision,
                                          changed_at=cti.changed_at))
            items += self._extra_work(s, caseworker, names, owners, running)
            items += self._measure_work(s, caseworker, names, owners)
        return rank(items, self.today)

    def _extra_work(self, s, caseworker: str | None, names: dict, owners: dict, cti: dict) -> list[WorkItem]:  # noqa: ANN001
        """Worklist lines from elsewhere (the rules, services/rules.py), read in the same snapshot."""
        return []

    def overdue(self, caseworker: str | None = None) -> list[WorkItem]:
        today = self.today
        return [i for i in self.worklist(caseworker) if is_overdue(i.due, today)]


# The caseload, the worklist and their CTI contacts run on every refresh: their statements are
# built once per scope with bound parameters, as rule_facts' are (building one costs about what
# a small query does, and a built one keeps its cache key).
def _cti_statements(ids) -> tuple[sa.Select, sa.Select, sa.Select]:  # noqa: ANN001
    """The running courses of the citizens ``ids`` selects, their phases, and per course the
    latest check-in held by ``today`` with, for a calendar, how often its check-ins were
    saved and when last. Deleted check-ins count there too (deleting one moves the next
    contact), so the sum never shrinks."""
    courses = (select(t.CtiCourse.id, t.CtiCourse.citizen_id, t.CtiCourse.version, t.CtiCourse.updated_at,
                      t.CtiCourse.start_on)
               .where(col(t.CtiCourse.citizen_id).in_(ids), col(t.CtiCourse.ended_on).is_(None),
                      col(t.CtiCourse.deleted_at).is_(None)))
    course_ids = select(courses.subquery().c.id)
    phases = select(t.CtiPhase.course_id, *PHASE_COLUMNS).where(col(t.CtiPhase.course_id).in_(course_ids),
                                                                col(t.CtiPhase.deleted_at).is_(None))
    held = sa.case((sa.and_(col(t.CtiCheckin.deleted_at).is_(None),
                            col(t.CtiCheckin.held_on) <= sa.bindparam("today", type_=sa.Date())), t.CtiCheckin.held_on))
    checkins = (select(t.CtiCheckin.course_id, sa.func.max(held), sa.func.sum(t.CtiCheckin.version),
                       sa.func.max(t.CtiCheckin.updated_at))
                .where(col(t.CtiCheckin.course_id).in_(course_ids)).group_by(t.CtiCheckin.course_id))
    return courses, phases, checkins


@functools.cache
def _caseload_queries(one_caseworker: bool, include_closed: bool, searching: bool) -> tuple:
    """The caseload's citizens (id, name, target group, status) in name order; per citizen the
    earliest open follow-up and how many are overdue and due soon; the latest meeting held
    before ``end``; the CTI statements. Bound: ``cw``, ``pattern``, ``today``, ``soon``, ``end``."""
    conditions = [col(t.Citizen.deleted_at).is_(None)]
    if one_caseworker:
        conditions.append(t.Citizen.caseworker == sa.bindparam("cw"))
    if not include_closed:
        conditions.append(t.Citizen.status == CitizenStatus.ACTIVE)
    if searching:
        conditions.append(col(t.Citizen.name_key).like(sa.bindparam("pattern"), escape="\\"))
    ids = select(t.Citizen.id).where(*conditions)
    today, soon = sa.bindparam("today", type_=sa.Date()), sa.bindparam("soon", type_=sa.Date())
    people = (select(t.Citizen.id, t.Citizen.name, t.Citizen.target_group, t.Citizen.status)
              .where(*conditions).order_by(binary_order(t.Citizen.name_key), t.Citizen.id))
    follow_ups = (select(t.FollowUp.citizen_id, sa.func.min(t.FollowUp.due_on),
                         sa.func.sum(sa.case((col(t.FollowUp.due_on) < today, 1), else_=0)),
                         sa.func.sum(sa.case((col(t.FollowUp.due_on).between(today, soon), 1), else_=0)))
                  .where(col(t.FollowUp.citizen_id).in_(ids), col(t.FollowUp.done_on).is_(None),
                         col(t.FollowUp.deleted_at).is_(None))
                  .group_by(t.FollowUp.citizen_id))
    met = (select(t.Meeting.citizen_id, sa.func.max(t.Meeting.starts_at))
           .where(col(t.Meeting.citizen_id).in_(ids), col(t.Meeting.deleted_at).is_(None),
                  t.Meeting.outcome == MeetingOutcome.HELD,
                  col(t.Meeting.starts_at) < sa.bindparam("end", type_=UTCDateTime()))
           .group_by(t.Meeting.citizen_id))
    return people, follow_ups, met, _cti_statements(ids)


@functools.cache
def _cti_queries(scope: str) -> tuple[sa.Select, sa.Select, sa.Select]:
    return _cti_statements(citizen_ids(scope))


@functools.cache
def _worklist_queries(scope: str) -> tuple[sa.Select, sa.Select, sa.Select]:
    """The scope's active citizens (id, name, caseworker); their open follow-ups; and those
    done since ``since``: (id, citizen, title, due, owner, version, saved, what, values, done)."""
    ids = citizen_ids(scope)
    people = select(t.Citizen.id, t.Citizen.name, t.Citizen.caseworker).where(col(t.Citizen.id).in_(ids))
    columns = (t.FollowUp.id, t.FollowUp.citizen_id, t.FollowUp.title, t.FollowUp.due_on, t.FollowUp.owner,
               t.FollowUp.version, t.FollowUp.updated_at, t.FollowUp.what,
               # only enplan's own follow-ups have values to read (JSON costs per row)
               sa.case((t.FollowUp.what != "", t.FollowUp.what_values), else_=sa.null()), t.FollowUp.done_on)
    mine = [col(t.FollowUp.citizen_id).in_(ids), col(t.FollowUp.deleted_at).is_(None)]
    open_ = select(*columns).where(*mine, col(t.FollowUp.done_on).is_(None))
    done = select(*columns).where(*mine, col(t.FollowUp.done_on) >= sa.bindparam("since", type_=sa.Date()))
    return people, open_, done
