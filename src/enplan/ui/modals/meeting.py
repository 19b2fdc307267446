"""The meeting, stepping through the plan (``m`` on a citizen).

Page 1 holds the meeting (type, form, date, start/end, location,
participants, outcome, notes) with defaults for the usual case: today, now
rounded down to the quarter hour, in person, held. Then one page per active
goal: a short note (it has the focus) and a status: shift+tab, then 1–5 or
the first letter (p, n, s, a, d) picks it and goes back to the note. (Not
alt+digit: Textual 8.2 reads ESC+digit as a macOS Option character, so in
most terminals it would type "¡" into the note.) Then the citizen's open follow-ups, each with a tick box
(space) for what the meeting handled (marked done on the meeting's date), and the agreed next steps, each a
follow-up with a due date and an owner. Last, an optional Measures page (trivsel, belief, hours,
WHO-5, the municipality's scales) for a held meeting; what is left empty is not measured, and
``ctrl+s`` on an earlier page saves without it. ``ctrl+↓``/``alt+n`` and ``ctrl+↑``/``alt+p`` step while the
note has focus; ``ctrl+s`` saves everything in one transaction.

"Did not show" (``ctrl+n`` here, ``n`` on the citizen) turns the form into a
no-show: one date for the new contact, which becomes a follow-up.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, Static

from ...domain.dates import roll_forward
from ...domain.errors import ValidationError
from ...config import measure_setup
from ...domain.followups import WorkKind
from ...i18n import _, ngettext
from ..actions import CHOICE, FORM, MEETING, APP, bindings
from ..forms import FormModal, Job
from ..measure_fields import measure_fields, measures_input
from ..text import N_, literal
from ..widgets.date_field import DateField, TimeField
from ..widgets.fields import ChoiceField, FieldChanged, FormField, LineField, NoteField
from .meeting_parts import (
    CONTACT_FORMS,
    MEETING_TYPES,
    OUTCOMES,
    StepRow,
    TickRow,
    goal_header,
    goal_statuses,
    stepper,
)

STEP_ROWS = 3      # empty next-step rows to start with (one more appears as the last fills)
MAX_STEPS = 12
NO_SHOW, HELD = "no_show", "held"


class MeetingForm(FormModal):
    BINDINGS = bindings(MEETING)
    HELP_SCOPES = (MEETING, FORM, CHOICE, APP)
    FORM_TITLE = N_("Meeting")
    SAVED = N_("Meeting saved.")
    FIRST_FOCUS = "type"

    def __init__(self, detail: Any, *, no_show: bool = False) -> None:  # noqa: ANN401 - CitizenDetail
        super().__init__(draft_key=f"meeting:{detail.citizen.id}")
        self.detail = detail
        self.start_no_show = no_show
        self.goals = list(detail.plan.active_goals) if detail.plan else []
        self.page = 0

    # -- layout -------------------------------------------------------------------------------
    def title_text(self) -> Text:
        return Text(_("Meeting") + " · ") + literal(self.detail.citizen.name)

    def compose_header(self) -> ComposeResult:
        yield Static("", id="stepper")

    def compose_fields(self) -> ComposeResult:
        today, now = self.today, self.app.now()
        start = now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0).time()
        last = self.detail.meetings[0] if self.detail.meetings else None
        with ContentSwitcher(initial="page-details", id="pages"):
            with Vertical(id="page-details", classes="page"):
                yield ChoiceField("type", _("Type"), MEETING_TYPES(), str(last.type) if last else "jobsamtale")
                yield ChoiceField("form", _("Form"), CONTACT_FORMS(), "personal")
                yield DateField("held_on", _("Date"), today, today, required=True, aliases=("starts_at",))
                yield TimeField("starts", _("Start"), start, required=True)
                yield TimeField("ends", _("End"), None, aliases=("ends_at",))
                yield LineField("location", _("Location"), max_length=300)
                yield LineField("participants", _("Participants"), max_length=500,
                                placeholder=_("e.g. the citizen, a support person"))
                yield ChoiceField("outcome", _("Outcome"), OUTCOMES(), NO_SHOW if self.start_no_show else HELD)
                yield DateField("new_contact_on", _("New contact"), today, roll_forward(today + dt.timedelta(days=7)),
                                required=True, deadline=True)
                yield NoteField("notes", _("Notes"), lines=3)
            for i, goal in enumerate(self.goals):
                with Vertical(id=f"page-goal-{i}", classes="page goal-page"):
                    yield Static(goal_header(goal, i + 1, len(self.goals), today), classes="goal-header")
                    yield ChoiceField(f"goal-{goal.id}-status", _("Status"), goal_statuses(), "", first_number=0,
                                      show_numbers=True, advance=True, aliases=("goal_notes",) if i == 0 else ())
                    yield NoteField(f"goal-{goal.id}-note", _("Note"), lines=5)
            with Vertical(id="page-steps", classes="page"):
                if self.detail.open_items:  # what a held meeting may close
                    ticks = Vertical(id="open-items")
                    ticks.styles.height = "auto"
                    ticks.styles.margin = (0, 0, 1, 0)
                    with ticks:
                        yield Static(Text(_("Open follow-ups and rule items (§): tick (space) those the meeting "
                                            "handled; they are marked done on the meeting's date.")),
                                     classes="form-hint")
                        for i, item in enumerate(self.detail.open_items):
                            yield TickRow(i, item, today)
                yield Static(Text(_("Agreed next steps: each becomes a follow-up (what · due · owner).")),
                             classes="form-hint")
                for i in range(STEP_ROWS):
                    yield StepRow(i, today, self.app.caseworker or _("you"))
            with Vertical(id="page-measures", classes="page"):
                yield from measure_fields(measure_setup(self.app.settings))

    def on_mount(self) -> None:  # (Textual also runs FormModal.on_mount)
        self._outcome_changed()

    # -- pages ------------------------------------------------------------------------------------
    @property
    def outcome(self) -> str:
        return self.field("outcome").value

    def page_ids(self) -> list[str]:
        if self.outcome == NO_SHOW:
            return ["page-details"]
        goals = [f"page-goal-{i}" for i in range(len(self.goals))] if self.outcome == HELD else []
        measures = ["page-measures"] if self.outcome == HELD else []  # measured with the citizen, not about them
        return ["page-details", *goals, "page-steps", *measures]

    def page_names(self) -> list[str]:
        names = {"page-details": _("Meeting"), "page-measures": _("Measures"), "page-steps": _("Next steps")}
        names.update({f"page-goal-{i}": _("Goal {n}").format(n=i + 1) for i in range(len(self.goals))})
        return [names[p] for p in self.page_ids()]

    def show_page(self, index: int, *, focus: bool = True) -> None:
        pages = self.page_ids()
        self.page = max(0, min(index, len(pages) - 1))
        page_id = pages[self.page]
        self.query_one("#pages", ContentSwitcher).current = page_id
        self.query_one("#stepper", Static).update(stepper(self.page_names(), self.page))
        self.query_one("#form-body").scroll_home(animate=False)
        if focus:
            self._focus_page(page_id)  # now, not after a refresh: keys typed right after must land there

    def _focus_page(self, page_id: str) -> None:
        fields = list(self.query_one(f"#{page_id}").query(FormField))
        if page_id.startswith("page-goal-"):
            target = fields[-1]  # the note: type straight away; shift+tab, 1–5 for the status
        elif page_id == "page-steps":  # the first empty next step (the ticks are a shift+tab away)
            steps = [f for f in fields if isinstance(f, StepRow)]
            target = next((f for f in steps if f.is_empty()), steps[-1])
        else:
            target = next((f for f in fields if f.name == self.FIRST_FOCUS), fields[0])
        target.focus_control()
        # once the new page is laid out (a long list of ticks above the next steps moves them down)
        self.call_after_refresh(lambda: self.focused.scroll_visible(animate=False) if self.focused else None)

    def focus_first(self) -> None:
        self.show_page(self.page)

    def action_next_page(self) -> None:
        if self.page < len(self.page_ids()) - 1:
            self.show_page(self.page + 1)

    def action_previous_page(self) -> None:
        if self.page > 0:
            self.show_page(self.page - 1)

    def action_no_show(self) -> None:
        outcome = self.field("outcome")
        outcome.value = HELD if outcome.value == NO_SHOW else NO_SHOW

    def reveal(self, field: FormField) -> None:
        page = next((a for a in field.ancestors if getattr(a, "id", None) and str(a.id).startswith("page-")), None)
        pages = self.page_ids()
        if page is not None and page.id in pages:
            self.show_page(pages.index(page.id), focus=False)
        field.focus_control()

    @on(FieldChanged)
    def _meeting_field_changed(self, event: FieldChanged) -> None:
        name = event.field.name
        if name == "outcome":
            self._outcome_changed()
        elif name.startswith("step-"):
            self._grow_steps()

    def _outcome_changed(self) -> None:
        new_contact = self.field("new_contact_on")
        no_show = self.outcome == NO_SHOW
        new_contact.display = no_show
        new_contact.active = no_show
        for name in ("ends", "participants"):
            self.field(name).display = not no_show
        for ticks in self.query("#open-items"):
            ticks.display = self.outcome == HELD  # a cancelled meeting handled nothing
        self.page = min(self.page, len(self.page_ids()) - 1)
        self.show_page(self.page, focus=False)
        if no_show and self.is_mounted:
            new_contact.focus_control()

    def _grow_steps(self) -> None:
        rows = list(self.query(StepRow))
        if rows and not rows[-1].is_empty() and len(rows) < MAX_STEPS:
            self.query_one("#page-steps").mount(StepRow(len(rows), self.today, self.app.caseworker or _("you")))

    def load(self, values: dict[str, Any]) -> None:
        rows = list(self.query(StepRow))
        wanted = [k for k in values if k.startswith("step-")]
        for i in range(len(rows), min(len(wanted), MAX_STEPS)):
            self.query_one("#page-steps").mount(StepRow(i, self.today, self.app.caseworker or _("you")))
        super().load(values)

    # -- saving -------------------------------------------------------------------------------------
    def build(self) -> Job:
        from zoneinfo import ZoneInfo

        from ...domain.enums import ContactForm, GoalProgress, MeetingOutcome, MeetingType
        from ...services import GoalNoteInput, MeetingInput, NextStep
        from ...services.recording import HandledRule

        zone = ZoneInfo("Europe/Copenhagen")
        day = self.field("held_on").date
        starts_at = dt.datetime.combine(day, self.field("starts").time, zone)
        end = self.field("ends").time
        ends_at = dt.datetime.combine(day, end, zone) if end and self.outcome != NO_SHOW else None
        if ends_at is not None and ends_at < starts_at:
            raise ValidationError(_("The meeting ends before it starts."), "ends")
        cid = self.detail.citizen.id
        kind, form = MeetingType(self.field("type").value), ContactForm(self.field("form").value)
        notes = self.field("notes").value
        if self.outcome == NO_SHOW:
            due = self.field("new_contact_on").date
            return lambda s: s.record_no_show(cid, starts_at, kind, form, due, notes)
        goal_notes = []
        if self.outcome == HELD:
            for goal in self.goals:
                status = self.field(f"goal-{goal.id}-status").value
                note = self.field(f"goal-{goal.id}-note").value
                if status or note.strip():
                    goal_notes.append(GoalNoteInput(uuid.UUID(str(goal.id)), GoalProgress(status) if status else None,
                                                    note.strip()))
        steps = [NextStep(row.value["title"].strip(), row.due, row.value["owner"].strip())
                 for row in self.query(StepRow) if row.value["title"].strip()]
        data = MeetingInput(type=kind, form=form, starts_at=starts_at, ends_at=ends_at,
                            location=self.field("location").value.strip(),
                            participants=self.field("participants").value.strip(),
                            outcome=MeetingOutcome(self.outcome), notes=notes, goal_notes=tuple(goal_notes),
                            next_steps=tuple(steps),
                            measures=measures_input(self, measure_setup(self.app.settings), day)
                            if self.outcome == HELD else None)
        done = tuple(uuid.UUID(str(row.item.id)) for row in self._ticked() if row.item.kind is WorkKind.FOLLOW_UP)
        rules = tuple(HandledRule(row.item.rule.rule, row.item.rule.subject_id, row.item.due_on)
                      for row in self._ticked() if row.item.rule is not None)
        return lambda s: s.record_meeting(cid, data, done_follow_up_ids=done, handled_rules=rules)

    def _ticked(self) -> list[TickRow]:
        return [row for row in self.query(TickRow) if row.value] if self.outcome == HELD else []

    def saved_message(self, result: Any) -> str:  # noqa: ANN401
        if self.outcome == NO_SHOW:
            day = self.field("new_contact_on").date
            return _("Recorded that the citizen did not show; new contact due {date}.").format(
                date=day.strftime("%d-%m-%Y"))
        steps = sum(1 for row in self.query(StepRow) if row.value["title"].strip())
        saved = (ngettext("Meeting saved with {n} follow-up.", "Meeting saved with {n} follow-ups.", steps)
                 .format(n=steps) if steps else _(self.SAVED))
        done = len(self._ticked())
        if done:
            saved += " " + ngettext("{n} follow-up marked done.", "{n} follow-ups marked done.", done).format(n=done)
        return saved
