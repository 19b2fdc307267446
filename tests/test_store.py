"""Store round trips through the services (every backend), and migrations on SQLite."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from alembic import command

from enplan.domain.cti import follow_up_date, next_contact_due, plan_phases
from enplan.domain.enums import (
    ActionStatus,
    Cadence,
    CitizenStatus,
    ContactForm,
    FollowUpSource,
    GoalProgress,
    GoalStatus,
    LifeArea,
    MeetingOutcome,
    MeetingType,
    PlacementKind,
    Provider,
    RuleDecisionKind,
    TargetGroup,
)
from enplan.domain.errors import ValidationError
from enplan.domain.followups import WorkKind
from enplan.domain.placements import retention_schedule
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
from enplan.store import exchange
from enplan.store.migrate import alembic_config, current_revision, head_revision
from enplan.store.tables import ENTITY_TABLES
from tests.conftest import ACTOR, TODAY

D = dt.date
CPH = ZoneInfo("Europe/Copenhagen")
UTC = dt.timedelta(0)


def citizen(services, name: str = "Søren Åbjerg", group: TargetGroup = TargetGroup.AKTIVITETSPARAT, **kw):
    return services.create_citizen(CitizenInput(name=name, target_group=group, caseworker="mette", **kw))


def test_citizen_round_trip(services):
    cid = citizen(services, "  Søren   Åbjerg ", cpr="010190-0012", phone="20 30 40 50",
                  email="soeren@example.dk", address="Æblevej 1, 9500 Hobro")
    detail = services.citizen_detail(cid)
    c = detail.citizen
    assert (c.id, c.name, c.target_group, c.status) == (cid, "Søren Åbjerg", TargetGroup.AKTIVITETSPARAT,
                                                        CitizenStatus.ACTIVE)
    assert (c.phone, c.email, c.address, c.caseworker) == ("20 30 40 50", "soeren@example.dk",
                                                           "Æblevej 1, 9500 Hobro", "mette")
    assert c.cpr_masked == "010190-XXXX" and c.has_cpr and "0012" not in repr(c)
    assert (c.version, c.updated_by) == (1, ACTOR)
    assert c.updated_at.utcoffset() == UTC
    assert detail.plan is not None and detail.plan.goals == ()  # every citizen has one plan
    assert services.reveal_cpr(cid) == "010190-0012"
    assert [r.name for r in services.caseload("mette")] == ["Søren Åbjerg"]


def test_update_keeps_a_cpr_left_blank_and_hides_it_in_the_audit_log(services):
    cid = citizen(services, cpr="0101900012")
    services.update_citizen(cid, CitizenInput(name="Søren Åbjerg", target_group=TargetGroup.JOBPARAT,
                                              caseworker="mette"), expected_version=1)
    assert services.reveal_cpr(cid) == "010190-0012"
    services.update_citizen(cid, CitizenInput(name="Søren Åbjerg", target_group=TargetGroup.JOBPARAT,
                                              caseworker="mette", cpr="020290-0012"), expected_version=2)
    info = services.citizen_detail(cid).citizen
    assert (info.version, info.target_group, info.cpr_masked) == (3, TargetGroup.JOBPARAT, "020290-XXXX")
    updates = [e.changes for e in services.audit_log(cid) if e.action == "update" and e.entity == "citizen"]
    assert updates[0] == {"target_group": ["aktivitetsparat_kontanthjaelp", "jobparat_kontanthjaelp"],
                          "benefit_start_on": [None, "2026-11-22"]}  # a new benefit: a new contact series
    assert updates[1] == {"cpr": ["(hidden)", "(hidden)"]}


def test_plan_goals_and_actions_round_trip(services):
    cid = citizen(services)
    services.update_plan(cid, own_goal="Jeg vil have et arbejde med mine hænder.", consent_given_on=D(2026, 11, 2),
                         consent_scope="Jobcenter og egen læge", consent_withdrawn_on=None, review_on=D(2027, 5, 2))
    work = services.add_goal(cid, LifeArea.UDDANNELSE_BESKAEFTIGELSE, "Virksomhedspraktik")
    home = services.add_goal(cid, LifeArea.BOLIG, "Egen lejlighed")
    services.add_action(work, "Find praktikplads", Provider.JOBCENTER, D(2026, 12, 1))
    services.add_action(home, "Skriv op til bolig", Provider.CITIZEN, D(2026, 11, 30), ActionStatus.IN_PROGRESS)
    plan = services.citizen_detail(cid).plan
    assert (plan.own_goal, plan.consent_given_on, plan.consent_scope, plan.review_on) == (
        "Jeg vil have et arbejde med mine hænder.", D(2026, 11, 2), "Jobcenter og egen læge", D(2027, 5, 2))
    assert plan.consent_active
    assert [(g.life_area, g.title) for g in plan.goals] == [  # ordered by life area
        (LifeArea.BOLIG, "Egen lejlighed"), (LifeArea.UDDANNELSE_BESKAEFTIGELSE, "Virksomhedspraktik")]
    action = plan.goals[0].actions[0]
    assert (action.description, action.provider, action.status, action.due_on) == (
        "Skriv op til bolig", Provider.CITIZEN, ActionStatus.IN_PROGRESS, D(2026, 11, 30))
    services.update_plan(cid, own_goal=plan.own_goal, consent_given_on=D(2026, 11, 2), consent_scope="",
                         consent_withdrawn_on=D(2026, 11, 20), review_on=None)
    assert not services.citizen_detail(cid).plan.consent_active
    with pytest.raises(ValidationError):
        services.update_plan(cid, own_goal="", consent_given_on=D(2026, 11, 2), consent_scope="",
                             consent_withdrawn_on=D(2026, 11, 1), review_on=None)


def test_meeting_with_goal_notes_and_next_steps(services):
    cid = citizen(services)
    work = services.add_goal(cid, LifeArea.UDDANNELSE_BESKAEFTIGELSE, "Praktik")
    money = services.add_goal(cid, LifeArea.OEKONOMI, "Overblik over gæld")
    starts = dt.datetime(2026, 11, 20, 9, 30, tzinfo=CPH)
    services.record_meeting(cid, MeetingInput(
        type=MeetingType.TVAERFAGLIGT_OPSTARTSMOEDE, form=ContactForm.PERSONAL, starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1), location="Jobcentret", participants="Borger, Mette",
        notes="[bold]Ikke markup[/]", goal_notes=(GoalNoteInput(work, GoalProgress.PROGRESS, "God start"),
                                                  GoalNoteInput(money, GoalProgress.ACHIEVED, "Aftale med banken")),
        next_steps=(NextStep("Ring til praktikstedet", D(2026, 11, 27)),)))
    detail = services.citizen_detail(cid)
    (meeting,) = detail.meetings
    assert meeting.starts_at == starts and meeting.starts_at.utcoffset() == UTC
    assert meeting.ends_at - meeting.starts_at == dt.timedelta(hours=1)
    assert (meeting.type, meeting.outcome, meeting.notes) == (
        MeetingType.TVAERFAGLIGT_OPSTARTSMOEDE, MeetingOutcome.HELD, "[bold]Ikke markup[/]")
    assert {(n.goal_title, n.progress, n.note) for n in meeting.goal_notes} == {
        ("Praktik", GoalProgress.PROGRESS, "God start"), ("Overblik over gæld", GoalProgress.ACHIEVED,
                                                         "Aftale med banken")}
    goals = {g.title: g for g in detail.plan.goals}
    assert goals["Overblik over gæld"].status is GoalStatus.ACHIEVED
    assert (goals["Praktik"].status, goals["Praktik"].last_progress) == (GoalStatus.ACTIVE, GoalProgress.PROGRESS)
    (step,) = detail.follow_ups
    assert (step.title, step.due_on, step.source, step.owner) == (
        "Ring til praktikstedet", D(2026, 11, 27), FollowUpSource.MEETING, ACTOR)


def test_a_failing_meeting_writes_nothing(services):
    cid = citizen(services)
    other_goal = services.add_goal(citizen(services, "Åse Ølstrup"), LifeArea.BOLIG, "Bolig")
    with pytest.raises(ValidationError):
        services.record_meeting(cid, MeetingInput(
            type=MeetingType.JOBSAMTALE, form=ContactForm.PHONE, starts_at=dt.datetime(2026, 11, 20, 9, tzinfo=CPH),
            goal_notes=(GoalNoteInput(other_goal, GoalProgress.PROGRESS, "x"),),
            next_steps=(NextStep("Ring", D(2026, 11, 27)),)))
    with pytest.raises(ValidationError):
        services.record_meeting(cid, MeetingInput(type=MeetingType.JOBSAMTALE, form=ContactForm.PHONE,
                                                  starts_at=dt.datetime(2026, 11, 20, 9)))  # naive
    detail = services.citizen_detail(cid)
    assert detail.meetings == () and detail.follow_ups == ()


def test_cti_course_phases_checkins_and_contact_due(services):
    cid = citizen(services)
    start = D(2026, 10, 1)
    course = services.start_cti(cid, start)
    cti = services.citizen_detail(cid).cti
    assert [(p.phase, p.planned_start, p.planned_end, p.cadence) for p in cti.phases] == [
        (p.phase, p.planned_start, p.planned_end, p.cadence) for p in plan_phases(start)]
    assert (cti.phases[0].actual_start, cti.current_phase) == (start, 0)
    assert cti.next_contact_due == next_contact_due(start, Cadence.WEEKLY) == D(2026, 10, 8)
    (contact,) = [i for i in services.overdue() if i.kind is WorkKind.CTI_CONTACT]
    assert (contact.ref_id, contact.due, contact.days_overdue(TODAY)) == (course, D(2026, 10, 8), 45)

    assert services.advance_phase(course, on=D(2026, 10, 29)) == 1
    services.record_checkin(course, CheckinInput(held_on=D(2026, 11, 19), form=ContactForm.COMMUNITY,
                                                 in_community=True, notes="Gåtur",
                                                 area_notes={"bolig": "Huslejen er betalt", "netvaerk": "  "}))
    phase1 = services.citizen_detail(cid).cti.phases[1]
    services.set_focus_areas(phase1.id, ["bolig", "netvaerk"])
    cti = services.citizen_detail(cid).cti
    assert (cti.phases[0].actual_end, cti.phases[1].actual_start, cti.current_phase) == (
        D(2026, 10, 28), D(2026, 10, 29), 1)
    assert cti.phases[1].focus_areas == (LifeArea.BOLIG, LifeArea.NETVAERK)
    assert cti.follow_up_on == follow_up_date(D(2026, 10, 29))
    (checkin,) = cti.checkins
    assert (checkin.held_on, checkin.form, checkin.in_community, checkin.phase) == (
        D(2026, 11, 19), ContactForm.COMMUNITY, True, 1)
    assert checkin.area_notes == (("bolig", "Huslejen er betalt"),)  # the blank note is dropped
    assert cti.next_contact_due == D(2026, 11, 26)
    assert not [i for i in services.overdue() if i.kind is WorkKind.CTI_CONTACT]


def test_employer_placement_retention_and_employer_follow_up(services):
    cid = citizen(services, group=TargetGroup.JOBPARAT)
    employer = services.create_employer(EmployerInput(name="Grønnegården ApS", cvr="1000 0009", industry="Gartneri",
                                                      contact_person="Helle Bæk"))
    with pytest.raises(ValidationError):
        services.create_employer(EmployerInput(name="Forkert ApS", cvr="10000008"))
    assert [(e.name, e.cvr, e.industry) for e in services.employers()] == [("Grønnegården ApS", "10000009", "Gartneri")]
    job = services.create_placement(cid, PlacementInput(employer, PlacementKind.ORDINARY_JOB, D(2026, 11, 24),
                                                        hours_per_week=37, purpose="Fast job"))
    praktik = services.create_placement(cid, PlacementInput(employer, PlacementKind.VIRKSOMHEDSPRAKTIK,
                                                            D(2026, 10, 1), hours_per_week=15))
    services.record_employer_follow_up(EmployerFollowUpInput(
        held_on=D(2026, 11, 21), placement_id=praktik, contact_person="Helle Bæk", face_to_face=True,
        outcome="Møder stabilt", next_due_on=D(2026, 12, 7)))
    detail = services.citizen_detail(cid)
    placements = {p.id: p for p in detail.placements}
    assert (placements[job].kind, placements[job].hours_per_week, placements[job].warning) == (
        PlacementKind.ORDINARY_JOB, 37.0, None)
    assert "4 weeks" in placements[praktik].warning  # jobparat, running since 1 October
    retention = [(f.due_on, f.source) for f in detail.follow_ups if f.source is FollowUpSource.RETENTION]
    assert retention == [(due, FollowUpSource.RETENTION) for _label, due in retention_schedule(D(2026, 11, 24))]
    (efu,) = detail.employer_follow_ups
    assert (efu.employer_name, efu.held_on, efu.face_to_face, efu.next_due_on) == (
        "Grønnegården ApS", D(2026, 11, 21), True, D(2026, 12, 7))
    assert [f.due_on for f in detail.follow_ups if f.source is FollowUpSource.EMPLOYER] == [D(2026, 12, 7)]


def test_follow_up_done_undone_and_soft_delete(services):
    cid = citizen(services)
    fid = services.add_follow_up(cid, "Tjek lægeattest", D(2026, 11, 19))
    (item,) = services.overdue()
    assert (item.ref_id, item.what, item.days_overdue(TODAY)) == (fid, "Tjek lægeattest", 3)
    services.set_follow_up_done(fid, True)
    assert services.overdue() == []
    assert services.citizen_detail(cid).follow_ups[0].done_on == TODAY
    services.set_follow_up_done(fid, False)
    assert [i.ref_id for i in services.overdue()] == [fid]
    services.delete_follow_up(fid)
    assert services.overdue() == [] and services.citizen_detail(cid).follow_ups == ()
    services.restore_follow_up(fid)
    assert [i.ref_id for i in services.overdue()] == [fid]


def test_closed_case_leaves_the_caseload_and_worklist(services):
    cid = citizen(services)
    services.add_follow_up(cid, "Ring", D(2026, 11, 1))
    services.close_case(cid, "Fraflyttet")
    assert services.caseload() == [] and services.overdue() == []
    (row,) = services.caseload(include_closed=True)
    assert row.status is CitizenStatus.CLOSED
    assert services.citizen_detail(cid).citizen.closed_on == TODAY


@pytest.fixture
def other_db(backend, tmp_path, request):
    """A second empty database on the same backend."""
    from enplan.store.opening import open_database

    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'other.db'}"
    else:
        from tests import pg

        url = pg.fresh_database_url(request)
        pg.server().migrate_from_template(url)
        url = pg.daily(url)  # daily work as a caseworker's login (issue 15)
    database = open_database(url, daily_backup=False)
    yield database
    database.dispose()


def _one_of_everything(services) -> None:
    cid = citizen(services, "Bjørn Ærø", cpr="0101900002", email="b@example.dk")
    services.update_plan(cid, own_goal="Et job på et lager", consent_given_on=D(2026, 10, 1),
                         consent_scope="Alle", consent_withdrawn_on=None, review_on=D(2027, 4, 1))
    goal = services.add_goal(cid, LifeArea.UDDANNELSE_BESKAEFTIGELSE, "Praktik")
    services.add_action(goal, "Find praktikplads", Provider.JOBCENTER, D(2026, 12, 1))
    starts = dt.datetime(2026, 11, 20, 9, 30, tzinfo=CPH)
    services.record_meeting(cid, MeetingInput(
        type=MeetingType.JOBSAMTALE, form=ContactForm.VIDEO, starts_at=starts, ends_at=starts + dt.timedelta(hours=1),
        goal_notes=(GoalNoteInput(goal, GoalProgress.SETBACK, "Svær uge"),),
        next_steps=(NextStep("Ring", D(2026, 11, 27)),)))
    course = services.start_cti(cid, D(2026, 10, 1), cadence={2: Cadence.WEEKLY})
    services.record_checkin(course, CheckinInput(held_on=D(2026, 10, 6), form=ContactForm.HOME_VISIT,
                                                 area_notes={"bolig": "Ryddet op"}))
    services.advance_phase(course, on=D(2026, 10, 29))
    employer = services.create_employer(EmployerInput(name="Østerå Auto", cvr="10000017"))
    placement = services.create_placement(cid, PlacementInput(employer, PlacementKind.IPS_JOB, D(2026, 11, 2),
                                                              hours_per_week=12.5))
    services.record_employer_follow_up(EmployerFollowUpInput(held_on=D(2026, 11, 16), placement_id=placement,
                                                             next_due_on=D(2026, 11, 30)))
    services.set_follow_up_done(services.add_follow_up(cid, "Tjek attest", D(2026, 11, 2)), True)
    services.decide_rule(cid, "interview_share", RuleDecisionKind.EXEMPT, "Starter i ordinært job")
    services.record_measures(cid, MeasuresInput(D(2026, 11, 20), values={"trivsel": 49, "hours": 7.5},
                                                answers={"who5": (3, 2, 3, 2, 3)}, note="Første måling"))


def test_export_import_export_is_identical(services, other_db):
    _one_of_everything(services)
    services.create_citizen(CitizenInput(name="Bo Holm", target_group=TargetGroup.JOBPARAT, caseworker="jonas"))
    bjorn = next(c.citizen_id for c in services.caseload("mette") if c.name == "Bjørn Ærø")
    services.hand_over([bjorn], "jonas", "Bjørn foretrækker sms.")  # the caseworker history and its note
    with services.db.read() as s:
        first = exchange.export_document(s, include_cpr=True)
    assert all(first[name] for name in exchange.ORDER), [n for n in exchange.ORDER if not first[n]]
    rows = exchange.validate_document(first, TODAY)
    with other_db.write() as s:
        exchange.import_rows(s, rows)
    with other_db.read() as s:
        second = exchange.export_document(s, include_cpr=True)
    assert exchange.dumps(second) == exchange.dumps(first)


def test_import_refuses_ids_already_stored(services):
    citizen(services)
    with services.db.read() as s:
        doc = exchange.export_document(s)
    rows = exchange.validate_document(doc, TODAY)
    with pytest.raises(exchange.ImportError_, match="already exists"), services.db.write() as s:
        exchange.import_rows(s, rows)
    assert len(services.caseload()) == 1


# -- migrations (SQLite) ------------------------------------------------------------
def test_migrations_from_empty_reach_head_without_drift(sqlite_url):
    from enplan.store.opening import open_database

    engine = sa.create_engine(sqlite_url)
    assert current_revision(engine) is None
    engine.dispose()
    db = open_database(sqlite_url, daily_backup=False)
    try:
        assert current_revision(db.engine) == head_revision()
        names = set(sa.inspect(db.engine).get_table_names())
        assert {t.__tablename__ for t in ENTITY_TABLES.values()} | {"audit_event", "alembic_version"} <= names
        with db.engine.connect() as conn:
            pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert (pragma("foreign_keys"), pragma("journal_mode"), pragma("synchronous")) == (1, "wal", 2)
            assert pragma("busy_timeout") > 0
    finally:
        db.dispose()
    command.check(alembic_config(sqlite_url))  # raises AutoGenerateDiffsDetected on drift


def test_opening_twice_does_not_migrate_again(sqlite_url):
    from enplan.store.opening import open_database

    open_database(sqlite_url, daily_backup=False).dispose()
    db = open_database(sqlite_url, daily_backup=False)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar() == 1
    finally:
        db.dispose()
