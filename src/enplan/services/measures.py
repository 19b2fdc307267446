"""Progression measures: record them (on their own, in a meeting, at a CTI
check-in), read a citizen's progress, and find the measures that are due."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlmodel import col, select

from ..domain import measures as m
from ..domain.clock import local_date
from ..domain.dates import add_months
from ..domain.enums import MeasureSource
from ..domain.errors import ValidationError
from ..domain.followups import WorkItem, WorkKind
from ..domain.phrases import N_, Phrase
from ..store import tables as t
from ..store.types import UTCDateTime
from .base import ServiceBase, _uuid
from .citizens import _text
from .rule_facts import ONE, citizen_ids, scope_of


@dataclass(frozen=True)
class MeasuresInput:
    """One sitting's measures: typed values (trivsel, belief, hours) and answer
    lists (WHO-5, a scale) by instrument key; an instrument left out is not measured."""

    measured_on: dt.date
    values: dict[str, float | None] = field(default_factory=dict)
    answers: dict[str, tuple[int | None, ...]] = field(default_factory=dict)
    note: str = ""

    @property
    def empty(self) -> bool:
        return not any(v is not None for v in self.values.values()) and not any(
            any(a is not None for a in answers) for answers in self.answers.values())


class MeasureServices(ServiceBase):
    def record_measures(self, citizen_id: uuid.UUID | str, data: MeasuresInput) -> list[uuid.UUID]:
        """Store every instrument measured in one sitting; nothing is stored if one is wrong."""
        cid = _uuid(citizen_id)
        with self.db.write() as s:
            return self._write_measures(s, cid, data, MeasureSource.OWN, None)

    def _write_measures(self, s, cid: uuid.UUID, data: MeasuresInput, source: MeasureSource,  # noqa: ANN001
                        source_id: uuid.UUID | None) -> list[uuid.UUID]:
        """Inside a caller's transaction (a meeting's, a check-in's): validate all, then write."""
        citizen = self._get(s, t.Citizen, cid)
        rows = self._checked(data, self._case_start(s, citizen))
        if not rows:
            raise ValidationError(N_("Fill in at least one measure."), "measures")
        note = _text(data.note, "note")
        return [self._create(s, t.Measure(citizen_id=cid, instrument=key, measured_on=data.measured_on, value=value,
                                          answers=list(answers), source=source, source_id=source_id, note=note),
                             cid).id
                for key, value, answers in rows]

    def _case_start(self, s, citizen: t.Citizen) -> dt.date:  # noqa: ANN001
        """The first day of the citizen's case: the earliest of their benefit start,
        first meeting, CTI course or placement (not deleted ones), and the day they were
        added (a case typed in with its history keeps its earlier measures); never after
        today (a clock set back, as in a demo)."""
        cid = citizen.id
        firsts = [select(sa.func.min(t.CtiCourse.start_on)).where(t.CtiCourse.citizen_id == cid,
                                                                  col(t.CtiCourse.deleted_at).is_(None)),
                  select(sa.func.min(t.Placement.start_on)).where(t.Placement.citizen_id == cid,
                                                                  col(t.Placement.deleted_at).is_(None))]
        days = [s.connection().execute(q).scalar() for q in firsts]
        first_meeting = s.connection().execute(select(sa.func.min(t.Meeting.starts_at)).where(
            t.Meeting.citizen_id == cid, col(t.Meeting.deleted_at).is_(None))).scalar()
        return min(filter(None, (local_date(citizen.created_at), citizen.benefit_start_on, local_date(first_meeting),
                                 *days, self.today)))

    def _checked(self, data: MeasuresInput, first_day: dt.date) -> list[tuple[str, float, tuple[int, ...]]]:
        setup = self.measure_setup
        m.check_day(data.measured_on, self.today, first_day)
        rows = []
        for key, value in data.values.items():
            instrument = _known(setup, key)
            if value is not None:
                rows.append((key, m.check_value(instrument, value), ()))
        for key, answers in data.answers.items():
            instrument = _known(setup, key)
            if any(a is not None for a in answers):
                answers = tuple(answers)
                rows.append((key, m.check_value(instrument, None, answers), answers))
        return rows

    def progress(self, citizen_id: uuid.UUID | str) -> m.Progress:
        cid = _uuid(citizen_id)
        setup = self.measure_setup
        with self.db.read() as s:
            self._get(s, t.Citizen, cid)
            found = s.exec(select(t.Measure.id, t.Measure.instrument, t.Measure.measured_on, t.Measure.value,
                                  t.Measure.answers, t.Measure.source, t.Measure.note, t.Measure.updated_by)
                           .where(t.Measure.citizen_id == cid, col(t.Measure.deleted_at).is_(None))
                           .order_by(col(t.Measure.measured_on).desc(), col(t.Measure.created_at).desc())).all()
            due = self._measures_due(s, (ONE, {"cid": cid})).get(cid, (None,))[0]
        rows = tuple(m.MeasureRow(i, key, day, value, tuple(answers or ()), MeasureSource(source).value, note, by)
                     for i, key, day, value, answers, source, note, by in found)
        points: dict[str, list] = defaultdict(list)
        for row in reversed(rows):
            points[row.instrument].append((row.measured_on, row.value))
        known = list(setup.instruments) + [_unknown(k) for k in points if setup.get(k) is None]
        series = tuple(m.Series(i, tuple(points[i.key])) for i in known if points.get(i.key))
        return m.Progress(series, rows, due[0] if due else None, setup.instruments)

    def _measures_due(self, s, scope: tuple[str, dict], horizon: dt.date | None = None) -> dict[uuid.UUID, tuple]:  # noqa: ANN001
        """citizen → ((due day, why), measures stored, last saved) of the next measure, for
        the active citizens of ``scope`` (rule_facts.scope_of); with ``horizon``, only those
        that may be due by then. One statement whatever their number."""
        every = self.measure_setup.every_months
        today = self.today
        # A citizen measured after this day is not due again by the horizon (three days to
        # spare for month ends, 31 Jan + 1 month = 28 Feb); the exact day is computed below.
        cutoff = add_months(horizon, -every) + dt.timedelta(days=3) if horizon else dt.date.max
        anchors: dict[uuid.UUID, list] = defaultdict(list)
        last: dict[uuid.UUID, tuple] = {}
        for cid, day, phase, tag, count, stamp in s.connection().execute(
                _due_statement(scope[0]), {**scope[1], "today": today, "cutoff": cutoff}):
            if tag == "m":
                last[cid] = (day, count, stamp)
                if day is None:  # never measured: due from their start (a clock set back still sees today's
                    anchors[cid].append((min(local_date(stamp), today), m.START, 0))  # new citizen as started)
            else:
                anchors[cid].append((day, tag, phase))
        found = {cid: (m.next_due(anchors[cid], day, every), count, changed)
                 for cid, (day, count, changed) in last.items()}
        return {cid: due for cid, due in found.items() if due[0] is not None}

    def _measure_work(self, s, caseworker: str | None, names: dict, owners: dict) -> list[WorkItem]:  # noqa: ANN001
        """The worklist's lines for measures due within NOTICE_DAYS (one a quarter away
        for every citizen would bury the work of this week; the Progress tab has the date)."""
        horizon = self.today + dt.timedelta(days=m.NOTICE_DAYS)
        return [WorkItem(WorkKind.MEASURE, cid, cid, names[cid], why, day, owners.get(cid, ""), revision=count + 1,
                         changed_at=changed)
                for cid, ((day, why), count, changed) in self._measures_due(s, scope_of(caseworker), horizon).items()
                if cid in names and day <= horizon]


