"""Citizens, their one plan, goals and actions."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlmodel import select

from ..domain.enums import ActionStatus, CitizenStatus, GoalStatus, LifeArea, Provider, TargetGroup
from ..domain.errors import ValidationError
from ..domain.phrases import N_
from ..domain.identifiers import format_cpr, normalize_cpr
from ..domain.text import MAX_TEXT, clean_name, danish_key
from ..store import tables as t
from ..store.guard import check_text
from .base import ServiceBase, _uuid
from .team import open_spell


@dataclass(frozen=True)
class CitizenInput:
    name: str
    target_group: TargetGroup
    cpr: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    caseworker: str = ""
    # The day they asked for help or started on this benefit: a contact series starts
    # there (domain/rules). Changing the target group without a new date starts one today.
    benefit_start_on: dt.date | None = None
    back_within_26_weeks: bool = False  # sick-listed, back within 26 weeks: no follow-up reminders


def _text(value: str, field: str) -> str:
    """Free text checked before the transaction, named as the form names it.
    Short fields keep their column's limit: ``_create``/``_update`` check
    every value against store/guard.py, as the importer does."""
    return check_text(value, field, MAX_TEXT)


class CitizenServices(ServiceBase):
    def _citizen_values(self, data: CitizenInput) -> dict:
        name = clean_name(data.name)
        cpr = normalize_cpr(data.cpr, self.today) if data.cpr.strip() else None
        return {
            "name": name, "name_key": danish_key(name), "cpr": cpr,
            "target_group": TargetGroup(data.target_group),
            "phone": _text(data.phone.strip(), "phone"), "email": _text(data.email.strip(), "email"),
            "address": _text(data.address.strip(), "address"),
            "caseworker": _text(data.caseworker.strip() or self.actor, "caseworker"),
            "benefit_start_on": data.benefit_start_on, "back_within_26_weeks": bool(data.back_within_26_weeks),
        }

    def create_citizen(self, data: CitizenInput) -> uuid.UUID:
        values = self._citizen_values(data)
        with self.db.write() as s:
            citizen = t.Citizen(**values)
            citizen_id = citizen.id
            self._create(s, citizen, citizen_id)
            self._create(s, t.Plan(citizen_id=citizen_id), citizen_id)
        return citizen_id

    def update_citizen(self, citizen_id: uuid.UUID | str, data: CitizenInput, *, expected_version: int | None = None) -> None:
        values = self._citizen_values(data)
        cid = _uuid(citizen_id)
        with self.db.write() as s:
            row = self._get(s, t.Citizen, cid)
            if not data.cpr.strip():
                values["cpr"] = row.cpr  # a masked form never replaces the stored number
            if values["benefit_start_on"] is None:
                values["benefit_start_on"] = row.benefit_start_on  # like the CPR number: empty keeps the date
            if values["target_group"] != row.target_group and values["benefit_start_on"] == row.benefit_start_on:
                values["benefit_start_on"] = self.today  # a change of benefit starts a new contact series
            if values["caseworker"] != row.caseworker:  # typed in the details: the history says so (issue 15)
                open_spell(self, s, row, values["caseworker"], by=self.actor)
            self._update(s, row, values, citizen_id=cid, expected_version=expected_version,
                         secret_fields=frozenset({"cpr"}))

    def close_case(self, citizen_id: uuid.UUID | str, reason: str, on: dt.date | None = None) -> None:
        cid = _uuid(citizen_id)
        with self.db.write() as s:
            row = self._get(s, t.Citizen, cid)
            self._update(s, row, {"status": CitizenStatus.CLOSED, "closed_on": on or self.today,
                                  "closed_reason": _text(reason.strip(), "reason")}, citizen_id=cid)

    def reopen_case(self, citizen_id: uuid.UUID | str) -> None:
        cid = _uuid(citizen_id)
        with self.db.write() as s:
            row = self._get(s, t.Citizen, cid)
            self._update(s, row, {"status": CitizenStatus.ACTIVE, "closed_on": None, "closed_reason": ""}, citizen_id=cid)

    def reveal_cpr(self, citizen_id: uuid.UUID | str) -> str:
        """The full CPR number; every reveal is written to the audit log."""
        cid = _uuid(citizen_id)
        with self.db.write() as s:
            row = self._get(s, t.Citizen, cid)
            self._audit(s, "cpr_reveal", row, citizen_id=cid)
            return format_cpr(row.cpr) if row.cpr else ""

    # -- the plan -------------------------------------------------------------
    def _plan_for(self, s, cid: uuid.UUID) -> t.Plan:  # noqa: ANN001
        plan = s.exec(select(t.Plan).where(t.Plan.citizen_id == cid)).first()
        if plan is None:
            self._get(s, t.Citizen, cid)
            plan = self._create(s, t.Plan(citizen_id=cid), cid)
        return plan

    def update_plan(
        self,
        citizen_id: uuid.UUID | str,
        *,
        own_goal: str,
        consent_given_on: dt.date | None,
        consent_scope: str,
        consent_withdrawn_on: dt.date | None,
        review_on: dt.date | None,
        expected_version: int | None = None,
    ) -> None:
        cid = _uuid(citizen_id)
        if consent_withdrawn_on and not consent_given_on:
            raise ValidationError(N_("Consent cannot be withdrawn before it is given."), "consent_withdrawn_on")
        if consent_withdrawn_on and consent_given_on and consent_withdrawn_on < consent_given_on:
            raise ValidationError(N_("Consent is withdrawn before the date it was given."), "consent_withdrawn_on")
        with self.db.write() as s:
            plan = self._plan_for(s, cid)
            self._update(s, plan, {
                "own_goal": _text(own_goal, "own_goal"), "consent_given_on": consent_given_on,
                "consent_scope": _text(consent_scope, "consent_scope"),
                "consent_withdrawn_on": consent_withdrawn_on, "review_on": review_on,
            }, citizen_id=cid, expected_version=expected_version)

    def add_goal(self, citizen_id: uuid.UUID | str, life_area: LifeArea, title: str) -> uuid.UUID:
        cid = _uuid(citizen_id)
        if not title.strip():
            raise ValidationError(N_("A goal needs a title."), "title")
        with self.db.write() as s:
            plan = self._plan_for(s, cid)
            count = len(list(s.exec(select(t.Goal.id).where(t.Goal.plan_id == plan.id))))
            goal = self._create(s, t.Goal(plan_id=plan.id, life_area=LifeArea(life_area),
                                          title=_text(title.strip(), "title"), position=count), cid)
            return goal.id

    def update_goal(self, goal_id: uuid.UUID | str, *, life_area: LifeArea, title: str, status: GoalStatus,
                    expected_version: int | None = None) -> None:
        if not title.strip():
            raise ValidationError(N_("A goal needs a title."), "title")
        with self.db.write() as s:
            goal = self._get(s, t.Goal, _uuid(goal_id))
            plan = s.get(t.Plan, goal.plan_id)
            self._update(s, goal, {"life_area": LifeArea(life_area), "title": _text(title.strip(), "title"),
                                   "status": GoalStatus(status)},
                         citizen_id=plan.citizen_id, expected_version=expected_version)

    def add_action(self, goal_id: uuid.UUID | str, description: str, provider: Provider,
                   due_on: dt.date | None = None, status: ActionStatus = ActionStatus.PLANNED) -> uuid.UUID:
        if not description.strip():
            raise ValidationError(N_("An action needs a description."), "description")
        with self.db.write() as s:
            goal = self._get(s, t.Goal, _uuid(goal_id))
            plan = s.get(t.Plan, goal.plan_id)
            action = self._create(s, t.PlanAction(goal_id=goal.id, description=_text(description.strip(), "description"),
                                                  provider=Provider(provider), status=ActionStatus(status),
                                                  due_on=due_on), plan.citizen_id)
            return action.id

    def update_action(self, action_id: uuid.UUID | str, *, description: str, provider: Provider,
                      status: ActionStatus, due_on: dt.date | None, expected_version: int | None = None) -> None:
        if not description.strip():
            raise ValidationError(N_("An action needs a description."), "description")
        with self.db.write() as s:
            action = self._get(s, t.PlanAction, _uuid(action_id))
            plan = s.get(t.Plan, s.get(t.Goal, action.goal_id).plan_id)
            self._update(s, action, {"description": _text(description.strip(), "description"),
                                     "provider": Provider(provider), "status": ActionStatus(status),
                                     "due_on": due_on}, citizen_id=plan.citizen_id, expected_version=expected_version)
