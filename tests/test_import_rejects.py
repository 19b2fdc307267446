"""`enplan import` refuses bad files: non-zero exit, a message naming the
record and the field, and the database file byte-for-byte unchanged."""

from __future__ import annotations

import copy
import hashlib
import json
import sqlite3
import uuid
from pathlib import Path

import pytest

from enplan.cli import main
from enplan.demo import sample_document, shift_document
from tests import hostile
from tests.conftest import TODAY
from tests.realdata import as_real

MISSING = "00000000-0000-4000-8000-000000000001"


@pytest.fixture(scope="module")
def good_doc() -> dict:
    """The demo caseload as a plain export of real data (with CPR numbers; its ids
    replaced, as a real database refuses demo records)."""
    return as_real(shift_document(sample_document(), TODAY))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A real database with a few records of its own, closed again."""
    from enplan.domain.enums import TargetGroup
    from enplan.services import CitizenInput, Services
    from enplan.store.opening import open_database

    path = tmp_path / "enplan.db"
    db = open_database(f"sqlite:///{path}", daily_backup=False)
    try:
        services = Services(db, today=TODAY, actor="mette")
        for name in ("Zygmunt Ærø", "Åge Quist"):
            cid = services.create_citizen(CitizenInput(name=name, target_group=TargetGroup.OTHER))
            services.add_follow_up(cid, "Ring", TODAY)
    finally:
        db.dispose()
    _checkpoint(path)
    return path


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the main file so its hash covers every committed row."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refuse(capsys, db_path: Path, tmp_path: Path, content: str | bytes) -> str:
    """Import ``content``; assert it is refused and nothing changed; return stderr."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = digest(db_path)
    capsys.readouterr()
    code = main(["import", "--db", str(db_path), "--today", TODAY.isoformat(), str(bad)])
    err = capsys.readouterr().err
    assert code != 0
    assert "Traceback" not in err and err.startswith("enplan: ")
    _checkpoint(db_path)
    assert digest(db_path) == before
    return err


def mutated(doc: dict, entity: str, index: int, **changes) -> str:
    doc = copy.deepcopy(doc)
    for key, value in changes.items():
        if value is _DROP:
            del doc[entity][index][key]
        else:
            doc[entity][index][key] = value
    return json.dumps(doc, ensure_ascii=False)


_DROP = object()


def import_ok(db_path: Path, tmp_path: Path, doc: dict) -> int:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return main(["import", "--db", str(db_path), "--today", TODAY.isoformat(), str(good)])


def test_a_good_file_is_accepted(db_path, tmp_path, good_doc, capsys):
    """Control: the base document imports, so each refusal below is about its one defect."""
    assert import_ok(db_path, tmp_path, good_doc) == 0
    total = sum(len(v) for k, v in good_doc.items() if k != "format_version")
    assert f"Imported {total} records" in capsys.readouterr().out


@pytest.mark.parametrize("text", ['{"format_version": 1, "citizens": [', "{'format_version': 1}", "", "nul"])
def test_malformed_json(db_path, tmp_path, capsys, text):
    err = refuse(capsys, db_path, tmp_path, text)
    assert "not valid JSON" in err and "line 1" in err


def test_not_utf8(db_path, tmp_path, capsys):
    assert "Cannot read" in refuse(capsys, db_path, tmp_path, b'{"format_version": 1, "x": "\xff"}')


@pytest.mark.parametrize("text", ["[]", '"citizens"', "42"])
def test_top_level_must_be_an_object(db_path, tmp_path, capsys, text):
    assert "JSON object" in refuse(capsys, db_path, tmp_path, text)


def test_wrong_format_version(db_path, tmp_path, capsys, good_doc):
    doc = {**good_doc, "format_version": 2}
    assert "format_version must be 1" in refuse(capsys, db_path, tmp_path, json.dumps(doc))


@pytest.mark.parametrize("version", [2**70, 1101901234, 1.0, True, "1"])
def test_odd_format_version_is_refused_without_repeating_it(db_path, tmp_path, capsys, version):
    err = refuse(capsys, db_path, tmp_path, json.dumps({"format_version": version}))
    assert err == "enplan: Import refused, nothing was written: format_version must be 1.\n"


