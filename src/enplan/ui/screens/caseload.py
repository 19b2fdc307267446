"""Caseload (home): the caseworker's citizens, most urgent first.

`/` filters by name as you type (Danish letters, case-insensitive, on the
rows already loaded: no database round trip per key), `escape` clears,
`s` cycles the sort order, `enter` opens the citizen, `n` adds a citizen.
"""

from __future__ import annotations

import threading

import datetime as dt

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.widgets import DataTable

from ...domain.text import danish_key
from ...i18n import _, label, ngettext
from ..actions import APP, CASELOAD, FILTER, LIST, bindings
from ..messages import CaseloadLoaded, LoadFailed
from ..text import N_, date_text, literal
from ..widgets.filter_bar import FilterBar, FilterInput
from ..widgets.lists import VimDataTable
from ..widgets.summary_line import SummaryLine
from ..widgets.top_bar import TopBar
from ..widgets.key_footer import KeyFooter
from .base import EnplanScreen

SORTS = ("urgency", "name", "next_due", "target_group")
SORT_LABELS = {"urgency": N_("urgency"), "name": N_("name"), "next_due": N_("next due"),
               "target_group": N_("target group")}
WIDE = 110  # from this width on, full labels and four-digit years

# Short target-group labels for narrow terminals (full labels come from i18n.label).
SHORT_GROUPS = {
    "aktivitetsparat_kontanthjaelp": N_("Aktivitetsparat"),
    "jobparat_kontanthjaelp": N_("Jobparat"),
    "uddannelseshjaelp": N_("Uddannelseshj."),
    "ressourceforloeb": N_("Ressourceforløb"),
    "jobafklaring": N_("Jobafklaring"),
    "sygedagpenge": N_("Sygedagpenge"),
    "ledighedsydelse": N_("Ledighedsydelse"),
    "fleksjob": N_("Fleksjob"),
    "other": N_("Other"),
}


def sort_rows(rows: list, order: str) -> list:
    """Rows in one of the four orders; the name (Danish order) breaks ties."""
    far = dt.date.max
    if order == "name":
        key = lambda r: (danish_key(r.name), str(r.citizen_id))  # noqa: E731
    elif order == "next_due":
        key = lambda r: (r.next_due or far, danish_key(r.name))  # noqa: E731
    elif order == "target_group":
        key = lambda r: (danish_key(label(r.target_group)), danish_key(r.name))  # noqa: E731
    else:  # urgency: citizens with overdue work first, oldest due date first
        key = lambda r: (0 if r.overdue_count else 1, r.next_due or far, danish_key(r.name))  # noqa: E731
    return sorted(rows, key=key)


def matches(row, needle: str) -> bool:  # noqa: ANN001
    return not needle or needle in danish_key(row.name)


