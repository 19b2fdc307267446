"""A document for the citizen (D on a citizen): their plan, the summary of a
meeting, or the consent form, as a PDF file to print or send by digital post.
The file goes to the documents folder by default; an existing file is only
replaced after a question. Making it is logged (and whether the CPR number
is on it), by the service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult

from ...i18n import _, label
from ..forms import FormModal, Job
from ..text import N_, date_text, literal
from ..widgets.fields import ChoiceField, FieldChanged, LineField, ToggleField

KINDS = (("plan", N_("Their plan")), ("meeting", N_("Meeting summary")), ("consent", N_("Consent form")))
FILE_NAMES = {"plan": N_("plan"), "meeting": N_("meeting-summary"), "consent": N_("consent")}


class DocumentForm(FormModal):
    FORM_TITLE = N_("Document for the citizen")
    FIRST_FOCUS = "kind"

    def __init__(self, detail: Any, folder: Path) -> None:  # noqa: ANN401 - CitizenDetail
        super().__init__()
        self.detail = detail
        self.folder = folder
        self._named = ""  # the file name last offered: replaced when the kind changes, unless edited

    def title_text(self) -> Text:
        return Text(_("Document for the citizen") + " · ") + literal(self.detail.citizen.name)

    def compose_fields(self) -> ComposeResult:
        yield ChoiceField("kind", _("Document"), [(code, _(text)) for code, text in KINDS], "plan")
        meetings = [(str(m.id), f"{date_text(m.starts_at.date())} · {label(m.type)}") for m in self.detail.meetings]
        yield ChoiceField("meeting", _("Meeting"), meetings or [("", _("no meetings yet"))])
        yield ToggleField("include_cpr", _("CPR on it"), False)
        self._named = self._default_path("plan")
        yield LineField("path", _("File"), self._named, required=True, max_length=4096)

    def _default_path(self, kind: str) -> str:
        return str(self.folder / f"{_(FILE_NAMES[kind])}-{self.today:%Y-%m-%d}.pdf")

    @on(FieldChanged)
    def _kind_changed(self, event: FieldChanged) -> None:
        if event.field.name != "kind":
            return
        path = self.field("path")
        if path.value == self._named:  # not edited by hand: follow the kind
            self._named = self._default_path(event.field.value)
            path.value = self._named

    def _target(self) -> Path:
        return Path(str(self.field("path").value).strip()).expanduser()

    def confirm_text(self) -> str | None:
        target = self._target()
        if target.is_file():
            return _("{name} already exists. Replace it?").format(name=target.name)
        return None

    def build(self) -> Job:
        from ...config import contact

        kind, target = self.field("kind").value, self._target()
        meeting = self.field("meeting").value or None if kind == "meeting" else None
        include_cpr, force = bool(self.field("include_cpr").value), target.is_file()
        cid, who = self.detail.citizen.id, contact(self.app.settings, self.app.caseworker)
        return lambda s: s.write_document(cid, kind, who, target, meeting_id=meeting, include_cpr=include_cpr,
                                          force=force)

    def saved_message(self, result: Any) -> str:  # noqa: ANN401 - the path written
        return _("Written: {path}").format(path=result)
