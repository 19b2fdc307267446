"""Hostile input (tests/hostile.py) through the services, the importer, the
CLI and the config: stored exactly, or refused naming the field; never a crash."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest

from enplan.config import load_settings
from enplan.domain.dates import parse_date
from enplan.domain.enums import ContactForm, MeetingType, TargetGroup
from enplan.domain.errors import ValidationError
from enplan.services import CitizenInput, EmployerInput, MeetingInput
from enplan.store import exchange
from tests import hostile
from tests.conftest import TODAY
from tests.safety.helpers import run_cli, today_arg

NOON = dt.datetime(2026, 11, 20, 12, tzinfo=dt.timezone.utc)


def _refused_at(info: pytest.ExceptionInfo, field: str, value: str) -> None:
    assert info.value.field == field, info.value
    if len(value.strip()) > 3:
        assert value not in info.value.message  # never echoed: it may be markup or a CPR number


def test_free_text_is_stored_exactly_or_refused(services):
    cid = services.create_citizen(CitizenInput(name="Hostile Holder", target_group=TargetGroup.OTHER))
    stored = {}
    for label, text in {**hostile.TEXTS, "one_mb": hostile.ONE_MB_NOTE}.items():
        data = MeetingInput(type=MeetingType.OTHER, form=ContactForm.PHONE, starts_at=NOON, notes=text,
                            location=text, participants=text)
        if label in hostile.REFUSED_TEXT:
            with pytest.raises(ValidationError) as info:
                services.record_meeting(cid, data)
            _refused_at(info, "location", text)
            continue
        stored[services.record_meeting(cid, data)] = text
    meetings = {m.id: m for m in services.citizen_detail(cid).meetings}
    for mid, text in stored.items():
        assert meetings[mid].notes == text and meetings[mid].participants == text
    with pytest.raises(ValidationError) as info:
        services.record_meeting(cid, MeetingInput(type=MeetingType.OTHER, form=ContactForm.PHONE, starts_at=NOON,
                                                  notes=hostile.TOO_LONG_NOTE))
    assert info.value.field == "notes"


def test_titles_are_stored_stripped_or_refused(services):
    cid = services.create_citizen(CitizenInput(name="Hostile Holder", target_group=TargetGroup.OTHER))
    for label, text in hostile.TEXTS.items():
        if label in hostile.REFUSED_TEXT or not text.strip():
            with pytest.raises(ValidationError) as info:
                services.add_follow_up(cid, text, TODAY)
            _refused_at(info, "title", text)
        else:
            fid = services.add_follow_up(cid, text, TODAY)
            assert next(f for f in services.follow_ups(cid) if f.id == fid).title == text.strip()


def test_names(services):
    for label, text in hostile.NAMES.items():
        data = CitizenInput(name=text, target_group=TargetGroup.OTHER, address=text if label != "nul" else "")
        if label in hostile.NAME_REFUSED:
            with pytest.raises(ValidationError) as info:
                services.create_citizen(data)
            _refused_at(info, "name", text)
            continue
        cid = services.create_citizen(data)
        detail = services.citizen_detail(cid)
        assert detail.citizen.name == hostile.stored_name(text), label
        assert detail.citizen.address == text.strip()
    for text in hostile.TEXTS.values():  # searching with anything never crashes
        if "\x00" not in text and "\ud800" not in text:
            services.caseload(search=text)


@pytest.mark.parametrize("field", ["phone", "email", "address", "contact_person", "industry"])
def test_services_keep_the_column_limits_the_importer_keeps(services, field):
    """One definition (store/guard.text_limits): an employer's field one character over is refused, at it stored."""
    from enplan.store.guard import text_limits
    from enplan.store.tables import Employer

    limit = text_limits(Employer)[field]
    with pytest.raises(ValidationError) as info:
        services.create_employer(EmployerInput(name="Limit ApS", **{field: "x" * (limit + 1)}))
    assert info.value.field == field and str(limit) in info.value.message
    stored = services.create_employer(EmployerInput(name="Limit ApS", **{field: "x" * limit}))
    assert getattr(next(e for e in services.employers() if e.id == stored), field) == "x" * limit


@pytest.mark.parametrize("name", hostile.INVISIBLE_NAMES)
def test_a_name_needs_a_letter_or_digit(services, name):
    """One rule (clean_name) for citizens and employers, through the services and the importer."""
    with pytest.raises(ValidationError) as info:
        services.create_citizen(CitizenInput(name=name, target_group=TargetGroup.OTHER))
    assert info.value.field == "name" and "letter or digit" in info.value.message
    with pytest.raises(ValidationError) as info:
        services.create_employer(EmployerInput(name=f" {name} "))
    assert info.value.field == "name"
    with pytest.raises(exchange.ImportError_, match="citizens\\[0\\].*'name'.*letter or digit"):
        exchange.validate_document(_doc(name, "t", "2026-12-01"), TODAY)
    assert services.caseload() == [] and services.employers() == []


@pytest.mark.parametrize("typed, accepted", list(hostile.DATES.items()))
def test_typed_dates(typed, accepted):
    if accepted:
        assert 1900 <= parse_date(typed, TODAY, "due_on").year <= 2100
    else:
        with pytest.raises(ValidationError) as info:
            parse_date(typed, TODAY, "due_on")
        assert info.value.field == "due_on"


