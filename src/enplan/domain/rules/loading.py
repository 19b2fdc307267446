"""Reading rule sets: the shipped files, then a municipality's local overrides.

Every refusal names the file, the line and the reason. A shipped set that is
wrong is a bug (a test loads them all); a local override file that is wrong
is set aside as a whole and the shipped rules are used, with one line saying so.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
import tomllib
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from ..enums import MeetingType, PlacementKind, TargetGroup
from ..toml_blocks import TomlBlocks
from .due import DueSyntaxError, parse_due
from .model import RULE_TYPES, Rule, RuleBook, RuleSet, Texts
from .overrides import contradiction

SHIPPED = ("lbk_280_2024.toml", "lov_1750_2025.toml", "hovedlov_2027.toml")
_ID = re.compile(r"[a-z0-9_]{1,60}")
_RULE_KEYS = {"id", "type", "groups", "due", "source", "text", "why", "note", "valid_from", "valid_to",
              "exempt_back_within_26_weeks", "params", "set"}


class RuleFileError(ValueError):
    """A rule file was refused: ``str(exc)`` is "file, line N: reason"."""


class _Reader:
    def __init__(self, name: str, text: str) -> None:
        self.name, self.where = name, TomlBlocks(text, "[[rule]]")
        try:
            self.data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:  # its message ends "(at line N, column M)"
            raise RuleFileError(f"{name}: {exc}") from None

    def fail(self, index: int | None, key: str | None, reason: str) -> RuleFileError:
        return RuleFileError(f"{self.name}, line {self.where.of(index, key)}: {reason}")


def _date(reader: _Reader, index: int | None, key: str, value: Any, default: dt.date | None) -> dt.date | None:  # noqa: ANN401
    if value is None:
        return default
    if type(value) is not dt.date:
        raise reader.fail(index, key, f"{key} must be a date written as 2026-07-01")
    return value


def _texts(reader: _Reader, index: int, key: str, value: Any, allowed: frozenset[str]) -> Texts:  # noqa: ANN401
    if not (isinstance(value, dict) and isinstance(value.get("en"), str) and isinstance(value.get("da"), str)
            and value["en"].strip() and value["da"].strip()):
        raise reader.fail(index, key, f"{key} needs both en and da, e.g. {key} = {{ en = \"…\", da = \"…\" }}")
    for language in ("en", "da"):
        try:
            names = {f for _, f, _, _ in string.Formatter().parse(value[language]) if f is not None}
        except ValueError as exc:
            raise reader.fail(index, key, f"{key}.{language}: {exc}") from None
        unknown = sorted(n for n in names if n not in allowed)
        if unknown:
            shown = ", ".join("{" + a + "}" for a in sorted(allowed)) or "none"
            raise reader.fail(index, key, f"{key}.{language} uses {{{unknown[0]}}}; this rule type knows {shown}")
    return Texts(value["en"].strip(), value["da"].strip())


def _groups(reader: _Reader, index: int, value: Any) -> frozenset[TargetGroup] | None:  # noqa: ANN401
    if value == ["*"]:
        return None
    if not isinstance(value, list) or not value:
        raise reader.fail(index, "groups", 'groups must be a list of target groups, or ["*"] for all')
    known = {g.value for g in TargetGroup}
    for g in value:
        if g not in known:
            raise reader.fail(index, "groups", f"unknown target group {g!r}; known: {', '.join(sorted(known))}")
    return frozenset(TargetGroup(g) for g in value)


def _codes(reader: _Reader, index: int, name: str, value: Any, enum: type) -> tuple:  # noqa: ANN401
    known = {m.value for m in enum}
    if not isinstance(value, list) or not value or any(v not in known for v in value):
        raise reader.fail(index, name, f"params.{name} must list some of: {', '.join(sorted(known))}")
    return tuple(enum(v) for v in value)


def _param(reader: _Reader, index: int, name: str, kind: str, value: Any) -> Any:  # noqa: ANN401, C901
    if kind == "meeting_types":
        return _codes(reader, index, name, value, MeetingType)
    if kind == "placement_kinds":
        return _codes(reader, index, name, value, PlacementKind)
    if kind == "int":
        if type(value) is not int or not 0 <= value <= 10_000:
            raise reader.fail(index, name, f"params.{name} must be a whole number from 0 to 10000")
        return value
    if kind in ("group_weeks", "phase_days"):
        keys = ({g.value for g in TargetGroup} if kind == "group_weeks" else {"none", "0", "1", "2", "3"}) | {"default"}
        if not isinstance(value, dict) or "default" not in value:
            raise reader.fail(index, name, f"params.{name} must be a table with a default, e.g. {{ default = 13 }}")
        for k, v in value.items():
            if k not in keys:
                raise reader.fail(index, name, f"params.{name}: unknown key {k!r}; known: {', '.join(sorted(keys))}")
            if type(v) is not int or not 1 <= v <= 10_000:
                raise reader.fail(index, name, f"params.{name}.{k} must be a whole number from 1 to 10000")
        return dict(value)
    if kind == "labels":
        if not isinstance(value, list) or not all(isinstance(v, dict) and {"en", "da"} <= set(v) for v in value):
            raise reader.fail(index, name, "params.labels must list { en = \"…\", da = \"…\" } per due date")
        return tuple(Texts(v["en"], v["da"]) for v in value)
    if kind == "measure":
        if value not in ("interview", "offer"):
            raise reader.fail(index, name, 'params.measure must be "interview" or "offer"')
        return value
    raise AssertionError(kind)


def _rule(reader: _Reader, index: int, raw: Any, rule_set: RuleSet) -> Rule:  # noqa: ANN401
    if not isinstance(raw, dict):
        raise reader.fail(index, None, "a [[rule]] must be a table")
    unknown = sorted(set(raw) - _RULE_KEYS)
    if unknown:
        raise reader.fail(index, unknown[0], f"unknown key {unknown[0]!r} in a rule")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID.fullmatch(rule_id):
        raise reader.fail(index, "id", "id must be 1-60 of a-z, 0-9 and _")
    kind = RULE_TYPES.get(raw.get("type"))  # type: ignore[arg-type]
    if kind is None:
        raise reader.fail(index, "type", f"unknown rule type {raw.get('type')!r}; known: {', '.join(RULE_TYPES)}")
    dues_raw = raw.get("due", [] if not kind.anchors else None)
    if kind.anchors and dues_raw is None:
        raise reader.fail(index, None, f"rule {rule_id}: a due date is needed, e.g. due = \"{sorted(kind.anchors)[0]} + 6m\"")
    if kind.many_dues != isinstance(dues_raw, list) and kind.anchors:
        raise reader.fail(index, "due", "due must be a list of dates" if kind.many_dues else "due must be one date")
    try:
        dues = tuple(parse_due(d, kind.anchors) for d in (dues_raw if isinstance(dues_raw, list) else [dues_raw]
                                                          if kind.anchors else []))
    except DueSyntaxError as exc:
        raise reader.fail(index, "due", f"due: {exc}") from None
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        raise reader.fail(index, "source", "source must name the law and paragraph, e.g. \"LAB § 61\"")
    params = dict(raw.get("params", {}))
    missing = [p for p in kind.params if p not in params and not (p in ("meeting_types", "placement_kinds")
                                                                  and raw.get("type") == "share_within")]
    if missing:
        raise reader.fail(index, "params", f"rule {rule_id} needs params.{missing[0]}")
    extra = sorted(set(params) - set(kind.params))
    if extra:
        raise reader.fail(index, extra[0], f"params.{extra[0]} is not known to a {raw['type']} rule")
    params = {k: _param(reader, index, k, kind.params[k], v) for k, v in params.items()}
    valid_from = _date(reader, index, "valid_from", raw.get("valid_from"), rule_set.valid_from)
    valid_to = _date(reader, index, "valid_to", raw.get("valid_to"), rule_set.valid_to)
    if valid_to is not None and valid_to < valid_from:  # type: ignore[operator]
        raise reader.fail(index, "valid_to", "valid_to lies before valid_from")
    flag = raw.get("exempt_back_within_26_weeks", False)
    if type(flag) is not bool:
        raise reader.fail(index, "exempt_back_within_26_weeks", "exempt_back_within_26_weeks must be true or false")
    note = raw.get("note", "")
    if not isinstance(note, str):
        raise reader.fail(index, "note", "note must be text")
    return Rule(rule_id, raw["type"], rule_set.id, valid_from, valid_to, _groups(reader, index, raw.get("groups", ["*"])),
                dues, source.strip(), _texts(reader, index, "text", raw.get("text"), kind.placeholders),
                _texts(reader, index, "why", raw.get("why"), kind.placeholders), note.strip(), flag, params,
                reader.name, reader.where.of(index))


def read_set(name: str, text: str) -> RuleSet:
    """One shipped rule set file."""
    reader = _Reader(name, text)
    head = reader.data.get("set")
    if not isinstance(head, dict):
        raise RuleFileError(f"{name}, line 1: a rule set file starts with a [set] table")
    set_id, title = head.get("id"), head.get("name")
    if not isinstance(set_id, str) or not _ID.fullmatch(set_id) or not isinstance(title, str):
        raise RuleFileError(f"{name}, line 1: [set] needs an id (a-z, 0-9, _) and a name")
    valid_from = _date(reader, None, "valid_from", head.get("valid_from"), None)
    if valid_from is None:
        raise RuleFileError(f"{name}, line 1: [set] needs valid_from")
    law = head.get("law", "")
    rule_set = RuleSet(set_id, title, valid_from, _date(reader, None, "valid_to", head.get("valid_to"), None),
                       law if isinstance(law, str) else "", bool(head.get("provisional", False)), (), name)
    raws = reader.data.get("rule", [])
    rules = tuple(_rule(reader, i, raw, rule_set) for i, raw in enumerate(raws))
    return replace(rule_set, rules=rules)


def check_periods(sets: tuple[RuleSet, ...]) -> None:
    """The same rule id across sets: one type, no overlap, no gap."""
    by_id: dict[str, list[Rule]] = {}
    for r in (r for s in sets for r in s.rules):
        by_id.setdefault(r.id, []).append(r)
    for rule_id, rules in by_id.items():
        rules.sort(key=lambda r: r.valid_from)
        for a, b in zip(rules, rules[1:]):
            where = f"{b.file}, line {b.line}"
            if a.type != b.type:
                raise RuleFileError(f"{where}: rule {rule_id} is a {b.type} rule here but a {a.type} rule in {a.file}")
            if a.valid_to is None or a.valid_to >= b.valid_from:
                raise RuleFileError(f"{where}: rule {rule_id} from {b.valid_from} overlaps its period in {a.file} "
                                    f"(until {a.valid_to or 'further notice'})")
            if a.valid_to + dt.timedelta(days=1) != b.valid_from:
                raise RuleFileError(f"{where}: rule {rule_id} has a gap: {a.file} ends it on {a.valid_to}, "
                                    f"this file starts it on {b.valid_from}")


def shipped_sets() -> tuple[RuleSet, ...]:
    folder = resources.files(__package__) / "sets"
    sets = tuple(read_set(name, (folder / name).read_text(encoding="utf-8")) for name in SHIPPED)
    check_periods(sets)
    return sets


@functools.cache
def shipped_book() -> RuleBook:
    """The shipped rules, read once per process."""
    return RuleBook(shipped_sets())


def load_rule_book(override: Path | None = None) -> RuleBook:
    """The shipped sets with a municipality's overrides, or the shipped sets and one line why not."""
    sets = shipped_book().sets
    if override is None:
        return shipped_book()
    try:
        text = override.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return RuleBook(sets, f"Local rules in {override} could not be read ({exc.__class__.__name__}); "
                              "using the shipped rules.")
    try:
        merged = apply_overrides(sets, _Reader(str(override), text))
        check_periods(merged)
    except RuleFileError as exc:
        return RuleBook(sets, f"Local rules refused: {exc}. Using the shipped rules.")
    return RuleBook(merged)


