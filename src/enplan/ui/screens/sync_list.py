"""The base of laptop sync's two screens (conflicts, refused changes): a list
with a cursor, the selected item in a pane below it, and one key per
choice. Items are immutable read models loaded in a thread worker; every
choice is one service call in a write worker, after which the list loads
again and the app reads the sync state again (the top bar's counts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from ...i18n import _
from ..messages import LoadFailed, SyncListLoaded, WriteDone, WriteFailed
from ..widgets.key_footer import KeyFooter
from ..widgets.lists import ScrollPane, VimDataTable
from ..widgets.summary_line import SummaryLine
from ..widgets.top_bar import TopBar
from .base import EnplanScreen


class SyncListScreen(EnplanScreen):
    """Subclasses set the scope, ``TITLE_TEXT``, ``LOADING`` and implement
    ``fetch``, ``columns``, ``cells``, ``detail`` and ``summary``."""

    AUTO_FOCUS = "#sync-list"  # styles: styles/screens.tcss
    LOADING = ""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Any] | None = None
        self._busy: set[str] = set()  # items with a choice on its way (a second key press waits)

    @property
    def help_title(self) -> str:
        return _(self.TITLE_TEXT)

    # -- what subclasses provide -------------------------------------------------------------
    def fetch(self, services: Any) -> list[Any]:  # noqa: ANN401 - worker thread
        raise NotImplementedError

    def columns(self, width: int) -> list[tuple[str, int]]:
        raise NotImplementedError

    def cells(self, item: Any) -> list[Text]:  # noqa: ANN401
        raise NotImplementedError

    def detail(self, item: Any) -> RenderableType:  # noqa: ANN401
        raise NotImplementedError

    def summary(self, items: list[Any]) -> list[tuple]:
        """The summary line's parts: (text, kind) or (text, kind, shorter text), see widgets/summary_line.py."""
        raise NotImplementedError

    def empty_text(self) -> str:
        raise NotImplementedError

    @staticmethod
    def key_of(item: Any) -> str:  # noqa: ANN401
        raise NotImplementedError

    # -- layout and loading -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TopBar(_(self.TITLE_TEXT))
        yield SummaryLine(_(self.LOADING), id="summary")
        yield VimDataTable(id="sync-list")
        with ScrollPane(id="sync-pane"):
            yield Static("", id="sync-detail")
        yield KeyFooter()

    @property
    def table(self) -> VimDataTable:
        return self.query_one("#sync-list", VimDataTable)

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self.items is not None:
            self.reload()

    def after_sync(self, changed: bool) -> None:
        self.reload()  # a sync may bring conflicts or refuse changes, whatever it pulled

    def reload(self) -> None:
        fetch = self.fetch
        self.read(lambda services: SyncListLoaded(fetch(services)))

    @on(SyncListLoaded)
    def _loaded(self, message: SyncListLoaded) -> None:
        self.items = message.items
        self._busy &= {self.key_of(i) for i in self.items}
        self.query_one(SummaryLine).show_parts(self.summary(self.items))
        self.show_items()
        self.loaded(self.items)

    def loaded(self, items: list[Any]) -> None:
        """Fresh items arrived (after they are shown)."""

    @on(LoadFailed)
    def _failed(self, message: LoadFailed) -> None:
        self._busy.clear()
        self.notify(message.error, title=_(self.TITLE_TEXT), severity="error", markup=False)
        if self.items is None:
            self.query_one(SummaryLine).show_parts([(message.error, "alert")])

    def refresh_view(self) -> None:
        if self.items is not None:
            self.show_items()

    def on_resize(self) -> None:
        if self.items is not None:
            self.show_items()

    def show_items(self) -> None:
        table = self.table
        keep, row = table.current_key, table.cursor_row
        table.clear(columns=True)
        for title, width in self.columns(self.size.width or self.app.size.width or 80):
            table.add_column(title, width=width)
        for item in self.items or []:
            table.add_row(*self.cells(item), key=self.key_of(item))
        if not table.move_to_key(keep) and table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))  # the next one moves up into its place
        self.show_detail()

    @on(DataTable.RowHighlighted, "#sync-list")
    def _highlighted(self) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        item = self.current()
        if item is not None:
            shown: RenderableType = self.detail(item)
        else:
            shown = Text(self.empty_text() if self.items == [] else "", style="dim")
        self.query_one("#sync-detail", Static).update(shown)
        self.refresh_bindings()

    def current(self) -> Any:  # noqa: ANN401
        key = self.table.current_key
        return next((i for i in self.items or [] if self.key_of(i) == key), None)

    # -- choices ----------------------------------------------------------------------------------
    def run_choice(self, item: Any, call: Callable[[Any], object], done_text: str) -> None:  # noqa: ANN401
        """One service call for ``item`` (worker thread), then the list and the sync state again."""
        key = self.key_of(item)
        if key in self._busy:
            return
        self._busy.add(key)
        self.write_call(call, done_text)

    @on(WriteDone)
    def _write_done(self, message: WriteDone) -> None:
        self.notify(message.text, markup=False)
        self.reload()
        self.app.check_sync(desk_too=True)

    @on(WriteFailed)
    def _write_failed(self, message: WriteFailed) -> None:
        self.notify(message.error, title=_("Not saved"), severity="error", markup=False)
        self._busy.clear()
        self.reload()
