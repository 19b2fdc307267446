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
