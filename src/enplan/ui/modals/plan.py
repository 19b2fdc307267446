"""Editing the one plan (``p`` on a citizen): a list of the own goal and
consent, the goals by life area and their actions. ``enter`` edits the
line under the cursor, ``n`` adds a goal (in the life area under the
cursor), ``a`` adds an action to the goal under the cursor, ``o`` edits
the own goal, consent and review date."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ...domain.enums import ActionStatus, GoalStatus, LifeArea, Provider
from ...i18n import _, label
from ..actions import PLAN_EDITOR, bindings
from ..forms import FormModal, Job
from ..text import N_, date_text, literal, one_line
from ..widgets.date_field import DateField
from ..widgets.fields import ChoiceField, LineField, NoteField
from .editor import EditorModal
from .meeting_parts import options


class PlanForm(FormModal):
    """The citizen's own goal, consent (given, scope, withdrawn) and review date."""

    FORM_TITLE = N_("Own goal and consent")
    SAVED = N_("Plan saved.")
    FIRST_FOCUS = "own_goal"

    def __init__(self, citizen: Any, plan: Any) -> None:  # noqa: ANN401 - CitizenInfo, PlanInfo | None
        super().__init__(draft_key=f"plan:{citizen.id}")
        self.citizen = citizen
        self.plan = plan

    def title_text(self) -> Text:
        return Text(_("Own goal and consent") + " · ") + literal(self.citizen.name)

    def compose_fields(self) -> ComposeResult:
        p = self.plan
        yield NoteField("own_goal", _("Own goal"), p.own_goal if p else "", lines=3)
        yield Static(Text(_("In the citizen's own words.")), classes="form-hint")
        yield DateField("consent_given_on", _("Consent given"), self.today, p.consent_given_on if p else None,
                        placeholder=_("e.g. today"))
        yield LineField("consent_scope", _("Consent scope"), p.consent_scope if p else "", max_length=500,
                        placeholder=_("who may share what"))
        yield DateField("consent_withdrawn_on", _("Withdrawn"), self.today, p.consent_withdrawn_on if p else None)
        yield DateField("review_on", _("Review"), self.today, p.review_on if p else None, placeholder=_("e.g. +3m"),
                        deadline=True)

    def build(self) -> Job:
        from ...domain.errors import ValidationError

        given, withdrawn = self.field("consent_given_on").date, self.field("consent_withdrawn_on").date
        if withdrawn and not given:
            raise ValidationError(_("Consent cannot be withdrawn before it is given."), "consent_withdrawn_on")
        if withdrawn and given and withdrawn < given:
            raise ValidationError(_("Consent is withdrawn before the date it was given."), "consent_withdrawn_on")
        cid, version = self.citizen.id, self.plan.version if self.plan else None
        values = {"own_goal": self.field("own_goal").value, "consent_given_on": given,
                  "consent_scope": self.field("consent_scope").value.strip(), "consent_withdrawn_on": withdrawn,
                  "review_on": self.field("review_on").date}
        return lambda s: s.update_plan(cid, **values, expected_version=version)


class GoalForm(FormModal):
    FORM_TITLE = N_("Goal")
    SAVED = N_("Goal saved.")
    FIRST_FOCUS = "title"

    def __init__(self, citizen: Any, goal: Any = None, area: str | None = None) -> None:  # noqa: ANN401
        super().__init__(draft_key=f"goal:{goal.id}" if goal else f"goal:new:{citizen.id}")
        self.citizen = citizen
        self.goal = goal
        self.area = str(goal.life_area) if goal else (area or LifeArea.UDDANNELSE_BESKAEFTIGELSE.value)

    def title_text(self) -> Text:
        return Text((_("Edit goal") if self.goal else _("New goal")) + " · ") + literal(self.citizen.name)

    def compose_fields(self) -> ComposeResult:
        yield ChoiceField("life_area", _("Life area"), options(LifeArea), self.area)
        yield LineField("title", _("Goal"), self.goal.title if self.goal else "", required=True, max_length=500)
        if self.goal is not None:
            yield ChoiceField("status", _("Status"), options(GoalStatus), str(self.goal.status))

    def build(self) -> Job:
        area, title = LifeArea(self.field("life_area").value), self.field("title").value.strip()
        if self.goal is None:
            cid = self.citizen.id
            return lambda s: s.add_goal(cid, area, title)
        gid, version, status = self.goal.id, self.goal.version, GoalStatus(self.field("status").value)
        return lambda s: s.update_goal(gid, life_area=area, title=title, status=status, expected_version=version)