@pytest.mark.parametrize(("text", "expected"), [
    ("[" * 100_000 + "]" * 100_000, "more than 16 levels deep"),
    ('{"format_version": 1, "citizens": ' + "[" * 100_000 + "]" * 100_000 + "}", "more than 16 levels deep"),
    ('{"format_version": 1, "citizens": [{"area_notes": ' + "{\"a\": " * 20 + "1" + "}" * 20 + "}]}",
     "more than 16 levels deep"),
    ('{"format_version": ' + "9" * 5000 + "}", "number too long"),
    ('{"format_version": 1, "placements": [{"hours_per_week": NaN}]}', "NaN is not a JSON number"),
    ('{"format_version": Infinity}', "Infinity is not a JSON number"),
])
def test_hostile_document_shapes_are_refused_in_one_sentence(db_path, tmp_path, capsys, text, expected):
    err = refuse(capsys, db_path, tmp_path, text)
    assert expected in err and err.count("\n") == 1


def test_a_byte_order_mark_is_skipped(db_path, tmp_path, good_doc, capsys):
    """Windows editors and Excel save UTF-8 with a BOM."""
    bom = tmp_path / "bom.json"
    bom.write_text(json.dumps(good_doc, ensure_ascii=False), encoding="utf-8-sig")
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf")
    assert main(["import", "--db", str(db_path), "--today", TODAY.isoformat(), str(bom)]) == 0
    assert "Imported" in capsys.readouterr().out


def test_a_50_mb_note_is_refused_and_a_1_mb_note_accepted(db_path, tmp_path, capsys, good_doc):
    """The import keeps the app's limit on notes (1,000,000 characters)."""
    err = refuse(capsys, db_path, tmp_path, mutated(good_doc, "meetings", 0, notes="Lang note. " * 5_000_000))
    assert "meetings[0]" in err and "'notes'" in err and "longer than 1000000 characters" in err
    doc = copy.deepcopy(good_doc)
    doc["meetings"][0]["notes"] = hostile.ONE_MB_NOTE
    assert import_ok(db_path, tmp_path, doc) == 0


def test_unknown_top_level_field(db_path, tmp_path, capsys, good_doc):
    doc = {**good_doc, "anchor_date": "2026-01-15"}
    assert "anchor_date" in refuse(capsys, db_path, tmp_path, json.dumps(doc))


def where(doc: dict, entity: str, index: int) -> str:
    return f"{entity}[{index}] (id {doc[entity][index]['id']})"


