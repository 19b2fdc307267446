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
FORM = "form"          # every recording form (a modal)
MEETING = "meeting"    # the meeting form's steps
CHOICE = "choice"      # a one-line choice field in a form
CONFIRM = "confirm"    # yes/no questions
DRAFT = "draft"        # leaving a changed form
DRAFT_OFFER = "draft_offer"  # a kept draft, offered when the form opens
CONFLICT = "conflict"  # someone else saved the record meanwhile
CTI_MENU = "cti_menu"  # the CTI course menu (C on a citizen)
PLAN_EDITOR = "plan_editor"
WORK_EDITOR = "work_editor"
EMPLOYERS = "employers"
AUDIT = "audit"        # a citizen's audit log
READER = "reader"      # long notes read whole (v on a citizen)
CONFLICTS = "conflicts"    # laptop sync: values a laptop and the server disagree on
REFUSED = "refused"        # laptop sync: changes the server refused (quarantine)
RULES = "rules"            # the rule sets in force and the 75% counters
REPORT = "report"          # the outcome report (issue 12)
TOUR_MENU = "tour_menu"    # choosing a guided tour (issue 14)
TEAM = "team"              # the team leader's overview (issue 15)
HANDOVER_NOTE = "handover_note"  # a handover's note, shown first on opening the citizen

