"""A small, fully known caseload for UI behaviour tests, built through the
Services API (today = 2026-11-22, caseworker "mette").

Danish order of the names: Bjørn Ærø, Carl Nielsen, Dorte [bold]Jensen[/],
Zoë Zachariassen, Æbbe Hansen, Åse Østergaard.
Urgency order: Åse (CTI contact and a follow-up overdue), Dorte (overdue),
Bjørn (due today), Carl (this week), Zoë (later), Æbbe (nothing due).
On the worklist Carl also has his first measures due today (the others were measured).
Bjørn has measures (the Progress tab): trivsel 35 → 41 → 49 and WHO-5 28 → 52
(real changes), belief 2 → 3 and paid hours 0 → 7.5 (not), at uneven gaps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

D = dt.date
HOSTILE_NOTE = "Says [bold]hi[/] and [link=x]click[/link] [@click=app.quit]quit[/] \x1b[31mred\x1b[0m"
HOSTILE_FOLLOW_UP = "[bold]Ring[/bold] [@click=app.quit]now[/] \x1b[2J"
HOSTILE_NAME = "Dorte [bold]Jensen[/]"
HOSTILE_EMPLOYER = "[red]Fake[/red] ApS"
CPR_FULL = "0101901234"


@dataclass
class Seeded:
    ase: str
    bjorn: str
    carl: str
    dorte: str
    zoe: str
    aebbe: str
    other: str
    ase_follow_up: str
    carl_follow_up: str
    dorte_follow_up: str


def seed(services) -> Seeded:  # noqa: ANN001, PLR0915 - one straight story
    from enplan.domain.enums import (
        ContactForm,
        GoalProgress,
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
        MeasuresInput,
        MeetingInput,
        NextStep,
        PlacementInput,
    )

    def citizen(name: str, group: TargetGroup, caseworker: str = "mette", cpr: str = "") -> str:
        return str(services.create_citizen(CitizenInput(name=name, target_group=group, cpr=cpr, caseworker=caseworker)))

    ase = citizen("Åse Østergaard", TargetGroup.AKTIVITETSPARAT, cpr=CPR_FULL)
    bjorn = citizen("Bjørn Ærø", TargetGroup.JOBPARAT)
    carl = citizen("Carl Nielsen", TargetGroup.SYGEDAGPENGE)
    dorte = citizen(HOSTILE_NAME, TargetGroup.OTHER)
    zoe = citizen("Zoë Zachariassen", TargetGroup.RESSOURCEFORLOEB)
    aebbe = citizen("Æbbe Hansen", TargetGroup.UDDANNELSESHJAELP)
    other = citizen("Other Person", TargetGroup.JOBPARAT, caseworker="jonas")

    # Åse: a plan with goals, a meeting, a CTI course in phase 1 with an overdue contact.
    services.update_plan(ase, own_goal="Jeg vil have min egen lejlighed", consent_given_on=D(2026, 3, 1),
                         consent_scope="Jobcenter og bostøtte", consent_withdrawn_on=None, review_on=D(2026, 12, 1))
    home = services.add_goal(ase, LifeArea.BOLIG, "Find en lejlighed")
    services.add_action(home, "Søg boligstøtte", Provider.BOSTOETTE, D(2026, 12, 1))
    work_goal = services.add_goal(ase, LifeArea.UDDANNELSE_BESKAEFTIGELSE, "Start i praktik")
    services.record_meeting(ase, MeetingInput(
        type=MeetingType.JOBSAMTALE, form=ContactForm.PERSONAL,
        starts_at=dt.datetime(2026, 11, 3, 9, 0, tzinfo=dt.timezone.utc), participants="Åse, Mette",
        notes="Godt møde om boligen.",
        goal_notes=(GoalNoteInput(home, GoalProgress.PROGRESS, "Har set to lejligheder"),
                    GoalNoteInput(work_goal, None, "Vil gerne i butik")),
        next_steps=(NextStep("Ring til lægen", D(2026, 11, 10)),)))
    course = services.start_cti(ase, D(2026, 8, 10))
    services.advance_phase(course, D(2026, 9, 14))
    services.record_checkin(course, CheckinInput(held_on=D(2026, 11, 2), form=ContactForm.PHONE,
                                                 notes="Kort snak", area_notes={"bolig": "Ny ansøgning"}))
    ase_follow_up = str(next(f.id for f in services.follow_ups(ase) if f.title == "Ring til lægen"))

    # Bjørn: a virksomhedspraktik past its 4 weeks; the employer follow-up is due today.
    netto = services.create_employer(EmployerInput(name="Netto Vesterbro", contact_person="Lise"))
    praktik = services.create_placement(bjorn, PlacementInput(
        employer_id=netto, kind=PlacementKind.VIRKSOMHEDSPRAKTIK, start_on=D(2026, 10, 1), hours_per_week=15,
        purpose="Lager og kasse"))
    services.record_employer_follow_up(EmployerFollowUpInput(
        held_on=D(2026, 11, 15), placement_id=praktik, contact_person="Lise", face_to_face=True,
        outcome="Det går godt", next_due_on=D(2026, 11, 22)))
    # His case started with the placement (01-10-2026): measures from then, two weeks and then five apart.
    services.record_measures(bjorn, MeasuresInput(D(2026, 10, 1), values={"trivsel": 35, "belief": 2, "hours": 0},
                                                  answers={"who5": (1, 1, 2, 1, 2)}))
    services.record_measures(bjorn, MeasuresInput(D(2026, 10, 15), values={"trivsel": 41, "belief": 2}))
    services.record_measures(bjorn, MeasuresInput(D(2026, 11, 19), values={"trivsel": 49, "belief": 3, "hours": 7.5},
                                                  answers={"who5": (3, 2, 3, 2, 3)}, note="Glad for lageret"))

    # Carl: due this week, plus one done earlier.
    carl_follow_up = str(services.add_follow_up(carl, "Send CV til Netto", D(2026, 11, 25)))
    old = services.add_follow_up(carl, "Gammel opgave", D(2026, 11, 1))
    services.set_follow_up_done(old, True)

    # Dorte: hostile text everywhere a person can type.
    services.update_plan(dorte, own_goal="[link=https://x]click[/link] \x1b[1mbold\x1b[0m", consent_given_on=None,
                         consent_scope="", consent_withdrawn_on=None, review_on=None)
    services.record_meeting(dorte, MeetingInput(
        type=MeetingType.OPFOELGNINGSSAMTALE, form=ContactForm.PHONE,
        starts_at=dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.timezone.utc), notes=HOSTILE_NOTE))
    dorte_follow_up = str(services.add_follow_up(dorte, HOSTILE_FOLLOW_UP, D(2026, 11, 21)))
    fake = services.create_employer(EmployerInput(name=HOSTILE_EMPLOYER))
    services.create_placement(dorte, PlacementInput(employer_id=fake, kind=PlacementKind.LOENTILSKUD,
                                                    start_on=D(2026, 11, 1), hours_per_week=20))

    # Zoë: later; Æbbe: nothing due; Other Person belongs to another caseworker.
    services.add_follow_up(zoe, "Opfølgning på ressourceforløb", D(2026, 12, 20))
    services.add_follow_up(other, "Not mette's", D(2026, 11, 1))
    # Measured today, so the next is a quarter away; Carl never was: his first measures are due today.
    for cid in (ase, dorte, zoe, aebbe, other):
        services.record_measures(cid, MeasuresInput(D(2026, 11, 22), values={"trivsel": 50, "belief": 3}))
    return Seeded(ase, bjorn, carl, dorte, zoe, aebbe, other, ase_follow_up, carl_follow_up, dorte_follow_up)
