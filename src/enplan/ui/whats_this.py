""""What is this?" (F2): one line about the part of the screen that has the
cursor, in the user's language.

The focused widget and then its containers are looked up, in this order: by
id (the lists and panes), by form field name (the fields whose meaning is not
plain from their label), then by kind of widget (how to fill in a date, a
choice, a note). The screen's own title is the last resort, so F2 always
answers with something true.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _
from .actions import BY_ID as ACTIONS
from .actions import key_display
from .text import N_

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

BY_ID = {
    "caseload": N_("Your caseload: one line per citizen, the most urgent first; {open} opens the citizen's plan."),
    "filter": N_("Filter: type part of a name to narrow the caseload; {filter_accept} goes back to the list."),
    "worklist": N_("Your worklist: everything due, overdue first; {toggle_done} marks a follow-up done, {undo} undoes."),
    "plan-pane": N_("The citizen's one plan: their own goal, goals across sectors, actions and consent."),
    "timeline-pane": N_("The timeline: meetings, check-ins, placements and changes, newest first."),
    "cti-pane": N_("The CTI course: its phase, contacts against the cadence, and how closely it follows CTI."),
    "work-pane": N_("Work: placements, jobs and employer follow-ups; {employer_follow_up} records one with the employer."),
    "follow_ups-pane": N_("The citizen's follow-ups: {follow_up_done} marks done, {follow_up_reschedule} reschedules, {delete_follow_up} deletes with undo."),
    "progress-pane": N_("Progress: trivsel, belief, hours and WHO-5 over time, with what counts as a real change."),
    "help-pane": N_("The keys of the screen you came from; {close_help} closes."),
    # The list screens share one frame (screens/sync_list.py): the screen's scope says which list it is.
    "conflicts:sync-list": N_("Values a laptop and the server disagree on; {conflict_server} keeps the server's."),
    "conflicts:sync-pane": N_("The conflict under the cursor: both values, who changed them and when."),
    "refused:sync-list": N_("Changes the server refused; {refused_retry} sends one again, {refused_discard} gives it up."),
    "refused:sync-pane": N_("The refused change under the cursor, and the server's reason."),
    # xgettext:no-python-format  (75% is a share, not a format)
    "rules:sync-list": N_("The 75% counters of your caseload, then the rule sets by date and which is in force."),
    "rules:sync-pane": N_("The line under the cursor: each rule's law and what it asks."),
    "report:sync-list": N_("Outcomes of a cohort; {report_filters} sets the period, filters and a comparison."),
    "report:sync-pane": N_("The row under the cursor: its n, who is missing and why, and the difference."),
    "team:sync-list": N_("Your team: each caseworker's caseload against 35–55 (CTI at most 20) and overdue work; "
                         "{team_worklist} opens their worklist, {team_hand_over} hands citizens over."),
    "team:sync-pane": N_("The caseworker under the cursor, in words: caseload, CTI, overdue work, the oldest overdue item."),
    "editor-table": N_("The list being edited: {plan_edit} edits the line."),
    "tour-menu-list": N_("The guided tours: {tour_menu_start} starts the one under the cursor."),
    "audit-pane": N_("Who viewed or changed this record, and when."),
    "form-body": N_("The form: Tab moves between its fields, {form_save} saves, {form_cancel} cancels."),
    "reader-pane": N_("A long note read whole; {reader_next} and {reader_previous} move between parts."),
}

BY_FIELD = {
    "new_contact_on": N_("New contact: when you next see the citizen; it becomes a follow-up on your worklist."),
    "next_due_on": N_("Next follow-up: when to contact them again; it becomes a follow-up on your worklist."),
    "due_on": N_("Due: the day this must be done by; overdue work is marked ⚠ on the worklist."),
    "outcome": N_("Outcome: what came of it, in a few words (meetings: held, did not show, cancelled)."),
    "held_on": N_("Date: the day it took place; today unless you record it afterwards."),
    "in_community": N_("In community: met outside the office (home, street, workplace), as CTI's phase 1 asks."),
    "with_whom": N_("With: who the check-in was with (the citizen, a relative, a partner in the network)."),
    "face_to_face": N_("Face to face: met the employer in person rather than by phone or mail."),
    "started_on": N_("Date: when the phase began; it may lie in the past, never in the future."),
    "focus_areas": N_("Focus areas: the one to three areas this phase works on; space picks or drops one."),
    "cadence": N_("Cadence: how often CTI asks for a contact in this phase."),
    "consent_given_on": N_("Consent: the day the citizen agreed that the plan may be shared across sectors."),
    "own_goal": N_("Own goal: the citizen's goal in their own words; the plan is built around it."),
    "target_group": N_("Target group: decides the rules, deadlines and offers that apply to the citizen."),
    "benefit_start_on": N_("Benefit start: the day the benefit began; the law's deadlines count from it."),
    "cpr": N_("CPR number: shown masked and revealed only on request; each look is logged."),
    "m-trivsel": N_("Trivsel 1–100: how the citizen rates their wellbeing; 10 points is a real change."),
    "m-belief": N_("Belief 1–5: how likely you think work is within a year; 2 steps is a real change."),
    "m-hours": N_("Hours: ordinary paid hours a week, 0–80."),
    "notes": N_("Notes: free text for the record; the citizen may see it in an insight request."),
}

BY_KIND = {
    "StepRow": N_("An agreed next step: what, the due date (e.g. +2w) and who; it becomes a follow-up."),
    "TickRow": N_("An open item this meeting may close: space ticks it; it is marked done on the meeting's date."),
    "DateField": N_("{label}: a date, e.g. 01-12-2026, 1.12, today, tomorrow, +2w or +3d."),
    "TimeField": N_("{label}: a time of day, e.g. 9, 9:30 or 14.15."),
    "NumberField": N_("{label}: a number on the scale shown beside it; a decimal comma works."),
    "ToggleField": N_("{label}: yes or no; space or ← → changes it."),
    "ChoiceField": N_("{label}: a choice; ← → or the first letter changes it."),
    "NoteField": N_("{label}: free text; Enter starts a new line, Tab goes to the next field."),
    "LineField": N_("{label}: one line of text; Tab goes to the next field."),
    "PickField": N_("{label}: space ticks or unticks the line under the cursor; several may be ticked."),
    "TabbedContent": N_("The citizen's tabs: {tab_plan} to {tab_progress} switch between them."),
    "CommandPalette": N_("Commands: type a few letters of what you want to do; Enter runs it."),
}


class _Keys(dict):
    """{registry id} in a text becomes that action's keys, as the user's keymap has them."""

    def __init__(self, screen: Screen, label: str) -> None:
        super().__init__(label=label)
        self.app = screen.app

    def __missing__(self, name: str) -> str:
        return key_display(self.app, ACTIONS[name], self.app.keymap)


def explain(widget: Widget | None, screen: Screen) -> str:
    """One line about ``widget`` (the focused one), else about the screen."""
    node = widget
    while node is not None and node is not screen:
        found = _explain_node(node)
        if found:
            text, label = found
            return _(text).format_map(_Keys(screen, label))
        node = node.parent
    title = getattr(screen, "help_title", "") or _("enplan")
    return _("{screen}: {help} lists the keys that work here.").format(screen=title, help=_Keys(screen, "")["help"])


def _explain_node(node: Widget) -> tuple[str, str] | None:
    """(msgid, the field's label) for ``node``, or None to ask its container."""
    scoped = f"{getattr(node.screen, 'SCOPE', '')}:{node.id}"
    if scoped in BY_ID:
        return BY_ID[scoped], ""
    if node.id and node.id in BY_ID:
        return BY_ID[node.id], ""
    name = getattr(node, "name", None)
    label = getattr(node, "label_text", None)
    if isinstance(name, str) and isinstance(label, str):  # a form field
        if name in BY_FIELD:
            return BY_FIELD[name], label
        for cls in type(node).__mro__:
            if cls.__name__ in BY_KIND:
                return BY_KIND[cls.__name__], label.rstrip(" *")
    for cls in type(node).__mro__:
        if cls.__name__ in BY_KIND and "{label}" not in BY_KIND[cls.__name__]:
            return BY_KIND[cls.__name__], ""
    return None
