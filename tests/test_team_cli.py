"""`enplan digest` (text for a mail, JSON with stable keys for a chat job) and
`enplan handover` with its one-sentence refusals (issue 15)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from enplan.cli import main
from enplan.domain.enums import TargetGroup
from enplan.services import CitizenInput, Services
from enplan.store.opening import open_database
from enplan.store.team_tables import Team, TeamMember
from tests.conftest import TODAY


@pytest.fixture
def url(sqlite_url):
    db = open_database(sqlite_url, daily_backup=False)
    services = Services(db, today=TODAY, actor="lise")
    anna = services.create_citizen(CitizenInput(name="Anna Østergård", target_group=TargetGroup.JOBPARAT,
                                                caseworker="mette"))
    bo = services.create_citizen(CitizenInput(name="Bo Holm", target_group=TargetGroup.JOBPARAT, caseworker="jonas"))
    services.add_follow_up(anna, "Ring til jobcentret", TODAY - dt.timedelta(days=4), owner="mette")
    done = services.add_follow_up(anna, "Send CV", TODAY - dt.timedelta(days=1), owner="mette")
    services.set_follow_up_done(done, True)
    services.add_follow_up(bo, "Møde med virksomhed", TODAY + dt.timedelta(days=2), owner="jonas")
    with db.write() as s:
        team = Team(name="North")
        s.add(team)
        s.flush()
        s.add_all([TeamMember(login="lise", team_id=team.id, role="leader"),
                   TeamMember(login="mette", team_id=team.id), TeamMember(login="jonas", team_id=team.id)])
    db.dispose()
    return sqlite_url, str(anna), str(bo)


def _run(*args: str) -> int:
    return main([*args, "--today", TODAY.isoformat()])


def test_digest_json_for_a_team_has_stable_keys(url, capsys):
    db, _anna, _bo = url
    assert _run("digest", "--db", db, "--team", "North", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["week", "next_week", "today", "team", "names", "caseworkers", "totals"]
    assert data["week"] == {"start": "2026-11-16", "end": "2026-11-22"}
    assert data["next_week"] == {"start": "2026-11-23", "end": "2026-11-29"}
    assert data["team"] == "North" and data["totals"] == {"overdue": 1, "done": 1, "due_next_week": 1}
    mette = next(p for p in data["caseworkers"] if p["caseworker"] == "mette")
    assert list(mette) == ["caseworker", "counts", "overdue", "done", "due_next_week"]
    (late,) = mette["overdue"]
    assert late["citizen"] == "A.Ø." and late["what"] == "Ring til jobcentret" and late["days_overdue"] == 4
    assert "Østergård" not in json.dumps(data)  # initials by default: the digest leaves enplan by mail


def test_digest_text_for_a_mail_in_danish(url, capsys):
    db, _anna, _bo = url
    assert _run("digest", "--db", db, "--caseworker", "mette", "--names", "full", "--lang", "da") == 0
    out = capsys.readouterr().out
    assert "uge 47" in out and "mette: 1 forfalden · 1 klaret i denne uge · 0 forfalder i næste uge" in out
    assert "Anna Østergård  Ring til jobcentret (4 dage for sent)" in out


def test_digest_text_for_a_team_starts_with_its_sum(url, capsys):
    db, _anna, _bo = url
    assert _run("digest", "--db", db, "--team", "North") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Weekly digest, week 47 (16-11-2026 to 22-11-2026) · team North"
    assert lines[1] == "team North: 1 overdue · 1 done this week · 1 due next week"
    assert "jonas: 0 overdue · 0 done this week · 1 due next week" in lines
    assert "    24-11-2026  B.H.  Møde med virksomhed" in lines  # initials by default


def test_digest_refuses_an_unknown_team_and_both_options(url, capsys):
    db, _anna, _bo = url
    assert _run("digest", "--db", db, "--team", "West") == 2
    assert "There is no team called West." in capsys.readouterr().err
    assert _run("digest", "--db", db, "--team", "North", "--caseworker", "mette") == 2
    assert "not both" in capsys.readouterr().err


def test_handover_from_the_command_line_and_its_refusals(url, capsys):
    db, anna, bo = url
    assert _run("handover", "--db", db, "--caseworker", "lise", "--citizen", anna, "--to", "ole") == 2
    assert "ole is not a caseworker in any team, so nothing was handed over." in capsys.readouterr().err
    assert _run("handover", "--db", db, "--caseworker", "lise", "--citizen", bo, "--to", "jonas") == 2
    assert "already the caseworker" in capsys.readouterr().err
    assert _run("handover", "--db", db, "--caseworker", "lise", "--citizen", anna, "--citizen", bo,
                "--to", "mette", "--note", "Ferie") == 2  # bo goes, anna is mette's already: nothing changes
    capsys.readouterr()
    assert _run("handover", "--db", db, "--caseworker", "lise", "--citizen", anna, "--to", "jonas",
                "--note", "Ferie til 1. december") == 0
    assert "Handed 1 citizen over to jonas; 1 open follow-up moved along." in capsys.readouterr().out
    assert _run("digest", "--db", db, "--caseworker", "jonas", "--json") == 0
    assert json.loads(capsys.readouterr().out)["totals"]["overdue"] == 1