# (entity, index, changes, field named in the message, extra text expected)
CASES = {
    "unknown field": ("citizens", 3, {"favourite_colour": "blå"}, "favourite_colour", "unknown field"),
    "missing required field": ("goals", 2, {"life_area": _DROP}, "life_area", "required"),
    "text for a number": ("placements", 1, {"hours_per_week": "many"}, "hours_per_week", "number"),
    "text for an integer": ("cti_phases", 2, {"phase": "1"}, "phase", "integer"),
    "text for a boolean": ("cti_checkins", 4, {"in_community": "yes"}, "in_community", "boolean"),
    "boolean for an integer": ("citizens", 1, {"version": True}, "version", "integer"),
    "number for a date": ("follow_ups", 0, {"due_on": 20260101}, "due_on", "date"),
    "object for text": ("meetings", 5, {"notes": {"a": 1}}, "notes", "string"),
    "list for a mapping": ("cti_checkins", 0, {"area_notes": ["bolig"]}, "area_notes", "object"),
    "unknown enum value": ("meetings", 2, {"type": "party"}, "type", "jobsamtale"),
    "impossible date": ("follow_ups", 3, {"due_on": "2026-02-31"}, "due_on", "day value is outside"),
    "date in Danish order": ("placements", 0, {"start_on": "31-01-2026"}, "start_on", "date"),
    "timestamp for a date": ("follow_ups", 1, {"due_on": "2026-01-01T00:00:00+00:00"}, "due_on", "date"),
    "naive timestamp": ("meetings", 0, {"starts_at": "2026-01-01T10:00:00"}, "starts_at", "time zone"),
    "impossible timestamp": ("meetings", 1, {"ends_at": "2026-02-30T10:00:00+00:00"}, "ends_at", ""),
    "invalid CPR date": ("citizens", 0, {"cpr": "3102801234"}, "cpr", "real date of birth"),
    "invalid CPR shape": ("citizens", 2, {"cpr": "12345"}, "cpr", "ten digits"),
    "CPR as a number": ("citizens", 4, {"cpr": 101900012}, "cpr", "string"),
    "invalid CVR": ("employers", 0, {"cvr": "12345678"}, "cvr", "check digit"),
    "CVR too short": ("employers", 1, {"cvr": "1234567"}, "cvr", "8 digits"),
    "bad id": ("goals", 0, {"id": "not-a-uuid"}, "id", "UUID"),
    "missing id": ("plans", 0, {"id": _DROP}, "id", "required"),
    "empty name": ("employers", 2, {"name": "   "}, "name", "name is required"),
    "NUL in text": ("meetings", 3, {"notes": "a\x00b"}, "notes", "NUL"),
    "unknown focus area": ("cti_phases", 1, {"focus_areas": ["housing"]}, "focus_areas", "housing"),
    "phase out of range": ("cti_phases", 3, {"phase": 7}, "phase", ""),
    "phase beyond 64 bits": ("cti_phases", 0, {"phase": 2**70}, "phase", ""),
    "version beyond 64 bits": ("citizens", 1, {"version": 2**70}, "version", "2147483647"),
    "version beyond 32 bits": ("goals", 0, {"version": 2**31}, "version", "2147483647"),
    "version zero": ("goals", 1, {"version": 0}, "version", "greater than or equal to 1"),
    "negative position": ("goals", 2, {"position": -1}, "position", "greater than or equal to 0"),
    "position beyond 64 bits": ("goals", 3, {"position": -(2**64)}, "position", ""),
    "too many hours": ("placements", 2, {"hours_per_week": 81}, "hours_per_week", "80"),
    "hours beyond any float": ("placements", 3, {"hours_per_week": 10**400}, "hours_per_week", "finite"),
    "note over the text limit": ("meetings", 4, {"notes": "x" * 1_000_001}, "notes", "1000000 characters"),
    "phone over its column": ("citizens", 5, {"phone": "1" * 61}, "phone", "60"),
    "name of accents only": ("citizens", 6, {"name": "\u0301\u0301"}, "name", "letter or digit"),
    # measures: [0] is a WHO-5, [1] trivsel, [2] belief, [3] hours (sample_data/generate.py)
    "WHO-5 with an answer missing": ("measures", 0, {"answers": [3, 3, 3, 3]}, "answers", "question 5 has no answer"),
    "WHO-5 score not its answers'": ("measures", 0, {"value": 99}, "value", "score of the answers"),
    "trivsel off its scale": ("measures", 1, {"value": 0}, "value", "from 1 to 100"),
    "belief off its scale": ("measures", 2, {"value": 6}, "value", "from 1 to 5"),
    "a value beyond any scale": ("measures", 3, {"value": 1000}, "value", "less than or equal to 100"),
    "answers on a one-value measure": ("measures", 1, {"answers": [5]}, "answers", "no answers"),
    "a measure in the future": ("measures", 1, {"measured_on": "2099-01-01"}, "measured_on", "future"),
    "an instrument key with markup": ("measures", 1, {"instrument": "[b]x"}, "instrument", "lower-case"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_record_is_refused_naming_record_and_field(db_path, tmp_path, capsys, good_doc, case):
    entity, index, changes, field, text = CASES[case]
    err = refuse(capsys, db_path, tmp_path, mutated(good_doc, entity, index, **changes))
    assert err.startswith("enplan: Import refused, nothing was written: ")
    assert f"{entity}[{index}]" in err
    assert f"'{field}'" in err
    assert text in err
    if "id" not in changes:
        assert where(good_doc, entity, index) in err


def test_invalid_cpr_is_not_repeated_in_the_message(db_path, tmp_path, capsys, good_doc):
    err = refuse(capsys, db_path, tmp_path, mutated(good_doc, "citizens", 0, cpr="310280-1234"))
    assert "1234" not in err


@pytest.mark.parametrize(("entity", "field"), [
    ("placements", "employer_id"), ("placements", "citizen_id"), ("goals", "plan_id"),
    ("meeting_goal_notes", "goal_id"), ("cti_checkins", "course_id"), ("employer_follow_ups", "placement_id"),
])
def test_reference_to_a_missing_record(db_path, tmp_path, capsys, good_doc, entity, field):
    err = refuse(capsys, db_path, tmp_path, mutated(good_doc, entity, 1, **{field: MISSING}))
    assert where(good_doc, entity, 1) in err and f"'{field}'" in err and MISSING in err


def test_duplicate_id_within_a_list(db_path, tmp_path, capsys, good_doc):
    doc = copy.deepcopy(good_doc)
    doc["goals"][1]["id"] = doc["goals"][0]["id"]
    err = refuse(capsys, db_path, tmp_path, json.dumps(doc))
    assert "goals[1]" in err and "duplicate id" in err and "goals[0]" in err


def test_duplicate_id_across_lists(db_path, tmp_path, capsys, good_doc):
    doc = copy.deepcopy(good_doc)
    doc["follow_ups"][0]["id"] = doc["citizens"][0]["id"]
    err = refuse(capsys, db_path, tmp_path, json.dumps(doc))
    assert "follow_ups[0]" in err and "duplicate id" in err and "citizens[0]" in err


def test_two_plans_for_one_citizen(db_path, tmp_path, capsys, good_doc):
    doc = copy.deepcopy(good_doc)
    extra = {**doc["plans"][0], "id": str(uuid.uuid4())}
    doc["plans"].append(extra)
    err = refuse(capsys, db_path, tmp_path, json.dumps(doc))
    assert f"plans[{len(doc['plans']) - 1}]" in err and "'citizen_id'" in err


def test_ids_already_in_the_database(db_path, tmp_path, capsys, good_doc):
    """Importing the same file twice: the second import is refused whole."""
    doc = copy.deepcopy(good_doc)
    doc["follow_ups"] = doc["follow_ups"][:1]
    assert import_ok(db_path, tmp_path, doc) == 0
    _checkpoint(db_path)
    doc["follow_ups"] = good_doc["follow_ups"]  # only the first follow-up clashes
    err = refuse(capsys, db_path, tmp_path, json.dumps(doc))
    assert "already exists" in err and "citizens" in err


def _documented_text_limits() -> dict[tuple[str, str], int]:
    """(list, field) -> the maximum docs/data-format.md gives ("text" alone: MAX_TEXT)."""
    import re

    from enplan.domain.text import MAX_TEXT

    doc = (Path(__file__).parent.parent / "docs" / "data-format.md").read_text(encoding="utf-8")
    limits, section = {}, None
    for line in doc.splitlines():
        if line.startswith("## Fields every record has"):
            section = "*"
        elif heading := re.match(r"### `(\w+)`", line):
            section = heading.group(1)
        elif line.startswith("## "):
            section = None
        elif section and line.startswith("| `"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if cells[1].startswith("text") and "→" not in cells[1]:
                fields = re.findall(r"`(\w+)`", cells[0])
                numbers = [int(n.replace(",", "")) for n in re.findall(r"[\d,]*\d", cells[1])] or [MAX_TEXT]
                for field, limit in zip(fields, numbers * len(fields) if len(numbers) == 1 else numbers):
                    limits[section, field] = limit
    return limits


def test_every_text_limit_is_documented():
    """docs/data-format.md gives each text field the limit the services and the importer apply."""
    from enplan.store.exchange import DERIVED
    from enplan.store.guard import text_limits
    from enplan.store.exchange import TABLES

    documented = _documented_text_limits()
    for name, table in TABLES.items():
        for field, limit in text_limits(table).items():
            if field in DERIVED or field in ("cpr", "cvr"):  # a fixed form of digits, documented as such
                continue
            shown = documented.get((name, field), documented.get(("*", field)))
            assert shown == limit, f"{name}.{field}: the docs say {shown}, the code {limit}"


def test_an_employer_follow_up_from_an_older_document_gets_its_citizen_from_the_placement(db_path, tmp_path,
                                                                                         good_doc, capsys):
    doc = copy.deepcopy(good_doc)
    first = next(i for i, f in enumerate(doc["employer_follow_ups"]) if f["placement_id"])
    del doc["employer_follow_ups"][first]["citizen_id"]  # written before the field existed
    assert import_ok(db_path, tmp_path, doc) == 0
    efu_id = doc["employer_follow_ups"][first]["id"].replace("-", "")
    placement = next(p for p in doc["placements"] if p["id"] == doc["employer_follow_ups"][first]["placement_id"])
    conn = sqlite3.connect(db_path)
    try:
        [(citizen,)] = conn.execute("SELECT citizen_id FROM employer_follow_up WHERE id = ?", (efu_id,)).fetchall()
    finally:
        conn.close()
    assert uuid.UUID(citizen) == uuid.UUID(placement["citizen_id"])


def test_an_employer_follow_up_naming_another_citizen_than_its_placement_is_refused(db_path, tmp_path, good_doc,
                                                                                     capsys):
    first = next(i for i, f in enumerate(good_doc["employer_follow_ups"]) if f["placement_id"])
    placement = good_doc["employer_follow_ups"][first]["placement_id"]
    other = next(c["id"] for c in good_doc["citizens"]
                 if c["id"] != next(p["citizen_id"] for p in good_doc["placements"] if p["id"] == placement))
    err = refuse(capsys, db_path, tmp_path, mutated(good_doc, "employer_follow_ups", first, citizen_id=other))
    assert f"employer_follow_ups[{first}]" in err and "is another citizen's" in err