@functools.cache
def _due_statement(scope: str) -> sa.CompoundSelect:
    """Built once per scope with bound parameters (building costs about what running it does).

    Rows (citizen, day, phase, tag, count, stamp): tag "m" for each citizen that may be due
    (never measured, measured on or before ``cutoff``, or in a CTI course): the last measure's day, how many there are and when the last was saved
    (a calendar sees the event move), or no day and the citizen's creation stamp; then every
    CTI start, phase change and end up to ``today``, tagged as domain.measures says."""
    ids = citizen_ids(scope)
    today, cutoff = sa.bindparam("today", type_=sa.Date()), sa.bindparam("cutoff", type_=sa.Date())
    no_stamp = sa.cast(sa.null(), UTCDateTime)
    live_course = [col(t.CtiCourse.citizen_id).in_(ids), col(t.CtiCourse.deleted_at).is_(None)]
    anchors = sa.union_all(
        select(t.CtiCourse.citizen_id.label("cid"), t.CtiCourse.start_on.label("day"), sa.literal(0).label("phase"),
               sa.literal(m.PHASE).label("tag")).where(*live_course),
        select(t.CtiCourse.citizen_id, t.CtiCourse.ended_on, sa.literal(0), sa.literal(m.END))
        .where(*live_course, col(t.CtiCourse.ended_on).is_not(None)),
        select(t.CtiCourse.citizen_id, t.CtiPhase.actual_start, t.CtiPhase.phase, sa.literal(m.PHASE))
        .join(t.CtiPhase, t.CtiPhase.course_id == t.CtiCourse.id)
        .where(*live_course, col(t.CtiPhase.phase) > 0, col(t.CtiPhase.actual_start).is_not(None),
               col(t.CtiPhase.deleted_at).is_(None))).subquery()
    live_measure = [t.Measure.citizen_id == t.Citizen.id, col(t.Measure.deleted_at).is_(None)]
    # The last measure's day, one index seek per citizen (ix_measure_citizen_on), computed once
    # (materialized: the filter below would otherwise seek again for each use of it).
    people = (select(t.Citizen.id.label("cid"), t.Citizen.created_at.label("created"),
                     select(sa.func.max(t.Measure.measured_on)).where(*live_measure).scalar_subquery().label("day"))
              .where(t.Citizen.id.in_(ids)).cte("people").prefix_with("MATERIALIZED"))
    # How many and when the last was saved only for the few that may be due (a select list runs
    # per row returned); one with a CTI course may be due from its dates, which Python judges.
    mine = [t.Measure.citizen_id == people.c.cid, col(t.Measure.deleted_at).is_(None)]
    count = select(sa.func.count()).where(*mine).scalar_subquery()
    saved = select(sa.func.max(t.Measure.updated_at)).where(*mine).scalar_subquery()
    in_cti = sa.exists().where(t.CtiCourse.citizen_id == people.c.cid, col(t.CtiCourse.deleted_at).is_(None))
    stamp = sa.case((people.c.day.is_(None), people.c.created), else_=saved)
    return sa.union_all(
        select(people.c.cid, people.c.day, sa.literal(0), sa.literal("m"), count, sa.type_coerce(stamp, UTCDateTime))
        .where(sa.or_(people.c.day.is_(None), people.c.day <= cutoff, in_cti)),
        select(anchors.c.cid, anchors.c.day, anchors.c.phase, anchors.c.tag, sa.literal(0), no_stamp)
        .where(anchors.c.day <= today))

def _known(setup: m.MeasureSetup, key: str) -> m.Instrument:
    instrument = setup.get(key)
    if instrument is None:
        raise ValidationError(Phrase("Unknown measure {key!r}.", key=key), "measures")
    return instrument


def _unknown(key: str) -> m.Instrument:
    """A measure stored under an instrument this installation does not define
    (a scale another municipality configured): shown as it is, never dropped."""
    return m.Instrument(key, key, low=0, high=100, whole=False, shipped=False)
