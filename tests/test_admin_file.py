"""`enplan admin` on a SQLite file (issue 15): teams and members are kept (the
team screens use them), the command says nothing enforces access on a
file, bad input is one sentence with nothing changed, and the per-citizen
audit export includes the database-wide export. The server's side, with its
roles and policies: tests/test_postgres_access.py."""

from __future__ import annotations

import json

from enplan.cli import main
from enplan.domain.enums import TargetGroup
from enplan.services import CitizenInput
from tests.conftest import TODAY


def admin(url: str, *args: str) -> int:
    return main(["admin", *args, "--db", url, "--today", TODAY.isoformat()])


def test_teams_and_members_are_kept_on_a_file_which_says_access_is_not_enforced(sqlite_services, sqlite_url,
                                                                                 capsys):
    sqlite_services.create_citizen(CitizenInput(name="Åse Holm", target_group=TargetGroup.OTHER, caseworker="mette"))
    sqlite_services.create_citizen(CitizenInput(name="Bo Berg", target_group=TargetGroup.OTHER, caseworker="gone"))
    assert admin(sqlite_url, "team", "add", "Nord", "--shared") == 0
    assert "nothing enforces access on a file" in capsys.readouterr().err
    assert admin(sqlite_url, "caseworker", "add", "mette", "--team", "Nord") == 0
    assert admin(sqlite_url, "caseworker", "add", "lise", "--team", "Nord", "--leader") == 0
    assert admin(sqlite_url, "team", "add", "Nord") == 0  # an existing team: no longer shares caseloads
    capsys.readouterr()
    assert admin(sqlite_url, "show", "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["enforced"] is False
    (nord,) = shown["teams"]
    assert nord["name"] == "Nord" and nord["shares_caseloads"] is False
    assert {m["login"]: (m["role"], m["citizens"]) for m in nord["members"]} == {
        "lise": ("leader", 0), "mette": ("caseworker", 1)}
    assert shown["caseworkers_in_no_team"] == {"gone": 1}
    assert admin(sqlite_url, "caseworker", "remove", "mette") == 0
    assert "1 active citizen still has mette" in capsys.readouterr().out
    assert admin(sqlite_url, "show", "--json") == 0
    members = json.loads(capsys.readouterr().out)["teams"][0]["members"]
    assert next(m for m in members if m["login"] == "mette")["removed_at"] is not None


def test_bad_input_is_one_sentence_and_changes_nothing(sqlite_url, tmp_path, capsys):
    missing = f"sqlite:///{tmp_path / 'never.db'}"
    assert admin(missing, "caseworker", "add", "Mette Hansen", "--team", "Nord") == 2
    assert "not a login name" in capsys.readouterr().err
    assert not (tmp_path / "never.db").exists()  # refused before the database was opened
    assert admin(sqlite_url, "caseworker", "add", "mette") == 2
    assert "needs a team" in capsys.readouterr().err
    assert admin(sqlite_url, "caseworker", "add", "mette", "--team", "Øst") == 2
    err = capsys.readouterr().err
    assert "no team named" in err and err.count("\n") == 2  # the file note, then the one sentence
    assert admin(sqlite_url, "caseworker", "remove", "mette") == 2
    assert admin(sqlite_url, "caseworker", "add", "enplan_staff", "--team", "Nord") == 2
    assert admin(sqlite_url, "audit", "--citizen", "not-an-id") == 2
    capsys.readouterr()
    assert admin(sqlite_url, "show", "--json") == 0
    assert json.loads(capsys.readouterr().out)["teams"] == []


def test_a_citizens_audit_export_includes_the_database_wide_export(sqlite_services, sqlite_url, tmp_path, capsys):
    cid = sqlite_services.create_citizen(CitizenInput(name="Åse Holm", target_group=TargetGroup.OTHER))
    other = sqlite_services.create_citizen(CitizenInput(name="Bo Berg", target_group=TargetGroup.OTHER))
    from enplan.services import EmployerInput

    sqlite_services.create_employer(EmployerInput(name="Brugsen"))  # a record of no citizen: not theirs to see
    assert main(["export", "--db", sqlite_url, str(tmp_path / "all.json")]) == 0
    assert main(["sheet", "caseload", "--db", sqlite_url, "-o", str(tmp_path / "caseload.csv")]) == 0
    assert admin(sqlite_url, "audit", "--citizen", str(cid), "-o", str(tmp_path / "insight.json")) == 0
    entries = json.loads((tmp_path / "insight.json").read_text(encoding="utf-8"))["entries"]
    assert ("export", "database") in {(e["action"], e["entity"]) for e in entries}
    assert ("spreadsheet", "caseload") in {(e["action"], e["entity"]) for e in entries}
    assert "employer" not in {e["entity"] for e in entries}
    assert ("create", "citizen") in {(e["action"], e["entity"]) for e in entries}
    assert str(other) not in json.dumps(entries) and "Åse Holm" not in json.dumps(entries)
    created = next(e for e in entries if (e["action"], e["entity"]) == ("create", "citizen"))
    assert created["citizen_id"] == str(cid)
