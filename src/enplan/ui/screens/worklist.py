"""Worklist: every follow-up and CTI contact due, grouped Overdue / Today /
This week / Later (oldest first in each group), then what was done today.
`r` reschedules the follow-up under the cursor, `f` adds one for its citizen.

`x` marks a follow-up done, or undone again; the toast says how to undo
(`u`), and undo writes the previous state back. Items done today stay in
the list (under "Done today") so a slip of the finger is one key to fix.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from ...domain.followups import Urgency, WorkKind
from ...i18n import _, language, work_item_text
from ..actions import APP, BY_ID, LIST, WORKLIST, bindings, key_display
from ..messages import FollowUpToggled, LoadFailed, WorklistLoaded
from ..text import N_, date_text, days_phrase, literal, one_line, visible
from ..widgets.key_footer import KeyFooter
from ..widgets.lists import GroupedTable
from ..widgets.summary_line import SummaryLine
from ..widgets.top_bar import TopBar
from .base import EnplanScreen

GROUPS: tuple[tuple[Urgency, str, str], ...] = (
    (Urgency.OVERDUE, N_("Overdue"), "bold $error"),
    (Urgency.TODAY, N_("Today"), "bold $warning"),
    (Urgency.THIS_WEEK, N_("This week"), "bold $primary"),
    (Urgency.LATER, N_("Later"), "bold $text-muted"),
    (Urgency.DONE, N_("Done today"), "bold $success"),
)
WIDE = 110


def group_items(items: list, today) -> dict:  # noqa: ANN001
    """Items per urgency group, each sorted oldest due date first."""
    groups: dict[Urgency, list] = {u: [] for u, _label, _style in GROUPS}
    for item in items:
        groups[item.urgency(today)].append(item)
    for members in groups.values():
        members.sort(key=lambda i: (i.due, i.citizen_name.casefold(), str(i.ref_id)))
    return groups


class WorklistScreen(EnplanScreen):
    DEFAULT_CSS = """
    WorklistScreen .worklist-why { height: auto; max-height: 3; padding: 0 1; background: $boost; display: none; }
    """
    SCOPE = WORKLIST
    HELP_SCOPES = (WORKLIST, LIST, APP)
    BINDINGS = bindings(WORKLIST)
    AUTO_FOCUS = "#worklist"

    def __init__(self, caseworker: str | None = None) -> None:
        super().__init__()
        # Whose worklist: the app's caseworker, or a colleague's opened from the team screen (issue 15).
        self.caseworker = caseworker
        self.items: list | None = None
        self._wide: bool | None = None
        # After `x` the cursor stays on the same line (the next item moves up),
        # so a run of items is cleared with x, x, x; after undo it follows the item.
        self._keep_row: int | None = None
        self._follow_key: str | None = None

    @property
    def help_title(self) -> str:
        return _("Worklist")

    def compose(self) -> ComposeResult:
        yield TopBar(_("Worklist") + (f" · {visible(self.caseworker, lines=False)}" if self.caseworker else ""))
        yield SummaryLine(_("Loading worklist…"), id="summary")
        yield GroupedTable(id="worklist")
        # The line under the cursor in full: a rule item's reason and law (the table cuts long text).
        yield Static("", id="worklist-why", classes="worklist-why")
        yield KeyFooter()

    @property
    def table(self) -> GroupedTable:
        return self.query_one("#worklist", GroupedTable)

    def on_mount(self) -> None:
        self.table.loading = True
        self.reload()

    def on_screen_resume(self) -> None:
        if self.items is not None:
            self.reload()

    def reload(self) -> None:
        caseworker, today = self.caseworker or self.app.caseworker or None, self.app.today

        def job(services):  # noqa: ANN001, ANN202 - worker thread
            return WorklistLoaded(services.worklist(caseworker, include_done_since=today))

        self.read(job)

    # -- results ------------------------------------------------------------------
    @on(WorklistLoaded)
    def _loaded(self, message: WorklistLoaded) -> None:
        self.items = message.items
        self.table.loading = False
        self.show_items()
        problem = self.app.backend.rule_problem
        if problem and not getattr(self.app, "_rule_problem_shown", False):
            self.app._rule_problem_shown = True  # once per session  # noqa: SLF001
            self.notify(problem, title=_("Rules"), severity="warning", markup=False, timeout=15)

    @on(LoadFailed)
    def _failed(self, message: LoadFailed) -> None:
        self.table.loading = False
        self.notify(message.error, title=_("Worklist"), severity="error", markup=False)
        if self.items is None:
            self.query_one(SummaryLine).show_parts([(_("Could not load the worklist: {error}").format(
                error=message.error), "alert")])

    def refresh_view(self) -> None:
        if self.items is not None:
            self.show_items()

    def on_resize(self) -> None:
        if self.items is not None and (self.size.width >= WIDE) != self._wide:
            self.show_items()

    def show_items(self) -> None:
        table, today, style = self.table, self.app.today, self.app.theme_style
        keep = table.current_key
        wide = self.size.width >= WIDE
        table.clear(columns=True)
        width = self.size.width or 80
        fixed = {"when": 18, "due": 10 if wide else 8, "citizen": 24 if wide else 18, "owner": 12 if wide else 0}
        what = max(12, width - sum(fixed.values()) - 2 * (4 + wide) - 2)
        table.add_column(_("When"), key="when", width=fixed["when"])
        table.add_column(_("Due"), key="due", width=fixed["due"])
        table.add_column(_("Citizen"), key="citizen", width=fixed["citizen"])
        table.add_column(_("What"), key="what", width=what)
        if wide:
            table.add_column(_("Owner"), key="owner", width=fixed["owner"])
        self._wide = wide
        groups = group_items(self.items or [], today)
        for urgency, title, heading_style in GROUPS:
            members = groups[urgency]
            if not members:
                continue
            table.add_heading(Text(f"{_(title)} ({len(members)})", style=style(heading_style)),
                              key=f"group:{urgency.value}")
            for item in members:
                table.add_row(*self._cells(item, wide), key=f"{item.kind.value}:{item.ref_id}")
        if self._follow_key is not None:
            keep, self._follow_key = self._follow_key, None
        if self._keep_row is not None and table.row_count:
            table.move_cursor(row=min(self._keep_row, table.row_count - 1))
            self._keep_row = None
        elif not table.move_to_key(keep):
            first = next(table.item_rows(), None)
            if first is not None:
                table.move_cursor(row=first)
        self._summary(groups)
        self.show_why()

    def _cells(self, item, wide: bool) -> list[Text]:  # noqa: ANN001 - WorkItem
        today, style = self.app.today, self.app.theme_style
        if item.done:
            when = Text(_("✓ done"), style=style("$success"))
        else:
            overdue = item.due < today
            when = Text(("⚠ " if overdue else "") + days_phrase(item.due, today),
                        style=style("bold $error") if overdue else "")
        what = literal(work_item_text(item), style="strike" if item.done else "")
        if item.kind in (WorkKind.CTI_CONTACT, WorkKind.MEASURE):
            what.stylize(style("$secondary"))
        elif item.kind is WorkKind.RULE:
            what = Text("§ ", style=style("bold $accent")) + what
        cells = [when, Text(date_text(item.due, short=not wide)), literal(item.citizen_name), what]
        if wide:
            cells.append(literal(item.owner))
        return cells

    def _summary(self, groups: dict) -> None:
        parts = []
        for urgency, title, _style in GROUPS:
            n = len(groups[urgency])
            kind = {"overdue": "alert", "today": "warn"}.get(urgency.value, "") if n else "muted"
            parts.append((f"{_(title)}: {n}", kind))
        if not self.items:
            parts = [(_("Nothing is due: no open follow-ups or CTI contacts."), "ok")]
        self.query_one(SummaryLine).show_parts(parts)

    # -- actions ----------------------------------------------------------------------
    def _current_item(self):  # noqa: ANN202
        key = self.table.current_key
        if not key or key.startswith("group:"):
            return None
        return next((i for i in self.items or [] if f"{i.kind.value}:{i.ref_id}" == key), None)

    def action_open(self) -> None:
        """Open the citizen on the tab where the item lives."""
        item = self._current_item()
        if item is not None:
            self.app.open_citizen(str(item.citizen_id), _tab_of(item))

    @on(DataTable.RowHighlighted, "#worklist")
    def show_why(self) -> None:
        item = self._current_item()
        why = self.query_one("#worklist-why", Static)
        if item is None or item.kind is not WorkKind.RULE:
            why.display = False
            return
        what, reason = item.rule.words(language())
        line = Text("§ ", style=self.app.theme_style("bold $accent")) + literal(what) + Text(" — ") + literal(reason)
        line.append(f"  ({item.rule.source}" + (", " + _("provisional") if item.rule.provisional else "") + ")",
                    style="dim")
        why.update(line)
        why.display = True

    @on(DataTable.RowSelected, "#worklist")
    def _row_selected(self) -> None:
        self.action_open()

    def action_toggle_done(self) -> None:
        item = self._current_item()
        if item is None:
            return
        if item.kind is WorkKind.RULE:
            self.notify(_("A rule item is done by doing the work (the follow-up, the meeting, the consent); "
                          "d dismisses it with a reason."), title=_("Rule item"), markup=False)
            return
        if item.kind is WorkKind.MEASURE:
            self.notify(_("A due measure is done when measures are recorded: M records them."),
                        title=_("Measure"), markup=False)
            return
        if item.kind is not WorkKind.FOLLOW_UP:
            self.notify(_("A CTI contact is done when a check-in is recorded on the citizen's CTI tab."),
                        title=_("CTI contact"), markup=False)
            return
        self.set_done(item.ref_id, not item.done, work_item_text(item))

    def set_done(self, follow_up_id, done: bool, title: str, *, undoing: bool = False) -> None:  # noqa: ANN001
        def job(services):  # noqa: ANN001, ANN202 - worker thread
            services.set_follow_up_done(follow_up_id, done)
            return FollowUpToggled(follow_up_id, done, title, undoing)

        self.write(job)

    def action_undo(self) -> None:
        last = self.app.undo_stack.pop() if self.app.undo_stack else None
        if last is None:
            self.notify(_("Nothing to undo."), markup=False)
            return
        follow_up_id, was_done, title = last
        self.set_done(follow_up_id, was_done, title, undoing=True)

    def action_reschedule(self) -> None:
        """A new due date for the follow-up under the cursor."""
        from ..modals.follow_up import RescheduleForm

        item = self._current_item()
        if item is None:
            return
        if item.kind is WorkKind.RULE:
            self.notify(_("A rule's date follows from the law; d dismisses the item with a reason."),
                        title=_("Rule item"), markup=False)
            return
        if item.kind is WorkKind.MEASURE:
            self.notify(_("A measure is due at start, at each CTI phase change, at the end and otherwise every few "
                          "months; M records it."), title=_("Measure"), markup=False)
            return
        if item.kind is not WorkKind.FOLLOW_UP:
            self.notify(_("A CTI contact moves when a check-in is recorded on the citizen's CTI tab."),
                        title=_("CTI contact"), markup=False)
            return
        if item.done:
            self.notify(_("This follow-up is done; x marks it undone first."), markup=False)
            return
        self._follow_key = f"{item.kind.value}:{item.ref_id}"
        self.app.push_screen(RescheduleForm(item.ref_id, work_item_text(item), item.due))

    def action_new_follow_up(self) -> None:
        """A new follow-up for the citizen of the line under the cursor."""
        from ..modals.follow_up import FollowUpForm

        item = self._current_item()
        if item is not None:
            self.app.push_screen(FollowUpForm(str(item.citizen_id), item.citizen_name))

    def action_record_measures(self) -> None:
        """Measures for the citizen of the line under the cursor (a due measure is done by recording one)."""
        from ..modals.measure import MeasureForm

        item = self._current_item()
        if item is not None:
            self._keep_row = self.table.cursor_row
            self.app.push_screen(MeasureForm(item.citizen_id, item.citizen_name), lambda _result: self.reload())

    def action_dismiss_rule(self) -> None:
        """Dismiss the rule item under the cursor, with a reason."""
        from ..modals.rule_decision import DismissRuleForm

        item = self._current_item()
        if item is None:
            return
        if item.kind is not WorkKind.RULE:
            self.notify(_("Only a rule item is dismissed; x marks a follow-up done."), markup=False)
            return
        self.app.push_screen(DismissRuleForm(item))

    def action_show_rules(self) -> None:
        from .rules import RulesScreen

        self.app.push_screen(RulesScreen())


    def action_show_report(self) -> None:
        from .report import ReportScreen

        self.app.push_screen(ReportScreen())

    def action_save_sheet(self) -> None:
        """The open follow-ups and CTI contacts as a spreadsheet file (ui/modals/save_file.py)."""
        from ...paths import documents_dir
        from ..modals.save_file import SpreadsheetForm

        self.app.push_screen(SpreadsheetForm("worklist", documents_dir(), self.app.today))

    @on(FollowUpToggled)
    def _toggled(self, message: FollowUpToggled) -> None:
        if message.undoing:
            self._follow_key = f"{WorkKind.FOLLOW_UP.value}:{message.follow_up_id}"
            self.notify(_("Undone: {title}").format(title=one_line(message.title)), markup=False)
        else:
            self._keep_row = self.table.cursor_row
            self.app.undo_stack.append((message.follow_up_id, not message.done, message.title))
            undo = key_display(self.app, BY_ID["undo"], self.app.keymap)
            text = _("Done: {title}") if message.done else _("Not done: {title}")
            self.notify(text.format(title=one_line(message.title)) + " " + _("Press {key} to undo.").format(key=undo),
                        markup=False)
        if message.undoing or message.done:  # for a guided tour waiting for it (ui/trainer.py)
            self.app.tour_event("follow_up_undone" if message.undoing else "follow_up_done", self)
        self.reload()


_RULE_TABS = {"placement_follow_up": "work", "fleksjob_follow_up": "work", "plan_review": "plan", "consent": "plan",
              "cti_follow_up": "cti"}


def _tab_of(item) -> str:  # noqa: ANN001 - WorkItem
    """The citizen tab where the work of a line is done (interviews and contact: the timeline)."""
    if item.kind is WorkKind.CTI_CONTACT:
        return "cti"
    if item.kind is WorkKind.MEASURE:
        return "progress"
    if item.kind is WorkKind.RULE:
        return _RULE_TABS.get(item.rule.rule_type, "timeline")
    return "follow_ups"
