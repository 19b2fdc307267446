"""A citizen's details (``n`` on the caseload, ``i`` on a citizen) and
closing a case (``X``: a reason, then a confirmation).

CPR is checked as you type (a real date of birth, ten digits); on an
existing citizen the field starts empty and empty keeps the stored number,
so the full number is never put on the screen by editing."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ...domain.enums import TargetGroup
from ...domain.identifiers import normalize_cpr
from ...i18n import _
from ..forms import FormModal, Job
from ..text import N_, literal
from ..widgets.date_field import DateField
from ..widgets.fields import ChoiceField, LineField, NoteField, ToggleField, domain_check
from .meeting_parts import options


class CitizenForm(FormModal):
    FORM_TITLE = N_("Citizen")
    SAVED = N_("Citizen saved.")
    FIRST_FOCUS = "name"

    def __init__(self, citizen: Any = None) -> None:  # noqa: ANN401 - CitizenInfo | None
        super().__init__(draft_key=f"citizen:{citizen.id}" if citizen else "citizen:new")
        self.citizen = citizen

    def title_text(self) -> Text:
        if self.citizen is None:
            return Text(_("New citizen"))
        return Text(_("Edit citizen") + " · ") + literal(self.citizen.name)

    def compose_fields(self) -> ComposeResult:
        c = self.citizen
        yield LineField("name", _("Name"), c.name if c else "", required=True, max_length=200)
        yield ChoiceField("target_group", _("Target group"), options(TargetGroup),
                          str(c.target_group) if c else "aktivitetsparat_kontanthjaelp")
        hint = _("{cpr} (empty keeps it)").format(cpr=c.cpr_masked) if c and c.has_cpr else _("DDMMYY-SSSS")
        yield LineField("cpr", _("CPR"), "", max_length=11, placeholder=hint,
                        check=domain_check(lambda text: normalize_cpr(text, self.today)))
        yield LineField("phone", _("Phone"), c.phone if c else "", max_length=60)
        yield LineField("email", _("E-mail"), c.email if c else "", max_length=200)
        yield LineField("address", _("Address"), c.address if c else "", max_length=300)
        yield LineField("caseworker", _("Caseworker"), c.caseworker if c else (self.app.caseworker or ""),
                        max_length=120)
        # The legal contact rules count from here (domain/rules); a new target group
        # with the same date starts a new series today (services/citizens.py).
        yield DateField("benefit_start_on", _("Benefit since"), self.today, c.benefit_start_on if c else None,
                        placeholder=_("dd-mm-yyyy (empty keeps it)") if c and c.benefit_start_on else _("dd-mm-yyyy"))
        yield ToggleField("back_within_26_weeks", _("Back within 26 weeks"), bool(c and c.back_within_26_weeks))

    def build(self) -> Job:
        from ...services import CitizenInput

        data = CitizenInput(name=self.field("name").value.strip(),
                            target_group=TargetGroup(self.field("target_group").value),
                            **{k: self.field(k).value.strip() for k in ("cpr", "phone", "email", "address",
                                                                         "caseworker")},
                            benefit_start_on=self.field("benefit_start_on").date,
                            back_within_26_weeks=self.field("back_within_26_weeks").value)
        if self.citizen is None:
            return lambda s: s.create_citizen(data)
        cid, version = self.citizen.id, self.citizen.version
        return lambda s: s.update_citizen(cid, data, expected_version=version)


class CloseCaseForm(FormModal):
    FORM_TITLE = N_("Close the case")
    SAVED = N_("Case closed.")
    FIRST_FOCUS = "reason"

    def __init__(self, citizen: Any) -> None:  # noqa: ANN401
        super().__init__(draft_key=f"close_case:{citizen.id}")
        self.citizen = citizen

    def title_text(self) -> Text:
        return Text(_("Close the case") + " · ") + literal(self.citizen.name)

    def compose_header(self) -> ComposeResult:
        yield Static(Text(_("The citizen leaves the caseload; the file and its history stay, and the case can "
                            "be reopened.")), classes="form-hint")

    def compose_fields(self) -> ComposeResult:
        yield NoteField("reason", _("Reason"), lines=3, required=True)

    def confirm_text(self) -> str | None:
        return _("Close the case of {name} today ({date})?").format(
            name=self.citizen.name, date=self.today.strftime("%d-%m-%Y"))

    def build(self) -> Job:
        cid, reason = self.citizen.id, self.field("reason").value.strip()
        return lambda s: s.close_case(cid, reason)
