"""Laptop sync in the app (issue 11): what the top bar says, and a sync in
a thread worker shortly after start, ``SYNC_EVERY`` seconds after the last
one ended, and on "Sync now".

Nothing here waits for the network on the UI thread: the worker runs
``Services.sync()`` and posts one message when it ends (never one per row),
so keys are answered while a long sync runs. Whether the database is a
laptop is learnt once a screen has opened it (the first caseload comes
from a quicker path that must not be overtaken). A sync that fails leaves
the state "offline" with its sentence; only "Sync now" shows the sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.signal import Signal
from textual.worker import get_current_worker

from ..i18n import _, ngettext
from .messages import SyncChecked, SyncFinished

if TYPE_CHECKING:
    from textual.timer import Timer

    from ..services import Services

LAPTOP_ONLY = frozenset({"sync_now", "refused_changes"})  # registry ids
SKEW_WARNING = 3600  # seconds the laptop's clock may be off before the app says so


class SyncState:
    """What the app knows about sync; the top bars read it (UI thread only)."""

    def __init__(self) -> None:
        self.laptop: bool | None = None  # None until the database is open
        self.status: Any = None  # domain.sync.SyncStatus, on a laptop
        self.running = False
        self.conflicts = 0  # open conflicts (on a desk: those of the caseworker's citizens)

    @property
    def quarantined(self) -> int:
        return self.status.quarantined if self.status is not None else 0


def sync_summary(report: Any) -> str:  # noqa: ANN401 - SyncReport
    parts = [ngettext("{n} change sent", "{n} changes sent", report.sent).format(n=report.sent),
             ngettext("{n} record received", "{n} records received", report.pulled).format(n=report.pulled)]
    if report.left:
        parts.append(ngettext("{n} citizen left this laptop", "{n} citizens left this laptop", report.left)
                     .format(n=report.left))
    if report.quarantined:
        parts.append(ngettext("{n} change refused", "{n} changes refused", report.quarantined)
                     .format(n=report.quarantined))
    return _("Synced: {parts}.").format(parts=", ".join(parts))


class AppSync:
    """The app's side of sync (a mixin of EnplanApp, which calls ``init_sync``)."""

    SYNC_AFTER_START = 2.0  # seconds after the laptop database is known to be one
    SYNC_EVERY = 60.0  # seconds from the end of one sync to the start of the next

    def init_sync(self) -> None:
        self.sync_state = SyncState()
        self.sync_changed: Signal[SyncState] = Signal(self, "sync_changed")  # every TopBar listens
        self._sync_timer: Timer | None = None
        self._skew_said = False

    # -- the state ------------------------------------------------------------------------
    def check_sync(self, *, desk_too: bool = False) -> None:
        """Read the state again (after a write on a laptop; on a desk only when asked)."""
        if self.sync_state.laptop or desk_too:
            self._check_sync()

    @work(thread=True, exclusive=True, group="sync-status", exit_on_error=False)
    def _check_sync(self) -> None:
        worker = get_current_worker()
        backend = self.backend
        while not backend.ready.wait(0.1):
            if worker.is_cancelled:
                return
        if not backend.is_open:
            return  # the screens say why the database cannot be opened
        try:
            message = SyncChecked.read(backend.services(), self.caseworker or None)
        except Exception:  # noqa: BLE001 - the state line is extra; the screens report a failing database
            return
        if not worker.is_cancelled:
            self.post_message(message)

    # (handlers by name: @on in a mixin is not seen by Textual's metaclass)
    def on_sync_checked(self, message: SyncChecked) -> None:
        state = self.sync_state
        first = state.laptop is None
        state.laptop, state.conflicts = message.laptop, message.conflicts
        if message.status is not None:
            state.status = message.status
        self.sync_changed.publish(state)
        if first:
            self.refresh_bindings()  # "Sync now" and the refused changes are offered on a laptop only
            if message.laptop:
                self._schedule_sync(self.SYNC_AFTER_START)

    def offers(self, action_id: str) -> bool:
        """Whether a registry action is offered on this database at all (help and the palette
        leave it out): "Sync now" and the refused changes only on a laptop."""
        return action_id not in LAPTOP_ONLY or bool(self.sync_state.laptop)

    def sync_check_action(self, action: str) -> bool | None:
        if action in ("sync_now", "show_refused") and not self.sync_state.laptop:
            return False
        return None

    # -- syncing --------------------------------------------------------------------------
    def _schedule_sync(self, delay: float) -> None:
        if self._sync_timer is not None:
            self._sync_timer.stop()
        self._sync_timer = self.set_timer(delay, self._timed_sync)

    def _timed_sync(self) -> None:
        self._sync_timer = None
        self.start_sync(asked=False)

    def action_sync_now(self) -> None:
        self.start_sync(asked=True)

    def start_sync(self, *, asked: bool) -> None:
        state = self.sync_state
        if not state.laptop:
            return
        if state.running:
            if asked:
                self.notify(_("A sync is already running."), title=_("Sync"), markup=False)
            return
        if self._sync_timer is not None:
            self._sync_timer.stop()
            self._sync_timer = None
        state.running = True
        self.sync_changed.publish(state)
        self._sync(asked)

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def _sync(self, asked: bool) -> None:
        """Push and pull in this thread; one message when it ends."""
        from ..failures import describe
        from .text import error_text

        report, error, status, services = None, "", None, None
        try:
            services = self.backend.services()
            report = services.sync()
        except Exception as exc:  # noqa: BLE001 - kept as the state's problem; "Sync now" says it
            # Only an asked sync may write a crash report for an unexpected error (not one a minute).
            error = error_text(exc) if asked else (describe(exc) or "")
        try:
            status = services.sync_status() if services is not None else None
        except Exception:  # noqa: BLE001 - the bar keeps the last state it had
            status = None
        self.post_message(SyncFinished(report, status, error, asked))

    def on_sync_finished(self, message: SyncFinished) -> None:
        state = self.sync_state
        state.running = False
        if message.status is not None:
            state.status, state.conflicts = message.status, message.status.conflicts
        self.sync_changed.publish(state)
        report = message.report
        if message.asked and message.error:
            self.notify(message.error, title=_("Sync"), severity="error", markup=False, timeout=10)
        elif message.asked and report is not None:
            self.notify(sync_summary(report), title=_("Sync"), markup=False)
        if report is not None:
            self._warn_clock_skew(report)
        if report is not None and report.left_ids:
            self._close_citizens_that_left(report.left_ids)
        screen = self.screen  # screens further down reload when they are shown again
        after_sync = getattr(screen, "after_sync", None)
        if after_sync is not None:
            after_sync(report is not None and bool(report.pulled or report.left))
        self._schedule_sync(self.SYNC_EVERY)

    def _close_citizens_that_left(self, left: frozenset[str]) -> None:
        """A citizen open here was reassigned, closed or erased on the server: this laptop holds them no more."""
        if any(getattr(s, "citizen_id", None) in left for s in self.screen_stack):
            if not any(getattr(s, "IS_FORM", False) for s in self.screen_stack):  # a form keeps its text open
                self.action_open_caseload()
            self.notify(_("A citizen you had open moved to another caseworker or was closed or erased on the "
                          "server; this laptop no longer holds them."), title=_("Sync"), markup=False, timeout=10)

    def _warn_clock_skew(self, report: Any) -> None:  # noqa: ANN401 - SyncReport
        hours = round(abs(report.clock_skew.total_seconds()) / 3600)
        if self._skew_said or abs(report.clock_skew.total_seconds()) <= SKEW_WARNING:
            return
        self._skew_said = True
        self.notify(ngettext("This laptop's clock is off by {n} hour; changes are ordered by the server, "
                             "but set the clock right.",
                             "This laptop's clock is off by {n} hours; changes are ordered by the server, "
                             "but set the clock right.", hours).format(n=hours),
                    title=_("Sync"), severity="warning", markup=False, timeout=10)

    # -- the screens ----------------------------------------------------------------------
    def action_show_conflicts(self) -> None:
        from .screens.conflicts import ConflictsScreen

        self._open_sync_screen(ConflictsScreen)

    def action_show_refused(self) -> None:
        from .screens.refused import RefusedScreen

        self._open_sync_screen(RefusedScreen)

    def _open_sync_screen(self, screen_class: type) -> None:
        self._close_modals()
        if isinstance(self.screen, screen_class):
            return
        self.push_screen(screen_class())