SCOPE_TITLES = {
    APP: N_("Everywhere"),
    LIST: N_("Lists"),
    FILTER: N_("Filter field"),
    CASELOAD: N_("Caseload"),
    WORKLIST: N_("Worklist"),
    CITIZEN: N_("Citizen"),
    HELP: N_("Help"),
    ERROR: N_("Error"),
    FORM: N_("Forms"),
    MEETING: N_("Meeting form"),
    CHOICE: N_("Choice fields"),
    CONFIRM: N_("Question"),
    DRAFT: N_("Leaving a changed form"),
    DRAFT_OFFER: N_("A kept draft"),
    CONFLICT: N_("Saved by someone else"),
    CTI_MENU: N_("CTI course"),
    PLAN_EDITOR: N_("Plan editor"),
    WORK_EDITOR: N_("Placements"),
    EMPLOYERS: N_("Employers"),
    AUDIT: N_("Audit log"),
    READER: N_("Reading long notes"),
    CONFLICTS: N_("Conflicts"),
    REFUSED: N_("Refused changes"),
    RULES: N_("Rules"),
    REPORT: N_("Outcome report"),
    TOUR_MENU: N_("Guided tours"),
    TEAM: N_("Team"),
    HANDOVER_NOTE: N_("Handover note"),
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
    # Modal screens (forms, menus, editors) do not take the app's keys: their own help key.
    # In a text field "?" is typed as text; F1 always opens help.
    Action("modal_help", "f1,question_mark", "app.show_help", N_("Help"),
           (FORM, CTI_MENU, PLAN_EDITOR, WORK_EDITOR, EMPLOYERS, AUDIT, READER), show=True),
    # Trainer mode (issue 14): priority, so they work in forms and menus too.
    Action("whats_this", "f2", "app.whats_this", N_("What is this?"), (APP,),
           N_("Help: what is this? (the part with the cursor, in one line)"), priority=True),
    Action("tour", "f3", "app.tour", N_("Guided tour"), (APP,), N_("Help: guided tours (start, leave, resume)"),
           priority=True),
    Action("command_palette", "ctrl+p", "app.command_palette", N_("Commands"), (APP,), priority=True),
    Action("quit", "ctrl+q", "app.quit", N_("Quit"), (APP,), N_("App: quit"), priority=True),
    # Laptop sync (issue 11): "Sync now" and the refused changes only on a laptop (EnplanApp.check_action);
    # the conflicts also on a desk. Not in the footer: the top bar shows the state and names the keys.
    Action("sync_now", "ctrl+y", "app.sync_now", N_("Sync now"), (APP,), N_("Sync: sync now")),
    Action("conflicts", "K", "app.show_conflicts", N_("Conflicts"), (APP,), N_("Sync: conflicts")),
    Action("refused_changes", "Q", "app.show_refused", N_("Refused changes"), (APP,), N_("Sync: refused changes")),
    # Files of the lists (issue 16): not in the footer, which is full; help and the palette list them.
    Action("save_calendar", "L", "app.save_calendar", N_("Save calendar"), (APP,),
           N_("Calendar: save follow-ups as iCalendar")),
    # The demo (issue 14): from the palette only (no key: it throws practice away), on demo data only
    # (ui/demo.py offers it), after asking once.
    Action("demo_reset", "", "app.demo_reset", N_("Start the demo again"), (APP,), N_("Demo: start again")),
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
    Action("new_citizen", "n", "new_citizen", N_("New citizen"), (CASELOAD,), N_("Caseload: new citizen"), show=True),
    Action("caseload_sheet", "S", "save_sheet", N_("Save as spreadsheet"), (CASELOAD,),
           N_("Caseload: save as spreadsheet")),
    # -- worklist ----------------------------------------------------------------
    Action("toggle_done", "x", "toggle_done", N_("Done/undone"), (WORKLIST,), N_("Worklist: mark done or undone"),
           show=True),
    Action("undo", "u", "undo", N_("Undo"), (WORKLIST,), N_("Worklist: undo last change"), show=True),
    Action("worklist_reschedule", "r", "reschedule", N_("Reschedule"), (WORKLIST,),
           N_("Worklist: reschedule follow-up"), show=True),
    Action("worklist_follow_up", "f", "new_follow_up", N_("Follow-up"), (WORKLIST,),
           N_("Worklist: new follow-up for this citizen"), show=True),
    Action("worklist_sheet", "S", "save_sheet", N_("Save as spreadsheet"), (WORKLIST,),
           N_("Worklist: save as spreadsheet")),
    Action("worklist_dismiss", "d", "dismiss_rule", N_("Dismiss"), (WORKLIST,),
           N_("Worklist: dismiss a rule item, with a reason")),
    Action("worklist_rules", "R", "show_rules", N_("Rules"), (WORKLIST,),
           # xgettext:no-python-format  (75% is a share, not a format)
           N_("Worklist: the rules in force and the 75% counters")),
    # The outcome report: for the team leader, from either list; not in the footer, which is full.
    Action("outcome_report", "O", "show_report", N_("Outcome report"), (CASELOAD, WORKLIST),
           N_("Report: outcomes of a cohort (ordinary work, activity, trivsel, WHO-5)")),
    # The team leader's overview (issue 15): from either list, not in the footer (full).
    Action("team_overview", "T", "app.show_team", N_("Team"), (CASELOAD, WORKLIST),
           N_("Team: each caseworker's caseload and overdue work")),
    Action("team_worklist", "enter", "open", N_("Worklist"), (TEAM,), N_("Team: the caseworker's worklist"),
           show=True),
    Action("team_hand_over", "h", "hand_over", N_("Hand over"), (TEAM,),
           N_("Team: hand citizens over to a colleague, with a note"), show=True),
    Action("handover_note_read", "enter,escape", "read", N_("Read"), (HANDOVER_NOTE,), show=True),
    Action("report_filters", "p", "filters", N_("Period and filters"), (REPORT,),
           N_("Report: period, comparison and filters"), show=True),
    # -- citizen -----------------------------------------------------------------
    # The tab titles show their keys ("1 Plan"), so the footer leaves them out.
    Action("tab_plan", "1", "show_tab('plan')", N_("Plan tab"), (CITIZEN,), N_("Citizen: show plan")),
    Action("tab_timeline", "2", "show_tab('timeline')", N_("Timeline tab"), (CITIZEN,), N_("Citizen: show timeline")),
    Action("tab_cti", "3", "show_tab('cti')", N_("CTI tab"), (CITIZEN,), N_("Citizen: show CTI")),
    Action("tab_work", "4", "show_tab('work')", N_("Work tab"), (CITIZEN,), N_("Citizen: show work and employers")),
    Action("tab_follow_ups", "5", "show_tab('follow_ups')", N_("Follow-ups tab"), (CITIZEN,),
           N_("Citizen: show follow-ups")),
    Action("tab_progress", "6", "show_tab('progress')", N_("Progress tab"), (CITIZEN,),
           N_("Citizen: show progress (measures over time)")),
    # Recording (issue 4): the four everyday forms are in the footer.
    Action("record_meeting", "m", "record_meeting", N_("Meeting"), (CITIZEN,), N_("Citizen: record meeting"),
           show=True),
    Action("record_checkin", "c", "record_checkin", N_("Check-in"), (CITIZEN,), N_("CTI: record check-in"),
           show=True),
    Action("employer_follow_up", "e", "employer_follow_up", N_("Employer"), (CITIZEN,),
           N_("Work: record employer follow-up"), show=True),
    Action("new_follow_up", "f", "new_follow_up", N_("Follow-up"), (CITIZEN,), N_("Follow-ups: add"), show=True),
    Action("record_measures", "M", "record_measures", N_("Measures"), (CITIZEN, WORKLIST),
           N_("Citizen: record measures (trivsel, belief, hours, WHO-5)")),
    Action("record_no_show", "n", "record_no_show", N_("Did not show"), (CITIZEN,),
           N_("Citizen: record that the citizen did not show")),
    Action("follow_up_done", "x", "toggle_follow_up", N_("Follow-up done/undone"), (CITIZEN,),
           N_("Follow-ups: mark done or undone")),
    Action("follow_up_reschedule", "r", "reschedule_follow_up", N_("Reschedule follow-up"), (CITIZEN,),
           N_("Follow-ups: reschedule")),
    Action("edit_selected", "enter", "edit_selected", N_("Edit (follow-up, plan, CTI, placements)"), (CITIZEN,),
           N_("Citizen: edit what this tab shows")),
    Action("edit_plan", "p", "edit_plan", N_("Edit plan"), (CITIZEN,), N_("Plan: edit own goal, goals, actions, consent")),
    Action("cti_course", "C", "cti_course", N_("CTI course"), (CITIZEN,),
           N_("CTI: start, advance phase, focus areas, cadence, end")),
    Action("work", "E", "work", N_("Placements and employers"), (CITIZEN,), N_("Work: placements and employers")),
    # Issue 15: from the palette only (the footer is full); the team screen's h hands over several.
    Action("citizen_hand_over", "", "hand_over", N_("Hand over"), (CITIZEN,),
           N_("Citizen: hand over to a colleague, with a note")),
    Action("edit_citizen", "i", "edit_citizen", N_("Edit citizen"), (CITIZEN,), N_("Citizen: edit details")),
    # xgettext:no-python-format  (75% is a share, not a format)
    Action("exempt_from_counter", "U", "exempt_from_counter", N_("Exempt from a 75% counter"), (CITIZEN,),
           # xgettext:no-python-format  (75% is a share, not a format)
           N_("Rules: exempt the citizen from a 75% counter, with a reason")),
    Action("close_case", "X", "close_case", N_("Close or reopen case"), (CITIZEN,), N_("Citizen: close or reopen case")),
    # Privacy (issue 5): who looked, the full CPR (logged), delete with undo.
    Action("audit_log", "a", "show_audit_log", N_("Audit log"), (CITIZEN,),
           N_("Citizen: audit log (who viewed or changed this record)")),
    Action("reveal_cpr", "R", "reveal_cpr", N_("Reveal CPR"), (CITIZEN,), N_("Citizen: reveal CPR number (logged)")),
    Action("make_document", "D", "make_document", N_("Document for the citizen"), (CITIZEN,),
           N_("Citizen: document as PDF (their plan, a meeting summary, the consent form)")),
    Action("read_notes", "v", "read_notes", N_("Read long notes"), (CITIZEN,),
           N_("Citizen: read notes that are too long to show whole")),
    # The id stays "delete_follow_up" so a keymap written for it still works.
    Action("delete_follow_up", "d", "delete_selected", N_("Delete (follow-up, measurement)"), (CITIZEN,),
           N_("Citizen: delete the follow-up or measurement under the cursor (with undo)")),
    Action("undo_delete", "u", "undo_delete", N_("Undo delete"), (CITIZEN,), N_("Citizen: undo the last delete")),
    # -- going back ------------------------------------------------------------------
    Action("back", "escape", "back", N_("Back"), (WORKLIST, CITIZEN, CONFLICTS, REFUSED, RULES, REPORT, TEAM),
           N_("Go: back"), show=True),
    Action("close_help", "escape,q,question_mark,f1", "close", N_("Close"), (HELP,), show=True),
    Action("close_audit", "escape,q,a", "close", N_("Close"), (AUDIT,), show=True),
    Action("reader_next", "n,right", "next_part", N_("Next part"), (READER,), show=True),
    Action("reader_previous", "p,left", "previous_part", N_("Previous part"), (READER,), show=True),
    Action("close_reader", "escape,q,v", "close", N_("Close"), (READER,), show=True),
    Action("tour_menu_start", "enter", "start", N_("Start"), (TOUR_MENU,), show=True),
    Action("tour_menu_close", "escape,q", "close", N_("Not now"), (TOUR_MENU,), show=True),
    Action("error_quit", "escape,enter,q", "quit_app", N_("Quit"), (ERROR,), show=True),
    # -- forms ---------------------------------------------------------------------------
    # Priority: these work while a text field has focus (typing never swallows them).
    Action("form_save", "ctrl+s", "save", N_("Save"), (FORM,), show=True, priority=True),
    Action("form_cancel", "escape", "cancel", N_("Cancel"), (FORM,), show=True),
    Action("meeting_next", "ctrl+down,alt+n", "next_page", N_("Next"), (MEETING,), show=True, priority=True),
    Action("meeting_previous", "ctrl+up,alt+p", "previous_page", N_("Back"), (MEETING,), show=True, priority=True),
    Action("meeting_no_show", "ctrl+n", "no_show", N_("Did not show"), (MEETING,), show=True, priority=True),
    # A choice field also takes the first letter of an option, or its number. On a goal's
    # status (shift+tab from the note) that picks it and goes back to the note: alt+digit is
    # no use here, Textual 8.2 turns ESC+digit into macOS Option characters (¡ ™ £ …).
    Action("choice_next", "right,space", "next_option", N_("Next option"), (CHOICE,)),
    Action("choice_previous", "left", "previous_option", N_("Previous option"), (CHOICE,)),
    # -- dialogs ---------------------------------------------------------------------------
    Action("confirm_yes", "y", "yes", N_("Yes"), (CONFIRM,), show=True),
    Action("confirm_no", "n,escape", "no", N_("No"), (CONFIRM,), show=True),
    Action("draft_keep", "k", "choose('keep')", N_("Keep as draft"), (DRAFT,), show=True),
    Action("draft_discard", "d", "choose('discard')", N_("Discard"), (DRAFT,), show=True),
    Action("draft_back", "escape,b", "choose('back')", N_("Back to the form"), (DRAFT,), show=True),
    Action("draft_restore", "r", "choose('restore')", N_("Restore draft"), (DRAFT_OFFER,), show=True),
    Action("draft_drop", "d", "choose('discard')", N_("Discard draft"), (DRAFT_OFFER,), show=True),
    Action("draft_later", "escape", "choose('later')", N_("Not now"), (DRAFT_OFFER,), show=True),
    Action("conflict_reload", "r", "choose('reload')", N_("Reload"), (CONFLICT,), show=True),
    Action("conflict_draft", "d", "choose('draft')", N_("Keep my text as a draft"), (CONFLICT,), show=True),
    Action("conflict_back", "escape", "choose('back')", N_("Back to the form"), (CONFLICT,), show=True),
    # -- laptop sync: conflicts and refused changes (screens) ---------------------------------
    Action("conflict_server", "s", "resolve('server')", N_("Keep server's"), (CONFLICTS,),
           N_("Conflict: keep the server's value"), show=True),
    Action("conflict_laptop", "l", "resolve('laptop')", N_("Take laptop's"), (CONFLICTS,),
           N_("Conflict: take the laptop's value"), show=True),
    Action("conflict_value", "t", "type_value", N_("Type value"), (CONFLICTS,),
           N_("Conflict: type the value"), show=True),
    Action("refused_retry", "r", "retry", N_("Send again"), (REFUSED,), N_("Refused change: send it again"),
           show=True),
    Action("refused_discard", "d", "discard", N_("Discard"), (REFUSED,), N_("Refused change: discard it"),
           show=True),
    # -- the CTI course menu (also runnable from the palette on a citizen) --------------------
    Action("cti_start", "s", "cti_start", N_("Start a course"), (CTI_MENU,), N_("CTI: start a course")),
    Action("cti_advance", "a", "cti_advance", N_("Advance to the next phase"), (CTI_MENU,),
           N_("CTI: advance to the next phase")),
    Action("cti_focus", "f", "cti_focus", N_("Focus areas of the phase"), (CTI_MENU,),
           N_("CTI: focus areas of the running phase")),
    Action("cti_cadence", "c", "cti_cadence", N_("Contact cadence of a phase"), (CTI_MENU,),
           N_("CTI: contact cadence of a phase")),
    Action("cti_closing_note", "n", "cti_closing_note", N_("Closing note"), (CTI_MENU,), N_("CTI: closing note")),
    Action("cti_end", "x", "cti_end", N_("End the course"), (CTI_MENU,), N_("CTI: end the course")),
    Action("menu_close", "escape,q", "close", N_("Close"), (CTI_MENU, PLAN_EDITOR, WORK_EDITOR, EMPLOYERS),
           show=True),
    # -- editors (lists of goals, placements, employers) -------------------------------------
    Action("plan_edit", "enter", "edit", N_("Edit"), (PLAN_EDITOR,), show=True),
    Action("plan_new_goal", "n", "new_goal", N_("New goal"), (PLAN_EDITOR,), show=True),
    Action("plan_new_action", "a", "new_action", N_("New action"), (PLAN_EDITOR,), show=True),
    Action("plan_details", "o", "plan_details", N_("Own goal and consent"), (PLAN_EDITOR,), show=True),
    Action("placement_edit", "enter", "edit", N_("Edit"), (WORK_EDITOR,), show=True),
    Action("placement_new", "n", "new_placement", N_("New placement"), (WORK_EDITOR,), show=True),
    Action("placement_end", "x", "end_placement", N_("End placement"), (WORK_EDITOR,), show=True),
    Action("employers", "b", "employers", N_("Employers"), (WORK_EDITOR,), show=True),
    Action("employer_edit", "enter", "edit", N_("Edit"), (EMPLOYERS,), show=True),
    Action("employer_new", "n", "new_employer", N_("New employer"), (EMPLOYERS,), show=True),
)

BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS}
# Actions that change a citizen's record: not offered to a team leader reading a colleague's
# citizen (CitizenScreen.check_action; the server refuses the change anyway, store/leader_guard.py).
CHANGES_RECORD = frozenset(BY_ID[i].action for i in (
    "record_meeting", "record_checkin", "employer_follow_up", "new_follow_up", "record_measures", "record_no_show",
    "follow_up_done", "follow_up_reschedule", "edit_selected", "edit_plan", "cti_course", "work", "edit_citizen",
    "exempt_from_counter", "close_case", "delete_follow_up", "undo_delete",
    "cti_start", "cti_advance", "cti_focus", "cti_cadence", "cti_closing_note", "cti_end"))


def actions_in(scope: str) -> list[Action]:
    return [a for a in ACTIONS if scope in a.scopes]


def bindings(scope: str) -> list[Binding]:
    """The Textual bindings of one scope, for a class's ``BINDINGS``."""
    return [
        Binding(a.keys, a.action.removeprefix("app.") if scope == APP else a.action, a.description,
                show=a.show, priority=a.priority, id=a.id)
        for a in actions_in(scope) if a.keys  # a palette-only action (demo_reset) has no key
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
    """(section title msgid, actions) for the help screen, in ``scopes`` order;
    an action that does what an earlier one does (help) is listed once."""
    seen: set[str] = set()
    sections = []
    for scope in scopes:
        actions = [a for a in actions_in(scope) if a.action not in seen]
        seen.update(a.action for a in actions)
        if actions:
            sections.append((SCOPE_TITLES[scope], actions))
    return sections


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
