"""Small dialogs: a yes/no question, and the three questions a form asks
about drafts (leaving a changed form, a kept draft, someone else's save).

Each answers with one letter from the registry; the safe answer is escape.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...i18n import _
from ..actions import CONFIRM, CONFLICT, DRAFT, DRAFT_OFFER, APP, BY_ID, actions_in, bindings, key_display, \
    translate_bindings
from ..text import visible
from ..widgets.key_footer import KeyFooter

DIALOG_WIDTH = 64  # cells, border and padding included (4)
DIALOG_CSS = """
{cls} {{ align: center middle; }}
{cls} > Vertical {{
    width: 64; max-width: 100%; height: auto; max-height: 100%;
    border: round $primary; background: $surface; padding: 0 1;
}}
{cls} .dialog-title {{ text-style: bold; }}
{cls} .dialog-message {{ margin-top: 1; }}
{cls} .dialog-keys {{ margin-top: 1; color: $text-muted; }}
"""


class Dialog(ModalScreen):
    """A titled message and the registry keys of one scope as the answers."""

    SCOPE = ""
    HELP_SCOPES: tuple[str, ...] = (APP,)

    def __init__(self, title: str, message: str | Text = "", *, warning: bool = False) -> None:
        super().__init__()
        translate_bindings(self)
        self.title_text = title
        self.message = message
        self.warning = warning

    @property
    def help_title(self) -> str:
        return self.title_text

    def compose(self) -> ComposeResult:
        with Vertical(classes="-warning" if self.warning else ""):
            yield Static(Text(self.title_text), classes="dialog-title")
            message = self.message_text()
            if message:
                yield Static(message if isinstance(message, Text) else Text(visible(message)),
                             classes="dialog-message")
            yield Static(self._keys(), classes="dialog-keys")
        yield KeyFooter()

    def message_text(self) -> str | Text:
        return self.message

    def _keys(self) -> Text:
        """The answers on one line, or one a line when they would not fit (Danish words are longer)."""
        parts = [f"{key_display(self.app, a, self.app.keymap)} {_(a.description)}" for a in actions_in(self.SCOPE)]
        line = "   ".join(parts)
        room = min(DIALOG_WIDTH, self.app.size.width or DIALOG_WIDTH) - 4
        return Text(line if cell_len(line) <= room else "\n".join(parts))

    def action_choose(self, answer: str) -> None:
        self.dismiss(answer)


class ConfirmModal(Dialog):
    """Yes or no; escape and n say no."""

    SCOPE = CONFIRM
    BINDINGS = bindings(CONFIRM)
    HELP_SCOPES = (CONFIRM, APP)
    DEFAULT_CSS = DIALOG_CSS.format(cls="ConfirmModal") + """
    ConfirmModal > Vertical.-warning { border: round $warning; }
    """

    def action_yes(self) -> None:
        self.dismiss(True)

    def action_no(self) -> None:
        self.dismiss(False)


class LeaveFormModal(Dialog):
    """Escape on a changed form: keep a draft, discard, or go back."""

    SCOPE = DRAFT
    BINDINGS = bindings(DRAFT)
    HELP_SCOPES = (DRAFT, APP)
    DEFAULT_CSS = DIALOG_CSS.format(cls="LeaveFormModal")

    def __init__(self) -> None:
        super().__init__(_("You have changed this form"),
                         _("Keep what you typed as a draft (offered again when you open this form), "
                           "or discard it?"))


class DraftOfferModal(Dialog):
    """A draft was kept for this form: restore it, discard it, or not now."""

    SCOPE = DRAFT_OFFER
    BINDINGS = bindings(DRAFT_OFFER)
    HELP_SCOPES = (DRAFT_OFFER, APP)
    DEFAULT_CSS = DIALOG_CSS.format(cls="DraftOfferModal")

    def __init__(self, saved_at: str) -> None:
        text = _("You have a draft of this form from {when}.").format(when=saved_at) if saved_at else \
            _("You have a draft of this form.")
        super().__init__(_("Restore your draft?"), text + " " + _("Not now keeps it for later."))


class ConflictModal(Dialog):
    """Someone else saved the record after it was opened."""

    SCOPE = CONFLICT
    BINDINGS = bindings(CONFLICT)
    HELP_SCOPES = (CONFLICT, APP)
    DEFAULT_CSS = DIALOG_CSS.format(cls="ConflictModal") + """
    ConflictModal > Vertical { border: round $warning; }
    """

    def __init__(self, error: str) -> None:
        super().__init__(_("Saved by someone else meanwhile"), error, warning=True)

    def message_text(self) -> str:
        reload = key_display(self.app, BY_ID["conflict_reload"], self.app.keymap)
        return visible(str(self.message)) + "\n\n" + _(
            "Your text is kept as a draft. {key} reloads the form with their changes and offers your draft "
            "again.").format(key=reload)
