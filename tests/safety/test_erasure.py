"""Right to erasure: rows gone, audit entries scrubbed to a minimum, an erasure
record, and no trace of the name, CPR or notes in the raw file bytes."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from enplan.domain.errors import ValidationError
from enplan.services import NotFoundError
from enplan.store import tables as t
from tests.safety.helpers import CPR, NAME, run_cli
from tests.safety.workflow import SECRET_ADDRESS, SECRET_NOTE, SECRET_PHONE, run_every_use_case

SECRETS = [NAME, CPR, SECRET_NOTE, SECRET_PHONE, SECRET_ADDRESS, "Quellenberg", "quellenberg"]


def _raw(path: Path) -> bytes:
    data = b""
    for p in (path, Path(f"{path}-wal")):
        if p.exists():
            data += p.read_bytes()
    return data


def _found(raw: bytes, needles: list[str]) -> list[str]:
    hits = []
    for needle in needles:
        for form in {needle.encode("utf-8"), needle.encode("utf-16-le")}:
            if form in raw:
                hits.append(needle)
    return hits


def _counts(services) -> dict[str, int]:  # noqa: ANN001
    with services.db.read() as s:
        return {name: s.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                for name, table in t.ENTITY_TABLES.items()}


def test_erasure_leaves_no_trace_in_the_file(sqlite_services):
    s = sqlite_services
    ids = run_every_use_case(s)
    path = s.db.path
    assert _found(_raw(path), SECRETS), "the test data should be in the file before erasure"
    result = s.erase_citizen(ids.citizen, "Art. 17 request received 01-11-2026, case 2026-0042")
    assert result.wal_cleared and not result.already_erased
    assert result.removed["citizen"] == 1 and result.removed["meeting"] == 1 and result.removed["cti_phase"] == 4
    assert _found(_raw(path), SECRETS) == []  # checked while the database is still open (WAL present)
    # the bystander, the employer and their rows are untouched
    detail = s.citizen_detail(ids.other_citizen)
    assert detail.citizen.name == "Bystander Person"
    assert [e.name for e in s.employers()] == ["Bakery Brothers ApS"]


def test_erasure_removes_every_row_and_keeps_minimal_audit(services, owner_services):
    s = services
    ids = run_every_use_case(s)
    before = _counts(s)
    owner_services.erase_citizen(ids.citizen, "Art. 17 request of 01-11-2026")  # on a server: the owner's
    after = _counts(s)
    assert after["citizens"] == before["citizens"] - 1
    assert after["employers"] == before["employers"]
    for name in ("goals", "plan_actions", "meetings", "meeting_goal_notes", "cti_courses", "cti_phases",
                 "cti_checkins", "placements", "employer_follow_ups"):
        assert after[name] == 0, name
    assert after["plans"] == 1 and after["follow_ups"] == 0  # only the bystander's plan is left
    with pytest.raises(NotFoundError):
        s.citizen_detail(ids.citizen)
    log = s.audit_log(ids.citizen)
    assert log and all(e.changes == {} for e in log)
    assert log[-1].action == "erase" and log[-1].actor == s.actor
    assert {"create", "update", "view", "cpr_reveal"} <= {e.action for e in log}  # who looked stays on record
    info = s.erasure_of(ids.citizen)
    assert info.reason == "Art. 17 request of 01-11-2026" and info.removed["citizen"] == 1
    with s.db.read() as session:
        dumped = json.dumps([list(map(str, r)) for r in session.execute(sa.select(t.AuditEvent.__table__))])
    for secret in SECRETS:
        assert secret not in dumped


def test_reason_must_not_hold_personal_data(services):
    ids = run_every_use_case(services)
    for reason in ("", "   ", f"{NAME} asked", "cpr 010190-1234 asked", "Zygmunt QUELLENBERG asked"):
        with pytest.raises(ValidationError) as info:
            services.erase_citizen(ids.citizen, reason)
        assert info.value.field == "reason"
        assert CPR not in info.value.message and "Quellenberg" not in info.value.message
    assert services.citizen_detail(ids.citizen).citizen.name == NAME  # nothing happened


def test_erasing_twice_and_unknown_ids(services, owner_services):
    ids = run_every_use_case(services)
    owner_services.erase_citizen(ids.citizen, "request 1")  # on a server: the owner's (issue 15)
    again = owner_services.erase_citizen(ids.citizen, "request 1")
    assert again.already_erased and again.removed == {}
    with pytest.raises(NotFoundError):
        owner_services.erase_citizen(uuid.uuid4(), "request 2")
    assert services.erasure_of(ids.other_citizen) is None


def test_an_old_export_cannot_bring_an_erased_citizen_back(sqlite_services, tmp_path, capsys):
    ids = run_every_use_case(sqlite_services)
    db = str(sqlite_services.db.path)
    old = tmp_path / "old.json"
    assert run_cli(capsys, "export", str(old), "--db", db)[0] == 0
    sqlite_services.erase_citizen(ids.citizen, "request 3")
    code, _out, err = run_cli(capsys, "import", str(old), "--db", db)
    assert code == 2 and "erased" in err and NAME not in err


def test_erase_cli(sqlite_services, capsys):
    ids = run_every_use_case(sqlite_services)
    db = str(sqlite_services.db.path)
    code, _out, err = run_cli(capsys, "erase", "--citizen", str(ids.citizen), "--db", db)
    assert code == 2 and "--yes" in err  # no accidental erasure
    assert sqlite_services.citizen_detail(ids.citizen).citizen.name == NAME
    code, out, err = run_cli(capsys, "erase", "--citizen", str(ids.citizen), "--db", db, "--yes",
                             "--reason", "Art. 17 request 2026-11-01")
    assert code == 0, err
    assert "Erased" in out and NAME not in out + err and CPR not in out + err
    code, out, err = run_cli(capsys, "audit", "--citizen", str(ids.citizen), "--db", db, "--json")
    assert code == 0, err
    assert json.loads(out)[-1]["action"] == "erase"
