"""The base of the list editors (plan, placements, employers): a table of
records with a cursor, loaded in a thread worker, and one key per action.
Forms opened from an editor reload it when they saved; a form that met
someone else's save (RELOAD) is opened again on the fresh data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ...i18n import _
from ..actions import APP, LIST, translate_bindings
from ..forms import RELOAD, Saved
from ..messages import EditorLoaded
from ..text import error_text
from ..widgets.lists import VimDataTable
from ..widgets.key_footer import KeyFooter


class EditorModal(ModalScreen):
    SCOPE = ""

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.data: Any = None
        self._reopen: Callable[[], Screen] | None = None

    @property
    def HELP_SCOPES(self) -> tuple[str, ...]:  # noqa: N802 - the name screens use
        return (self.SCOPE, LIST, APP)

    @property
    def help_title(self) -> str:
        return self.title_text()

    def title_text(self) -> str:
        raise NotImplementedError

    def fetch(self, services: Any) -> Any:  # noqa: ANN401 - worker thread
        raise NotImplementedError

    def show(self, data: Any) -> None:  # noqa: ANN401
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(id="editor"):
            yield Static(Text(self.title_text()), id="editor-title")
            yield VimDataTable(id="editor-table")
        yield KeyFooter()

    @property
    def table(self) -> VimDataTable:
        return self.query_one("#editor-table", VimDataTable)

    def set_columns(self, spec: list[tuple[str, str, int]]) -> None:
        """Columns (key, title, width); width 0 takes what is left of the panel."""
        table = self.table
        table.clear(columns=True)
        room = min(self.app.size.width or 80, 100) - 4 - 2 * len(spec) - 1
        flexible = max(12, room - sum(w for _k, _t, w in spec))
        for key, title, width in spec:
            table.add_column(title, key=key, width=width or flexible)

    def on_mount(self) -> None:
        self.table.loading = True
        self.table.focus()
        self.load()

    def load(self) -> None:
        self._fetch()

    @work(thread=True, exclusive=True, group="editor", exit_on_error=False)
    def _fetch(self) -> None:
        try:
            data = self.fetch(self.app.backend.services())
        except Exception as exc:  # noqa: BLE001 - one line for the user
            self.post_message(EditorLoaded(exc))
            return
        self.post_message(EditorLoaded(data))

    @on(EditorLoaded)
    def _loaded(self, message: EditorLoaded) -> None:
        self.table.loading = False
        if isinstance(message.data, Exception):
            self.notify(error_text(message.data), title=_("Could not load"), severity="error", markup=False)
            return
        self.data = message.data
        self.show(message.data)
        factory, self._reopen = self._reopen, None
        if factory is not None:
            self.open_form(factory)

    def open_form(self, factory: Callable[[], Screen | None]) -> None:
        """Push a form; factories read ``self.data`` when called, so a form
        opened again after a reload is built from the fresh records."""
        def done(result: object) -> None:
            if result == RELOAD:
                self._reopen = factory
            if result == RELOAD or isinstance(result, Saved):
                self.load()

        screen = factory()
        if screen is None:
            self.notify(_("That record no longer exists."), markup=False)
            return
        self.app.push_screen(screen, done)

    def action_close(self) -> None:
        self.dismiss(None)
