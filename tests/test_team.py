"""The team leader's use cases (issue 15) on SQLite and PostgreSQL: the team
overview's figures, handover (all or nothing, with its refusals), the note
read first, the caseworker history, and the weekly digest."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from enplan.domain.enums import PlacementKind, TargetGroup
from enplan.domain.errors import ValidationError
from enplan.services import CitizenInput, EmployerInput, PlacementInput, Services
from enplan.store.team_tables import CaseworkerAssignment, Team, TeamMember
from tests.conftest import TODAY
from tests.hostile import CONTROL, MARKUP, UNICODE


def _citizen(services: Services, name: str, caseworker: str) -> object:
    return services.create_citizen(CitizenInput(name=name, target_group=TargetGroup.JOBPARAT, caseworker=caseworker))


def _team(db, name: str, members: dict[str, str], shares: bool = False) -> None:
    """Teams as an administrator makes them (on a server: as the owner; daily logins may not)."""
    from sqlalchemy.orm import Session

    url = db.url
    if db.engine.dialect.name == "postgresql":
        from tests.pg import DAILY, USER

        url = url.replace(f"://{DAILY}@", f"://{USER}@", 1)
    engine = sa.create_engine(url)
    with Session(engine) as s, s.begin():
        team = Team(name=name, shares_caseloads=shares)
        s.add(team)
        s.flush()
        for login, role in members.items():
            s.add(TeamMember(login=login, team_id=team.id, role=role))
    engine.dispose()


def _as(services: Services, login: str) -> Services:
    """Services acting as ``login`` (on PostgreSQL the connection's login acts: it is made the leader)."""
    return Services(services.db, today=TODAY, actor=login)


def _login(services: Services) -> str:
    with services.db.read() as s:
        return services._login(s)  # noqa: SLF001


@pytest.fixture
def team(services):
    """Team North: lise leads mette and jonas; team South: ole. On PostgreSQL the test's login is lise."""
    leader = _login(services) if services.db.engine.dialect.name == "postgresql" else "lise"
    _team(services.db, "North", {leader: "leader", "mette": "caseworker", "jonas": "caseworker"})
    _team(services.db, "South", {"ole": "caseworker"})
    return _as(services, leader), leader


def test_overview_counts_per_caseworker_against_the_guidelines(services):
    for i in range(56):
        _citizen(services, f"Borger {i:02d}", "mette")
    anna = _citizen(services, "Anna Berg", "jonas")
    services.add_follow_up(anna, "Ring", TODAY - dt.timedelta(days=9), owner="jonas")
    services.add_follow_up(anna, "Skriv", TODAY - dt.timedelta(days=2), owner="jonas")
    services.add_follow_up(anna, "Senere", TODAY + dt.timedelta(days=2), owner="jonas")
    employer = services.create_employer(EmployerInput(name="Brugsen"))
    services.create_placement(anna, PlacementInput(employer, PlacementKind.VIRKSOMHEDSPRAKTIK,
                                                   TODAY - dt.timedelta(days=60), TODAY + dt.timedelta(days=10)))
    services.create_placement(anna, PlacementInput(employer, PlacementKind.VIRKSOMHEDSPRAKTIK,
                                                   TODAY - dt.timedelta(days=60), TODAY + dt.timedelta(days=40)))
    overview = services.team_overview()
    assert overview.team == ""  # no teams set up: everyone with citizens
    rows = {r.login: r for r in overview.rows}
    assert rows["mette"].caseload.citizens == 56 and rows["mette"].caseload_mark == "over"
    jonas = rows["jonas"]
    assert (jonas.caseload.citizens, jonas.caseload_mark, jonas.overdue_follow_ups) == (1, "under", 2)
    assert jonas.ending_without_follow_up == 1  # the one ending within 14 days
    assert jonas.oldest_overdue.what == "Ring" and jonas.oldest_days(TODAY) == 9
    assert rows["mette"].oldest_overdue is None


def test_handover_moves_citizen_follow_ups_and_history_with_the_note(services, team):
    leader_services, leader = team
    anna = _citizen(services, "Anna Berg", "mette")
    mine = services.add_follow_up(anna, "Ring til Anna", TODAY, owner="mette")
    other = services.add_follow_up(anna, "Lægen svarer", TODAY, owner="lægesekretær")
    done = services.add_follow_up(anna, "Gammel", TODAY, owner="mette")
    services.set_follow_up_done(done, True)
    result = leader_services.hand_over([anna], "jonas", "Anna foretrækker sms.\nMøde tirsdag.")
    assert (result.citizens, result.follow_ups_moved) == (1, 1)
    detail = services.citizen_detail(anna)
    assert detail.citizen.caseworker == "jonas"
    owners = {f.id: f.owner for f in detail.follow_ups}
    assert (owners[mine], owners[other], owners[done]) == ("jonas", "lægesekretær", "mette")
    first, second = detail.caseworkers
    assert (first.caseworker, first.ended_at is not None) == ("mette", True)
    assert (second.caseworker, second.previous, second.handed_over_by) == ("jonas", "mette", leader)
    assert second.note == "Anna foretrækker sms.\nMøde tirsdag." and second.note_read_at is None
    leader_services.mark_handover_note_read(second.id)  # not the leader's note to read
    assert services.citizen_detail(anna).caseworkers[-1].note_read_at is None
    _as(services, "jonas").mark_handover_note_read(second.id)
    assert services.citizen_detail(anna).caseworkers[-1].note_read_at is not None
    assert [c.name for c in services.caseload("jonas")] == ["Anna Berg"] and not services.caseload("mette")
    actions = {(e.entity, e.action) for e in services.audit_log(anna)}
    assert ("caseworker_assignment", "create") in actions and ("citizen", "update") in actions


def _unchanged(services, citizen_id, caseworker: str) -> None:
    detail = services.citizen_detail(citizen_id)
    assert detail.citizen.caseworker == caseworker and detail.caseworkers == ()


@pytest.mark.parametrize(("to", "words"), [
    ("ole", "not in your team"), ("nobody", "not a caseworker in any team"), ("mette", "already the caseworker"),
    ("", "Choose the colleague")])
def test_a_refused_handover_changes_nothing(services, team, to, words):
    leader_services, _leader = team
    anna = _citizen(services, "Anna Berg", "mette")
    bo = _citizen(services, "Bo Holm", "jonas")
    with pytest.raises(ValidationError) as refused:
        leader_services.hand_over([bo, anna], to, "note")
    assert words in str(refused.value) and refused.value.field in ("to", "citizens")
    _unchanged(services, anna, "mette")
    _unchanged(services, bo, "jonas")


def test_other_refusals_empty_selection_a_caseworker_and_a_stranger(services, team):
    leader_services, _leader = team
    anna = _citizen(services, "Anna Berg", "mette")
    with pytest.raises(ValidationError, match="at least one citizen"):
        leader_services.hand_over([], "jonas")
    with pytest.raises(ValidationError, match="longer than 2000"):
        leader_services.hand_over([anna], "jonas", "x" * 2001)
    with pytest.raises(ValidationError, match="control characters"):
        leader_services.hand_over([anna], "jonas", CONTROL["ansi_clear_screen"])
    ole_citizen = _citizen(services, "Ole's borger", "ole")
    with pytest.raises(ValidationError, match="not a citizen of your team"):
        leader_services.hand_over([ole_citizen], "jonas")
    if services.db.engine.dialect.name == "sqlite":  # on a server the connection's login acts
        with pytest.raises(ValidationError, match="Only the team leader"):
            _as(services, "jonas").hand_over([anna], "jonas")
        with pytest.raises(ValidationError, match="in no team"):
            _as(services, "stranger").hand_over([anna], "jonas")
    _unchanged(services, anna, "mette")


@pytest.mark.parametrize("text", [*MARKUP.values(), UNICODE["emoji"], UNICODE["rtl_override"], CONTROL["tab"]])
def test_a_hostile_note_is_stored_exactly(services, team, text):
    leader_services, _leader = team
    anna = _citizen(services, "Anna Berg", "mette")
    leader_services.hand_over([anna], "jonas", text)
    assert services.citizen_detail(anna).caseworkers[-1].note == text.strip()


def test_without_teams_a_handover_goes_to_a_known_caseworker(services):
    anna = _citizen(services, "Anna Berg", "mette")
    _citizen(services, "Bo Holm", "jonas")
    with pytest.raises(ValidationError, match="no caseworker called"):
        services.hand_over([anna], "jonsa")
    services.hand_over([anna], "jonas")
    assert services.citizen_detail(anna).citizen.caseworker == "jonas"


def test_the_team_overview_lists_the_leaders_team_only(services, team):
    leader_services, leader = team
    _citizen(services, "Anna Berg", "mette")
    _citizen(services, "Ole's borger", "ole")
    overview = leader_services.team_overview()
    assert overview.team == "North"
    assert [r.login for r in overview.rows] == sorted([leader, "jonas", "mette"])
    assert [r.login for r in services.team_overview("South").rows] == ["ole"]
    with pytest.raises(ValidationError, match="no team called"):
        services.team_overview("West")


def test_digest_overdue_done_this_week_and_due_next_week(services):
    # TODAY is Sunday 22 November 2026: the week is 16-22 November, next week 23-29.
    anna = _citizen(services, "Anna Berg", "mette")
    services.add_follow_up(anna, "Forfalden", TODAY - dt.timedelta(days=3), owner="mette")
    done = services.add_follow_up(anna, "Klaret", TODAY - dt.timedelta(days=1), owner="mette")
    services.set_follow_up_done(done, True)
    services.add_follow_up(anna, "Næste uge", TODAY + dt.timedelta(days=3), owner="mette")
    services.add_follow_up(anna, "Om to uger", TODAY + dt.timedelta(days=10), owner="mette")
    digest = services.digest(caseworker="mette")
    assert (digest.week_start, digest.week_end) == (dt.date(2026, 11, 16), TODAY)
    (mette,) = digest.caseworkers
    assert [i.what for i in mette.overdue] == ["Forfalden"]
    assert [i.what for i in mette.done] == ["Klaret"]
    assert [i.what for i in mette.due_next_week] == ["Næste uge"]


def test_a_caseworker_typed_in_the_details_extends_the_history(services):
    """A new citizen adds no history row (their first spell is written at the first change, from the day they were
    added), so creating one stays one insert per table; a caseworker changed in the details form is a change too."""
    from tests.test_postgres import _edit

    anna = _citizen(services, "Anna Berg", "mette")
    assert services.citizen_detail(anna).caseworkers == ()
    services.update_citizen(anna, _edit(services.citizen_detail(anna), caseworker="jonas"))
    first, second = services.citizen_detail(anna).caseworkers
    assert (first.caseworker, second.caseworker, second.previous, second.note) == ("mette", "jonas", "mette", "")
    with services.db.read() as s:
        assert s.execute(sa.select(sa.func.count()).select_from(CaseworkerAssignment)).scalar_one() == 2


def test_erasing_a_citizen_removes_their_caseworker_history_and_handover_note(sqlite_services):
    services = sqlite_services
    anna = _citizen(services, "Anna Berg", "mette")
    _citizen(services, "Bo Holm", "jonas")
    services.hand_over([anna], "jonas", "Anna's private circumstances")
    result = services.erase_citizen(anna, "Right to erasure (GDPR art. 17)")
    assert result.removed.get("caseworker_assignment") == 2
    with services.db.read() as s:
        assert s.execute(sa.select(sa.func.count()).select_from(CaseworkerAssignment)).scalar_one() == 0


def test_without_teams_many_caseworkers_are_counted_from_one_worklist(services):
    """Past 12 caseworkers and no teams, the overview reads one worklist of everyone: the same figures."""
    for n in range(14):
        cid = _citizen(services, f"Borger {n}", f"cw{n:02d}")
        if n == 3:
            services.add_follow_up(cid, "Ring", TODAY - dt.timedelta(days=5), owner="someone else")
    rows = {r.login: r for r in services.team_overview().rows}
    assert len(rows) == 14 and all(r.caseload.citizens == 1 for r in rows.values())
    assert rows["cw03"].overdue_follow_ups == 1 and rows["cw03"].oldest_days(TODAY) == 5  # the citizen's caseworker
    assert sum(r.overdue_follow_ups for r in rows.values()) == 1


def test_an_export_carries_the_caseworker_history_and_handover_notes_into_an_import(sqlite_services, tmp_path):
    """A move to another database, or an insight request, keeps who was the citizen's caseworker when."""
    from enplan.store import exchange
    from enplan.store.opening import open_database

    services = sqlite_services
    anna = _citizen(services, "Anna Berg", "mette")
    _citizen(services, "Bo Holm", "jonas")
    services.hand_over([anna], "jonas", "Anna foretrækker sms.")
    with services.db.read() as s:
        doc = exchange.export_document(s)
    assert [(a["caseworker"], a["note"]) for a in sorted(doc["caseworker_assignments"], key=lambda a: a["started_at"])] \
        == [("mette", ""), ("jonas", "Anna foretrækker sms.")]
    other = Services(open_database(f"sqlite:///{tmp_path / 'other.db'}", daily_backup=False), today=TODAY, actor="jonas")
    rows = exchange.validate_document(exchange.parse_document(exchange.dumps(doc)), TODAY)
    with other.db.write() as s:
        assert exchange.import_rows(s, rows)["caseworker_assignments"] == 2
    spells = other.citizen_detail(anna).caseworkers
    assert [(c.caseworker, c.note, c.handed_over_by) for c in spells] == [
        ("mette", "", ""), ("jonas", "Anna foretrækker sms.", services.actor)]
    other.db.dispose()
    # A handover note about a citizen not in the file is refused like any other stray record.
    orphan = dict(doc, citizens=[c for c in doc["citizens"] if c["id"] != str(anna)],
                  plans=[p for p in doc["plans"] if p["citizen_id"] != str(anna)])
    with pytest.raises(exchange.ImportError_, match="caseworker_assignments"):
        exchange.validate_document(orphan, TODAY)
