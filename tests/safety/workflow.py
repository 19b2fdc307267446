"""One citizen through every use case, for tests that watch what the services
do (audit entries, transaction modes, erasure leaving no trace)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from enplan.domain.enums import (
    ActionStatus,
    ContactForm,
    GoalProgress,
    GoalStatus,
    LifeArea,
    MeetingType,
    PlacementKind,
    Provider,
    TargetGroup,
)
from enplan.services import (
    CheckinInput,
    CitizenInput,
    EmployerFollowUpInput,
    EmployerInput,
    GoalNoteInput,
    MeetingInput,
    NextStep,
    PlacementInput,
)
from tests.safety.helpers import CPR, NAME

SECRET_NOTE = "Quixotic relapse narrative 7Q4Z"  # personal note text a raw-byte search can find
SECRET_PHONE = "+45 29 87 65 43"
SECRET_ADDRESS = "Vesterbrogade 9999, 1620 Kobenhavn V"


@dataclass
class Ids:
    citizen: object = None
    goal: object = None
    action: object = None
    meeting: object = None
    follow_up: object = None
    course: object = None
    checkin: object = None
    employer: object = None
    placement: object = None
    employer_follow_up: object = None
    other_citizen: object = None
    extra: dict = field(default_factory=dict)


def run_every_use_case(s, *, name: str = NAME, cpr: str = CPR) -> Ids:  # noqa: ANN001
    today = s.today
    ids = Ids()
    ids.other_citizen = s.create_citizen(CitizenInput(name="Bystander Person", target_group=TargetGroup.OTHER))
    cid = ids.citizen = s.create_citizen(CitizenInput(
        name=name, target_group=TargetGroup.AKTIVITETSPARAT, cpr=cpr, phone=SECRET_PHONE, address=SECRET_ADDRESS))
    s.update_citizen(cid, CitizenInput(name=name, target_group=TargetGroup.AKTIVITETSPARAT, cpr=cpr,
                                       phone=SECRET_PHONE, address=SECRET_ADDRESS, email="q@example.org"))
    s.view_citizen(cid)
    s.reveal_cpr(cid)
    s.update_plan(cid, own_goal=f"{SECRET_NOTE} own goal", consent_given_on=today, consent_scope="jobcenter",
                  consent_withdrawn_on=None, review_on=today + dt.timedelta(days=90))
    ids.goal = s.add_goal(cid, LifeArea.BOLIG, f"{SECRET_NOTE} housing")
    s.update_goal(ids.goal, life_area=LifeArea.BOLIG, title=f"{SECRET_NOTE} housing, own flat", status=GoalStatus.ACTIVE)
    ids.action = s.add_action(ids.goal, f"{SECRET_NOTE} apply", Provider.JOBCENTER, today + dt.timedelta(days=7))
    s.update_action(ids.action, description=f"{SECRET_NOTE} apply now", provider=Provider.JOBCENTER,
                    status=ActionStatus.IN_PROGRESS, due_on=today + dt.timedelta(days=7))
    ids.meeting = s.record_meeting(cid, MeetingInput(
        type=MeetingType.JOBSAMTALE, form=ContactForm.PERSONAL,
        starts_at=dt.datetime.combine(today, dt.time(10), tzinfo=dt.timezone.utc),
        participants=f"{name} and mother", notes=f"{SECRET_NOTE} in meeting",
        goal_notes=(GoalNoteInput(ids.goal, GoalProgress.PROGRESS, f"{SECRET_NOTE} goal note"),),
        next_steps=(NextStep(f"{SECRET_NOTE} call back", today + dt.timedelta(days=3)),)))
    ids.follow_up = s.add_follow_up(cid, f"{SECRET_NOTE} follow-up", today + dt.timedelta(days=5))
    s.reschedule_follow_up(ids.follow_up, today + dt.timedelta(days=6))
    s.set_follow_up_done(ids.follow_up, True)
    ids.course = s.start_cti(cid, today - dt.timedelta(days=30))
    ids.checkin = s.record_checkin(ids.course, CheckinInput(held_on=today - dt.timedelta(days=2),
                                                            form=ContactForm.PHONE, notes=f"{SECRET_NOTE} check-in"))
    s.set_closing_note(ids.course, f"{SECRET_NOTE} closing")
    ids.employer = s.create_employer(EmployerInput(name="Bakery Brothers ApS"))
    ids.placement = s.create_placement(cid, PlacementInput(
        employer_id=ids.employer, kind=PlacementKind.ORDINARY_JOB, start_on=today - dt.timedelta(days=10),
        purpose=f"{SECRET_NOTE} purpose", hours_per_week=20))
    ids.employer_follow_up = s.record_employer_follow_up(EmployerFollowUpInput(
        held_on=today, placement_id=ids.placement, notes=f"{SECRET_NOTE} employer says",
        next_due_on=today + dt.timedelta(days=14)))
    # soft delete with undo, for each kind the UI can delete
    for kind, ident in (("meeting", ids.meeting), ("goal", ids.goal), ("action", ids.action),
                        ("placement", ids.placement), ("employer_follow_up", ids.employer_follow_up),
                        ("checkin", ids.checkin), ("follow_up", ids.follow_up)):
        s.delete_record(kind, ident)
        s.restore_record(kind, ident)
    s.close_case(cid, "moved")
    s.reopen_case(cid)
    s.caseload()
    s.worklist()
    s.citizen_detail(cid)
    s.audit_log(cid)
    return ids