def apply_overrides(sets: tuple[RuleSet, ...], reader: _Reader) -> tuple[RuleSet, ...]:
    """The shipped sets with a local file's law numbers and rules (domain/rules/overrides.py)."""
    known = {s.id: s for s in sets}
    unknown_top = sorted(set(reader.data) - {"law", "rule"})
    if unknown_top:
        raise reader.fail(None, None, f"unknown table {unknown_top[0]!r}; a local rules file holds [[law]] and [[rule]]")
    for entry in reader.data.get("law", []):
        target = known.get(entry.get("set")) if isinstance(entry, dict) else None
        law = entry.get("law") if isinstance(entry, dict) else None
        if target is None or not isinstance(law, str) or not law.strip():
            raise reader.fail(None, None, f"[[law]] needs set (one of {', '.join(known)}) and law (its number)")
        known[target.id] = replace(target, law=law.strip(), provisional=False)
    for index, raw in enumerate(reader.data.get("rule", [])):
        target = known.get(raw.get("set")) if isinstance(raw, dict) else None
        if target is None:
            raise reader.fail(index, "set", f"a local rule names its rule set: set = one of {', '.join(known)}")
        local = _rule(reader, index, raw, target)
        same = [r for r in target.rules if r.id == local.id]
        if same:
            problem = contradiction(local, same[0])
            if problem:
                raise reader.fail(index, None, f"contradicts the shipped set {target.id}: {problem}")
            rules = tuple(local if r.id == local.id else r for r in target.rules)
        else:
            rules = (*target.rules, local)
        known[target.id] = replace(target, rules=rules)
    return tuple(known[s.id] for s in sets)
