"""The rules applied to a caseload: rule items for the worklist, warnings for
the citizen screen, the 75% counters, and decisions (dismiss, exempt).

The facts every rule needs are read in a fixed number of statements whatever
the caseload's size (plain columns, aggregates in SQL), then evaluated by the
pure rules in ``domain/rules``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass


from ..domain.enums import RuleDecisionKind
from ..domain.errors import ValidationError
from ..domain.followups import RuleNote, WorkItem, WorkKind
from ..domain.records import OpenItem, RuleLine
from ..domain.phrases import N_
from ..domain.rules.counters import Counter, counters
from ..domain.rules.evaluate import RuleItem, RuleWarning, evaluate
from ..domain.rules.facts import CitizenFacts
from ..domain.rules.model import RuleBook
from ..store import tables as t
from .base import _uuid
from .caseload import CaseloadServices
from .citizens import _text
from .rule_facts import ONE, read_facts, scope_of


DECISION_LOGGED = ("rule", "decision", "due_on", "reason")  # what the audit log says of a decision


class RuleServices(CaseloadServices):
    def _extra_work(self, s, caseworker: str | None, names: dict, owners: dict, cti: dict) -> list[WorkItem]:  # noqa: ANN001
        """The rule items of the worklist's citizens, in the worklist's ranking."""
        found = self._evaluate(self._rule_facts(s, scope_of(caseworker), cti), with_warnings=False)[0]
        return self._work_items(found, names, owners)

    def _citizen_rules(self, s, citizen_id: uuid.UUID) -> tuple[tuple, tuple, tuple]:  # noqa: ANN001
        one = {"cid": citizen_id}
        facts = self._rule_facts(s, (ONE, one), self._cti_state(s, ONE, one))
        found, warnings = self._evaluate(facts)
        items = self._work_items(found, {f.citizen_id: f.name for f in facts}, {})
        decided = [(d, self.rule_book.by_id(d.rule)) for f in facts for d in f.decisions]
        return (tuple(OpenItem(WorkKind.RULE, i.ref_id, i.what, i.due, i.rule) for i in sorted(items, key=lambda i: i.due)),
                tuple(RuleLine(w.what, w.why, w.rule.source) for w in warnings),
                tuple(RuleLine((rules[0].text.en, rules[0].text.da) if rules else (d.rule, d.rule), (d.reason, d.reason),
                               rules[0].source if rules else "", d.due, d.decided_on, d.kind.value)
                      for d, rules in decided))

    def _rule_facts(self, s, scope: tuple[str, dict], cti: dict) -> list[CitizenFacts]:  # noqa: ANN001
        types = tuple(sorted({k for r in self.rule_book.rules for k in r.params.get("meeting_types", ())}))
        return read_facts(s, scope[0], scope[1], self.today, types, cti)

    def _evaluate(self, facts: list[CitizenFacts], *,
                  with_warnings: bool = True) -> tuple[list[RuleItem], list[RuleWarning]]:
        items: list[RuleItem] = []
        warnings: list[RuleWarning] = []
        for f in facts:
            i, w = evaluate(self.rule_book, f, self.today, with_warnings=with_warnings)
            items += i
            warnings += w
        return items, warnings

    def _work_items(self, items: list[RuleItem], names: dict, owners: dict) -> list[WorkItem]:
        book = self.rule_book
        return [WorkItem(WorkKind.RULE, _item_id(i), i.citizen_id, names[i.citizen_id], f"{i.what[0]} — {i.why[0]}",
                         i.due, owners.get(i.citizen_id, ""),
                         rule=RuleNote(i.rule.id, i.rule.set_id, i.rule.source, i.what, i.why, i.subject_id,
                                       book.set_of(i.rule).provisional, i.rule.type))
                for i in items]

    def _caseload_facts(self, caseworker: str | None) -> list[CitizenFacts]:
        scope = scope_of(caseworker)
        with self.db.read() as s:
            return self._rule_facts(s, scope, self._cti_state(s, *scope))

    def rule_counters(self, caseworker: str | None = None) -> list[Counter]:
        """The 75% counters over the caseworker's active caseload (everyone's without one)."""
        return counters(self.rule_book, self._caseload_facts(caseworker), self.today)

    def rules_overview(self, caseworker: str | None = None) -> RulesOverview:
        """The rule sets and the caseworker's counters, for the rules screen and ``enplan rules``."""
        return RulesOverview(self.rule_book, tuple(self.rule_counters(caseworker)), self.today)

    def rule_evaluation(self, caseworker: str | None = None) -> tuple[list[RuleItem], list[RuleWarning], list[Counter]]:
        """Every rule for a caseload in one read: items (shown or not yet), warnings, counters."""
        facts = self._caseload_facts(caseworker)
        items, warnings = self._evaluate(facts)
        return items, warnings, counters(self.rule_book, facts, self.today)

    def decide_rule(self, citizen_id: uuid.UUID | str, rule: str, decision: RuleDecisionKind, reason: str, *,
                    subject_id: uuid.UUID | str | None = None, due: dt.date | None = None) -> uuid.UUID:
        """Dismiss a rule item or exempt the citizen from a counter, always with a reason (audited)."""
        cid = _uuid(citizen_id)
        reason = _text(reason.strip(), "reason")
        if not reason:
            raise ValidationError(N_("Give a reason: a rule item is never just hidden."), "reason")
        if not self.rule_book.by_id(rule):
            raise ValidationError(N_("There is no such rule."), "rule")
        decision = RuleDecisionKind(decision)
        if decision is RuleDecisionKind.DISMISSED and due is None:
            raise ValidationError(N_("A dismissed rule item needs its due date."), "due")
        with self.db.write() as s:
            self._get(s, t.Citizen, cid)
            row = self._create(s, t.RuleDecision(
                citizen_id=cid, rule=rule, decision=decision, subject_id=_uuid(subject_id) if subject_id else None,
                due_on=due, reason=reason, decided_on=self.today), cid, logged=DECISION_LOGGED)
            return row.id


def _item_id(item: RuleItem) -> uuid.UUID:
    """A stable id for a rule item (the same rule, citizen, subject and due date give the same id),
    so a calendar can update its event and the worklist can keep the cursor on it."""
    key = f"{item.rule.id}|{item.citizen_id}|{item.subject_id or ''}|{item.due.isoformat()}"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"enplan:rule:{key}")


@dataclass(frozen=True)
class RulesOverview:
    """The rule sets (immutable domain data), the caseload's counters and any refused local rules."""

    book: RuleBook
    counters: tuple[Counter, ...]
    today: dt.date
