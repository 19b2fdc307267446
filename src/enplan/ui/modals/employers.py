"""Employers: the list (``b`` in the placements editor), the employer form
(with CVR checked as you type), and an employer field that suggests the
known names (used by the placement and employer follow-up forms)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.suggester import SuggestFromList

from ...domain.identifiers import normalize_cvr
from ...domain.text import MAX_NAME, danish_key
from ...i18n import _
from ..actions import EMPLOYERS, bindings
from ..forms import FormModal, Job
from ..messages import EditorLoaded
from ..text import N_, literal
from ..widgets.fields import LineField, domain_check
from .editor import EditorModal


class EmployerField(LineField):
    """An employer by name; the known names are suggested (→ accepts)."""

    def __init__(self, name: str, label: str, value: str = "", **kwargs: Any) -> None:  # noqa: ANN401
        kwargs.setdefault("placeholder", _("type a name; → takes the suggestion"))
        super().__init__(name, label, value, max_length=MAX_NAME, **kwargs)
        self.employers: dict[str, Any] | None = None  # name key -> EmployerInfo

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, group="employer-names", exit_on_error=False)
    def _load(self) -> None:
        try:
            employers = self.app.backend.services().employers()
        except Exception:  # noqa: BLE001 - the field still takes a name; save names the problem
            employers = []
        self.post_message(EditorLoaded(employers))

    def on_editor_loaded(self, message: EditorLoaded) -> None:
        message.stop()
        self.employers = {danish_key(e.name): e for e in message.data}
        self.control.suggester = SuggestFromList([e.name for e in message.data], case_sensitive=False)
        self.validate()

    @property
    def employer(self) -> Any:  # noqa: ANN401 - EmployerInfo | None
        if self.employers is None:
            return None
        return self.employers.get(danish_key(self.value.strip()))

    def check(self) -> str | None:
        problem = super().check()
        if problem or self.is_empty() or self.employers is None:
            return problem
        if self.employer is None:
            return _("No employer with that name. Add it under Employers (b in the placements list).")
        return None

    def update_aside(self) -> None:
        employer = self.employer
        if employer is not None and not self.error:
            self.set_aside("✓ " + (_("CVR {cvr}").format(cvr=employer.cvr) if employer.cvr else _("known")))
        else:
            self.set_aside("")


class EmployerForm(FormModal):
    FORM_TITLE = N_("Employer")
    SAVED = N_("Employer saved.")

    def __init__(self, employer: Any = None) -> None:  # noqa: ANN401 - EmployerInfo | None
        super().__init__(draft_key=f"employer:{employer.id}" if employer else "employer:new")
        self.employer = employer

    def title_text(self) -> Text:
        if self.employer is None:
            return Text(_("New employer"))
        return Text(_("Edit employer") + " · ") + literal(self.employer.name)

    def compose_fields(self) -> ComposeResult:
        from ...services import text_limits

        e, limits = self.employer, text_limits("employer")
        yield LineField("name", _("Name"), e.name if e else "", required=True, max_length=limits["name"])
        yield LineField("cvr", _("CVR"), (e.cvr or "") if e else "", max_length=12, check=domain_check(normalize_cvr),
                        placeholder=_("8 digits"))
        for name, title in (("contact_person", _("Contact")), ("phone", _("Phone")), ("email", _("E-mail")),
                            ("address", _("Address")), ("industry", _("Industry"))):
            yield LineField(name, title, getattr(e, name) if e else "", max_length=limits[name])

    def build(self) -> Job:
        from ...services import EmployerInput

        data = EmployerInput(**{name: str(self.field(name).value).strip() for name in
                                ("name", "cvr", "contact_person", "phone", "email", "address", "industry")})
        if self.employer is None:
            return lambda s: s.create_employer(data)
        eid, version = self.employer.id, self.employer.version
        return lambda s: s.update_employer(eid, data, expected_version=version)


class EmployerList(EditorModal):
    SCOPE = EMPLOYERS
    BINDINGS = bindings(EMPLOYERS)

    def title_text(self) -> str:
        return _("Employers")

    def fetch(self, services: Any) -> Any:  # noqa: ANN401
        return services.employers()

    def show(self, employers: Any) -> None:  # noqa: ANN401
        table = self.table
        keep = table.current_key
        self.set_columns([("name", _("Name"), 0), ("cvr", _("CVR"), 8), ("contact", _("Contact"), 18),
                          ("phone", _("Phone"), 12)])
        for e in employers:
            table.add_row(literal(e.name), Text(e.cvr or "–"), literal(e.contact_person), literal(e.phone),
                          key=str(e.id))
        if not employers:
            table.add_row(Text(_("No employers yet: n adds one."), style="dim"), "", "", "", key="none")
        table.move_to_key(keep)

    def _current(self) -> Any:  # noqa: ANN401
        key = self.table.current_key
        return next((e for e in self.data or [] if str(e.id) == key), None)

    def action_edit(self) -> None:
        employer = self._current()
        if employer is not None:
            self.open_form(lambda: next((EmployerForm(e) for e in self.data if e.id == employer.id), None))

    def action_new_employer(self) -> None:
        self.open_form(lambda: EmployerForm())