class ActionForm(FormModal):
    FORM_TITLE = N_("Action")
    SAVED = N_("Action saved.")
    FIRST_FOCUS = "description"

    def __init__(self, goal: Any, action: Any = None) -> None:  # noqa: ANN401 - GoalInfo, ActionInfo | None
        super().__init__(draft_key=f"action:{action.id}" if action else f"action:new:{goal.id}")
        self.goal = goal
        self.action = action

    def title_text(self) -> Text:
        return Text((_("Edit action") if self.action else _("New action")) + " · ") + literal(self.goal.title)

    def compose_fields(self) -> ComposeResult:
        a = self.action
        yield LineField("description", _("Action"), a.description if a else "", required=True, max_length=1000)
        yield ChoiceField("provider", _("Provider"), options(Provider), str(a.provider) if a else "jobcenter")
        yield DateField("due_on", _("Due"), self.today, a.due_on if a else None, placeholder=_("e.g. +2w"),
                        deadline=True)
        yield ChoiceField("status", _("Status"), options(ActionStatus), str(a.status) if a else "planned")

    def build(self) -> Job:
        description = self.field("description").value.strip()
        provider, due = Provider(self.field("provider").value), self.field("due_on").date
        status = ActionStatus(self.field("status").value)
        if self.action is None:
            gid = self.goal.id
            return lambda s: s.add_action(gid, description, provider, due, status)
        aid, version = self.action.id, self.action.version
        return lambda s: s.update_action(aid, description=description, provider=provider, status=status,
                                         due_on=due, expected_version=version)


class PlanEditor(EditorModal):
    SCOPE = PLAN_EDITOR
    BINDINGS = bindings(PLAN_EDITOR)

    def __init__(self, citizen_id: str) -> None:
        super().__init__()
        self.citizen_id = citizen_id
        self.rows: dict[str, tuple[str, Any, Any]] = {}  # key -> (kind, goal, action)

    def title_text(self) -> str:
        return _("Plan")

    def fetch(self, services: Any) -> Any:  # noqa: ANN401
        return services.citizen_detail(self.citizen_id)

    def show(self, detail: Any) -> None:  # noqa: ANN401
        self.query_one("#editor-title", Static).update(Text(_("Plan") + " · ") + literal(detail.citizen.name))
        table, plan = self.table, detail.plan
        keep = table.current_key
        self.set_columns([("line", _("Line"), 0), ("status", _("Status"), 16), ("due", _("Due"), 10)])
        own = one_line(plan.own_goal) if plan and plan.own_goal.strip() else _("not written yet")
        self.rows = {"plan": ("plan", None, None)}
        table.add_row(Text(_("Own goal: ")) + literal(own, style="italic"), Text(_("consent") + " " + (
            _("given") if plan and plan.consent_active else _("withdrawn") if plan and plan.consent_withdrawn_on
            else _("none"))), Text(date_text(plan.review_on) if plan and plan.review_on else ""), key="plan")
        for goal in plan.goals if plan else ():
            self.rows[f"goal:{goal.id}"] = ("goal", goal, None)
            table.add_row(Text(f"{label(goal.life_area)}: ", style="dim") + literal(goal.title, style="bold"),
                          Text(label(goal.status)), Text(""), key=f"goal:{goal.id}")
            for action in goal.actions:
                self.rows[f"action:{action.id}"] = ("action", goal, action)
                table.add_row(Text("    – ") + literal(action.description) + Text(f" · {label(action.provider)}",
                                                                                   style="dim"),
                              Text(label(action.status)), Text(date_text(action.due_on)), key=f"action:{action.id}")
        if not table.move_to_key(keep) and table.row_count:
            table.move_cursor(row=0)

    def _current(self) -> tuple[str, Any, Any]:
        return self.rows.get(self.table.current_key or "", ("plan", None, None))

    def _fresh(self, goal_id: Any, action_id: Any = None) -> tuple[Any, Any]:  # noqa: ANN401
        """The goal (and action) with these ids in the newest data."""
        goals = self.data.plan.goals if self.data and self.data.plan else ()
        goal = next((g for g in goals if g.id == goal_id), None)
        action = next((a for a in goal.actions if a.id == action_id), None) if goal else None
        return goal, action

    def action_edit(self) -> None:
        if self.data is None:
            return
        kind, goal, action = self._current()
        if kind == "goal":
            self.open_form(lambda: (g := self._fresh(goal.id)[0]) and GoalForm(self.data.citizen, g))
        elif kind == "action":
            self.open_form(lambda: (pair := self._fresh(goal.id, action.id))[1] and ActionForm(*pair))
        else:
            self.action_plan_details()

    def action_plan_details(self) -> None:
        if self.data is not None:
            self.open_form(lambda: PlanForm(self.data.citizen, self.data.plan))

    def action_new_goal(self) -> None:
        if self.data is None:
            return
        _kind, goal, _action = self._current()
        area = str(goal.life_area) if goal else None
        self.open_form(lambda: GoalForm(self.data.citizen, area=area))

    def action_new_action(self) -> None:
        _kind, goal, _action = self._current()
        if goal is None:
            self.notify(_("Put the cursor on a goal first (j/k), then press a."), markup=False)
            return
        self.open_form(lambda: ActionForm(goal))
