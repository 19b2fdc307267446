"""The enplan Textual app.

It paints its first screen before the database layer is imported: this
module imports no SQLModel/SQLAlchemy; ``Backend`` opens the database in
the first thread worker that needs it. Workers post messages; screens own
what is shown. ``today`` comes from the command line and drives every date.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.color import Color, ColorParseError
from textual.screen import ModalScreen, Screen

from ..config import Settings, save_setting
from ..i18n import LANGUAGES, _, language, set_language
from .actions import APP, WORKLIST, bindings, known_ids, translate_bindings
from .backend import Backend
from .demo import AppDemo
from .messages import DatabaseUnavailable
from .screens.caseload import CaseloadScreen
from .key_order import KeyOrder
from .sync import AppSync
from .terminal_filter import ControlCharacters
from .trainer import AppTrainer

if TYPE_CHECKING:
    from ..services import Services

# Only the first screen is imported up front; the others (and the palette's
# provider) load on first use, so the caseload paints as early as possible.


def _worklist_screen():  # noqa: ANN202
    from .screens.worklist import WorklistScreen

    return WorklistScreen


def _actions_provider():  # noqa: ANN202
    from .commands import ActionsProvider

    return ActionsProvider


STYLESHEETS = ("app.tcss", "screens.tcss", "forms.tcss")
PREBUILD_AFTER = 1.0  # seconds after start-up to build the citizen screen (see prebuild_citizen_screen) …
PREBUILD_IDLE = 0.8  # … once no key has been pressed for this long (building it holds keys ~0.2 s)


def _stylesheets() -> list[Path]:
    root = files("enplan.styles")
    return [Path(str(root.joinpath(name))) for name in STYLESHEETS]


class EnplanApp(AppDemo, AppTrainer, AppSync, App):
    TITLE = "enplan"
    CSS_PATH = _stylesheets()
    COMMANDS = App.COMMANDS | {_actions_provider}
    BINDINGS = bindings(APP)

    def __init__(self, *, url: str, today: dt.date, caseworker: str = "", settings: Settings | None = None,
                 demo: bool = False, services: Services | None = None, prebuild: bool = False,
                 tour_state: Path | None = None, offer_tour: bool = False) -> None:
        self.settings = settings or Settings()
        # Before any screen exists: each translates its binding descriptions when created.
        if (self.settings.language or "en") != language():
            set_language(self.settings.language or "en")
        super().__init__()
        translate_bindings(self)
        self.today = today
        self.caseworker = caseworker
        self.demo = demo
        self.backend = Backend(url, today=today, actor=caseworker, services=services, rules_file=self.settings.rules,
                               settings=self.settings)
        self.init_sync()  # laptop sync: the top bar's state, syncs in the background (ui/sync.py)
        self.init_trainer(tour_state=tour_state, offer_tour=offer_tour)  # guided tours, "what is this?" (ui/trainer.py)
        self._citizen_screen: Screen | None = None  # built once, then reused (open_citizen)
        self._prebuild = prebuild  # build it in idle time after start-up (run_app; tests ask for it)
        self._last_key = 0.0  # time.monotonic() of the last key press
        self.undo_stack: list[tuple[Any, bool, str]] = []  # (follow-up id, done before, title)
        self._control_filter = ControlCharacters()
        self._key_order = KeyOrder(self)
        self.problems: list[str] = list(self.settings.problems)
        self.keymap = self._checked_keymap(self.settings.keymap)
        self.set_keymap(self.keymap)
        self._styles: dict[str, str] = {}
        self._saved_theme = self.settings.theme
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        else:
            self.problems.append(_("Unknown theme {name!r}; using the default.").format(name=self.settings.theme))
        if self.settings.language and self.settings.language not in LANGUAGES:
            self.problems.append(_("Unknown language {name!r}; using English.").format(name=self.settings.language))

    def _checked_keymap(self, keymap: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(keymap) - known_ids())
        if unknown:
            self.problems.append(_("Unknown key binding ids in [keymap]: {ids}").format(ids=", ".join(unknown)))
        return {k: v for k, v in keymap.items() if k in known_ids()}

    def get_line_filters(self):  # noqa: ANN201
        """Textual's filters, after the one that keeps control characters off the terminal."""
        filters = super().get_line_filters()
        return (self._control_filter, *filters) if self._control_filter.enabled else filters

    def get_default_screen(self) -> Screen:
        return CaseloadScreen()

    def on_mount(self) -> None:
        for problem in self.problems:
            self.notify(problem, title=_("Settings"), severity="warning", markup=False, timeout=10)
        self.check_sync(desk_too=True)  # once the database is open: a laptop? conflicts?
        self.screen_change_signal.subscribe(self, self._screen_changed)
        self.trainer_mounted()
        if self._prebuild:
            self.set_timer(PREBUILD_AFTER, self._prebuild_when_idle)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._last_key = time.monotonic()
            if not self._key_order.admit(event):
                return  # a key of the same burst is still on its way (ui/key_order.py)
            await super().on_event(event)
            self._key_order.sent(event)
            return
        await super().on_event(event)

    def _prebuild_when_idle(self) -> None:
        if time.monotonic() - self._last_key < PREBUILD_IDLE:
            self.set_timer(PREBUILD_IDLE, self._prebuild_when_idle)  # the caseworker is typing: later
            return
        self.prebuild_citizen_screen()

    def prebuild_citizen_screen(self) -> None:
        """Build the citizen screen while the caseworker reads the caseload, so
        opening the first citizen does not wait for it (about 0.2–0.3 s).
        Textual has no public call that mounts a screen without showing it;
        ``_get_screen`` is what ``push_screen`` uses for that."""
        from .screens.citizen import CitizenScreen

        if self._citizen_screen is None:
            screen = self._citizen_screen = CitizenScreen("", "plan")
            self.install_screen(screen, name="citizen")
            self._get_screen(screen)

    def _handle_exception(self, error: Exception) -> None:
        self._crash = error  # for _fatal_error, which Textual calls without it
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """An unexpected error ends the app: typed text is kept as drafts, the
        traceback goes to a crash report (no local variables: they may hold a
        revealed CPR number or a note), and the terminal gets one sentence."""
        from rich.text import Text

        from ..failures import crash_sentence, sentence_or_report
        from .text import visible

        for screen in self.screen_stack:
            if getattr(screen, "IS_FORM", False):
                try:
                    screen.keep_draft_if_changed()
                except Exception:  # noqa: BLE001 - the crash is what gets reported
                    pass
        error = getattr(self, "_crash", None)
        sentence = sentence_or_report(error, "app")[0] if error is not None else crash_sentence(None)
        self.bell()
        self._exit_renderables.append(Text(visible(sentence)))
        self._close_messages_no_wait()

    def on_unmount(self) -> None:
        self.backend.close()

    # -- theme -----------------------------------------------------------------------
    def theme_style(self, spec: str) -> str:
        """A style with theme variables ("bold $error") resolved for Rich Text."""
        if spec not in self._styles:
            variables = self.get_css_variables()
            self._styles[spec] = " ".join(
                w for w in (_rich_colour(variables, word[1:]) if word.startswith("$") else word
                            for word in spec.split()) if w)
        return self._styles[spec]

    def watch_theme(self, theme: str) -> None:
        self._styles.clear()
        if not self.is_running:
            return
        for screen in self.screen_stack:
            if hasattr(screen, "refresh_view"):
                screen.refresh_view()
        if theme != self._saved_theme:
            self._saved_theme = theme
            self.save_theme(theme)

    @work(thread=True, group="settings", exit_on_error=False)
    def save_theme(self, theme: str) -> None:
        """Remember the theme chosen in the palette (config.toml)."""
        save_setting("theme", theme)

    @work(thread=True, group="settings", exit_on_error=False)
    def _save_setting(self, key: str, value: str) -> None:
        save_setting(key, value)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from .language import language_command, translated

        # the registry's "App: quit" replaces Textual's "Quit"
        yield from translated(c for c in super().get_system_commands(screen) if c.title != "Quit")
        yield language_command(self)

    # -- language (ui/language.py) -----------------------------------------------------
    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from .language import PALETTE_PLACEHOLDER

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=_(PALETTE_PLACEHOLDER)))

    def search_themes(self) -> None:
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        from .language import THEME_PLACEHOLDER

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=_(THEME_PLACEHOLDER)))

    def save_language(self, code: str) -> None:
        """Remember the language for the next start (config.toml); this run keeps its own."""
        from .language import saved_message

        self._save_setting("language", code)
        self.notify(saved_message(code), title=_("Settings"), markup=False)

    # -- navigation ------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_worklist" and getattr(self.screen, "SCOPE", "") == WORKLIST:
            return False  # already there: hide "w" from the worklist's footer
        if action in ("open_worklist", "open_caseload", "show_conflicts", "show_refused", "save_calendar") \
                and self._form_open():
            return False  # going elsewhere would close a form with typed text
        return self.sync_check_action(action) is not False

    def _form_open(self) -> bool:
        return any(getattr(s, "IS_FORM", False) for s in self.screen_stack)  # FormModal (not imported here)

    def now(self) -> dt.datetime:
        """The time of day for default meeting times (dates come from ``today``)."""
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo("Europe/Copenhagen"))

    async def action_quit(self) -> None:
        """Quit; a form with typed text keeps it as a draft first."""
        for screen in self.screen_stack:
            if getattr(screen, "IS_FORM", False):
                screen.keep_draft_if_changed()
        await super().action_quit()

    def _close_modals(self) -> None:
        while isinstance(self.screen, ModalScreen) and len(self.screen_stack) > 1:
            self.pop_screen()

    def action_open_worklist(self) -> None:
        WorklistScreen = _worklist_screen()  # noqa: N806
        self._close_modals()
        if isinstance(self.screen, WorklistScreen):
            return
        if any(isinstance(s, WorklistScreen) for s in self.screen_stack):
            while not isinstance(self.screen_stack[-1], WorklistScreen):
                self.pop_screen()  # back to the one worklist rather than stacking another
            return
        self.push_screen(WorklistScreen())

    def action_open_caseload(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_show_team(self) -> None:
        """The team leader's overview (issue 15), from the caseload or the worklist."""
        from .screens.team import TeamScreen

        self.push_screen(TeamScreen())

    def action_save_calendar(self) -> None:
        """Follow-ups and CTI contacts as an iCalendar file (ui/modals/save_file.py)."""
        from ..paths import documents_dir
        from .modals.save_file import CalendarForm

        self.push_screen(CalendarForm(documents_dir(), self.today))

    def action_show_help(self) -> None:
        from .screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss(None)
            return
        title = getattr(screen, "help_title", "") or _("enplan")
        self.push_screen(HelpScreen(title, getattr(screen, "HELP_SCOPES", (APP,)), screen))

    def open_citizen(self, citizen_id: str, tab: str = "plan") -> None:
        """Show a citizen on the one installed citizen screen, built once: its
        widgets are the slow part of opening a citizen. Only when that screen
        is already open further down the stack (citizen → worklist → another
        citizen) does a second one get built."""
        from .screens.citizen import CitizenScreen

        current = self.screen
        if isinstance(current, CitizenScreen) and current.citizen_id == citizen_id:
            return
        pooled = self._citizen_screen
        if pooled is None:
            pooled = self._citizen_screen = CitizenScreen(citizen_id, tab)
            self.install_screen(pooled, name="citizen")
        elif pooled in self.screen_stack or not pooled.is_mounted:  # open further down, or still being built
            self.push_screen(CitizenScreen(citizen_id, tab))
            return
        else:
            pooled.show_citizen(citizen_id, tab)  # it shows itself once the citizen is drawn
            return
        self.push_screen(pooled)

    @on(DatabaseUnavailable)
    def _database_unavailable(self, message: DatabaseUnavailable) -> None:
        from .modals.error import ErrorModal

        if not any(isinstance(s, ErrorModal) for s in self.screen_stack):
            self.push_screen(ErrorModal(_("enplan cannot open the database"), message.error))


def _rich_colour(variables: dict[str, str], name: str) -> str:
    """A theme variable as a Rich colour; "auto"-contrast text colours become "dim"/default."""
    try:
        return Color.parse(variables.get(name, "")).hex6
    except ColorParseError:
        return "dim" if name in ("text-muted", "text-disabled") else ""


def run_app(*, url: str, today: dt.date | None, caseworker: str, settings: Settings, demo: bool = False,
            tour_state: Path | None = None) -> int:
    """``tour_state``: a demo copy's tour file (ui/tour.py); the tours are offered once per copy."""
    import gc

    # The one place the real date is read; everything below uses app.today.
    app = EnplanApp(url=url, today=today or dt.date.today(), caseworker=caseworker, settings=settings, demo=demo,
                    prebuild=True, tour_state=tour_state, offer_tour=tour_state is not None)
    # Modules, classes and the app live until exit: keep them out of the
    # cyclic collector, whose full passes would otherwise scan them all
    # (30-80 ms each, one of them usually just before the caseload paints).
    gc.freeze()
    app.run()
    return app.return_code or 0
