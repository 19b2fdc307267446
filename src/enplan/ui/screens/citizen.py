"""Citizen: the header (name, masked CPR, target group, consent, CTI bar) and
six tabs on keys 1–6: Plan, Timeline, CTI, Work, Follow-ups, Progress.

Opening the screen logs one "view" in the audit log (in the worker, with the
first load); coming back to it later reloads without logging again.

The app keeps one installed CitizenScreen and hands it the next citizen
(``show_citizen``), which first clears everything of the last one: building
the screen's widgets again for every citizen cost most of the time to open
one. The screen then loads the citizen while still hidden and shows itself
with the plan drawn (or after ``SHOW_LOADING_AFTER`` with "Loading…", on a
slow database), so a citizen appears once, complete. That first load holds
only the newest ``FIRST_HISTORY`` entries of each history (the Plan tab
needs none); the newest ``PAGE`` follow in the background, and scrolling to
the end of a history tab loads more.
Issue 4's recording forms are registry actions in the CITIZEN scope; their
``action_*`` methods live in ``citizen_actions.CitizenRecording``. The
Follow-ups tab is a list with a cursor (``x``, ``r``, ``enter`` act on it).
The Progress tab (``citizen_progress``) loads the measures when it is shown.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static, TabbedContent, TabPane

from ...i18n import _
from .. import citizen_views as views
from ..actions import APP, BY_ID, CHANGES_RECORD, CITIZEN, CTI_MENU, LIST, bindings, key_display
from ..messages import CitizenLoaded, LoadFailed
from ..widgets.citizen_header import CitizenHeader
from ..widgets.cti_bar import CtiPhaseBar
from ..widgets.follow_up_table import FollowUpTable
from ..widgets.key_footer import KeyFooter
from ..widgets.lists import ScrollPane
from ..widgets.progress_table import ProgressTable
from ..text import N_
from ..widgets.top_bar import TopBar
from .base import EnplanScreen
from .citizen_actions import CitizenRecording
from .citizen_privacy import CitizenPrivacy
from .citizen_progress import CitizenProgress

SHOW_LOADING_AFTER = 0.25  # seconds a reused screen waits for its data before showing "Loading…"
FIRST_HISTORY = 10  # history entries of each kind in the first load when opening on a non-history tab

# (pane id, title msgid, registry id of its key, view function; None: a list widget of its own)
TABS = (
    ("plan", N_("Plan"), "tab_plan", views.plan_view),
    ("timeline", N_("Timeline"), "tab_timeline", views.timeline_view),
    ("cti", N_("CTI"), "tab_cti", views.cti_view),
    ("work", N_("Work"), "tab_work", views.work_view),
    ("follow_ups", N_("Follow-ups"), "tab_follow_ups", views.follow_ups_view),
    ("progress", N_("Progress"), "tab_progress", None),
)


class CitizenScreen(CitizenPrivacy, CitizenProgress, CitizenRecording, EnplanScreen):
    SCOPE = CITIZEN
    HELP_SCOPES = (CITIZEN, LIST, APP)
    PALETTE_SCOPES = (CITIZEN, CTI_MENU, LIST, APP)  # "CTI: advance …" runs without the C menu
    BINDINGS = bindings(CITIZEN)

    def __init__(self, citizen_id: str, tab: str = "plan") -> None:
        super().__init__()
        self.citizen_id = citizen_id
        self.detail = None
        self.initial_tab = tab
        self._viewed = False  # the audit "view" is logged once per opening
        self._rendered: set[str] = set()  # tabs are rendered when first shown
        self._limits: dict[str, int] = {}  # entries shown per tab (long histories grow on scroll)
        self._history = views.PAGE  # newest entries of each history kind wanted …
        self._loaded_history = 0  # … and the history_limit ``detail`` was loaded with
        self._awaiting_show: Screen | None = None  # the screen we open from, until shown
        self._fresh = False  # loaded while hidden: showing needs no second load
        self._show_timer: Timer | None = None
        self._notes_shown: set = set()  # handover notes shown in this session (issue 15)

    def show_citizen(self, citizen_id: str, tab: str = "plan") -> None:
        """Reuse this (hidden) screen for another citizen: clear everything of
        the last one (nothing of theirs may show, even for a frame), load the
        new one, and push this screen when the data is drawn."""
        self.citizen_id = citizen_id
        self.detail = None
        self._viewed = False
        self._rendered.clear()
        self._limits.clear()
        self._history = views.PAGE
        self._loaded_history = 0
        self._last_deleted = None
        self._reopen = None
        self.query_one(CitizenHeader).clear()
        self.query_one("#cti-detail-bar", CtiPhaseBar).display = False
        for pane_id, _title, _action, _view in TABS:
            if pane_id == "follow_ups":
                self.query_one(FollowUpTable).clear(columns=True)
            elif pane_id == "progress":
                self.forget_progress()
            else:
                self.query_one(f"#{pane_id}-body", Static).update(_("Loading…"))
                self.query_one(f"#{pane_id}-pane", ScrollPane).scroll_home(animate=False, immediate=True)
        self.query_one(TabbedContent).active = tab
        self._fresh = False
        self._awaiting_show = self.app.screen
        self.reload(views.PAGE if tab in views.HISTORY_TABS else FIRST_HISTORY)
        if self._show_timer is not None:
            self._show_timer.stop()
        self._show_timer = self.set_timer(SHOW_LOADING_AFTER, self._show_now)

    def _show_now(self) -> None:
        """Push this screen, unless the user has moved on meanwhile."""
        opened_from, self._awaiting_show = self._awaiting_show, None
        if opened_from is not None and self.app.screen is opened_from and self not in self.app.screen_stack:
            self.app.push_screen(self)

    @property
    def help_title(self) -> str:
        return _("Citizen")

    def compose(self) -> ComposeResult:
        yield TopBar(_("Citizen"))
        yield CitizenHeader()
        keymap = self.app.keymap
        with TabbedContent(initial=self.initial_tab, id="tabs"):
            for pane_id, title, action_id, _view in TABS:
                keys = key_display(self.app, BY_ID[action_id], keymap)
                with TabPane(f"{keys} {_(title)}", id=pane_id):
                    if pane_id == "follow_ups":
                        yield FollowUpTable(id="follow_ups-pane")
                        continue
                    if pane_id == "progress":
                        yield ProgressTable(id="progress-pane")
                        continue
                    with ScrollPane(id=f"{pane_id}-pane"):
                        if pane_id == "cti":
                            yield CtiPhaseBar(detailed=True, id="cti-detail-bar")
                        yield Static(_("Loading…"), id=f"{pane_id}-body")
        yield KeyFooter()

    def on_screen_resume(self) -> None:
        # The first load, a new citizen loaded while hidden, or back from a form.
        if self._fresh:
            self._fresh = False
        else:
            self.reload()
        self._focus_pane()

    def reload(self, history: int | None = None) -> None:
        citizen_id, first, history = self.citizen_id, not self._viewed, history or self._history
        self._viewed = True

        def job(services):  # noqa: ANN001, ANN202 - worker thread
            read = services.view_citizen if first else services.citizen_detail  # the opening is audited
            return CitizenLoaded(read(citizen_id, history_limit=history), history)

        self.read(job)

    # -- results ---------------------------------------------------------------------
    @on(CitizenLoaded)
    def _loaded(self, message: CitizenLoaded) -> None:
        if message.detail.citizen.id.hex != self.citizen_id.replace("-", "").lower():
            return  # a slow load of the citizen shown before
        self.detail = message.detail
        self._loaded_history = message.history or self._history
        self.refresh_bindings()  # a leader reading a colleague's citizen: no forms offered (check_action)
        self.refresh_view()
        self.call_after_refresh(self.prefetch_progress)
        if self._loaded_history < self._history:
            self.call_after_refresh(self.reload)  # the rest of the first page of history, once painted
        if self._awaiting_show is not None:
            self._fresh = True
            self._show_now()
            self.call_after_refresh(self._handover_note_first)
            return
        self._focus_pane()
        self.after_load()
        self._handover_note_first()

    def _handover_note_first(self) -> None:
        """A handover's unread note for this caseworker comes first (issue 15); read once closed."""
        spell = self.detail.caseworkers[-1] if self.detail and self.detail.caseworkers else None
        if (spell is None or spell.ended_at is not None or not spell.note or spell.note_read_at is not None
                or spell.caseworker != self.app.caseworker or spell.id in self._notes_shown
                or self.app.screen is not self):
            return
        from ..modals.handover import HandoverNoteModal

        self._notes_shown.add(spell.id)

        def read(_answer: object) -> None:
            self.write(lambda services: services.mark_handover_note_read(spell.id))

        self.app.push_screen(HandoverNoteModal(self.detail.citizen.name, spell), read)

    @on(LoadFailed)
    def _failed(self, message: LoadFailed) -> None:
        self._show_now()
        self.query_one(CitizenHeader).show_error(_("Could not open this citizen: {error}").format(error=message.error))
        self.notify(message.error, title=_("Citizen"), severity="error", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not self.withholds_from_user(action)

    def withholds_from_user(self, action: str) -> bool:
        """A team leader reading a colleague's citizen is not offered what changes the record (keys, footer,
        palette and help)."""
        return self.detail is not None and self.detail.leader_reads and action in CHANGES_RECORD

    def refresh_view(self) -> None:
        if self.detail is None:
            return
        today = self.app.today
        self.query_one(CitizenHeader).show(self.detail, today)
        bar = self.query_one("#cti-detail-bar", CtiPhaseBar)
        bar.display = self.detail.cti is not None
        bar.show(self.detail.cti, today)
        self._rendered.clear()
        self._render_tab(self.active_tab)

    def _render_tab(self, pane_id: str) -> None:
        """Build one tab's view (only the visible one: a long timeline costs time)."""
        if self.detail is None or not pane_id or pane_id in self._rendered:
            return
        if pane_id == "follow_ups":
            self.query_one(FollowUpTable).show(self.detail.follow_ups, self.app.today, self.app.theme_style,
                                               self.size.width or 80)
            self._rendered.add(pane_id)
            return
        if pane_id == "progress":
            self.open_progress_tab()
            self._rendered.add(pane_id)
            return
        view = next(v for p, _t, _a, v in TABS if p == pane_id)
        limit = self._limits.get(pane_id, views.PAGE)
        if pane_id in views.HISTORY_TABS:
            limit = min(limit, self._loaded_history)  # never more than the newest loaded of every kind
        self.query_one(f"#{pane_id}-body", Static).update(view(self.detail, self.app.today, self.app.theme_style, limit))
        self._rendered.add(pane_id)

    @on(ScrollPane.ReachedEnd)
    def _show_more(self, message: ScrollPane.ReachedEnd) -> None:
        pane_id = (message.pane.id or "").removesuffix("-pane")
        limit = self._limits.get(pane_id, views.PAGE)
        if self.detail is None or views.history_size(pane_id, self.detail) <= limit:
            return
        limit = self._limits[pane_id] = limit + views.PAGE
        if pane_id in views.HISTORY_TABS and limit > self._history:
            self._history = limit  # older entries come from the database; the tab redraws when they arrive
            self.reload()
            return
        self._rendered.discard(pane_id)
        self._render_tab(pane_id)

    # -- actions ------------------------------------------------------------------------
    @property
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active

    def action_show_tab(self, pane_id: str) -> None:
        self.query_one(TabbedContent).active = pane_id
        self._focus_pane()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self) -> None:
        self._render_tab(self.active_tab)
        self._focus_pane()

    def _focus_pane(self) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active:
            self.query_one(f"#{tabs.active}-pane").focus()
