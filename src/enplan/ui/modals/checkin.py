"""A CTI check-in (``c`` on a citizen): date, form, in the community,
with the citizen or with supports, a note per focus area of the running
phase and a general note, then trivsel, belief and paid hours if measured. Saving moves the next contact due date by the
phase's cadence (it is counted from the last check-in); the toast says
the new date."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from ...config import measure_setup
from ...domain.enums import CheckinWith, ContactForm
from ...i18n import _, label
from ..citizen_views import cti_status
from ..forms import FormModal, Job
from ..measure_fields import measure_fields, measures_input
from ..text import N_, literal
from ..widgets.date_field import DateField
from ..widgets.fields import ChoiceField, FieldChanged, NoteField, ToggleField
from .meeting_parts import options


def running_phase(cti: Any):  # noqa: ANN001, ANN201 - CtiInfo -> PhaseInfo | None
    return next((p for p in cti.phases if p.phase == cti.current_phase), None) if cti else None


class CheckinForm(FormModal):
    FORM_TITLE = N_("CTI check-in")
    SAVED = N_("Check-in saved.")

    def __init__(self, detail: Any) -> None:  # noqa: ANN401 - CitizenDetail
        super().__init__(draft_key=f"checkin:{detail.cti.id}")
        self.detail = detail
        self.cti = detail.cti
        phase = running_phase(self.cti)
        self.areas = [str(a) for a in phase.focus_areas] if phase else []
        # What is typed straight away is the check-in's own note; the focus areas follow it.
        self.FIRST_FOCUS = "notes"

    def title_text(self) -> Text:
        return Text(_("CTI check-in") + " · ") + literal(self.detail.citizen.name)

    def compose_header(self) -> ComposeResult:
        yield Static(cti_status(self.cti, self.today, self.app.theme_style, compact=True), classes="form-hint")

    def compose_fields(self) -> ComposeResult:
        last = self.cti.checkins[0] if self.cti.checkins else None
        yield DateField("held_on", _("Date"), self.today, self.today, required=True, not_before=self.cti.start_on)
        yield ChoiceField("form", _("Form"), options(ContactForm), str(last.form) if last else "personal")
        yield ToggleField("in_community", _("In community"), bool(last and last.form is ContactForm.COMMUNITY))
        yield ChoiceField("with_whom", _("With"), options(CheckinWith), "citizen")
        yield NoteField("notes", _("Notes"), lines=2)
        if not self.areas:
            yield Static(Text(_("No focus areas are set for this phase (C, then f sets one to three)."),
                              style="dim"), classes="form-hint")
        for area in self.areas:
            yield NoteField(f"area-{area}", label(area), lines=2, aliases=("area_notes",), stacked=True)
        yield from measure_fields(measure_setup(self.app.settings), everything=False)

    @on(FieldChanged)
    def _form_changed(self, event: FieldChanged) -> None:
        if event.field.name == "form" and event.field.value == ContactForm.COMMUNITY.value:
            self.field("in_community").value = True

    def build(self) -> Job:
        from ...services import CheckinInput

        data = CheckinInput(
            held_on=self.field("held_on").date, form=ContactForm(self.field("form").value),
            in_community=self.field("in_community").value, with_whom=CheckinWith(self.field("with_whom").value),
            notes=self.field("notes").value.strip(),
            area_notes={a: self.field(f"area-{a}").value.strip() for a in self.areas
                        if self.field(f"area-{a}").value.strip()},
            measures=measures_input(self, measure_setup(self.app.settings), self.field("held_on").date))
        course, cid = self.cti.id, self.detail.citizen.id

        def job(services):  # noqa: ANN001, ANN202 - worker thread
            services.record_checkin(course, data)  # the one write; what follows only reads
            try:
                fresh = services.citizen_detail(cid).cti
            except Exception:  # noqa: BLE001 - saved all the same; the toast just leaves out the date
                return None
            return fresh.next_contact_due if fresh else None

        return job

    def saved_message(self, result: Any) -> str:  # noqa: ANN401 - the next contact due
        if result is None:
            return _(self.SAVED)
        return _("Check-in saved. Next contact due {date}.").format(date=result.strftime("%d-%m-%Y"))
