"""The screens a guided tour's steps can be on: the names tour files use
(domain/tours.py SCREENS), the screen classes they stand for, and how the
tour's panel names them when the trainee is elsewhere."""

from __future__ import annotations

from .text import N_

# The screen names tour files use, and the screen classes they stand for.
SCREEN_CLASSES = {"caseload": "CaseloadScreen", "worklist": "WorklistScreen", "citizen": "CitizenScreen",
                  "meeting": "MeetingForm", "checkin": "CheckinForm", "cti_menu": "CtiMenu",
                  "cti_advance": "AdvancePhaseForm", "employer_follow_up": "EmployerFollowUpForm"}
SCREEN_TITLES = {"caseload": N_("the caseload"), "worklist": N_("the worklist"), "citizen": N_("a citizen"),
                 "meeting": N_("the meeting form"), "checkin": N_("the check-in form"),
                 "cti_menu": N_("the CTI course menu"), "cti_advance": N_("the phase change form"),
                 "employer_follow_up": N_("the employer follow-up form")}
_NAMES = {cls: name for name, cls in SCREEN_CLASSES.items()}


def screen_name(screen: object) -> str | None:
    """The tour's name for a screen, or None for one no step is on."""
    return _NAMES.get(type(screen).__name__)
