"""What every enplan screen shares: registry bindings, the top bar and footer,
and the two kinds of thread worker (reads and writes) that talk to services.

Workers never touch widgets. A job is a function ``Services -> Message``;
the worker posts the message back to the screen, whose handler updates the
view. A database that cannot be opened at all is reported to the app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.events import ScreenResume
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from ..actions import APP, actions_in, translate_bindings
from ..backend import BackendUnavailable
from ..messages import DatabaseUnavailable, LoadFailed
from ..text import error_text

if TYPE_CHECKING:
    from ...services import Services

Job = Callable[["Services"], Message]


class EnplanScreen(Screen):
    """Base screen. Subclasses set ``SCOPE``, ``HELP_SCOPES`` and ``BINDINGS``."""

    SCOPE = ""
    HELP_SCOPES: tuple[str, ...] = (APP,)
    TITLE_TEXT = ""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self._styled_theme = ""  # the theme our widgets were last styled for

    def _on_mount(self) -> None:
        self._styled_theme = self.app.theme  # mounting styled every widget

    def _on_screen_resume(self, event: ScreenResume) -> None:
        """Runs before Textual's own resume handling, which restyles every
        widget of the screen (~20 ms for the citizen screen, on each return to
        it); only a theme changed while the screen was hidden needs that."""
        if self._styled_theme == self.app.theme:
            event.refresh_styles = False
        self._styled_theme = self.app.theme
        self.app.check_sync()  # back from a form: on a laptop, one more change may be waiting

    @property
    def help_title(self) -> str:
        return self.TITLE_TEXT

    def withholds_from_user(self, action: str) -> bool:
        """Whether this user is never offered ``action`` here (keys, footer, palette and help): a team
        leader reading a colleague's citizen (screens/citizen.py). None by default."""
        return False

    # -- workers ----------------------------------------------------------------
    @work(thread=True, exclusive=True, group="read", exit_on_error=False)
    def read(self, job: Job) -> None:
        """Run a read job; a newer read supersedes (and silences) an older one."""
        worker = get_current_worker()
        message = self._run(job)
        if message is not None and not worker.is_cancelled:
            self.post_message(message)

    @work(thread=True, group="write", exit_on_error=False)
    def write(self, job: Job) -> None:
        """Run a write job; writes are never cancelled or superseded. On a laptop the
        top bar's count of waiting changes follows (read in this thread)."""
        message = self._run(job)
        if message is not None:
            self.post_message(message)
        if self.app.sync_state.laptop:
            from ..messages import SyncChecked

            try:
                self.app.post_message(SyncChecked.read(self.app.backend.services(), None))
            except Exception:  # noqa: BLE001 - the state line is extra
                pass

    def write_call(self, call: Callable[[Any], object], done_text: str) -> None:
        """One service call as a write: WriteDone(done_text), or WriteFailed with one sentence."""
        from ..messages import WriteDone, WriteFailed

        def job(services: Any) -> Message:  # noqa: ANN401 - worker thread
            try:
                call(services)
            except Exception as exc:  # noqa: BLE001 - shown as one line
                return WriteFailed(error_text(exc))
            return WriteDone(done_text)

        self.write(job)

    def _run(self, job: Job) -> Message | None:
        try:
            return job(self.app.backend.services())
        except BackendUnavailable as exc:
            self.app.post_message(DatabaseUnavailable(str(exc)))
            return None
        except Exception as exc:  # noqa: BLE001 - shown to the user as one line, never swallowed
            return LoadFailed(error_text(exc))

    # -- common actions ---------------------------------------------------------
    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def refresh_view(self) -> None:
        """Re-render from data already loaded (after a theme change)."""

    def after_sync(self, changed: bool) -> None:
        """A laptop sync ended while this screen was shown; ``changed``: it pulled
        records or dropped citizens, so what is shown may be out of date."""
        reload = getattr(self, "reload", None)
        if changed and reload is not None:
            reload()

    def footer_actions(self) -> list[str]:
        """Ids of this screen's actions shown in the footer (for tests and docs)."""
        return [a.id for a in actions_in(self.SCOPE) if a.show]
