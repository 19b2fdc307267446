"""Placements (``E`` on a citizen): the citizen's placements with keys to
add, edit and end one, and the employers list (``b``). The placement form
takes kind, purpose, hours per week and dates, and shows the legal length
of a virksomhedspraktik for the citizen's target group."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from ...domain.enums import PlacementKind, PlacementStatus
from ...domain.placements import praktik_limit_weeks
from ...i18n import _, label
from ..actions import WORK_EDITOR, bindings
from ..forms import FormModal, Job
from ..text import N_, date_text, literal
from ..widgets.date_field import DateField
from ..widgets.fields import ChoiceField, FieldChanged, LineField, ToggleField
from .editor import EditorModal
from .employers import EmployerField, EmployerList
from .meeting_parts import options


def hours_check(text: str) -> str | None:
    try:
        hours = float(text.replace(",", "."))
    except ValueError:
        return _("Hours per week is a number, e.g. 15 or 7,5.")
    if not 0 <= hours <= 80:
        return _("Hours per week must be between 0 and 80.")
    return None


def placement_line(p: Any) -> str:  # noqa: ANN401 - PlacementInfo
    end = date_text(p.end_on) if p.end_on else "…"
    return f"{p.employer_name} · {label(p.kind)} · {date_text(p.start_on)} → {end}"


class PlacementForm(FormModal):
    FORM_TITLE = N_("Placement")
    SAVED = N_("Placement saved.")

    def __init__(self, citizen: Any, placement: Any = None) -> None:  # noqa: ANN401 - CitizenInfo, PlacementInfo
        super().__init__(draft_key=f"placement:{placement.id}" if placement else f"placement:new:{citizen.id}")
        self.citizen = citizen
        self.placement = placement

    def title_text(self) -> Text:
        title = _("Edit placement") if self.placement else _("New placement")
        return Text(title + " · ") + literal(self.citizen.name)

    def compose_fields(self) -> ComposeResult:
        p = self.placement
        yield EmployerField("employer", _("Employer"), p.employer_name if p else "", required=True,
                            aliases=("employer_id",))
        yield ChoiceField("kind", _("Kind"), options(PlacementKind), str(p.kind) if p else "virksomhedspraktik")
        yield LineField("purpose", _("Purpose"), p.purpose if p else "", max_length=1000,
                        placeholder=_("the precise purpose (LAB § 59)"))
        hours = f"{p.hours_per_week:g}" if p else ""
        yield LineField("hours_per_week", _("Hours/week"), hours, max_length=6, check=hours_check,
                        placeholder="0–37")
        yield DateField("start_on", _("Start"), self.today, p.start_on if p else self.today, required=True)
        yield DateField("end_on", _("End"), self.today, p.end_on if p else None)
        yield ChoiceField("status", _("Status"), options(PlacementStatus), str(p.status) if p else "active")
        yield ToggleField("extended", _("Extended"), bool(p and p.extended))
        yield Static("", id="placement-limit", classes="form-hint")

    def on_mount(self) -> None:  # (Textual also runs FormModal.on_mount)
        self._show_limit()

    @on(FieldChanged)
    def _kind_changed(self, event: FieldChanged) -> None:
        if event.field.name in ("kind", "extended", "start_on"):
            self._show_limit()

    def _show_limit(self) -> None:
        hint = self.query_one("#placement-limit", Static)
        if self.field("kind").value != PlacementKind.VIRKSOMHEDSPRAKTIK.value:
            hint.update("")
            return
        weeks = praktik_limit_weeks(self.citizen.target_group, self.field("extended").value,
                                    self.field("start_on").date or self.today)  # the rules of its first day
        hint.update(Text(_("A virksomhedspraktik may last up to {weeks} weeks for this target group.").format(
            weeks=weeks)))

    def build(self) -> Job:
        from ...domain.errors import ValidationError
        from ...services import PlacementInput

        employer = self.field("employer").employer
        if employer is None:
            raise ValidationError(_("Choose a known employer."), "employer")
        hours = self.field("hours_per_week").value.strip()
        data = PlacementInput(
            employer_id=employer.id, kind=PlacementKind(self.field("kind").value),
            start_on=self.field("start_on").date, end_on=self.field("end_on").date,
            purpose=self.field("purpose").value.strip(),
            hours_per_week=float(hours.replace(",", ".")) if hours else 0.0,
            status=PlacementStatus(self.field("status").value), extended=self.field("extended").value)
        if self.placement is None:
            cid = self.citizen.id
            return lambda s: s.create_placement(cid, data)
        pid, version = self.placement.id, self.placement.version
        return lambda s: s.update_placement(pid, data, expected_version=version)


class EndPlacementForm(FormModal):
    FORM_TITLE = N_("End placement")
    SAVED = N_("Placement ended.")

    def __init__(self, placement: Any) -> None:  # noqa: ANN401
        super().__init__(draft_key=f"placement_end:{placement.id}")
        self.placement = placement

    def compose_header(self) -> ComposeResult:
        yield Static(literal(placement_line(self.placement)), classes="form-hint")

    def compose_fields(self) -> ComposeResult:
        yield DateField("end_on", _("Ended on"), self.today, self.today, required=True,
                        not_before=self.placement.start_on)

    def build(self) -> Job:
        pid, day = self.placement.id, self.field("end_on").date
        return lambda s: s.end_placement(pid, day)


class WorkEditor(EditorModal):
    SCOPE = WORK_EDITOR
    BINDINGS = bindings(WORK_EDITOR)

    def __init__(self, citizen_id: str) -> None:
        super().__init__()
        self.citizen_id = citizen_id

    def title_text(self) -> str:
        return _("Placements")

    def fetch(self, services: Any) -> Any:  # noqa: ANN401
        return services.citizen_detail(self.citizen_id)

    def show(self, detail: Any) -> None:  # noqa: ANN401
        self.query_one("#editor-title", Static).update(Text(_("Placements") + " · ") + literal(detail.citizen.name))
        table = self.table
        keep = table.current_key
        self.set_columns([("employer", _("Employer"), 0), ("kind", _("Kind"), 18), ("hours", _("h/wk"), 4),
                          ("dates", _("Dates"), 23), ("status", _("Status"), 8)])
        for p in detail.placements:
            end = date_text(p.end_on) if p.end_on else "…"
            table.add_row(literal(p.employer_name), Text(label(p.kind)), Text(f"{p.hours_per_week:g}"),
                          Text(f"{date_text(p.start_on)} → {end}"),
                          Text(label(p.status) + (" ⚠" if p.warning else "")), key=str(p.id))
        if not detail.placements:
            table.add_row(Text(_("No placements yet: n adds one."), style="dim"), "", "", "", "", key="none")
        table.move_to_key(keep)

    def _current(self) -> Any:  # noqa: ANN401
        key = self.table.current_key
        return next((p for p in self.data.placements if str(p.id) == key), None) if self.data else None

    def action_edit(self) -> None:
        placement = self._current()
        if placement is not None:
            self.open_form(lambda: next((PlacementForm(self.data.citizen, p) for p in self.data.placements
                                         if p.id == placement.id), None))

    def action_new_placement(self) -> None:
        if self.data is not None:
            self.open_form(lambda: PlacementForm(self.data.citizen))

    def action_end_placement(self) -> None:
        placement = self._current()
        if placement is None:
            return
        if placement.status is PlacementStatus.ENDED:
            self.notify(_("This placement has already ended."), markup=False)
            return
        self.open_form(lambda: EndPlacementForm(placement))

    def action_employers(self) -> None:
        self.app.push_screen(EmployerList())
