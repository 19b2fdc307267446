"""The team leader's overview, handover and digest under row-level security
(issue 15), with real logins made by `enplan admin` (tests/test_postgres_access.py's
teams: Nord = anna, bo and their leader lars; Syd = cecilie and dora)."""

from __future__ import annotations

import pytest

from enplan.domain.errors import ValidationError
from enplan.services import NotFoundError
from tests.conftest import TODAY
from tests.test_postgres_access import team  # noqa: F401 - the fixture

pytestmark = pytest.mark.postgres


def test_the_leader_sees_their_team_and_hands_over_within_it(team):  # noqa: F811
    lars = team.services("lars")
    overview = lars.team_overview()
    assert overview.team == "Nord"
    rows = {r.login: r for r in overview.rows}
    assert set(rows) == {team.login(s) for s in ("anna", "bo", "lars")}
    assert rows[team.login("anna")].caseload.citizens == 1 and rows[team.login("anna")].overdue_follow_ups == 1
    assert rows[team.login("lars")].role == "leader"

    anna_citizen, syd_citizen = team.ids["anna"], team.ids["cecilie"]
    with pytest.raises(ValidationError, match="is not in your team"):
        lars.hand_over([anna_citizen], team.login("cecilie"), "Ferie")
    with pytest.raises(NotFoundError):  # another team's citizen: not even seen
        lars.hand_over([syd_citizen], team.login("bo"), "")
    assert team.services().citizen_detail(anna_citizen).citizen.caseworker == team.login("anna")

    own = team.services().add_follow_up(anna_citizen, "Annas egen", TODAY, owner=team.login("anna"))
    result = lars.hand_over([anna_citizen], team.login("bo"), "Anna er på ferie til 14. december.")
    assert (result.citizens, result.follow_ups_moved) == (1, 1)
    bo = team.services("bo")
    spell = bo.citizen_detail(anna_citizen).caseworkers[-1]
    assert (spell.caseworker, spell.previous, spell.handed_over_by) == (team.login("bo"), team.login("anna"),
                                                                       team.login("lars"))
    bo.mark_handover_note_read(spell.id)
    assert bo.citizen_detail(anna_citizen).caseworkers[-1].note_read_at is not None
    assert {f.id: f.owner for f in bo.citizen_detail(anna_citizen).follow_ups}[own] == team.login("bo")
    with pytest.raises(NotFoundError):  # anna no longer sees the citizen handed over
        team.services("anna").citizen_detail(anna_citizen)

    digest = lars.digest(team="Nord")
    overdue = {d.caseworker: len(d.overdue) for d in digest.caseworkers}
    assert overdue[team.login("bo")] == 2  # his own and anna's, both due yesterday


def test_a_caseworker_sees_only_their_own_row_of_the_team(team):  # noqa: F811
    anna = team.services("anna")
    rows = {r.login: r for r in anna.team_overview().rows}
    # The figures come through her own session: she sees her citizens and none of bo's.
    assert rows[team.login("anna")].caseload.citizens == 1 and rows[team.login("bo")].caseload.citizens == 0


def test_a_leader_is_told_before_editing_that_a_colleagues_citizen_is_read_only(team):  # noqa: F811
    """citizen_detail says what the leader guard will do: a leader reads a colleague's citizen
    (leader_reads), their own is theirs to change; no caseworker and not the owner is bound."""
    from enplan.domain.enums import TargetGroup
    from enplan.services import CitizenInput

    lars = team.services("lars")
    assert lars.citizen_detail(team.ids["anna"]).leader_reads
    own = team.services().create_citizen(CitizenInput(name="Lars' egen", target_group=TargetGroup.OTHER,
                                                      caseworker=team.login("lars")))
    assert not lars.citizen_detail(own).leader_reads
    lars.add_follow_up(own, "Ring selv", TODAY)  # and so it is
    assert not team.services("anna").citizen_detail(team.ids["anna"]).leader_reads
    assert not team.services("dora").citizen_detail(team.ids["cecilie"]).leader_reads  # Syd shares caseloads
    assert not team.services().citizen_detail(team.ids["anna"]).leader_reads


def test_a_leaders_read_about_one_caseworker_is_narrowed_to_their_citizens_and_answers_the_same(team):  # noqa: F811
    """A leader sees the whole team, so a read about one caseworker (the caseload, the worklist) or one
    citizen narrows the policies' set of visible citizens to them (store/policies.py FOCUS): far fewer
    rows read, the same answer. A caseworker who sees only their own is not narrowed (one statement less)."""
    import sqlalchemy as sa

    lars = team.services("lars")
    assert lars.db.narrows_reads and team.services("dora").db.narrows_reads  # Syd shares caseloads
    assert not team.services("anna").db.narrows_reads
    anna, bo = team.login("anna"), team.login("bo")
    seen = sa.text("SELECT cardinality(enplan_seen_citizens())")
    with lars.db.read() as s:
        assert s.execute(seen).scalar_one() == 2  # anna's and bo's
    with lars.db.read(about_caseworker=anna) as s:
        assert s.execute(seen).scalar_one() == 1
    with lars.db.read(about_citizen=team.ids["bo"]) as s:
        assert s.execute(seen).scalar_one() == 1
    with lars.db.read() as s:  # the narrowing ended with its transaction
        assert s.execute(seen).scalar_one() == 2

    lars.view_citizen(team.ids["anna"])  # narrowed too (a write: its audit entry)
    narrowed = (lars.worklist(anna), lars.caseload_view(bo), lars.citizen_detail(team.ids["anna"]))
    lars.db.narrows_reads = False
    assert (lars.worklist(anna), lars.caseload_view(bo), lars.citizen_detail(team.ids["anna"])) == narrowed
    assert [i.what for i in narrowed[0] if i.kind.value == "follow_up"] == ["Ring til anna"] and [r.name for r in narrowed[1][0]] == ["Borger bo"]


def test_narrowing_by_hand_never_shows_more(team):  # noqa: F811
    """Anyone may set the narrowing settings with raw SQL: they only ever leave citizens out."""
    cecilie, anna = str(team.ids["cecilie"]), str(team.ids["anna"])
    with team.sql("anna") as conn:
        for setting, value in (("enplan.focus", team.login("cecilie")), ("enplan.focus_citizen", cecilie)):
            conn.execute("SELECT set_config(%s, %s, false)", (setting, value))
            assert conn.execute("SELECT count(*) FROM follow_up").fetchone() == (0,)  # not even her own now
            assert conn.execute("SELECT count(*) FROM follow_up WHERE citizen_id = %s", (cecilie,)).fetchone() == (0,)
            conn.execute("SELECT set_config(%s, '', false)", (setting,))
        conn.execute("SELECT set_config('enplan.focus_citizen', %s, false)", (anna,))
        assert conn.execute("SELECT title FROM follow_up").fetchall() == [("Ring til anna",)]
