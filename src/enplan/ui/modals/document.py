"""A document for the citizen (D on a citizen): their plan, the summary of a
meeting, or the consent form, as a PDF file to print or send by digital post.
The file is saved like every file that leaves enplan (``save_file.SaveFile``:
the documents folder by default, a question before replacing a file); the
service logs that it was made, and whether the CPR number is on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult

from ...i18n import _, label
from ..forms import FormModal, Job
from ..text import N_, date_text, literal
from ..widgets.fields import ChoiceField, FieldChanged, ToggleField
from .save_file import SaveFile

KINDS = (("plan", N_("Their plan")), ("meeting", N_("Meeting summary")), ("consent", N_("Consent form")))
FILE_NAMES = {"plan": N_("plan"), "meeting": N_("meeting-summary"), "consent": N_("consent")}


class DocumentForm(SaveFile, FormModal):
    FORM_TITLE = N_("Document for the citizen")
    HINT = N_("A PDF for the citizen, to print or send by digital post. A name without a folder goes in {folder}.")
    FIRST_FOCUS = "kind"

    def __init__(self, detail: Any, folder: Path) -> None:  # noqa: ANN401 - CitizenDetail
        self.detail = detail
        super().__init__(folder, "")  # the default name follows the kind (compose_fields)

    def title_text(self) -> Text:
        return Text(_("Document for the citizen") + " · ") + literal(self.detail.citizen.name)

    def compose_fields(self) -> ComposeResult:
        yield ChoiceField("kind", _("Document"), [(code, _(text)) for code, text in KINDS], "plan")
        meetings = [(str(m.id), f"{date_text(m.starts_at.date())} · {label(m.type)}") for m in self.detail.meetings]
        yield ChoiceField("meeting", _("Meeting"), meetings or [("", _("no meetings yet"))])
        yield ToggleField("include_cpr", _("CPR on it"), False)
        self.default_name = self._file_name("plan")
        yield self.path_field()

    def _file_name(self, kind: str) -> str:
        return f"{_(FILE_NAMES[kind])}-{self.today:%Y-%m-%d}.pdf"

    @on(FieldChanged)
    def _kind_changed(self, event: FieldChanged) -> None:
        if event.field.name != "kind":
            return
        path = self.field("path")
        if path.value == str(self.folder / self.default_name):  # not edited by hand: follow the kind
            self.default_name = self._file_name(event.field.value)
            path.value = str(self.folder / self.default_name)

    def build(self) -> Job:
        from ...config import contact

        kind, target = self.field("kind").value, self.target()
        meeting = (self.field("meeting").value or None) if kind == "meeting" else None
        include_cpr, force = bool(self.field("include_cpr").value), target.is_file()  # asked before (confirm_text)
        cid, who = self.detail.citizen.id, contact(self.app.settings, self.app.caseworker)
        return lambda s: s.write_document(cid, kind, who, target, meeting_id=meeting, include_cpr=include_cpr,
                                          force=force)
