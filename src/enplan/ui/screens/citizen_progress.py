"""The citizen screen's Progress tab (issue 12): its data, and deleting a
measurement with undo (``d``, then ``u``).

The measures are a read of their own (``services.progress``), not part of
the citizen's detail, in a worker group of its own (it neither cancels nor
is cancelled by the detail's reload). It is read each time the citizen is
drawn (after a form too), so the tab shows at once when opened, and read
again each time it is opened.
"""

from __future__ import annotations

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from ...i18n import _
from ..actions import BY_ID, key_display
from ..text import date_text, error_text


class ProgressLoaded(Message):
    def __init__(self, citizen_id: str, progress: object) -> None:  # domain.measures.Progress
        super().__init__()
        self.citizen_id = citizen_id
        self.progress = progress


class ProgressFailed(Message):
    def __init__(self, citizen_id: str, error: str) -> None:
        super().__init__()
        self.citizen_id = citizen_id
        self.error = error


class CitizenProgress:
    """Mixed into CitizenScreen (which provides citizen_id, run_write, notify …)."""

    progress = None  # the citizen's Progress, last read
    select_after_load: str | None = None  # a measure id the cursor goes to when next shown (undo)
    _progress_shown: tuple | None = None  # (progress, theme, width) the table was built for

    def _progress_table(self):  # noqa: ANN202
        from ..widgets.progress_table import ProgressTable

        return self.query_one(ProgressTable)

    def load_progress(self) -> None:
        self._read_progress(self.citizen_id)

    def open_progress_tab(self) -> None:
        """What was read already at once, then a fresh read (shown if it differs)."""
        self.show_progress()
        self.load_progress()

    def prefetch_progress(self) -> None:
        """The citizen is drawn: read their measures for when the tab is opened (a few ms, in a thread)."""
        if self.active_tab != "progress":  # (there, showing the tab reads them)
            self.load_progress()

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def _read_progress(self, citizen_id: str) -> None:
        try:
            message = ProgressLoaded(citizen_id, self.app.backend.services().progress(citizen_id))
        except Exception as exc:  # noqa: BLE001 - one line to the user, never a traceback
            message = ProgressFailed(citizen_id, error_text(exc))
        if not get_current_worker().is_cancelled:  # a newer read is on its way
            self.post_message(message)

    def on_progress_loaded(self, message: ProgressLoaded) -> None:  # by name: @on does not work in a mixin
        if message.citizen_id != self.citizen_id:
            return  # a slow load of the citizen shown before
        self.progress = message.progress
        if self.active_tab == "progress":
            self.show_progress()

    def on_progress_failed(self, message: ProgressFailed) -> None:
        if message.citizen_id == self.citizen_id:
            self._progress_shown = None
            self._progress_table().show_text(_("Could not read the measures: {error}").format(error=message.error))

    def show_progress(self) -> None:
        """Build the table, unless it shows this very data already (building it is most of opening the tab)."""
        width = self.size.width or 80
        shown = (self.progress, self.app.theme, width)
        if self.progress is None or (shown == self._progress_shown and self.select_after_load is None):
            return
        keys = key_display(self.app, BY_ID["record_measures"], self.app.keymap)
        table = self._progress_table()
        table.show(self.progress, self.app.today, self.app.theme_style, width, keys, self.select_after_load)
        if self.select_after_load in table.rows_by_key:
            self.select_after_load = None  # (else it comes with the next read)
        self._progress_shown = shown

    def forget_progress(self) -> None:
        self.progress = self.select_after_load = self._progress_shown = None
        self._progress_table().forget()

    def on_resize(self) -> None:
        if self.active_tab == "progress":
            self.show_progress()  # the charts take the width there is

    # -- delete with undo -------------------------------------------------------------------
    def delete_measure(self) -> None:
        from ..progress_view import number

        table = self._progress_table()
        row = table.current
        if row is None:
            text = _("Choose a measurement (j/k), then press the key again.") if table.rows_by_key else \
                _("No measurement to delete here.")
            self.notify(text, markup=False)
            return
        title = "{name} {value} ({date})".format(name=table.names.get(row.instrument, row.instrument),
                                                 value=number(row.value), date=date_text(row.measured_on))
        self.remember_deleted("measure", str(row.id), title)
        self.run_write(lambda s: s.delete_record("measure", row.id),
                       _("Deleted: {title}. Press u to undo.").format(title=title))
