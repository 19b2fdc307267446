"""The base of every recording form (a modal screen).

What every form does, so no form has to remember it:

* ``ctrl+s`` checks every field (errors at the field; the first invalid
  field gets the focus), then runs the form's one service call in a thread
  worker. Success closes the form; a failure keeps it open with the error
  at the field the service named (``ValidationError.field``) or in the
  status line. The service call is one transaction: nothing half-saved.
* Typed text is never lost. ``escape`` on a changed form asks: keep a
  draft, discard, or back. While you type, a draft is written every few
  seconds, and when the app quits; a kept draft is offered when the form
  is opened again (drafts live in the private data folder, so they
  survive closing the app). Someone else's save meanwhile
  (``ConflictError``) keeps your text as a draft and offers a reload;
  any other failure (a server that does not answer) keeps it as a draft too.
* Values are JSON-plain (str/bool), so drafts hold exactly the fields.

A form returns ``Saved(result)`` on success, ``RELOAD`` when the opener
should reload and open the form again, or None when nothing was saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static

from .. import drafts
from ..domain.clock import stamp_text
from ..domain.errors import ValidationError
from ..i18n import _, ngettext
from .actions import APP, CHOICE, FORM, bindings, translate_bindings
from .modals.confirm import ConfirmModal, ConflictModal, DraftOfferModal, LeaveFormModal
from .text import N_, error_text, visible
from .widgets.fields import FieldChanged, FormField
from .widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from ..services import Services

Job = Callable[["Services"], Any]
RELOAD = "reload"
SAVED_AT = "_saved_at"  # kept with a draft's values: when it was written


@dataclass(frozen=True)
class Saved:
    """What a form returns when its save went through."""

    result: Any = None


class SaveDone(Message):
    def __init__(self, result: Any) -> None:  # noqa: ANN401
        super().__init__()
        self.result = result


class SaveFailed(Message):
    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


class FormModal(ModalScreen):
    """Subclasses set FORM_TITLE and implement ``compose_fields`` and ``build``."""

    IS_FORM = True  # the app keeps navigation keys away while a form is open
    SCOPE = FORM
    BINDINGS = bindings(FORM)
    HELP_SCOPES: tuple[str, ...] = (FORM, CHOICE, APP)
    FORM_TITLE = ""
    SAVED = N_("Saved.")
    AUTOSAVE_SECONDS = 2.0
    FIRST_FOCUS: str | None = None  # field name to focus first (default: the first field)

    def __init__(self, *, draft_key: str | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self._form_key = draft_key
        self._initial: dict[str, Any] | None = None
        self._saving = False
        self._finished = False
        self._autosave = None

    @property
    def draft_key(self) -> str | None:
        """Where this form's draft is kept: the form's key, and on demo data the demo copy too,
        so trainees' copies of the same demo citizen (``--as``) keep their drafts apart."""
        scope = getattr(self.app, "draft_scope", "") if self._form_key else ""
        return f"{scope}|{self._form_key}" if scope else self._form_key

    # -- what subclasses provide ---------------------------------------------------------
    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def build(self) -> Job:
        """The service call for the current values (fields are already checked).
        May raise ValidationError(message, field) for rules across fields."""
        raise NotImplementedError

    def confirm_text(self) -> str | None:
        """A question to confirm before saving (None: no question)."""
        return None

    def saved_message(self, result: Any) -> str:  # noqa: ANN401
        return _(self.SAVED)

    def title_text(self) -> str | Text:
        return _(self.FORM_TITLE)

    def compose_header(self) -> ComposeResult:
        yield from ()

    # -- layout ----------------------------------------------------------------------------
    @property
    def today(self) -> dt.date:
        return self.app.today

    @property
    def help_title(self) -> str:
        title = self.title_text()
        return title.plain if isinstance(title, Text) else title

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            title = self.title_text()
            yield Static(title if isinstance(title, Text) else Text(title), id="form-title")
            yield from self.compose_header()
            with VerticalScroll(id="form-body"):
                yield from self.compose_fields()
            yield Static("", id="form-status", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._initial = self.values()
        self.call_after_refresh(self._start)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_body)

    def _fit_body(self) -> None:
        """A long body scrolls inside the panel: the stylesheet's ``max-height: 1fr``
        counts the whole panel, not what the title, header and status line leave,
        so the body's last rows (and the status line) would be drawn off the
        panel, where a field tabbed to counts as shown but cannot be seen."""
        form, body = self.query_one("#form"), self.query_one("#form-body")

        def rows(widget) -> int:  # noqa: ANN001
            return widget.outer_size.height + widget.styles.margin.height if widget.display else 0

        others = sum(rows(w) for w in form.children if w is not body)
        docked = sum(rows(w) for w in self.children if w is not form)
        room = self.size.height - docked - form.styles.gutter.height - others
        if room > 0 and getattr(body.styles.max_height, "value", None) != room:
            body.styles.max_height = room

    def _start(self) -> None:
        self._fit_body()
        self.focus_first()
        if self.draft_key and drafts.has_draft(self.draft_key):
            saved = drafts.load_draft(self.draft_key)
            if saved is None:
                return
            self.app.push_screen(DraftOfferModal(str(saved.get(SAVED_AT, ""))), self._draft_offer_answered)

    def focus_first(self) -> None:
        fields = [f for f in self.fields() if f.display]
        target = next((f for f in fields if f.name == self.FIRST_FOCUS), fields[0] if fields else None)
        if target is not None:
            target.focus_control()

    # -- fields and values --------------------------------------------------------------------
    def fields(self) -> list[FormField]:
        return list(self.query(FormField))

    def field(self, name: str) -> FormField:
        return next(f for f in self.fields() if f.name == name)

    def active_fields(self) -> list[FormField]:
        """The fields that count now (a form hides fields that do not apply)."""
        return [f for f in self.fields() if getattr(f, "active", True)]

    def values(self) -> dict[str, Any]:
        return {f.name: f.value for f in self.fields()}

    def load(self, values: dict[str, Any]) -> None:
        for f in self.fields():
            if f.name in values:
                f.value = values[f.name]

    @property
    def changed(self) -> bool:
        return self._initial is not None and self.values() != self._initial

    @on(FieldChanged)
    def _field_changed(self) -> None:
        if self._autosave is not None:
            self._autosave.stop()
        if self.draft_key:
            self._autosave = self.set_timer(self.AUTOSAVE_SECONDS, self.keep_draft_if_changed)
        self.set_status("")

    # -- drafts -------------------------------------------------------------------------------
    def keep_draft(self) -> None:
        if self.draft_key:
            stamp = stamp_text(dt.datetime.now(dt.timezone.utc))  # Danish time, as every time enplan shows
            drafts.save_draft(self.draft_key, {**self.values(), SAVED_AT: stamp})

    def keep_draft_if_changed(self) -> None:
        """Written while typing and when the app quits, never after save or discard."""
        if not self._finished and self.fields() and self.changed:
            self.keep_draft()

    def _draft_offer_answered(self, answer: str | None) -> None:
        if answer == "restore" and self.draft_key:
            values = drafts.load_draft(self.draft_key) or {}
            self.load(values)
            self.call_after_refresh(self.focus_first)
            self.set_status(_("Draft restored."))
        elif answer == "discard" and self.draft_key:
            drafts.discard_draft(self.draft_key)

    def on_unmount(self) -> None:
        if self._initial is not None:
            self.keep_draft_if_changed()

    # -- leaving ---------------------------------------------------------------------------------
    def action_cancel(self) -> None:
        if not self.changed:
            self.finish(None)
            return
        self.app.push_screen(LeaveFormModal(), self._leave_answered)

    def _leave_answered(self, answer: str | None) -> None:
        if answer == "keep":
            self.keep_draft()
            self.notify(_("Draft kept; it is offered when you open this form again."), markup=False)
            self.finish(None)
        elif answer == "discard":
            if self.draft_key:
                drafts.discard_draft(self.draft_key)
            self.finish(None)

    def finish(self, result: Any) -> None:  # noqa: ANN401
        self._finished = True
        if self._autosave is not None:
            self._autosave.stop()
        self.dismiss(result)

    # -- saving ------------------------------------------------------------------------------------
    def action_save(self) -> None:
        if self._saving:
            return
        bad = [f for f in self.active_fields() if not f.validate(force=True)]
        if bad:
            self.set_status(ngettext("{n} field needs attention.", "{n} fields need attention.", len(bad))
                            .format(n=len(bad)), error=True)
            self.reveal(bad[0])
            return
        try:
            job = self.build()
        except ValidationError as exc:
            self.show_failure(exc)
            return
        question = self.confirm_text()
        if question:
            self.app.push_screen(ConfirmModal(_("Please confirm"), question, warning=True),
                                 lambda yes: self._start_save(job) if yes else None)
        else:
            self._start_save(job)

    def _start_save(self, job: Job) -> None:
        self._saving = True
        self.set_status(_("Saving…"))
        self._save_worker(job)

    @work(thread=True, group="form-save", exit_on_error=False)
    def _save_worker(self, job: Job) -> None:
        try:
            result = job(self.app.backend.services())
        except Exception as exc:  # noqa: BLE001 - every failure is shown in the form, which stays open
            self.post_message(SaveFailed(exc))
            return
        self.post_message(SaveDone(result))

    @on(SaveDone)
    def _save_done(self, message: SaveDone) -> None:
        self._saving = False
        if self.draft_key:
            drafts.discard_draft(self.draft_key)
        self.notify(self.saved_message(message.result), markup=False)
        self.app.tour_event("saved", self)  # for a guided tour waiting for it (ui/trainer.py)
        self.finish(Saved(message.result))

    @on(SaveFailed)
    def _save_failed(self, message: SaveFailed) -> None:
        from ..services import ConflictError

        self._saving = False
        exc = message.error
        if isinstance(exc, ValidationError):
            self.show_failure(exc)
        elif isinstance(exc, ConflictError):
            self.keep_draft()
            self.set_status(_("Not saved: {error}").format(error=error_text(exc)), error=True)
            self.app.push_screen(ConflictModal(str(exc)), self._conflict_answered)
        else:
            # A server that stopped answering may not come back before the app is closed:
            # the typed text goes to a draft now, not only on the next keystroke or quit.
            self.keep_draft()
            self.set_status(_("Not saved: {error}").format(error=error_text(exc)), error=True)

    def _conflict_answered(self, answer: str | None) -> None:
        if answer == "reload":
            self.finish(RELOAD)
        elif answer == "draft":
            self.notify(_("Draft kept; it is offered when you open this form again."), markup=False)
            self.finish(None)

    def show_failure(self, exc: ValidationError) -> None:
        target = next((f for f in self.active_fields() if f.answers_to(exc.field)), None)
        message = _(exc.message)
        if target is not None:
            target.show_error(message)
            self.reveal(target)
            self.set_status(_("Not saved: see the field marked in red."), error=True)
        else:
            self.set_status(_("Not saved: {error}").format(error=visible(message)), error=True)

    def reveal(self, field: FormField) -> None:
        """Show and focus a field (paged forms switch to its page first)."""
        field.focus_control()

    def set_status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#form-status", Static)
        status.update(Text(text))
        status.set_class(error, "-error")
        self.call_after_refresh(self._fit_body)  # a long error takes two lines
