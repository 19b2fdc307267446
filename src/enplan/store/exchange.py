"""JSON import and export of every entity (see docs/data-format.md).

Import validates the whole document before writing anything, then writes it
in one transaction; export → import into an empty database → export gives
the same document. CPR numbers are left out of exports unless asked for.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import typing
import uuid
from typing import Any

import pydantic
from sqlmodel import col, select

from ..domain.cti import PHASES
from ..domain.enums import LifeArea
from ..domain.errors import ValidationError as DomainError
from ..domain.identifiers import normalize_cpr, normalize_cvr
from ..domain.text import clean_name, danish_key
from . import demo_mark
from . import tables as t
from .guard import check_row
from .team_tables import CaseworkerAssignment
from .types import jsonable

FORMAT_VERSION = 1
# Lists and objects nest four levels in a valid document (document, list,
# record, a field's object or list); deeper input is refused before anything
# recurses into it.
MAX_DEPTH = 16
DERIVED = {"name_key", "server_seq"}  # recomputed on import (a sync stamp: local), never exported
# child table -> (field, parent list) for reference checks, in insert order
REFERENCES: dict[str, list[tuple[str, str]]] = {
    "citizens": [],
    "employers": [],
    "plans": [("citizen_id", "citizens")],
    "goals": [("plan_id", "plans")],
    "plan_actions": [("goal_id", "goals")],
    "meetings": [("citizen_id", "citizens")],
    "meeting_goal_notes": [("meeting_id", "meetings"), ("goal_id", "goals")],
    "cti_courses": [("citizen_id", "citizens")],
    "cti_phases": [("course_id", "cti_courses")],
    "cti_checkins": [("course_id", "cti_courses")],
    "placements": [("citizen_id", "citizens"), ("employer_id", "employers")],
    "employer_follow_ups": [("employer_id", "employers"), ("placement_id", "placements"), ("citizen_id", "citizens")],
    "follow_ups": [("citizen_id", "citizens")],
    "rule_decisions": [("citizen_id", "citizens")],
    "measures": [("citizen_id", "citizens")],
    # Who was the citizen's caseworker when, with each handover's note (issue 15): the citizen's
    # record, so an export for a move or an insight request carries it.
    "caseworker_assignments": [("citizen_id", "citizens")],
}
ORDER = list(REFERENCES)
TABLES: dict[str, type[t.Record]] = {**t.ENTITY_TABLES, "caseworker_assignments": CaseworkerAssignment}


class ImportError_(ValueError):  # noqa: N801 - avoid shadowing the builtin
    """The document is not acceptable; nothing was written."""


class Rows(dict):
    """Validated rows by entity list; ``demo``: the document is demo data (store/demo_mark.py)."""

    demo = False


DEMO_INTO_REAL = ("This file is demo data (from enplan demo) and this database holds real data; demo records never "
                  "go into a real database.")
REAL_INTO_DEMO = ("This database is a demo (from enplan demo) and this file holds real data; real records never go "
                  "into a demo database.")


def _fields(table: type[t.Record]) -> list[str]:
    return [f for f in table.model_fields if f not in DERIVED]


def export_document(session, *, include_cpr: bool = False) -> dict:  # noqa: ANN001
    doc: dict[str, Any] = {"format_version": FORMAT_VERSION}
    if demo_mark.is_demo(session):
        doc["demo"] = True  # says so in the document; an import into a real database refuses it
    for name in ORDER:
        table = TABLES[name]
        rows = session.exec(select(table).order_by(table.id)).all()
        out = []
        for row in rows:
            obj = {f: jsonable(getattr(row, f)) for f in _fields(table)}
            if name == "citizens" and not include_cpr:
                obj.pop("cpr")
            out.append(obj)
        doc[name] = out
    return doc


def dumps(doc: dict) -> str:
    """The document as text; control characters escaped even where JSON allows them raw."""
    from ..output import json_text

    return json_text(doc)


def _where(name: str, index: int, obj: Any) -> str:
    ident = obj.get("id") if isinstance(obj, dict) else None
    return f"{name}[{index}]" + (f" (id {ident})" if isinstance(ident, str) else "")


def _not_json(name: str) -> float:
    raise ImportError_(f"The file is not valid JSON: {name} is not a JSON number; write a number or null.")


def parse_document(text: str) -> dict:
    """The document's top-level object, or ImportError_ with one sentence.

    A leading byte-order mark (as Windows editors and Excel save UTF-8) is
    skipped; NaN and Infinity, which are not JSON, are refused."""
    text = text.removeprefix("\ufeff")
    try:
        doc = json.loads(text, parse_constant=_not_json)
    except json.JSONDecodeError as exc:
        raise ImportError_(f"The file is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.") from None
    except ImportError_:
        raise
    except RecursionError:
        raise ImportError_(f"The file nests lists and objects more than {MAX_DEPTH} levels deep; an enplan "
                           "document needs four.") from None
    except ValueError:  # an integer of more than 4,300 digits: no field holds one
        raise ImportError_("The file holds a number too long to read; no enplan field holds such a number.") from None
    if not isinstance(doc, dict):
        raise ImportError_("The file must hold a JSON object with format_version and one list per entity.")
    _check_depth(doc)
    return doc


def _check_depth(doc: dict) -> None:
    """Refuse nesting deeper than any field needs, before validation recurses into it."""
    level, deepest = [doc], 1
    while level:
        level = [child for value in level for child in (value.values() if isinstance(value, dict) else value)
                 if isinstance(child, (dict, list))]
        deepest += bool(level)
        if deepest > MAX_DEPTH:
            raise ImportError_(f"The file nests lists and objects more than {MAX_DEPTH} levels deep; an enplan "
                               "document needs four.")


def validate_document(doc: dict, today: dt.date) -> Rows:
    """Every record as a table row, or ImportError_ naming the record and field."""
    version = doc.get("format_version")
    if version != FORMAT_VERSION or type(version) is not int:
        # Repeats only a small number: anything else may be a CPR number or a whole file.
        shown = f", not {version}" if type(version) is int and abs(version) < 1000 else ""
        raise ImportError_(f"format_version must be {FORMAT_VERSION}{shown}.")
    unknown = set(doc) - {"format_version", "demo", *ORDER}
    if unknown:
        raise ImportError_(f"Unknown top-level field(s): {', '.join(sorted(unknown))}.")
    if "demo" in doc and type(doc["demo"]) is not bool:
        raise ImportError_("demo must be true or false (a demo export says true).")
    rows = Rows()
    seen: dict[uuid.UUID, str] = {}
    for name in ORDER:
        table = TABLES[name]
        items = doc.get(name, [])
        if not isinstance(items, list):
            raise ImportError_(f"{name} must be a list.")
        allowed = set(_fields(table))
        rows[name] = []
        for i, obj in enumerate(items):
            where = _where(name, i, obj)
            if not isinstance(obj, dict):
                raise ImportError_(f"{where}: each record must be a JSON object.")
            extra = set(obj) - allowed
            if extra:
                raise ImportError_(f"{where}: unknown field {sorted(extra)[0]!r}.")
            if "id" not in obj:
                raise ImportError_(f"{where}: field 'id' is required.")
            row = validate_row(table, name, obj, where, today)
            if row.id in seen:
                raise ImportError_(f"{where}: duplicate id, also used by {seen[row.id]}.")
            seen[row.id] = where
            rows[name].append(row)
    _check_references(rows)
    _check_one_plan_each(rows["plans"])
    owners = {p.id: p.citizen_id for p in rows["placements"]}
    for i, efu in enumerate(rows["employer_follow_ups"]):  # a document from before citizen_id: from its placement
        if efu.placement_id is None:
            continue
        if efu.citizen_id is not None and efu.citizen_id != owners[efu.placement_id]:
            raise ImportError_(f"employer_follow_ups[{i}] (id {efu.id}): field 'citizen_id': the placement "
                               f"{efu.placement_id} is another citizen's.")
        efu.citizen_id = owners[efu.placement_id]
    rows.demo = doc.get("demo") is True or demo_mark.holds_demo_ids(r.id for name in ORDER for r in rows[name])
    return rows


def _check_one_plan_each(plans: list[t.Record]) -> None:
    owner: dict[uuid.UUID, int] = {}
    for i, plan in enumerate(plans):
        if plan.citizen_id in owner:
            raise ImportError_(f"plans[{i}] (id {plan.id}): field 'citizen_id': citizen {plan.citizen_id} already "
                               f"has a plan (plans[{owner[plan.citizen_id]}]); each citizen has one plan.")
        owner[plan.citizen_id] = i


def validate_row(table: type[t.Record], name: str, obj: dict, where: str, today: dt.date) -> t.Record:
    """One record from its JSON form (an import document's, or a laptop's
    change) as a table row, checked as strictly as an import; ImportError_
    names ``where`` and the field otherwise."""
    data = dict(obj)
    for key, value in data.items():
        if isinstance(value, str) and "\x00" in value:
            raise ImportError_(f"{where}: field {key!r} contains a NUL character.")
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (\ud800) cannot be stored
            raise ImportError_(f"{where}: field {key!r} contains text that is not valid Unicode.") from None
        _check_date_form(table, key, value, where)
    try:
        if name in ("citizens", "employers"):
            if not isinstance(data.get("name"), str):
                raise DomainError("A name is required.", "name")
            data["name"] = clean_name(data["name"])
            data["name_key"] = danish_key(data["name"])
        # only text is normalised; anything else is left for the type check below
        if name == "citizens" and isinstance(data.get("cpr"), str) and data["cpr"]:
            data["cpr"] = normalize_cpr(data["cpr"], today)
        if name == "employers" and isinstance(data.get("cvr"), str) and data["cvr"]:
            data["cvr"] = normalize_cvr(data["cvr"])
    except DomainError as exc:
        raise ImportError_(f"{where}: field {exc.field or 'value'!r}: {exc.message}") from None
    try:
        # strict JSON-mode validation: "yes" is not a boolean, "1" is not a number
        validated = _validator(table).model_validate_json(json.dumps(data))
    except pydantic.ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "record"
        raise ImportError_(f"{where}: field {field!r}: {err['msg']}.") from None
    values = validated.model_dump()
    for key, value in values.items():
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            raise ImportError_(f"{where}: field {key!r}: a timestamp needs a time zone (e.g. +00:00).")
    if name == "cti_phases":
        _check_phase(values, where)
    if name == "measures":
        _check_measure(values, where, today)
    row = table(**values)
    try:
        check_row(row)  # NUL, broken characters, over-long text, dates outside 1900-2100
    except DomainError as exc:
        raise ImportError_(f"{where}: field {exc.field!r}: {exc.message}") from None
    return row


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _check_date_form(table: type[t.Record], key: str, value: Any, where: str) -> None:
    """Dates only in the form the export writes (YYYY-MM-DD, ISO timestamps): pydantic
    alone would turn "0" or 1700000000 into a 1970s date without a word."""
    field = table.model_fields.get(key)
    if field is None or value is None:
        return
    kinds = set(typing.get_args(field.annotation)) | {field.annotation}
    if dt.datetime in kinds:
        ok = isinstance(value, str) and "T" in value and _parses(dt.datetime.fromisoformat, value)
        if not ok:
            raise ImportError_(f"{where}: field {key!r}: a timestamp must be written like 2026-11-22T09:30:00+00:00.")
    elif dt.date in kinds and not (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        raise ImportError_(f"{where}: field {key!r}: a date must be written YYYY-MM-DD.")


def _parses(parse, value: str) -> bool:  # noqa: ANN001
    try:
        parse(value)
        return True
    except ValueError:
        return False


def _check_phase(values: dict, where: str) -> None:
    if values["phase"] not in PHASES:
        raise ImportError_(f"{where}: field 'phase': must be 0 (contact period), 1, 2 or 3, not {values['phase']}.")
    areas = values["focus_areas"]
    unknown = [a for a in areas if a not in {area.value for area in LifeArea}]
    if unknown or len(areas) > 3:
        raise ImportError_(f"{where}: field 'focus_areas': up to three life areas, each one of "
                           f"{', '.join(a.value for a in LifeArea)}; got {areas!r}.")


def _check_measure(values: dict, where: str, today: dt.date) -> None:
    """A shipped instrument's value on its scale (and WHO-5's the score of its five
    answers); a scale configured elsewhere is kept as it is, within 0–100."""
    from ..domain import measures

    key, answers = values["instrument"], values["answers"]
    if not measures.KEY.fullmatch(key):
        raise ImportError_(f"{where}: field 'instrument': lower-case letters, digits and _, not {key[:40]!r}.")
    if values["measured_on"] > today:
        raise ImportError_(f"{where}: field 'measured_on': a measure cannot be dated in the future.")
    instrument = measures.MeasureSetup().get(key)
    try:
        if instrument is None:
            if len(answers) > measures.MAX_TOPICS or any(not 0 <= a <= 100 for a in answers):
                raise DomainError(f"at most {measures.MAX_TOPICS} answers, each 0–100", "answers")
        elif instrument.topics and measures.check_value(instrument, None, tuple(answers)) != values["value"]:
            raise DomainError(f"the value must be the score of the answers, {instrument.score(tuple(answers))}", "value")
        elif not instrument.topics:
            if answers:
                raise DomainError("this measure has no answers, only a value", "answers")
            measures.check_value(instrument, values["value"])
    except DomainError as exc:
        field = exc.field if exc.field in ("answers", "value") else "answers" if instrument.topics else "value"
        raise ImportError_(f"{where}: field {field!r}: {str(exc).rstrip('.')}.") from None


_VALIDATORS: dict[type, type[pydantic.BaseModel]] = {}


def _validator(table: type[t.Record]) -> type[pydantic.BaseModel]:
    """A strict pydantic twin of a table (table models skip validation)."""
    if table not in _VALIDATORS:
        fields = {name: (f.annotation, f) for name, f in table.model_fields.items()}
        _VALIDATORS[table] = pydantic.create_model(
            f"{table.__name__}Import",
            __config__=pydantic.ConfigDict(extra="forbid", strict=True, allow_inf_nan=False), **fields
        )
    return _VALIDATORS[table]


def _check_references(rows: dict[str, list[t.Record]]) -> None:
    ids = {name: {r.id for r in rows[name]} for name in ORDER}
    for name, refs in REFERENCES.items():
        for i, row in enumerate(rows[name]):
            for field, parent in refs:
                value = getattr(row, field)
                if value is not None and value not in ids[parent]:
                    raise ImportError_(
                        f"{name}[{i}] (id {row.id}): field {field!r} refers to a missing {parent[:-1].replace('_', ' ')} {value}."
                    )


def import_rows(session, rows: dict[str, list[t.Record]]) -> dict[str, int]:  # noqa: ANN001
    """Insert validated rows in one transaction; refuse ids already stored
    and citizens who were erased (an old export must not bring them back),
    and demo data into a real database or the reverse (an empty database
    takes either; demo rows make it a demo database)."""
    _check_demo_side(session, getattr(rows, "demo", False))
    citizen_ids = [r.id for r in rows["citizens"]]
    for chunk in range(0, len(citizen_ids), 500):
        erased = session.exec(select(t.Erasure).where(col(t.Erasure.citizen_id).in_(citizen_ids[chunk:chunk + 500]))).first()
        if erased is not None:
            raise ImportError_(f"citizens: the citizen with id {erased.citizen_id} was erased on "
                               f"{erased.erased_at:%d-%m-%Y}; remove them and their records from the file.")
    for name in ORDER:
        table = TABLES[name]
        ids = [r.id for r in rows[name]]
        for chunk in range(0, len(ids), 500):
            clash = session.exec(select(table.id).where(col(table.id).in_(ids[chunk:chunk + 500]))).first()
            if clash is not None:
                raise ImportError_(f"{name}: a record with id {clash} already exists in this database.")
    for name in ORDER:
        session.add_all(rows[name])
        session.flush()
    return {name: len(rows[name]) for name in ORDER}


def _check_demo_side(session, demo: bool) -> None:  # noqa: ANN001
    conn = session.connection()
    if demo_mark.is_demo(conn):
        if not demo:
            raise ImportError_(REAL_INTO_DEMO)
    elif demo:
        if not demo_mark.is_empty(conn):
            raise ImportError_(DEMO_INTO_REAL)
        demo_mark.mark_demo(conn)
