"""Property-based: generated text and dates never crash the validators, the
services or the importer; whatever is accepted is stored exactly."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from enplan.domain.dates import parse_date
from enplan.domain.enums import TargetGroup
from enplan.domain.errors import ValidationError
from enplan.domain.identifiers import normalize_cpr
from enplan.domain.text import clean_name
from enplan.services import CitizenInput
from enplan.store import exchange
from tests import hostile
from tests.conftest import TODAY

# Ordinary text plus the troublemakers: surrogates, control and format
# characters, line separators, combining marks, and the hostile corpus.
WILD_CHARS = st.one_of(st.characters(), st.characters(codec=None, categories=["Cs", "Cc", "Cf", "Zl", "Zp", "Mn"]))
WILD = st.one_of(st.text(WILD_CHARS, max_size=60), st.sampled_from(sorted(hostile.TEXTS.values())))
TYPED_DATES = st.one_of(
    WILD,
    st.sampled_from(sorted(hostile.DATES)),
    st.builds(lambda d, m, y, sep: f"{d}{sep}{m}{sep}{y}", st.integers(0, 99), st.integers(0, 99),
              st.integers(0, 9999), st.sampled_from("-./")),
    st.builds(lambda n, u: f"{n}{u}", st.integers(-99999, 99999), st.sampled_from(["d", "w", "m", "y", "x"])),
)
ANY_DAY = st.one_of(st.dates(min_value=dt.date(1890, 1, 1), max_value=dt.date(2110, 12, 31)), st.dates())
PRINTABLE = st.text(st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), min_size=1, max_size=40)
DB_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@settings(max_examples=300, deadline=None)
@given(TYPED_DATES)
def test_parse_date(text):
    try:
        day = parse_date(text, TODAY, "due_on")
    except ValidationError as exc:
        assert exc.field == "due_on" and exc.message
    else:
        assert 1900 <= day.year <= 2100


@settings(max_examples=300, deadline=None)
@given(WILD)
def test_clean_name(text):
    try:
        name = clean_name(text)
    except ValidationError as exc:
        assert exc.field == "name"
    else:
        assert name == " ".join(text.split()) and name and len(name) <= 200


@settings(max_examples=300, deadline=None)
@given(st.one_of(WILD, st.from_regex(r"\A[0-9]{6}-?[0-9]{4}\Z")))
def test_normalize_cpr(text):
    try:
        digits = normalize_cpr(text, TODAY)
    except ValidationError as exc:
        assert exc.field == "cpr"
    else:
        assert len(digits) == 10 and digits.isascii() and digits.isdigit()


@DB_SETTINGS
@given(name=st.one_of(PRINTABLE, WILD), phone=WILD, address=WILD)
def test_create_citizen(sqlite_services, name, phone, address):
    data = CitizenInput(name=name, target_group=TargetGroup.OTHER, phone=phone, address=address)
    try:
        cid = sqlite_services.create_citizen(data)
    except ValidationError as exc:
        assert exc.field in {"name", "phone", "address"}
        event(f"refused: {exc.field}")
        return
    event("stored")
    info = sqlite_services.citizen_detail(cid).citizen
    assert (info.name, info.phone, info.address) == (clean_name(name), phone.strip(), address.strip())


@DB_SETTINGS
@given(title=WILD, due=ANY_DAY)
def test_add_follow_up(sqlite_services, title, due):
    cid = sqlite_services.create_citizen(CitizenInput(name="Prop Person", target_group=TargetGroup.OTHER))
    try:
        fid = sqlite_services.add_follow_up(cid, title, due)
    except ValidationError as exc:
        assert exc.field in {"title", "due_on"}
        return
    stored = next(f for f in sqlite_services.follow_ups(cid) if f.id == fid)
    assert (stored.title, stored.due_on) == (title.strip(), due)
    sqlite_services.worklist()


@DB_SETTINGS
@given(name=st.one_of(PRINTABLE, WILD), title=WILD, notes=WILD, due=st.one_of(ANY_DAY.map(dt.date.isoformat), WILD))
def test_importer(sqlite_services, name, title, notes, due):
    cid, fid, mid = (str(uuid.uuid4()) for _ in range(3))
    doc = {"format_version": 1,
           "citizens": [{"id": cid, "name": name, "target_group": "other"}],
           "meetings": [{"id": mid, "citizen_id": cid, "type": "other", "form": "phone",
                         "starts_at": "2026-11-20T12:00:00+00:00", "notes": notes}],
           "follow_ups": [{"id": fid, "citizen_id": cid, "title": title, "due_on": due}]}
    try:
        rows = exchange.validate_document(exchange.parse_document(json.dumps(doc)), TODAY)
        with sqlite_services.db.write() as s:
            exchange.import_rows(s, rows)
    except exchange.ImportError_ as exc:
        assert "field" in str(exc) or "citizens[0]" in str(exc)
        event("refused")
        return
    event("stored")
    detail = sqlite_services.citizen_detail(cid)
    assert detail.citizen.name == clean_name(name)
    assert detail.meetings[0].notes == notes
    assert (detail.follow_ups[0].title, detail.follow_ups[0].due_on.isoformat()) == (title, due)