def test_date_values_through_services(services):
    cid = services.create_citizen(CitizenInput(name="Date Person", target_group=TargetGroup.OTHER))
    for day, accepted in hostile.YEARS.items():
        if accepted:
            services.add_follow_up(cid, "ok", day)
        else:
            with pytest.raises(ValidationError) as info:
                services.add_follow_up(cid, "out of range", day)
            assert info.value.field == "due_on"
    services.caseload()
    services.worklist()  # the stored extremes do not break date arithmetic


def _doc(name: str, title: str, due: str) -> dict:
    cid = str(uuid.uuid4())
    return {"format_version": 1,
            "citizens": [{"id": cid, "name": name, "target_group": "other"}],
            "follow_ups": [{"id": str(uuid.uuid4()), "citizen_id": cid, "title": title, "due_on": due}]}


def _import(services, doc: dict) -> None:  # noqa: ANN001
    rows = exchange.validate_document(exchange.parse_document(json.dumps(doc)), TODAY)
    with services.db.write() as s:
        exchange.import_rows(s, rows)


def test_importer_with_the_corpus(sqlite_services):
    for label, text in hostile.TEXTS.items():
        doc = _doc(text, text, "2026-12-01")
        if label in hostile.NAME_REFUSED:
            with pytest.raises(exchange.ImportError_) as info:
                _import(sqlite_services, doc)
            assert "'name'" in str(info.value) or "'title'" in str(info.value), label
            continue
        _import(sqlite_services, doc)
        cid = doc["citizens"][0]["id"]
        detail = sqlite_services.citizen_detail(cid)
        assert detail.citizen.name == hostile.stored_name(text), label
        assert detail.follow_ups[0].title == text, label
    for day, accepted in hostile.YEARS.items():
        doc = _doc("Year Person", "due", day.isoformat())
        if accepted:
            _import(sqlite_services, doc)
        else:
            with pytest.raises(exchange.ImportError_, match="due_on"):
                _import(sqlite_services, doc)
    for bad in ("31-02-2026", "2026-02-31", "tomorrow", 20261201, None, ["2026-12-01"]):
        with pytest.raises(exchange.ImportError_, match="due_on"):
            _import(sqlite_services, _doc("Year Person", "due", bad))


def test_import_cli_refuses_clearly(tmp_path, capsys):
    path = tmp_path / "in.json"
    for content in ("[bold]not json", '{"format_version": 1, "citizens": [{"id": "x"}]}',
                    json.dumps(_doc("A\x1b[31mB", "t", "2026-12-01")), "{}", ""):
        path.write_text(content)
        code, out, err = run_cli(capsys, "import", str(path), "--db", str(tmp_path / "x.db"))
        assert code == 2 and "nothing was written" in err and "Traceback" not in err
    path.write_bytes(b"\xff\xfe{not utf-8")
    code, _out, err = run_cli(capsys, "import", str(path), "--db", str(tmp_path / "x.db"))
    assert code == 2 and err.startswith("enplan: Cannot read")


def test_cli_shows_markup_literally(sqlite_services, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # one line per row, so the texts are not folded
    cid = sqlite_services.create_citizen(CitizenInput(name="[bold]Lit[/bold] [@click=app.quit]x[/]",
                                                      target_group=TargetGroup.OTHER))
    sqlite_services.add_follow_up(cid, "[link=https://evil.example]call[/link] %s {0}", TODAY - dt.timedelta(days=3))
    code, out, err = run_cli(capsys, "overdue", "--db", str(sqlite_services.db.path), today_arg())
    assert code == 0, err
    flat = "".join(out.split())
    assert "[bold]Lit[/bold]" in flat and "[link=https://evil.example]call[/link]" in flat and "%s{0}" in flat


@pytest.mark.parametrize("label", sorted(hostile.TEXTS))
def test_config_values(tmp_path, label):
    text = hostile.TEXTS[label]
    path = tmp_path / "config.toml"
    body = "caseworker = {0}\ntheme = {0}\n[keymap]\nworklist = {0}\n".format(json.dumps(text))
    try:
        path.write_text(body, encoding="utf-8")
    except UnicodeEncodeError:
        path.write_bytes(body.encode("utf-8", "surrogatepass"))
    settings = load_settings(path)
    if settings.caseworker:
        assert settings.caseworker == text.strip()
        assert not any(ord(c) < 32 or ord(c) == 127 for c in settings.caseworker)
    else:
        assert settings.problems or not text.strip()


def test_config_shapes(tmp_path):
    path = tmp_path / "config.toml"
    for body in ("caseworker = 5", "keymap = 'x'", "[keymap]\nworklist = 3", "not = [toml", "caseworker = '" + "x" * 500 + "'"):
        path.write_text(body)
        settings = load_settings(path)
        assert settings.problems and settings.caseworker == ""
    path.write_bytes(b"caseworker = '\xff'")
    assert load_settings(path).problems


def test_cli_caseworker_argument(tmp_path, capsys):
    code, _out, err = run_cli(capsys, "overdue", "--db", str(tmp_path / "x.db"), "--caseworker", "\x1b]0;t\x07")
    assert code == 2 and "caseworker" in err and "\x1b" not in err