class CaseloadScreen(EnplanScreen):
    SCOPE = CASELOAD
    HELP_SCOPES = (CASELOAD, FILTER, LIST, APP)
    BINDINGS = bindings(CASELOAD)
    AUTO_FOCUS = "#caseload"

    sort_by: reactive[str] = reactive("urgency", init=False)

    def __init__(self) -> None:
        super().__init__()
        self.rows: list | None = None
        self.summary = None
        self._wide: bool | None = None
        self._filter_pending = False
        self._painted = threading.Event()  # set once the first rows are on screen

    @property
    def help_title(self) -> str:
        return _("Caseload")

    def compose(self) -> ComposeResult:
        yield TopBar(_("Caseload"))
        yield SummaryLine(_("Loading caseload…"), id="summary")
        yield FilterBar()
        yield VimDataTable(id="caseload")
        yield KeyFooter()

    @property
    def table(self) -> VimDataTable:
        return self.query_one("#caseload", VimDataTable)

    def on_mount(self) -> None:
        # Headers paint before any data arrives; the summary line says it is
        # loading (a loading indicator would cost a mount and a relayout).
        self._add_columns(self.app.size.width >= WIDE)
        self.reload()

    def on_screen_resume(self) -> None:
        if self.rows is not None:
            self.reload()  # a citizen or the worklist may have changed what is due

    def reload(self) -> None:
        caseworker = self.app.caseworker or None
        if self.rows is None:
            self._first_load(caseworker)
            return

        def job(services):  # noqa: ANN001, ANN202 - runs in a worker thread
            return CaseloadLoaded(*services.caseload_view(caseworker))  # rows and sums from one read

        self.read(job)

    @work(thread=True, exclusive=True, group="startup", exit_on_error=False)
    def _first_load(self, caseworker: str | None) -> None:
        """Show the caseload as soon as a read-only stdlib query can, then open
        the database properly (checks, daily backup, migration) before any
        write; a problem found then still stops the app with its message."""
        quick = self.app.backend.quick_caseload(caseworker)
        if quick is not None:
            self.post_message(CaseloadLoaded(*quick))
            # Importing the database layer holds the GIL for half a second:
            # let the rows reach the screen first.
            self._painted.wait(2.0)
        message = self._run(lambda services: None if quick is not None else
                            CaseloadLoaded(*services.caseload_view(caseworker)))
        if message is not None:
            self.post_message(message)

    # -- results ----------------------------------------------------------------
    @on(CaseloadLoaded)
    def _loaded(self, message: CaseloadLoaded) -> None:
        self.rows, self.summary = message.rows, message.summary
        self.call_after_refresh(self._painted.set)
        self._show_summary()
        self.show_rows()

    @on(LoadFailed)
    def _failed(self, message: LoadFailed) -> None:
        self.query_one(SummaryLine).show_parts([(_("Could not load the caseload: {error}").format(
            error=message.error), "alert")])
        self.notify(message.error, title=_("Caseload"), severity="error", markup=False)

    def _show_summary(self) -> None:
        s = self.summary
        self.query_one(SummaryLine).show_parts([
            (ngettext("{n} citizen", "{n} citizens", s.citizens).format(n=s.citizens), ""),
            (ngettext("{n} overdue follow-up", "{n} overdue follow-ups", s.overdue_follow_ups)
             .format(n=s.overdue_follow_ups), "alert" if s.overdue_follow_ups else "muted"),
            (ngettext("{n} CTI contact overdue", "{n} CTI contacts overdue", s.cti_contacts_overdue)
             .format(n=s.cti_contacts_overdue), "alert" if s.cti_contacts_overdue else "muted",
             # the shorter words, when the line would not fit (80 columns in Danish)
             ngettext("{n} CTI overdue", "{n} CTI overdue", s.cti_contacts_overdue).format(n=s.cti_contacts_overdue)),
            (_("{n} due this week").format(n=s.due_this_week), "warn" if s.due_this_week else "muted",
             ngettext("{n} this week", "{n} this week", s.due_this_week).format(n=s.due_this_week)),
        ])

    def refresh_view(self) -> None:
        if self.rows is not None:
            self._show_summary()
            self.show_rows()

    def on_resize(self) -> None:
        if self.rows is not None and (self.size.width >= WIDE) != self._wide:
            self.show_rows()

    # -- the table ----------------------------------------------------------------
    def _columns(self, wide: bool) -> list[tuple[str, str, int | None]]:
        width = self.size.width or self.app.size.width or 80
        fixed = {"group": 28 if wide else 15, "phase": 14 if wide else 7, "last": 12 if wide else 8,
                 "next": 10 if wide else 8, "overdue": 11}
        name = max(12, width - sum(fixed.values()) - 2 * (len(fixed) + 1) - 2)
        return [("name", _("Name"), min(name, 40)), ("group", _("Target group"), fixed["group"]),
                ("phase", _("CTI"), fixed["phase"]), ("last", _("Last contact") if wide else _("Last"), fixed["last"]),
                ("next", _("Next due"), fixed["next"]), ("overdue", _("Overdue"), fixed["overdue"])]

    def _add_columns(self, wide: bool) -> None:
        self.table.clear(columns=True)
        for key, title, width in self._columns(wide):
            self.table.add_column(title, key=key, width=width)
        self._wide = wide

    def show_rows(self) -> None:
        table = self.table
        keep = table.current_key
        wide = self.size.width >= WIDE
        if wide != self._wide or not table.columns:
            self._add_columns(wide)
        else:
            table.clear()
        needle = danish_key(self.query_one(FilterBar).value.strip())
        rows = sort_rows([r for r in self.rows or [] if matches(r, needle)], self.sort_by)
        for r in rows:
            table.add_row(*self._cells(r, wide), key=str(r.citizen_id))
        if not table.move_to_key(keep) and rows:
            table.move_cursor(row=0)
        self._show_status(len(rows))

    def _cells(self, r, wide: bool) -> list[Text]:  # noqa: ANN001 - CaseloadRow
        today = self.app.today
        style = self.app.theme_style
        group = label(r.target_group) if wide else _(SHORT_GROUPS.get(str(r.target_group), label(r.target_group)))
        if r.cti_phase is None:
            phase = Text("–", style=style("$text-muted"))
        elif wide:
            phase = Text(_("Contact period") if r.cti_phase == 0 else _("Phase {n}").format(n=r.cti_phase))
        else:
            phase = Text(_("Contact") if r.cti_phase == 0 else _("Ph. {n}").format(n=r.cti_phase))
        next_style = ""
        if r.next_due and r.next_due < today:
            next_style = style("bold $error")
        elif r.next_due and (r.next_due - today).days <= 7:
            next_style = style("$warning")
        if r.overdue_count:
            overdue = Text(_("⚠ {n} overdue").format(n=r.overdue_count), style=style("bold $error"))
        else:
            overdue = Text("–", style=style("$text-muted"))
        return [literal(r.name), Text(group), phase, Text(date_text(r.last_contact, short=not wide)),
                Text(date_text(r.next_due, short=not wide), style=next_style), overdue]

    def _show_status(self, shown: int) -> None:
        total = len(self.rows or [])
        count = _("{shown} of {total}").format(shown=shown, total=total) if shown != total else \
            ngettext("{n} citizen", "{n} citizens", total).format(n=total)
        self.query_one(FilterBar).set_status(
            _("{count} · sort: {order}").format(count=count, order=_(SORT_LABELS[self.sort_by])))

    def watch_sort_by(self) -> None:
        if self.rows is not None:
            self.show_rows()

    # -- actions --------------------------------------------------------------------
    def action_filter(self) -> None:
        self.query_one(FilterInput).focus()

    def action_clear_filter(self) -> None:
        bar = self.query_one(FilterBar)
        if bar.value:
            bar.input.value = ""  # Changed → show_rows
        self.table.focus()

    def action_new_citizen(self) -> None:
        from ..forms import Saved
        from ..modals.citizen_form import CitizenForm

        def done(result: object) -> None:
            if isinstance(result, Saved) and result.result is not None:
                self.app.open_citizen(str(result.result))

        self.app.push_screen(CitizenForm(), done)


    def action_show_report(self) -> None:
        from .report import ReportScreen

        self.app.push_screen(ReportScreen())

    def action_save_sheet(self) -> None:
        """The whole caseload as a spreadsheet file (ui/modals/save_file.py)."""
        from ...paths import documents_dir
        from ..modals.save_file import SpreadsheetForm

        self.app.push_screen(SpreadsheetForm("caseload", documents_dir(), self.app.today))

    def action_cycle_sort(self) -> None:
        self.sort_by = SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)]

    def action_open(self) -> None:
        key = self.table.current_key
        if key is not None:
            self.app.open_citizen(key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return bool(self.query_one(FilterBar).value)  # no "esc Clear filter" without a filter
        return True

    @on(FilterInput.Changed)
    def _filter_changed(self) -> None:
        # Coalesce: keys typed faster than a 500-row rebuild give one rebuild, not one per key.
        if not self._filter_pending:
            self._filter_pending = True
            self.call_later(self._apply_filter)

    def _apply_filter(self) -> None:
        self._filter_pending = False
        self.refresh_bindings()
        if self.rows is not None:
            self.show_rows()

    @on(FilterInput.Cleared)
    def _filter_cleared(self) -> None:
        self.action_clear_filter()

    @on(FilterInput.Accepted)
    def _filter_accepted(self) -> None:
        self.table.focus()

    @on(DataTable.RowSelected, "#caseload")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.open_citizen(event.row_key.value)
