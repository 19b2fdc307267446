"""Measures on their own (``v`` on a citizen): the day, trivsel and belief
first, then paid hours, WHO-5 and the municipality's scales, and a note.
Only the numbers typed are stored; one out of its scale stops the save with
the reason at its field."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult

from ...config import measure_setup
from ...i18n import _
from ..forms import FormModal, Job
from ..measure_fields import FIRST, measure_fields, measures_input
from ..text import N_, literal
from ..widgets.date_field import DateField
from ..widgets.fields import NoteField


class MeasureForm(FormModal):
    FORM_TITLE = N_("Measures")
    SAVED = N_("Measures saved.")
    FIRST_FOCUS = FIRST

    def __init__(self, citizen_id: Any, citizen_name: str) -> None:  # noqa: ANN401
        super().__init__(draft_key=f"measures:{citizen_id}")
        self.citizen_id = citizen_id
        self.citizen_name = citizen_name

    @property
    def setup(self):  # noqa: ANN201 - MeasureSetup
        return measure_setup(self.app.settings)

    def title_text(self) -> Text:
        return Text(_("Measures") + " · ") + literal(self.citizen_name)

    def compose_fields(self) -> ComposeResult:
        yield DateField("measured_on", _("Date"), self.today, self.today, required=True)
        yield from measure_fields(self.setup)
        yield NoteField("note", _("Note"), lines=2)

    def build(self) -> Job:
        data = measures_input(self, self.setup, self.field("measured_on").date, self.field("note").value.strip())
        cid = self.citizen_id
        return lambda s: s.record_measures(cid, data)

    def saved_message(self, result: Any) -> str:  # noqa: ANN401 - the new rows' ids
        from ...i18n import ngettext

        return ngettext("{n} measure saved.", "{n} measures saved.", len(result)).format(n=len(result))
