"""The one registry of user actions.

Every key the app answers to is an ``Action`` here. From this table come:
the ``BINDINGS`` of each screen and widget (``bindings(scope)``), the footer
(``show=True``, at most 8 per screen), the help screen (``help_sections``),
the command palette (``command`` titles, see ``ui.commands``) and the user's
keymap (``[keymap]`` in config.toml maps an action ``id`` to keys, applied
with ``App.set_keymap``).

Adding a feature key is one entry: e.g. issue 4's meeting form is
``Action("record_meeting", "m", "record_meeting", N_("Meeting"), (CITIZEN,),
N_("Citizen: record meeting"), show=True)`` plus an
``action_record_meeting`` method on ``CitizenScreen`` that pushes the form.

Descriptions and command titles are English msgids; they are translated
when a screen is created (``translate_bindings``) or shown, so a language
chosen at start-up applies even though classes are built at import.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual.binding import Binding

from ..i18n import _
from .text import N_

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

# Scopes: where an action applies. A screen lists the scopes it offers in
# ``HELP_SCOPES``; the palette and help screen read the same list.
APP = "app"            # everywhere
LIST = "list"          # any list or scrollable pane (vim keys)
FILTER = "filter"      # the caseload's filter field
CASELOAD = "caseload"
WORKLIST = "worklist"
CITIZEN = "citizen"
HELP = "help"
ERROR = "error"        # the "database cannot be opened" dialog

SCOPE_TITLES = {
    APP: N_("Everywhere"),
    LIST: N_("Lists"),
    FILTER: N_("Filter field"),
    CASELOAD: N_("Caseload"),
    WORKLIST: N_("Worklist"),
    CITIZEN: N_("Citizen"),
    HELP: N_("Help"),
    ERROR: N_("Error"),
}

@dataclass(frozen=True)
class Action:
    """One user action: its binding id, default keys and where it applies."""

    id: str                 # binding id; the name used in [keymap]
    keys: str               # default keys, comma separated (Textual key names)
    action: str             # Textual action run on the scope's node
    description: str        # footer and help text (msgid)
    scopes: tuple[str, ...]
    command: str | None = None   # palette title "Area: verb" (msgid); None = not in the palette
    show: bool = False           # shown in the footer
    priority: bool = False


ACTIONS: tuple[Action, ...] = (
    # -- everywhere ---------------------------------------------------------
    Action("worklist", "w", "app.open_worklist", N_("Worklist"), (APP,), N_("Go: worklist"), show=True),
    Action("caseload", "H", "app.open_caseload", N_("Caseload"), (APP,), N_("Go: caseload")),
    Action("help", "question_mark,f1", "app.show_help", N_("Help"), (APP,), N_("Help: keys for this screen"),
           show=True),
    Action("command_palette", "ctrl+p", "app.command_palette", N_("Commands"), (APP,), priority=True),
    Action("quit", "ctrl+q", "app.quit", N_("Quit"), (APP,), N_("App: quit"), priority=True),
    # -- lists and panes (vim keys) ------------------------------------------
    Action("cursor_down", "down,j", "cursor_down", N_("Down"), (LIST,)),
    Action("cursor_up", "up,k", "cursor_up", N_("Up"), (LIST,)),
    Action("page_down", "pagedown", "page_down", N_("Page down"), (LIST,)),
    Action("page_up", "pageup", "page_up", N_("Page up"), (LIST,)),
    Action("top", "g,home", "scroll_top", N_("Top"), (LIST,), N_("List: go to top")),
    Action("bottom", "G,end", "scroll_bottom", N_("Bottom"), (LIST,), N_("List: go to bottom")),
    # -- caseload --------------------------------------------------------------
    Action("open", "enter", "open", N_("Open"), (CASELOAD, WORKLIST), N_("Citizen: open"), show=True),
    Action("filter", "slash", "filter", N_("Filter"), (CASELOAD,), N_("Caseload: filter by name"), show=True),
    Action("sort", "s", "cycle_sort", N_("Sort"), (CASELOAD,), N_("Caseload: change sort order"), show=True),
    Action("filter_clear", "escape", "clear_filter", N_("Clear filter"), (CASELOAD, FILTER),
           N_("Caseload: clear filter"),
           show=True),  # hidden while there is no filter (CaseloadScreen.check_action)
    Action("filter_accept", "enter,down", "accept_filter", N_("To the list"), (FILTER,), show=True),
    # -- worklist ----------------------------------------------------------------
    Action("toggle_done", "x", "toggle_done", N_("Done/undone"), (WORKLIST,), N_("Worklist: mark done or undone"),
           show=True),
    Action("undo", "u", "undo", N_("Undo"), (WORKLIST,), N_("Worklist: undo last change"), show=True),
    # -- citizen -----------------------------------------------------------------
    # The tab titles show their keys ("1 Plan"), so the footer leaves them out.
    Action("tab_plan", "1", "show_tab('plan')", N_("Plan tab"), (CITIZEN,), N_("Citizen: show plan")),
    Action("tab_timeline", "2", "show_tab('timeline')", N_("Timeline tab"), (CITIZEN,), N_("Citizen: show timeline")),
    Action("tab_cti", "3", "show_tab('cti')", N_("CTI tab"), (CITIZEN,), N_("Citizen: show CTI")),
    Action("tab_work", "4", "show_tab('work')", N_("Work tab"), (CITIZEN,), N_("Citizen: show work and employers")),
    Action("tab_follow_ups", "5", "show_tab('follow_ups')", N_("Follow-ups tab"), (CITIZEN,),
           N_("Citizen: show follow-ups")),
    # -- going back ------------------------------------------------------------------
    Action("back", "escape", "back", N_("Back"), (WORKLIST, CITIZEN), N_("Go: back"), show=True),
    Action("close_help", "escape,q,question_mark,f1", "close", N_("Close"), (HELP,), show=True),
    Action("error_quit", "escape,enter,q", "quit_app", N_("Quit"), (ERROR,), show=True),
)

BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS}


def actions_in(scope: str) -> list[Action]:
    return [a for a in ACTIONS if scope in a.scopes]


def bindings(scope: str) -> list[Binding]:
    """The Textual bindings of one scope, for a class's ``BINDINGS``."""
    return [
        Binding(a.keys, a.action.removeprefix("app.") if scope == APP else a.action, a.description,
                show=a.show, priority=a.priority, id=a.id)
        for a in actions_in(scope)
    ]


