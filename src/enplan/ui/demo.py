"""Demo data in the app (issue 14): knowing that the database is a demo,
and starting the demo again from the palette ("Demo: start again").

The app is told it runs on demo data by ``enplan demo``; it also finds out
by itself once the database is open (its demo mark, store/demo_mark.py), so
``enplan --db demo.db`` says "DEMO DATA" on every screen too.

Starting again asks once, then in a thread worker builds a fresh demo for
today in a new file beside the open one (the app keeps working on the old
meanwhile), closes the database, renames the new file into place (the old
one's WAL and shm removed first), opens it again and reads the caseload;
the app then shows that caseload with nothing of before kept (the undo
list, the citizen screen). A failure is one sentence, and the old demo
stays open as it was.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from ..i18n import _

if TYPE_CHECKING:
    from pathlib import Path


class DemoChecked(Message):
    """The database was opened: whether it holds demo data."""

    def __init__(self, demo: bool) -> None:
        super().__init__()
        self.demo = demo


class DemoStartedAgain(Message):
    """The demo was rebuilt (``error`` empty) or could not be (its sentence); the fresh caseload."""

    def __init__(self, error: str = "", caseload: Any = None, seconds: float = 0.0) -> None:  # noqa: ANN401
        super().__init__()
        self.error = error
        self.caseload = caseload  # (rows, summary), as services.caseload_view gives them
        self.seconds = seconds


class AppDemo:
    """A mixin of EnplanApp (as AppSync is): ``demo``, ``backend``, ``today`` are the app's."""

    demo: bool
    demo_reset_seconds: float | None = None  # the last start-again, from the answer to the fresh caseload

    # -- knowing it is a demo -------------------------------------------------------------
    def on_mount(self) -> None:  # dispatched besides EnplanApp.on_mount (Textual walks the MRO)
        self.screen_change_signal.subscribe(self, self._badge_modal)
        if not self.demo:
            self._check_demo()

    def _badge_modal(self, screen: Any = None) -> None:  # noqa: ANN401
        """A modal screen (a form, help, a menu) covers the top bar: it gets its own DEMO DATA."""
        from textual.command import CommandPalette
        from textual.screen import ModalScreen

        from .widgets.demo_badge import DemoBadge

        screen = self.screen
        if self.demo and isinstance(screen, ModalScreen) and not isinstance(screen, CommandPalette) \
                and not screen.query(DemoBadge):
            screen.mount(DemoBadge())

    def on_resize(self) -> None:
        from .widgets.demo_badge import DemoBadge

        for screen in self.screen_stack:
            for badge in screen.query(DemoBadge):
                badge.place()

    @work(thread=True, exclusive=True, group="demo-check", exit_on_error=False)
    def _check_demo(self) -> None:
        worker = get_current_worker()
        backend = self.backend
        quick = backend.quick_demo()  # a SQLite file: at once, so the first caseload says DEMO DATA
        if quick is not None:
            if quick and not worker.is_cancelled:
                self.post_message(DemoChecked(True))
            return
        while not backend.ready.wait(0.1):  # a screen opens the database; this only waits for it
            if worker.is_cancelled:
                return
        if not backend.is_open:
            return
        try:
            demo = backend.services().is_demo()
        except Exception:  # noqa: BLE001 - the screens report a failing database
            return
        if demo and not worker.is_cancelled:
            self.post_message(DemoChecked(True))

    def on_demo_checked(self, message: DemoChecked) -> None:
        if message.demo and not self.demo:
            self.demo = True
            self.sync_changed.publish(self.sync_state)  # every top bar listens, and says DEMO DATA
            self._badge_modal()
            self.refresh_bindings()

    # -- starting again ---------------------------------------------------------------------
    def demo_file(self) -> Path | None:
        """The demo's SQLite file, when the app may rebuild it: demo data, a file, not a laptop copy."""
        from ..paths import sqlite_path

        if not self.demo or self.sync_state.laptop is not False:  # a laptop copy, or not known yet
            return None
        return sqlite_path(self.backend.url)

    def offers(self, action_id: str) -> bool:
        if action_id == "demo_reset":
            return self.demo_file() is not None
        return super().offers(action_id)

    def action_demo_reset(self) -> None:
        from .modals.confirm import ConfirmModal

        if self.demo_file() is None or self._form_open():
            return
        self.push_screen(ConfirmModal(
            _("Start the demo again?"),
            _("Every practice change in this demo copy is lost: the demo starts again with fresh data for today."),
            warning=True), self._demo_reset_answered)

    def _demo_reset_answered(self, yes: bool | None) -> None:
        if yes:
            self.action_open_caseload()  # nothing of the old demo stays on screen
            self._start_demo_again(time.perf_counter())

    @work(thread=True, exclusive=True, group="demo-reset", exit_on_error=False)
    def _start_demo_again(self, started: float) -> None:
        from ..demo import build_demo, install_demo
        from ..failures import sentence_or_report

        path = self.demo_file()
        try:
            built = build_demo(self.today, path)  # beside the open file, which stays as it was until now
            services = self.backend.replace_database(lambda: install_demo(built, path, self.today))
            caseload = services.caseload_view(self.caseworker or None)
        except Exception as exc:  # noqa: BLE001 - one sentence; the app goes on
            self.post_message(DemoStartedAgain(error=sentence_or_report(exc, "demo", stopped=False)[0]))
            return
        self.post_message(DemoStartedAgain(caseload=caseload, seconds=time.perf_counter() - started))

    def on_demo_started_again(self, message: DemoStartedAgain) -> None:
        from .messages import CaseloadLoaded

        if message.error:
            self.notify(_("The demo could not start again, so its data are as they were: {error}").format(
                error=message.error), title=_("Demo"), severity="error", markup=False, timeout=10)
            return
        self.undo_stack.clear()
        self._drop_citizen_screen()
        self.action_open_caseload()
        caseload = self.screen_stack[0]
        caseload.post_message(CaseloadLoaded(*message.caseload))
        self.demo_reset_seconds = message.seconds
        self.check_sync(desk_too=True)  # conflicts and the like: none in a fresh demo
        self.notify(_("The demo has started again with fresh data."), title=_("Demo"), markup=False)

    def _drop_citizen_screen(self) -> None:
        screen, self._citizen_screen = self._citizen_screen, None
        if screen is not None and screen not in self.screen_stack:
            self.uninstall_screen(screen)
