"""Recording the work: meetings that step through the plan, follow-ups."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field, replace

from ..domain.clock import local_date
from ..domain.dates import roll_forward
from ..domain.enums import (
    ContactForm,
    FollowUpSource,
    GoalProgress,
    GoalStatus,
    MeasureSource,
    MeetingOutcome,
    MeetingType,
    RuleDecisionKind,
)
from ..domain.errors import ValidationError
from ..domain.phrases import N_
from ..domain.work_texts import NO_SHOW_CONTACT, follow_up_text, written
from ..store import tables as t
from .base import _uuid
from .citizens import _text
from .measures import MeasureServices, MeasuresInput


@dataclass(frozen=True)
class GoalNoteInput:
    goal_id: uuid.UUID
    progress: GoalProgress | None = None
    note: str = ""


@dataclass(frozen=True)
class NextStep:
    title: str
    due_on: dt.date
    owner: str = ""
    what: str = ""  # for a step enplan wrote: its key in domain/work_texts (``title`` is then its English)


@dataclass(frozen=True)
class MeetingInput:
    type: MeetingType
    form: ContactForm
    starts_at: dt.datetime
    ends_at: dt.datetime | None = None
    location: str = ""
    participants: str = ""
    outcome: MeetingOutcome = MeetingOutcome.HELD
    notes: str = ""
    goal_notes: tuple[GoalNoteInput, ...] = field(default_factory=tuple)
    next_steps: tuple[NextStep, ...] = field(default_factory=tuple)
    measures: MeasuresInput | None = None  # the step-through's Measures page; dated the meeting's day


_GOAL_STATUS_AFTER = {GoalProgress.ACHIEVED: GoalStatus.ACHIEVED, GoalProgress.DROPPED: GoalStatus.DROPPED}


@dataclass(frozen=True)
class HandledRule:
    """A rule item a meeting handled: which rule, about what, and its due date."""

    rule: str
    subject_id: uuid.UUID | None
    due: dt.date


class RecordingServices(MeasureServices):
    def record_meeting(self, citizen_id: uuid.UUID | str, data: MeetingInput, *,
                       done_follow_up_ids: tuple[uuid.UUID, ...] = (),
                       handled_rules: tuple[HandledRule, ...] = ()) -> uuid.UUID:
        """The meeting, its per-goal notes, goal status changes, the agreed
        next steps as follow-ups, the citizen's follow-ups it handled
        (``done_follow_up_ids``, marked done on the meeting's date) and the rule
        items it handled (each kept as a decision "handled at the meeting on …",
        audited): all in one transaction, or nothing."""
        cid = _uuid(citizen_id)
        if data.starts_at.tzinfo is None:
            raise ValidationError(N_("The meeting start needs a time zone."), "starts_at")
        if data.ends_at is not None and data.ends_at < data.starts_at:
            raise ValidationError(N_("The meeting ends before it starts."), "ends_at")
        for step in data.next_steps:
            if not step.title.strip():
                raise ValidationError(N_("Each next step needs a description."), "next_steps")
        measures = data.measures if data.measures is not None and not data.measures.empty else None
        if measures is not None and data.outcome != MeetingOutcome.HELD:
            raise ValidationError(N_("Measures are taken at a meeting that was held."), "measures")
        with self.db.write() as s:
            self._get(s, t.Citizen, cid)
            # Every lock before the first insert: the citizen (so the goals are read after any other
            # save for them is in), then the goals whose progress changes and the follow-ups it handled.
            self._lock_for_save(s, cid)
            goals = [self._goal_of(s, cid, gn.goal_id) for gn in data.goal_notes]
            handled = [self._follow_up_of(s, cid, _uuid(f)) for f in dict.fromkeys(done_follow_up_ids)]
            self._lock_for_save(s, cid, [*(g for g, gn in zip(goals, data.goal_notes) if gn.progress is not None),
                                         *handled])
            meeting = self._create(s, t.Meeting(
                citizen_id=cid, type=MeetingType(data.type), form=ContactForm(data.form),
                starts_at=data.starts_at, ends_at=data.ends_at, location=_text(data.location, "location"),
                participants=_text(data.participants, "participants"), outcome=MeetingOutcome(data.outcome),
                notes=_text(data.notes, "notes")), cid)
            for goal, gn in zip(goals, data.goal_notes):
                if gn.progress is None and not gn.note.strip():
                    continue
                self._create(s, t.MeetingGoalNote(meeting_id=meeting.id, goal_id=goal.id, progress=gn.progress,
                                                  note=_text(gn.note, "note")), cid)
                if gn.progress is not None:
                    values = {"last_progress": gn.progress}
                    if gn.progress in _GOAL_STATUS_AFTER:
                        values["status"] = _GOAL_STATUS_AFTER[gn.progress]
                    self._update(s, goal, values, citizen_id=cid)
            for follow_up in handled:
                if follow_up.done_on is None:  # one done meanwhile keeps its own date
                    self._update(s, follow_up, {"done_on": local_date(data.starts_at)}, citizen_id=cid)
            held_on = local_date(data.starts_at)
            for rule in dict.fromkeys(handled_rules):
                self._create(s, t.RuleDecision(
                    citizen_id=cid, rule=_text(rule.rule, "rule"), decision=RuleDecisionKind.DISMISSED,
                    subject_id=rule.subject_id, due_on=rule.due, decided_on=held_on,
                    reason=f"Handled at the meeting on {held_on:%d-%m-%Y}"), cid,
                    logged=("rule", "decision", "due_on", "reason"))
            for step in data.next_steps:
                self._create(s, t.FollowUp(citizen_id=cid, title=_text(step.title.strip(), "title"), what=step.what,
                                           due_on=step.due_on, owner=step.owner or self.actor,
                                           source=FollowUpSource.MEETING, source_id=meeting.id), cid)
            if measures is not None:
                self._write_measures(s, cid, replace(measures, measured_on=held_on), MeasureSource.MEETING, meeting.id)
            return meeting.id

    def _goal_of(self, s, cid: uuid.UUID, goal_id: uuid.UUID) -> t.Goal:  # noqa: ANN001
        goal = self._get(s, t.Goal, goal_id)
        if s.get(t.Plan, goal.plan_id).citizen_id != cid:
            raise ValidationError(N_("A goal note refers to another citizen's goal."), "goal_notes")
        return goal

    def _follow_up_of(self, s, cid: uuid.UUID, follow_up_id: uuid.UUID) -> t.FollowUp:  # noqa: ANN001
        row = self._get(s, t.FollowUp, follow_up_id)
        if row.citizen_id != cid:
            raise ValidationError(N_("A follow-up to mark done is another citizen's."), "done_follow_ups")
        return row

    def record_no_show(self, citizen_id: uuid.UUID | str, starts_at: dt.datetime, meeting_type: MeetingType,
                       form: ContactForm, new_contact_on: dt.date | None = None, notes: str = "") -> uuid.UUID:
        """The citizen did not show: log it and schedule a new contact."""
        due = new_contact_on or roll_forward(self.today + dt.timedelta(days=7))
        return self.record_meeting(citizen_id, MeetingInput(
            type=meeting_type, form=form, starts_at=starts_at, outcome=MeetingOutcome.NO_SHOW, notes=notes,
            next_steps=(NextStep(written(NO_SHOW_CONTACT)["title"], due, self.actor, NO_SHOW_CONTACT),)))

    # -- follow-ups -------------------------------------------------------------
    def add_follow_up(self, citizen_id: uuid.UUID | str, title: str, due_on: dt.date, owner: str = "",
                      source: FollowUpSource = FollowUpSource.MANUAL, source_id: uuid.UUID | None = None) -> uuid.UUID:
        cid = _uuid(citizen_id)
        if not title.strip():
            raise ValidationError(N_("A follow-up needs a description."), "title")
        with self.db.write() as s:
            self._get(s, t.Citizen, cid)
            row = self._create(s, t.FollowUp(citizen_id=cid, title=_text(title.strip(), "title"), due_on=due_on,
                                             owner=owner.strip() or self.actor, source=source, source_id=source_id), cid)
            return row.id

    def update_follow_up(self, follow_up_id: uuid.UUID | str, *, title: str, due_on: dt.date, owner: str,
                         expected_version: int | None = None) -> None:
        if not title.strip():
            raise ValidationError(N_("A follow-up needs a description."), "title")
        with self.db.write() as s:
            row = self._get(s, t.FollowUp, _uuid(follow_up_id))
            values = {"title": _text(title.strip(), "title"), "due_on": due_on, "owner": owner.strip() or row.owner}
            if row.what:  # one enplan wrote: its own words kept, or the person's new words from now on
                if title.strip() in (row.title, follow_up_text(row.what, row.what_values, row.title)):
                    values["title"] = row.title
                else:
                    values |= {"what": "", "what_values": {}}
            self._update(s, row, values, citizen_id=row.citizen_id, expected_version=expected_version)

    def reschedule_follow_up(self, follow_up_id: uuid.UUID | str, due_on: dt.date) -> None:
        with self.db.write() as s:
            row = self._get(s, t.FollowUp, _uuid(follow_up_id))
            self._update(s, row, {"due_on": due_on}, citizen_id=row.citizen_id)

    def set_follow_up_done(self, follow_up_id: uuid.UUID | str, done: bool) -> None:
        with self.db.write() as s:
            row = self._get(s, t.FollowUp, _uuid(follow_up_id))
            self._update(s, row, {"done_on": self.today if done else None}, citizen_id=row.citizen_id)
