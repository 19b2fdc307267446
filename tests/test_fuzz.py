"""Property tests: whatever text or document arrives, parsing fails only with
the documented error types (ValidationError for dates, ImportError_ for
import documents) and never with a crash."""

from __future__ import annotations

import copy
import datetime as dt
import json

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from enplan.demo import sample_document, shift_document
from enplan.domain.dates import MAX_YEAR, MIN_YEAR, parse_date
from enplan.domain.errors import ValidationError
from enplan.store import exchange
from enplan.store.tables import ENTITY_TABLES
from tests.conftest import TODAY



def _small(doc: dict, citizens: int = 2) -> dict:
    """The first citizens of the sample and everything that belongs to them."""
    keep = {"citizens": doc["citizens"][:citizens]}
    ids = lambda name: {r["id"] for r in keep[name]}  # noqa: E731
    for name, field, parent in (("plans", "citizen_id", "citizens"), ("goals", "plan_id", "plans"),
                                ("plan_actions", "goal_id", "goals"), ("meetings", "citizen_id", "citizens"),
                                ("meeting_goal_notes", "meeting_id", "meetings"),
                                ("cti_courses", "citizen_id", "citizens"), ("cti_phases", "course_id", "cti_courses"),
                                ("cti_checkins", "course_id", "cti_courses"), ("placements", "citizen_id", "citizens"),
                                ("employer_follow_ups", "placement_id", "placements"),
                                ("follow_ups", "citizen_id", "citizens"), ("rule_decisions", "citizen_id", "citizens"),
                                ("measures", "citizen_id", "citizens"),
                                ("caseworker_assignments", "citizen_id", "citizens")):
        keep[name] = [r for r in doc.get(name, []) if r[field] in ids(parent)]
    keep["employers"] = [e for e in doc["employers"] if e["id"] in {p["employer_id"] for p in keep["placements"]}]
    return {"format_version": 1, **{name: keep[name] for name in exchange.ORDER}}


DOC = _small(shift_document(sample_document(), TODAY))
FIELDS = sorted({f for table in ENTITY_TABLES.values() for f in table.model_fields})
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

todays = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31))
date_like = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"\A[+-]\s?\d{1,5}\s?[dwmyx]\Z"),
    st.from_regex(r"\A\d{1,3}[-./]\d{1,3}[-./]\d{1,5}\Z"),
    st.from_regex(r"\A\d{3,5}-\d{1,3}-\d{1,3}\Z"),
    st.sampled_from(["today", "I DAG", "i morgen", "tomorrow", "29-02-2024", "29-02-2100", "31-04-2026"]),
)


@SETTINGS
@given(text=date_like, today=todays)
@example(text="+9999y", today=TODAY)
@example(text="-9999y", today=TODAY)
@example(text="+2w", today=dt.date(2099, 12, 31))
def test_parse_date_returns_a_date_in_range_or_a_validation_error(text, today):
    try:
        result = parse_date(text, today)
    except ValidationError as exc:
        assert exc.message
        return
    assert isinstance(result, dt.date) and MIN_YEAR <= result.year <= MAX_YEAR


@SETTINGS
@given(day=st.dates(min_value=dt.date(MIN_YEAR, 1, 1), max_value=dt.date(MAX_YEAR, 12, 31)), today=todays)
def test_every_real_date_parses_back_in_each_written_form(day, today):
    for text in (day.isoformat(), day.strftime("%d-%m-%Y"), day.strftime("%d.%m.%Y"), day.strftime("%d/%m/%Y")):
        assert parse_date(text, today) == day


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
records = st.dictionaries(st.sampled_from(FIELDS + ["id", "bogus"]), json_values, max_size=8)
documents = st.fixed_dictionaries(
    {"format_version": st.sampled_from([1, 1, 1, 2, "1", None])},
    optional={name: st.lists(records, max_size=3) | json_values for name in exchange.ORDER},
)


def _validate(doc) -> None:  # noqa: ANN001
    try:
        rows = exchange.validate_document(doc, TODAY)
    except exchange.ImportError_ as exc:
        assert str(exc)
        return
    assert set(rows) == set(exchange.ORDER)


@SETTINGS
@given(text=st.text(max_size=200))
def test_parse_document_accepts_only_objects(text):
    try:
        doc = exchange.parse_document(text)
    except exchange.ImportError_:
        return
    assert isinstance(doc, dict)
    _validate(doc)


@SETTINGS
@given(doc=documents)
def test_validate_document_on_generated_documents(doc):
    _validate(doc)


@SETTINGS
@given(data=st.data(), entity=st.sampled_from(exchange.ORDER), value=json_values)
def test_one_field_of_the_sample_replaced_by_anything(data, entity, value):
    """Part of the sample document with one field of one record replaced: either still
    valid, or refused with a message naming that record."""
    assume(DOC[entity])
    index = data.draw(st.integers(0, len(DOC[entity]) - 1))
    field = data.draw(st.sampled_from(sorted(DOC[entity][index])))
    doc = copy.copy(DOC)
    doc[entity] = list(doc[entity])
    doc[entity][index] = {**doc[entity][index], field: value}
    try:
        exchange.validate_document(doc, TODAY)
    except exchange.ImportError_ as exc:
        message = str(exc)
        assert message.startswith(f"{entity}[{index}]") or "refers to a missing" in message \
            or "duplicate id" in message or "already has a plan" in message, message
        assert field in message or "refers to a missing" in message or "duplicate id" in message, message


@SETTINGS
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_any_text_field_round_trips_or_is_refused(text):
    """Free text in a note: stored as given, or refused (NUL) with the field named."""
    doc = copy.deepcopy({"format_version": 1, "citizens": DOC["citizens"][:1]})
    doc["citizens"][0]["address"] = text
    try:
        rows = exchange.validate_document(json.loads(json.dumps(doc)), TODAY)
    except exchange.ImportError_ as exc:
        assert "\x00" in text or len(text) > 300, str(exc)
        assert "'address'" in str(exc)
        return
    assert rows["citizens"][0].address == text
