"""The running CTI phase's two dated changes, from the CTI menu (``C``):
advancing to the next phase on a date (today, or earlier when the change is
recorded late; asked once more, as it cannot be undone), and a phase's
contact cadence (the running phase or a later one; an ended phase keeps the
cadence its contacts were measured against). The service checks both again;
its errors show at the field."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from ...domain.dates import parse_date
from ...domain.enums import Cadence
from ...domain.errors import ValidationError
from ...i18n import _, label, phase_label
from ..forms import FormModal, Job
from ..text import N_, date_text
from ..widgets.date_field import DateField
from ..widgets.fields import ChoiceField, FieldChanged
from .checkin import running_phase
from .meeting_parts import options


def next_contact_after(write: Job, citizen_id: Any) -> Job:  # noqa: ANN401
    """``write``, then the next contact due it leads to (None if that read fails: saved all the same)."""

    def job(services):  # noqa: ANN001, ANN202 - worker thread
        write(services)
        try:
            fresh = services.citizen_detail(citizen_id, history_limit=0).cti
        except Exception:  # noqa: BLE001
            return None
        return fresh.next_contact_due if fresh else None

    return job


class AdvancePhaseForm(FormModal):
    FORM_TITLE = N_("Advance to the next phase")

    def __init__(self, detail: Any) -> None:  # noqa: ANN401 - CitizenDetail with a running phase before phase 3
        self.cti = detail.cti
        self.citizen_id = detail.citizen.id
        self.running = running_phase(self.cti)
        super().__init__(draft_key=f"cti_advance:{self.running.id}")
        self.current, self.next = phase_label(self.running.phase), phase_label(self.running.phase + 1)

    def title_text(self) -> Text:
        return Text(_("Start {phase}").format(phase=self.next))

    def compose_header(self) -> ComposeResult:
        yield Static(Text(_("{current} ends the day before. Check-ins from this date count in {next}, with its "
                            "cadence. An earlier date records a change made then.").format(
            current=self.current, next=self.next)), classes="form-hint")

    def compose_fields(self) -> ComposeResult:
        earliest = max(self.running.actual_start or self.cti.start_on, self.cti.start_on)
        yield DateField("started_on", _("Date"), self.today, self.today, required=True, not_before=earliest,
                        check=self._not_future)

    def _not_future(self, text: str) -> str | None:
        try:
            day = parse_date(text, self.today)
        except ValidationError:
            return None  # the date field says what is wrong with it
        return _("A phase cannot start in the future.") if day > self.today else None

    def confirm_text(self) -> str | None:
        return _("End {current} and start {next} on {date}? This cannot be undone.").format(
            current=self.current, next=self.next, date=date_text(self.field("started_on").date))

    def build(self) -> Job:
        course, day = self.cti.id, self.field("started_on").date
        return next_contact_after(lambda s: s.advance_phase(course, day), self.citizen_id)

    def saved_message(self, result: Any) -> str:  # noqa: ANN401 - the next contact due
        text = _("{phase} started {date}.").format(phase=self.next, date=date_text(self.field("started_on").date))
        if result is not None:
            text += " " + _("Next contact due {date}.").format(date=date_text(result))
        return text


class CadenceForm(FormModal):
    FORM_TITLE = N_("Contact cadence")

    def __init__(self, detail: Any) -> None:  # noqa: ANN401 - CitizenDetail with a running course
        self.cti = detail.cti
        self.citizen_id = detail.citizen.id
        self.phases = {str(p.phase): p for p in self.cti.phases if p.actual_end is None}
        self.first = running_phase(self.cti) or next(iter(self.phases.values()))
        super().__init__()  # no draft: two choices, and a restored phase would reset the cadence beside it

    def compose_header(self) -> ComposeResult:
        yield Static(Text(_("How often the phase has contact. The next contact due follows a new cadence at once; "
                            "ended phases keep theirs.")), classes="form-hint")

    def compose_fields(self) -> ComposeResult:
        yield ChoiceField("phase", _("Phase"), [(n, phase_label(p.phase)) for n, p in self.phases.items()],
                          str(self.first.phase))
        yield ChoiceField("cadence", _("Cadence"), options(Cadence), self.first.cadence.value)

    @on(FieldChanged)
    def _phase_changed(self, event: FieldChanged) -> None:
        if event.field.name == "phase":  # show the chosen phase's own cadence
            self.field("cadence").value = self.phases[event.field.value].cadence.value

    def build(self) -> Job:
        p, cadence = self.phases[self.field("phase").value], Cadence(self.field("cadence").value)
        return next_contact_after(lambda s: s.set_phase_cadence(p.id, cadence, expected_version=p.version),
                                  self.citizen_id)

    def saved_message(self, result: Any) -> str:  # noqa: ANN401 - the next contact due
        text = _("Cadence of {phase}: {cadence}.").format(
            phase=phase_label(int(self.field("phase").value)), cadence=label(self.field("cadence").value))
        if result is not None:
            text += " " + _("Next contact due {date}.").format(date=date_text(result))
        return text
