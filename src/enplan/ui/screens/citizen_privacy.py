"""The citizen screen's reading and privacy keys: the audit log (`a`),
long notes read whole (`v`), revealing the CPR number (`R`, logged, shown
in the header for a short while only) and deleting with undo: `d` deletes
the follow-up or, on the Progress tab, the measurement under the cursor;
`u` brings back the last one deleted."""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.message import Message

from ...i18n import _, shown
from ..text import error_text, one_line

REVEAL_SECONDS = 15


@dataclass
class AuditLoaded(Message):
    name: str
    entries: list


@dataclass
class CprRevealed(Message):
    number: str


class CitizenPrivacy:
    """Mixed into CitizenScreen (which provides detail, run_write, notify …)."""

    _last_deleted: tuple[str, str, str] | None = None  # (kind, id, title) for undo

    # -- audit log ----------------------------------------------------------------
    def action_show_audit_log(self) -> None:
        if self.detail is None:
            return
        citizen_id, name = self.detail.citizen.id, self.detail.citizen.name
        self._privacy_read(lambda s: AuditLoaded(name, s.audit_log(citizen_id)))

    def on_audit_loaded(self, message: AuditLoaded) -> None:  # by name: @on does not work in a mixin
        from ..modals.audit_log import AuditLogScreen

        self.app.push_screen(AuditLogScreen(message.name, message.entries))

    # -- long notes ---------------------------------------------------------------
    def action_read_notes(self) -> None:
        """Notes the tabs show cut short, whole (the reader pages through them)."""
        from ..citizen_views import long_notes
        from ..modals.reader import ReaderScreen

        if self.detail is None:
            return
        notes = long_notes(self.detail)
        if not notes:
            self.notify(_("Every note is shown whole; none is too long."), markup=False)
            return
        self.app.push_screen(ReaderScreen(self.detail.citizen.name, notes))

    # -- CPR ------------------------------------------------------------------------
    def action_reveal_cpr(self) -> None:
        if self.detail is None:
            return
        if not self.detail.citizen.has_cpr:
            self.notify(_("No CPR number is recorded for this citizen."), markup=False)
            return
        citizen_id = self.detail.citizen.id
        self._privacy_read(lambda s: CprRevealed(s.reveal_cpr(citizen_id)))  # the service logs the reveal

    def on_cpr_revealed(self, message: CprRevealed) -> None:
        from ..widgets.citizen_header import CitizenHeader

        self.query_one(CitizenHeader).reveal_cpr(message.number, REVEAL_SECONDS)
        self.notify(_("CPR shown for {n} seconds. The reveal is written to the audit log.").format(n=REVEAL_SECONDS),
                    markup=False)

    # -- delete with undo -------------------------------------------------------------
    def action_delete_selected(self) -> None:
        if self.active_tab == "progress":
            self.delete_measure()
            return
        item = self._selected_follow_up()
        if item is None:
            return
        self.remember_deleted("follow_up", str(item.id), shown(item.title))
        self.run_write(lambda s: s.delete_follow_up(item.id),
                       _("Deleted: {title}. Press u to undo.").format(title=one_line(shown(item.title))))

    def remember_deleted(self, kind: str, ident: str, title: str) -> None:
        self._last_deleted = (kind, ident, title)

    def action_undo_delete(self) -> None:
        if self._last_deleted is None:
            self.notify(_("Nothing to undo."), markup=False)
            return
        kind, ident, title = self._last_deleted
        self._last_deleted = None
        if kind == "measure":
            self.select_after_load = ident  # the cursor goes back to it
        self.run_write(lambda s: s.restore_record(kind, ident), _("Restored: {title}").format(title=one_line(title)))

    @work(thread=True, group="privacy", exit_on_error=False)
    def _privacy_read(self, job) -> None:  # noqa: ANN001 - Services -> Message, in a worker thread
        try:
            self.post_message(job(self.app.backend.services()))
        except Exception as exc:  # noqa: BLE001 - one line to the user, never a traceback
            self.app.call_from_thread(self.notify, error_text(exc), severity="error", markup=False)
