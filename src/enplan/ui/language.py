"""The language around enplan's own text: Textual's built-in palette
commands and placeholders in the user's language, and "App: language",
which remembers English or Danish in config.toml for the next start.

The language itself is chosen before the app is built (``--lang``,
``ENPLAN_LANG``, ``language`` in config.toml; see ``EnplanApp.__init__``):
binding descriptions are translated when each screen is created, so a
switch while running would leave half the screen in the old language.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from ..i18n import LANGUAGES, _, language
from .text import N_

if TYPE_CHECKING:
    from textual.app import App

# Textual's own English (textual/app.py, get_system_commands and the palettes),
# listed so the extraction finds them; translated where they are shown.
TEXTUAL_TEXTS = (
    N_("Theme"), N_("Change the current theme"),
    N_("Keys"), N_("Show help for the focused widget and a summary of available keys"),
    N_("Hide the keys and widget help panel"),
    N_("Maximize"), N_("Maximize the focused widget"),
    N_("Minimize"), N_("Minimize the widget and restore to normal size"),
    N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen"),
)
PALETTE_PLACEHOLDER = N_("Search for commands…")
THEME_PLACEHOLDER = N_("Search for themes…")
LANGUAGE_HELP = {"en": N_("English"), "da": N_("Danish")}  # each language's name in the current one


def translated(commands: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Textual's system commands with their titles and help in the current language."""
    for command in commands:
        yield command._replace(title=_(command.title), help=_(command.help))


def language_command(app: App) -> SystemCommand:
    return SystemCommand(_("App: language"), _("Show enplan in English or Danish (from the next start)"),
                         partial(choose_language, app))


def choose_language(app: App) -> None:
    """A small palette with the languages, each named in its own language."""
    current = language()
    choices = [
        (name + ("  ✓" if code == current else ""), partial(app.save_language, code), _(LANGUAGE_HELP[code]))
        for code, name in LANGUAGES.items()
    ]
    app.search_commands(choices, placeholder=_("Choose a language…"))


def saved_message(code: str) -> str:
    return _("Language saved: {name}. It applies the next time enplan starts.").format(name=LANGUAGES[code])
