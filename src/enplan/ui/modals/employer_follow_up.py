"""An employer follow-up (``e`` on a citizen): which placement (or an
employer without one, e.g. job development for this citizen), the date,
contact person, face to face or not, the outcome, notes and the next
follow-up date (which becomes a follow-up on the citizen's worklist, with
or without a placement). The contact person and face to face start from
the last follow-up on the same placement."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from ...domain.enums import PlacementStatus
from ...i18n import _
from ..forms import FormModal, Job
from ..text import N_, literal
from ..widgets.date_field import DateField
from ..widgets.fields import ChoiceField, FieldChanged, LineField, NoteField, ToggleField
from .employers import EmployerField
from .work import placement_line

OTHER = "employer"  # the choice for an employer without a placement (still about this citizen)


class EmployerFollowUpForm(FormModal):
    FORM_TITLE = N_("Employer follow-up")
    SAVED = N_("Employer follow-up saved.")
    FIRST_FOCUS = "outcome"

    def __init__(self, detail: Any) -> None:  # noqa: ANN401 - CitizenDetail
        super().__init__(draft_key=f"employer_follow_up:{detail.citizen.id}")
        self.detail = detail
        active = [p for p in detail.placements if p.status is not PlacementStatus.ENDED]
        rest = [p for p in detail.placements if p.status is PlacementStatus.ENDED]
        self.placements = active + rest
        self.FIRST_FOCUS = "outcome" if self.placements else "employer"

    def title_text(self) -> Text:
        return Text(_("Employer follow-up") + " · ") + literal(self.detail.citizen.name)

    def _last(self, placement_id: str) -> Any:  # noqa: ANN401 - EmployerFollowUpInfo | None
        return next((f for f in self.detail.employer_follow_ups if str(f.placement_id) == placement_id), None)

    def compose_fields(self) -> ComposeResult:
        choices = [(str(p.id), placement_line(p)) for p in self.placements]
        choices.append((OTHER, _("An employer, no placement (e.g. job development)")))
        first = choices[0][0]
        last = self._last(first)
        yield ChoiceField("placement", _("Placement"), choices, first, aliases=("placement_id",))
        yield EmployerField("employer", _("Employer"), required=True, aliases=("employer_id",))
        yield DateField("held_on", _("Date"), self.today, self.today, required=True)
        yield LineField("contact_person", _("Contact"), last.contact_person if last else "", max_length=200)
        yield ToggleField("face_to_face", _("Face to face"), bool(last and last.face_to_face))
        yield LineField("outcome", _("Outcome"), max_length=1000, placeholder=_("e.g. going well, more hours"))
        yield NoteField("notes", _("Notes"), lines=2)
        yield DateField("next_due_on", _("Next follow-up"), self.today, None, placeholder=_("e.g. +4w"),
                        deadline=True)
        yield Static("", id="other-employer-hint", classes="form-hint")

    def on_mount(self) -> None:  # (Textual also runs FormModal.on_mount)
        self._defaults = {"contact_person": self.field("contact_person").value,
                          "face_to_face": self.field("face_to_face").value}
        self._placement_changed()

    @property
    def other(self) -> bool:
        return self.field("placement").value == OTHER

    @on(FieldChanged)
    def _changed(self, event: FieldChanged) -> None:
        if event.field.name == "placement":
            self._placement_changed(defaults=True)

    def _placement_changed(self, *, defaults: bool = False) -> None:
        employer = self.field("employer")
        employer.display = employer.active = self.other
        hint = self.query_one("#other-employer-hint", Static)
        hint.update(Text(_("Without a placement the contact is kept with the employer and this citizen; "
                           "the next follow-up date goes on the citizen's worklist.")) if self.other else "")
        if defaults and not self.other:
            last = self._last(self.field("placement").value)
            for name, value in (("contact_person", last.contact_person if last else ""),
                                ("face_to_face", bool(last and last.face_to_face))):
                if self.field(name).value == self._defaults.get(name):  # not changed by hand
                    self.field(name).value = value
                self._defaults[name] = value

    def build(self) -> Job:
        import uuid

        from ...services import EmployerFollowUpInput

        placement_id = employer_id = None
        if self.other:
            employer = self.field("employer").employer
            if employer is None:
                from ...domain.errors import ValidationError

                raise ValidationError(_("Choose a known employer."), "employer")
            employer_id = employer.id
        else:
            placement_id = uuid.UUID(self.field("placement").value)
        data = EmployerFollowUpInput(
            held_on=self.field("held_on").date, placement_id=placement_id, employer_id=employer_id,
            contact_person=self.field("contact_person").value.strip(), face_to_face=self.field("face_to_face").value,
            outcome=self.field("outcome").value.strip(), notes=self.field("notes").value.strip(),
            next_due_on=self.field("next_due_on").date, citizen_id=uuid.UUID(str(self.detail.citizen.id)))
        return lambda s: s.record_employer_follow_up(data)

    def saved_message(self, result: Any) -> str:  # noqa: ANN401
        due = self.field("next_due_on").date
        if due:
            return _("Employer follow-up saved; next follow-up due {date}.").format(date=due.strftime("%d-%m-%Y"))
        return _(self.SAVED)
