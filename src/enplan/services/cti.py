"""CTI courses: start, check-ins, phase changes, focus areas, ending."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field, replace

from sqlmodel import col, select

from ..domain import cti as rules
from ..domain.enums import Cadence, CheckinWith, ContactForm, FollowUpSource, MeasureSource
from ..domain.errors import ValidationError
from ..domain.phrases import N_, Phrase
from ..domain.work_texts import CTI_NINE_MONTH, written
from ..store import tables as t
from .base import _uuid
from .citizens import _text
from .measures import MeasureServices, MeasuresInput

NINE_MONTH_TITLE = written(CTI_NINE_MONTH)["title"]  # the English; the follow-up says what it is (CTI_NINE_MONTH)


@dataclass(frozen=True)
class CheckinInput:
    held_on: dt.date
    form: ContactForm
    in_community: bool = False
    with_whom: CheckinWith = CheckinWith.CITIZEN
    notes: str = ""
    area_notes: dict[str, str] = field(default_factory=dict)
    measures: MeasuresInput | None = None  # dated the check-in's day


class CtiServices(MeasureServices):
    def start_cti(self, citizen_id: uuid.UUID | str, start_on: dt.date,
                  cadence: dict[int, Cadence] | None = None) -> uuid.UUID:
        cid = _uuid(citizen_id)
        with self.db.write() as s:
            self._get(s, t.Citizen, cid)
            self._lock_for_save(s, cid)  # before looking for a running course: two starts at once make one
            running = s.exec(select(t.CtiCourse).where(t.CtiCourse.citizen_id == cid, col(t.CtiCourse.ended_on).is_(None),
                                                       col(t.CtiCourse.deleted_at).is_(None))).first()
            if running:
                raise ValidationError(N_("This citizen already has a running CTI course."), "start_on")
            planned = rules.plan_phases(start_on, cadence=cadence)
            course = self._create(s, t.CtiCourse(citizen_id=cid, start_on=start_on,
                                                 follow_up_on=rules.follow_up_date(planned[1].planned_start)), cid)
            for p in planned:
                self._create(s, t.CtiPhase(course_id=course.id, phase=p.phase, planned_start=p.planned_start,
                                           planned_end=p.planned_end, cadence=p.cadence,
                                           actual_start=start_on if p.phase == 0 else None), cid)
            # SEL § 85 support cannot be time-limited: the nine-month mark is a
            # follow-up on the worklist, not an end date.
            self._create(s, t.FollowUp(citizen_id=cid, **written(CTI_NINE_MONTH), due_on=course.follow_up_on,
                                       owner=self.actor, source=FollowUpSource.CHECKIN, source_id=course.id), cid)
            return course.id

    def _course(self, s, course_id, *, locked: bool = False) -> t.CtiCourse:  # noqa: ANN001
        """The course; ``locked``: with its citizen and itself locked first, so
        what the save decides from (phases, dates) is read after any other
        save for this citizen is in."""
        course = self._get(s, t.CtiCourse, _uuid(course_id))
        if locked:
            self._lock_for_save(s, course.citizen_id, [course])
        return course

    def _phases(self, s, course_id: uuid.UUID) -> list[t.CtiPhase]:  # noqa: ANN001
        return sorted(s.exec(select(t.CtiPhase).where(t.CtiPhase.course_id == course_id)), key=lambda p: p.phase)

    def record_checkin(self, course_id: uuid.UUID | str, data: CheckinInput) -> uuid.UUID:
        with self.db.write() as s:
            course = self._course(s, course_id, locked=True)
            if course.ended_on is not None:
                raise ValidationError(N_("This CTI course has ended; check-ins can no longer be added."), "held_on")
            if data.held_on < course.start_on:
                raise ValidationError(N_("The check-in is dated before the course started."), "held_on")
            notes = {str(k): _text(v, "area_notes") for k, v in data.area_notes.items() if v.strip()}
            row = self._create(s, t.CtiCheckin(course_id=course.id, held_on=data.held_on, form=ContactForm(data.form),
                                               in_community=data.in_community, with_whom=CheckinWith(data.with_whom),
                                               notes=_text(data.notes, "notes"), area_notes=notes), course.citizen_id)
            if data.measures is not None and not data.measures.empty:
                self._write_measures(s, course.citizen_id, replace(data.measures, measured_on=data.held_on),
                                     MeasureSource.CHECKIN, row.id)
            return row.id

    def advance_phase(self, course_id: uuid.UUID | str, on: dt.date | None = None) -> int:
        """End the running phase and start the next one on ``on`` (default today;
        backdated when the change was recorded late); returns the new phase."""
        day = on or self.today
        if day > self.today:
            raise ValidationError(N_("A phase cannot start in the future."), "started_on")
        with self.db.write() as s:
            course = self._course(s, course_id, locked=True)
            if course.ended_on is not None:
                raise ValidationError(N_("This CTI course has ended."), "phase")
            phases = self._phases(s, course.id)
            running = next((p for p in reversed(phases) if p.actual_start and not p.actual_end), None)
            if running is None or running.phase >= rules.LAST_PHASE:
                raise ValidationError(N_("Phase 3 is the last phase; end the course with a closing note instead."),
                                      "phase")
            if day < course.start_on:
                raise ValidationError(Phrase("The new phase cannot start before the course did ({date}).",
                                             date=f"{course.start_on:%d-%m-%Y}"), "started_on")
            if day < running.actual_start:
                raise ValidationError(Phrase("The new phase cannot start before the current one did ({date}).",
                                             date=f"{running.actual_start:%d-%m-%Y}"), "started_on")
            nxt = phases[running.phase + 1]
            self._update(s, running, {"actual_end": day - dt.timedelta(days=1) if day > running.actual_start else day},
                         citizen_id=course.citizen_id)
            self._update(s, nxt, {"actual_start": day}, citizen_id=course.citizen_id)
            if nxt.phase == 1:
                due = rules.follow_up_date(day)
                self._update(s, course, {"follow_up_on": due}, citizen_id=course.citizen_id)
                self._move_nine_month_follow_up(s, course, due)
            return nxt.phase

    def _move_nine_month_follow_up(self, s, course: t.CtiCourse, due: dt.date) -> None:  # noqa: ANN001
        row = s.exec(select(t.FollowUp).where(t.FollowUp.source_id == course.id, col(t.FollowUp.done_on).is_(None),
                                              (t.FollowUp.what == CTI_NINE_MONTH) | (t.FollowUp.title == NINE_MONTH_TITLE))
                     ).first()
        if row is not None:
            self._update(s, row, {"due_on": due}, citizen_id=course.citizen_id)

    def set_focus_areas(self, phase_id: uuid.UUID | str, areas: list[str]) -> None:
        chosen = rules.validate_focus_areas(areas)
        with self.db.write() as s:
            phase = self._get(s, t.CtiPhase, _uuid(phase_id))
            course = s.get(t.CtiCourse, phase.course_id)
            self._update(s, phase, {"focus_areas": [a.value for a in chosen]}, citizen_id=course.citizen_id)

    def set_phase_cadence(self, phase_id: uuid.UUID | str, cadence: Cadence | str, *,
                          expected_version: int | None = None) -> None:
        """How often the running or a later phase has contact; the next contact
        due follows it at once (it is worked out when read)."""
        try:
            chosen = Cadence(cadence)
        except ValueError:
            raise ValidationError(Phrase("Unknown cadence: {cadence}", cadence=str(cadence)), "cadence") from None
        with self.db.write() as s:
            phase = self._get(s, t.CtiPhase, _uuid(phase_id))
            course = self._course(s, phase.course_id, locked=True)
            if course.ended_on is not None:
                raise ValidationError(N_("This CTI course has ended."), "cadence")
            if phase.actual_end is not None:  # its contacts were measured against the cadence it had
                raise ValidationError(N_("This phase has ended; its cadence can no longer be changed."), "cadence")
            self._update(s, phase, {"cadence": chosen}, citizen_id=course.citizen_id,
                         expected_version=expected_version)

    def set_closing_note(self, course_id: uuid.UUID | str, note: str) -> None:
        with self.db.write() as s:
            course = self._course(s, course_id)
            self._update(s, course, {"closing_note": _text(note, "closing_note")}, citizen_id=course.citizen_id)

    def is_early_end(self, course_id: uuid.UUID | str, on: dt.date | None = None) -> bool:
        with self.db.read() as s:
            phases = self._phases(s, self._course(s, course_id).id)
            return rules.is_early_end(phases[1].actual_start if len(phases) > 1 else None, on or self.today)

    def end_cti(self, course_id: uuid.UUID | str, on: dt.date | None = None, *, reason: str = "",
                closing_note: str | None = None) -> None:
        """End the course. Before nine months a reason is required, since CTI has no early discharge."""
        day = on or self.today
        with self.db.write() as s:
            course = self._course(s, course_id, locked=True)
            if course.ended_on is not None:
                raise ValidationError(N_("This CTI course has already ended."), "ended_on")
            phases = self._phases(s, course.id)
            phase1 = phases[1].actual_start if len(phases) > 1 else None
            if rules.is_early_end(phase1, day) and not reason.strip():
                raise ValidationError(N_("CTI has no early discharge: give a reason for ending before nine months."),
                                      "end_reason")
            for p in phases:
                if p.actual_start and not p.actual_end:
                    self._update(s, p, {"actual_end": day}, citizen_id=course.citizen_id)
            values = {"ended_on": day, "end_reason": _text(reason.strip(), "end_reason")}
            if closing_note is not None:
                values["closing_note"] = _text(closing_note, "closing_note")
            self._update(s, course, values, citizen_id=course.citizen_id)