def translate_bindings(node: DOMNode) -> None:
    """Translate a node's binding descriptions (msgids) into the current language."""
    table = node._bindings.key_to_bindings  # noqa: SLF001 - Textual keeps no public setter
    for key, items in table.items():
        table[key] = [replace(b, description=_(b.description)) for b in items]


def known_ids() -> set[str]:
    return set(BY_ID)


def effective_keys(action: Action, keymap: dict[str, str]) -> list[str]:
    """The keys an action answers to after the user's keymap is applied."""
    keys = keymap.get(action.id, action.keys)
    return [k.strip() for k in keys.split(",") if k.strip()]


def key_display(app: App, action: Action, keymap: dict[str, str]) -> str:
    """Keys as the footer shows them ("?", "^p", "j"), joined for help."""
    shown = (app.get_key_display(Binding(key, action.action)) for key in effective_keys(action, keymap))
    return " ".join(dict.fromkeys(shown))


def help_sections(scopes: tuple[str, ...]) -> list[tuple[str, list[Action]]]:
    """(section title msgid, actions) for the help screen, in ``scopes`` order."""
    return [(SCOPE_TITLES[s], actions_in(s)) for s in scopes if actions_in(s)]


def palette_actions(scopes: tuple[str, ...]) -> list[tuple[str, Action]]:
    """(scope, action) for every palette command reachable from a screen."""
    seen: set[str] = set()
    out = []
    for scope in scopes:
        for a in actions_in(scope):
            if a.command and a.id not in seen:
                seen.add(a.id)
                out.append((scope, a))
    return out
