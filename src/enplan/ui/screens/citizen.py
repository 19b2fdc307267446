"""Citizen: the header (name, masked CPR, target group, consent, CTI bar) and
five tabs on keys 1–5: Plan, Timeline, CTI, Work, Follow-ups.

Opening the screen logs one "view" in the audit log (in the worker, with the
first load); coming back to it later reloads without logging again.
Issue 4's recording forms are registry actions in the CITIZEN scope; their
``action_*`` methods live in ``citizen_actions.CitizenRecording``. The
Follow-ups tab is a list with a cursor (``x``, ``r``, ``enter`` act on it).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static, TabbedContent, TabPane

from ...i18n import _
from .. import citizen_views as views
from ..actions import APP, BY_ID, CITIZEN, CTI_MENU, LIST, bindings, key_display
from ..messages import CitizenLoaded, LoadFailed
from ..widgets.citizen_header import CitizenHeader
from ..widgets.cti_bar import CtiPhaseBar
from ..widgets.follow_up_table import FollowUpTable
from ..widgets.key_footer import KeyFooter
from ..widgets.lists import ScrollPane
from ..text import N_
from ..widgets.top_bar import TopBar
from .base import EnplanScreen
from .citizen_actions import CitizenRecording
from .citizen_privacy import CitizenPrivacy

# (pane id, title msgid, registry id of its key, view function)
TABS = (
    ("plan", N_("Plan"), "tab_plan", views.plan_view),
    ("timeline", N_("Timeline"), "tab_timeline", views.timeline_view),
    ("cti", N_("CTI"), "tab_cti", views.cti_view),
    ("work", N_("Work"), "tab_work", views.work_view),
    ("follow_ups", N_("Follow-ups"), "tab_follow_ups", views.follow_ups_view),
)


class CitizenScreen(CitizenPrivacy, CitizenRecording, EnplanScreen):
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
                    with ScrollPane(id=f"{pane_id}-pane"):
                        if pane_id == "cti":
                            yield CtiPhaseBar(detailed=True, id="cti-detail-bar")
                        yield Static(_("Loading…"), id=f"{pane_id}-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#tabs").loading = True
        self.reload()

    def on_screen_resume(self) -> None:
        if self.detail is not None:
            self.reload()
        self._focus_pane()

    def reload(self) -> None:
        citizen_id, log_view = self.citizen_id, not self._viewed
        self._viewed = True

        def job(services):  # noqa: ANN001, ANN202 - worker thread
            if log_view:
                services.log_view(citizen_id)
            return CitizenLoaded(services.citizen_detail(citizen_id))

        self.read(job)

    # -- results ---------------------------------------------------------------------
    @on(CitizenLoaded)
    def _loaded(self, message: CitizenLoaded) -> None:
        self.detail = message.detail
        self.query_one("#tabs").loading = False
        self.refresh_view()
        self._focus_pane()
        self.after_load()

    @on(LoadFailed)
    def _failed(self, message: LoadFailed) -> None:
        self.query_one("#tabs").loading = False
        self.query_one(CitizenHeader).show_error(_("Could not open this citizen: {error}").format(error=message.error))
        self.notify(message.error, title=_("Citizen"), severity="error", markup=False)

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
        view = next(v for p, _t, _a, v in TABS if p == pane_id)
        limit = self._limits.get(pane_id, views.PAGE)
        self.query_one(f"#{pane_id}-body", Static).update(view(self.detail, self.app.today, self.app.theme_style, limit))
        self._rendered.add(pane_id)

    @on(ScrollPane.ReachedEnd)
    def _show_more(self, message: ScrollPane.ReachedEnd) -> None:
        pane_id = (message.pane.id or "").removesuffix("-pane")
        limit = self._limits.get(pane_id, views.PAGE)
        if self.detail is not None and views.history_size(pane_id, self.detail) > limit:
            self._limits[pane_id] = self._limits.get(pane_id, views.PAGE) + views.PAGE
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
