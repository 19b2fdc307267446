"""Employers, placements and employer follow-ups."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from ..domain.enums import FollowUpSource, PlacementKind, PlacementStatus
from ..domain.errors import ValidationError
from ..domain.phrases import N_
from ..domain.identifiers import normalize_cvr
from ..domain.placements import MAX_HOURS_PER_WEEK, RETENTION_KINDS, retention_schedule
from ..domain.text import clean_name, danish_key
from ..domain.work_texts import EMPLOYER_FOLLOW_UP, RETENTION_CHECK, written
from ..store import tables as t
from .base import ServiceBase, _uuid
from .citizens import _text


@dataclass(frozen=True)
class EmployerInput:
    name: str
    cvr: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    industry: str = ""


@dataclass(frozen=True)
class PlacementInput:
    employer_id: uuid.UUID
    kind: PlacementKind
    start_on: dt.date
    end_on: dt.date | None = None
    purpose: str = ""
    hours_per_week: float = 0.0
    status: PlacementStatus = PlacementStatus.ACTIVE
    extended: bool = False


@dataclass(frozen=True)
class EmployerFollowUpInput:
    held_on: dt.date
    placement_id: uuid.UUID | None = None
    employer_id: uuid.UUID | None = None
    contact_person: str = ""
    face_to_face: bool = False
    outcome: str = ""
    notes: str = ""
    next_due_on: dt.date | None = None
    # The citizen it is about when there is no placement (yet), e.g. job
    # development for them: the next due date reaches their worklist too.
    citizen_id: uuid.UUID | None = None


class WorkServices(ServiceBase):
    def _employer_values(self, data: EmployerInput) -> dict:
        name = clean_name(data.name)
        return {"name": name, "name_key": danish_key(name),
                "cvr": normalize_cvr(data.cvr) if data.cvr.strip() else None,
                **{k: _text(getattr(data, k).strip(), k)
                   for k in ("contact_person", "phone", "email", "address", "industry")}}

    def create_employer(self, data: EmployerInput) -> uuid.UUID:
        values = self._employer_values(data)
        with self.db.write() as s:
            return self._create(s, t.Employer(**values), None).id

    def update_employer(self, employer_id: uuid.UUID | str, data: EmployerInput, *,
                        expected_version: int | None = None) -> None:
        values = self._employer_values(data)
        with self.db.write() as s:
            row = self._get(s, t.Employer, _uuid(employer_id))
            self._update(s, row, values, citizen_id=None, expected_version=expected_version)

    def _placement_values(self, data: PlacementInput) -> dict:
        if data.end_on is not None and data.end_on < data.start_on:
            raise ValidationError(N_("The placement ends before it starts."), "end_on")
        if not 0 <= data.hours_per_week <= MAX_HOURS_PER_WEEK:  # the message says 80 too
            raise ValidationError(N_("Hours per week must be between 0 and 80."), "hours_per_week")
        return {"employer_id": _uuid(data.employer_id), "kind": PlacementKind(data.kind),
                "start_on": data.start_on, "end_on": data.end_on, "purpose": _text(data.purpose, "purpose"),
                "hours_per_week": float(data.hours_per_week), "status": PlacementStatus(data.status),
                "extended": bool(data.extended)}

    def create_placement(self, citizen_id: uuid.UUID | str, data: PlacementInput) -> uuid.UUID:
        """A new placement; an ordinary or IPS job also gets its retention follow-ups."""
        cid = _uuid(citizen_id)
        values = self._placement_values(data)
        with self.db.write() as s:
            self._get(s, t.Citizen, cid)
            employer = self._get(s, t.Employer, values["employer_id"])
            row = self._create(s, t.Placement(citizen_id=cid, **values), cid)
            if row.kind in RETENTION_KINDS and row.status is not PlacementStatus.PLANNED:
                self._schedule_retention(s, row, employer.name)
            return row.id

    def _schedule_retention(self, s, row: t.Placement, employer_name: str) -> None:  # noqa: ANN001
        for step, due in retention_schedule(row.start_on):
            self._create(s, t.FollowUp(citizen_id=row.citizen_id, **written(RETENTION_CHECK, step=step,
                                                                            employer=employer_name),
                                       due_on=due, owner=self.actor, source=FollowUpSource.RETENTION,
                                       source_id=row.id), row.citizen_id)

    def update_placement(self, placement_id: uuid.UUID | str, data: PlacementInput, *,
                         expected_version: int | None = None) -> None:
        values = self._placement_values(data)
        with self.db.write() as s:
            row = self._get(s, t.Placement, _uuid(placement_id))
            was_planned = row.status is PlacementStatus.PLANNED
            self._update(s, row, values, citizen_id=row.citizen_id, expected_version=expected_version)
            if was_planned and row.status is PlacementStatus.ACTIVE and row.kind in RETENTION_KINDS:
                self._schedule_retention(s, row, self._get(s, t.Employer, row.employer_id).name)

    def end_placement(self, placement_id: uuid.UUID | str, on: dt.date | None = None) -> None:
        with self.db.write() as s:
            row = self._get(s, t.Placement, _uuid(placement_id))
            day = on or self.today
            if day < row.start_on:
                raise ValidationError(N_("The placement cannot end before it starts."), "end_on")
            self._update(s, row, {"end_on": day, "status": PlacementStatus.ENDED}, citizen_id=row.citizen_id)

    def record_employer_follow_up(self, data: EmployerFollowUpInput) -> uuid.UUID:
        """Log contact with an employer; a next due date becomes a follow-up."""
        with self.db.write() as s:
            placement = self._get(s, t.Placement, data.placement_id) if data.placement_id else None
            employer_id = placement.employer_id if placement else data.employer_id
            if employer_id is None:
                raise ValidationError(N_("Choose a placement or an employer."), "placement_id")
            employer = self._get(s, t.Employer, _uuid(employer_id))
            citizen_id = self._contact_citizen(s, placement, data.citizen_id)
            row = self._create(s, t.EmployerFollowUp(
                employer_id=employer.id, placement_id=placement.id if placement else None, citizen_id=citizen_id,
                held_on=data.held_on,
                contact_person=_text(data.contact_person.strip(), "contact_person"),
                face_to_face=data.face_to_face, outcome=_text(data.outcome, "outcome"),
                notes=_text(data.notes, "notes"), next_due_on=data.next_due_on), citizen_id)
            if data.next_due_on and citizen_id:
                self._create(s, t.FollowUp(citizen_id=citizen_id, **written(EMPLOYER_FOLLOW_UP, employer=employer.name),
                                           due_on=data.next_due_on, owner=self.actor,
                                           source=FollowUpSource.EMPLOYER, source_id=row.id), citizen_id)
            return row.id

    def _contact_citizen(self, s, placement: t.Placement | None,  # noqa: ANN001
                         citizen_id: uuid.UUID | str | None) -> uuid.UUID | None:
        """The citizen an employer follow-up is about: its placement's, else the
        one named (who must exist); None for a contact about the employer only."""
        named = _uuid(citizen_id) if citizen_id is not None else None
        if placement is not None:
            if named is not None and named != placement.citizen_id:
                raise ValidationError(N_("The placement is another citizen's."), "placement_id")
            return placement.citizen_id
        if named is not None:
            self._get(s, t.Citizen, named)
        return named
