"""Managing a CTI course (``C`` on a citizen): a menu of what can be done
now, and the forms behind it: start a course, the running phase's focus
areas (one to three), the closing note, and ending the course (before nine
months CTI has no early discharge, so a reason is required). Advancing to
the next phase and a phase's cadence are in ``cti_phase.py``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static

from ...domain import cti as rules
from ...domain.enums import LifeArea
from ...i18n import _, label, phase_label
from ..actions import APP, CTI_MENU, actions_in, bindings, key_display, translate_bindings
from ..citizen_views import cti_status
from ..forms import FormModal, Job
from ..text import N_, date_text, literal
from ..widgets.date_field import DateField
from ..widgets.fields import FieldChanged, FormField, NoteField
from ..widgets.key_footer import KeyFooter
from .checkin import running_phase

RUNNING_ONLY = ("cti_advance", "cti_focus", "cti_cadence", "cti_end")


class CtiMenu(ModalScreen):
    """What can be done with the course now, one key each."""

    BINDINGS = bindings(CTI_MENU)
    HELP_SCOPES = (CTI_MENU, APP)
    DEFAULT_CSS = """
    CtiMenu { align: center middle; }
    CtiMenu > Vertical { width: 72; max-width: 100%; height: auto; border: round $primary;
                         background: $surface; padding: 0 1; }
    CtiMenu #cti-menu-title { text-style: bold; }
    CtiMenu #cti-menu-keys { margin-top: 1; }
    """

    def __init__(self, cti: Any, today: dt.date) -> None:  # noqa: ANN401 - CtiInfo | None
        super().__init__()
        translate_bindings(self)
        self.cti = cti
        self.today = today

    @property
    def help_title(self) -> str:
        return _("CTI course")

    @property
    def running(self) -> bool:
        return self.cti is not None and self.cti.active

    def available(self, action: str) -> bool:
        if action == "cti_start":
            return not self.running
        if action == "cti_closing_note":
            return self.cti is not None
        if action == "cti_advance":
            return self.running and self.cti.current_phase is not None and self.cti.current_phase < rules.LAST_PHASE
        if action in RUNNING_ONLY:
            return self.running
        return True

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_("CTI course")), id="cti-menu-title")
            yield Static(cti_status(self.cti, self.today, self.app.theme_style))
            lines = Text()
            for action in actions_in(CTI_MENU):
                if action.id == "menu_close" or not self.available(action.action):
                    continue
                lines.append(f"{key_display(self.app, action, self.app.keymap):>5}  ", style="bold")
                lines.append(_(action.description) + "\n")
            yield Static(lines, id="cti-menu-keys")
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.available(action)

    def _choose(self, action: str) -> None:
        self.dismiss(action)

    def action_cti_start(self) -> None:
        self._choose("cti_start")

    def action_cti_advance(self) -> None:
        self._choose("cti_advance")

    def action_cti_focus(self) -> None:
        self._choose("cti_focus")

    def action_cti_cadence(self) -> None:
        self._choose("cti_cadence")

    def action_cti_closing_note(self) -> None:
        self._choose("cti_closing_note")

    def action_cti_end(self) -> None:
        self._choose("cti_end")

    def action_close(self) -> None:
        self.dismiss(None)


class StartCtiForm(FormModal):
    FORM_TITLE = N_("Start a CTI course")
    SAVED = N_("CTI course started.")

    def __init__(self, detail: Any) -> None:  # noqa: ANN401
        super().__init__(draft_key=f"cti_start:{detail.citizen.id}")
        self.detail = detail

    def title_text(self) -> Text:
        return Text(_("Start a CTI course") + " · ") + literal(self.detail.citizen.name)

    def compose_header(self) -> ComposeResult:
        yield Static(Text(_("A contact period of 4 weeks, then three phases of about 3 months with weekly, "
                            "two-weekly and monthly contact. The nine-month follow-up goes on the worklist.")),
                     classes="form-hint")

    def compose_fields(self) -> ComposeResult:
        yield DateField("start_on", _("Start"), self.today, self.today, required=True)

    def build(self) -> Job:
        cid, start = self.detail.citizen.id, self.field("start_on").date
        return lambda s: s.start_cti(cid, start)


class AreasField(FormField):
    """One to three life areas, ticked with space."""

    DEFAULT_CSS = """
    AreasField SelectionList { height: auto; max-height: 10; width: 1fr; }
    """

    def __init__(self, name: str, label_text: str, value: list[str], **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(name, label_text, **kwargs)
        self._initial = list(value)

    def compose_control(self) -> ComposeResult:
        yield SelectionList[str](*[(label(a), a.value, a.value in self._initial) for a in LifeArea],
                                 compact=True, classes="field-control")

    @property
    def control(self) -> SelectionList:
        return self.query_one(SelectionList)

    @property
    def value(self) -> list[str]:
        if not self.is_mounted:
            return list(self._initial)
        return [a.value for a in LifeArea if a.value in self.control.selected]  # in the list's order

    @value.setter
    def value(self, value: list[str]) -> None:
        if self.is_mounted:
            self.control.deselect_all()
            for code in value or []:
                self.control.select(code)
        else:
            self._initial = list(value or [])

    def is_empty(self) -> bool:
        return not self.value

    def check(self) -> str | None:
        if not 1 <= len(self.value) <= 3:
            return _("Choose one to three focus areas (CTI works on a few areas at a time).")
        return None

    @on(SelectionList.SelectedChanged)
    def _changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self.changed()
        self.set_aside(_("{n} of 3").format(n=len(self.value)))
        self.post_message(FieldChanged(self))


class PhaseForm(FormModal):
    FORM_TITLE = N_("Focus areas")
    SAVED = N_("Focus areas saved.")

    def __init__(self, cti: Any) -> None:  # noqa: ANN401 - CtiInfo
        self.phase = running_phase(cti)
        super().__init__(draft_key=f"cti_focus:{self.phase.id}")

    def title_text(self) -> Text:
        return Text(_("Focus areas of {phase}").format(phase=phase_label(self.phase.phase)))

    def compose_header(self) -> ComposeResult:
        yield Static(Text(_("One to three areas the citizen chose for this phase (space ticks an area).")),
                     classes="form-hint")

    def compose_fields(self) -> ComposeResult:
        yield AreasField("focus_areas", _("Areas"), [str(a) for a in self.phase.focus_areas], required=True)

    def build(self) -> Job:
        phase_id, areas = self.phase.id, self.field("focus_areas").value
        return lambda s: s.set_focus_areas(phase_id, areas)


class ClosingNoteForm(FormModal):
    FORM_TITLE = N_("CTI closing note")
    SAVED = N_("Closing note saved.")

    def __init__(self, cti: Any) -> None:  # noqa: ANN401
        super().__init__(draft_key=f"cti_closing:{cti.id}")
        self.cti = cti

    def compose_header(self) -> ComposeResult:
        yield Static(Text(_("What was reached, who supports the citizen now, and what happens next.")),
                     classes="form-hint")

    def compose_fields(self) -> ComposeResult:
        yield NoteField("closing_note", _("Closing note"), self.cti.closing_note, lines=8, required=True, stacked=True)

    def build(self) -> Job:
        course, note = self.cti.id, self.field("closing_note").value
        return lambda s: s.set_closing_note(course, note)


class EndCtiForm(FormModal):
    FORM_TITLE = N_("End the CTI course")
    SAVED = N_("CTI course ended.")
    FIRST_FOCUS = "end_reason"

    def __init__(self, cti: Any) -> None:  # noqa: ANN401
        super().__init__(draft_key=f"cti_end:{cti.id}")
        self.cti = cti
        phase1 = next((p for p in cti.phases if p.phase == 1), None)
        self.phase1_start = phase1.actual_start if phase1 else None

    def compose_header(self) -> ComposeResult:
        yield Static("", id="early-warning", classes="form-hint")

    def compose_fields(self) -> ComposeResult:
        yield DateField("ended_on", _("End date"), self.today, self.today, required=True,
                        not_before=self.cti.start_on)
        yield NoteField("end_reason", _("Reason"), lines=2, required=True)
        yield NoteField("closing_note", _("Closing note"), self.cti.closing_note, lines=4, stacked=True)

    def on_mount(self) -> None:  # (Textual also runs FormModal.on_mount)
        self._update_warning()

    def early(self) -> bool:
        day = self.field("ended_on").date or self.today
        return rules.is_early_end(self.phase1_start, day)

    def _update_warning(self) -> None:
        warning = self.query_one("#early-warning", Static)
        if self.early():
            planned = rules.follow_up_date(self.phase1_start) if self.phase1_start else None
            text = _("CTI has no early discharge: the course is meant to run nine months from phase 1")
            text += f" ({_('until {date}').format(date=date_text(planned))})." if planned else "."
            text += " " + _("Ending now needs a reason.")
            warning.update(Text("⚠ " + text, style=self.app.theme_style("bold $warning")))
        else:
            warning.update(Text(_("Nine months have passed: the course can end with a closing note.")))
        self.field("end_reason").set_required(self.early())

    @on(FieldChanged)
    def _date_changed(self, event: FieldChanged) -> None:
        if event.field.name == "ended_on":
            self._update_warning()

    def confirm_text(self) -> str | None:
        return _("End the CTI course on {date}? Check-ins can no longer be added.").format(
            date=date_text(self.field("ended_on").date))

    def build(self) -> Job:
        course, day = self.cti.id, self.field("ended_on").date
        reason, note = self.field("end_reason").value.strip(), self.field("closing_note").value
        return lambda s: s.end_cti(course, day, reason=reason, closing_note=note)
