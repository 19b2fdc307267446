"""Caseload: the caseworker's citizens, most urgent first."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from rich.text import Text

from ...i18n import _, label, phase_label
from ..messages import CaseloadLoaded, LoadFailed


def _d(day) -> str:  # noqa: ANN001
    return day.strftime("%d-%m-%Y") if day else "–"


class CaseloadScreen(Screen):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("Loading caseload…"), id="summary")
        table = DataTable(id="caseload", cursor_type="row", zebra_stripes=True)
        table.loading = True
        yield table
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, title in (("name", _("Name")), ("group", _("Target group")), ("phase", _("CTI")),
                           ("last", _("Last contact")), ("next", _("Next due")), ("overdue", _("Overdue"))):
            table.add_column(title, key=key)
        self.load()

    @work(thread=True, exclusive=True, group="caseload", exit_on_error=False)
    def load(self) -> None:
        try:
            services = self.app.services()
            rows = services.caseload(self.app.caseworker or None)
            summary = services.caseload_summary(self.app.caseworker or None)
        except Exception as exc:  # noqa: BLE001 - shown to the user, not swallowed
            self.post_message(LoadFailed(str(exc)))
            return
        self.post_message(CaseloadLoaded(rows, summary))

    @on(CaseloadLoaded)
    def show(self, message: CaseloadLoaded) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for r in message.rows:
            overdue = Text(f"{r.overdue_count} overdue", style="bold red") if r.overdue_count else Text("–")
            table.add_row(Text(r.name), label(r.target_group), phase_label(r.cti_phase),
                          _d(r.last_contact), _d(r.next_due), overdue, key=str(r.citizen_id))
        table.loading = False
        s = message.summary
        self.query_one("#summary", Static).update(Text(
            _("{c} citizens · {o} overdue follow-ups · {t} CTI contacts overdue · {w} due this week").format(
                c=s.citizens, o=s.overdue_follow_ups, t=s.cti_contacts_overdue, w=s.due_this_week)))

    @on(LoadFailed)
    def failed(self, message: LoadFailed) -> None:
        self.query_one(DataTable).loading = False
        self.query_one("#summary", Static).update(Text(message.error))
