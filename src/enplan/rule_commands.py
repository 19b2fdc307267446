"""`enplan worklist` and `enplan rules`: the worklist as the screen shows it
(overdue, today, this week, later), with the rules' items; the rule sets in
force, the 75% counters, and exempting a citizen from a counter."""

from __future__ import annotations

import argparse

from .commands import _context, _services
from .failures import Refusal
from .output import print_json, print_table, say

# The worklist screen's group titles (the same msgids), without importing the UI.
GROUPS = (("overdue", "Overdue"), ("today", "Today"), ("this_week", "This week"), ("later", "Later"))


def cmd_worklist(args: argparse.Namespace) -> int:
    settings, url, today, caseworker = _context(args)
    services = _services(url, today, caseworker, read_only=True, settings=settings)
    items = services.worklist(caseworker or None)
    if args.json:
        print_json([{
            "citizen_id": str(i.citizen_id), "citizen_name": i.citizen_name, "kind": i.kind.value,
            "when": i.urgency(today).value, "what": i.rule.what[0] if i.rule else i.what,
            "due": i.due.isoformat(), "why": i.rule.why[0] if i.rule else "",
            "rule": i.rule.rule if i.rule else "", "source": i.rule.source if i.rule else "",
            "provisional": bool(i.rule and i.rule.provisional), "owner": i.owner,
        } for i in items])
        return 0
    from .i18n import _, kind_label, work_item_text

    for group, title in GROUPS:
        members = [i for i in items if i.urgency(today).value == group]
        print_table(f"{_(title)} ({len(members)})", (_("Due"), _("Citizen"), _("Kind"), _("What")),
                    ((f"{i.due:%d-%m-%Y}", i.citizen_name, kind_label(i.kind.value), work_item_text(i))
                     for i in members))
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    settings, url, today, caseworker = _context(args)
    if args.action == "exempt":
        return _exempt(args, settings, url, today, caseworker)
    services = _services(url, today, caseworker, read_only=True, settings=settings)
    overview = services.rules_overview(caseworker or None)
    book = overview.book
    if args.json:
        print_json({
            "problem": book.problem,
            "sets": [{"id": s.id, "name": s.name, "law": s.law, "provisional": s.provisional,
                      "valid_from": s.valid_from.isoformat(), "valid_to": s.valid_to.isoformat() if s.valid_to else None,
                      "rules": [{"id": r.id, "type": r.type, "source": r.source, "text": r.text.en, "note": r.note}
                                for r in s.rules]} for s in book.sets],
            "counters": [{"rule": c.rule, "text": c.text[0], "source": c.source, "met": c.met, "missed": c.missed,
                          "pending": c.pending, "percent": c.percent, "goal_percent": c.goal_percent,
                          "exempt": [{"citizen_id": str(e.citizen_id), "name": e.name, "reason": e.reason}
                                     for e in c.exempt]} for c in overview.counters],
        })
        return 0
    from .i18n import _, counter_share, language, set_period

    lang = 1 if language() == "da" else 0
    print_table(_("Rule sets"), (_("Rule set"), _("Period"), _("Law")),
                ((s.name, set_period(s), _("provisional") if s.provisional else s.law) for s in book.sets))
    # xgettext:no-python-format  (75% is a share, not a format)
    print_table(_("The 75% counters"), (_("Counter"), _("Now"), _("Exempt")),
                ((c.text[lang], counter_share(c), "; ".join(f"{e.name}: {e.reason}" for e in c.exempt) or "–")
                 for c in overview.counters))
    return 0


def _exempt(args: argparse.Namespace, settings, url: str, today, caseworker: str) -> int:  # noqa: ANN001
    from .domain.enums import RuleDecisionKind

    if not args.citizen or not args.rule or not (args.reason or "").strip():
        raise Refusal("enplan rules exempt needs --citizen ID, --rule RULE (e.g. interview_share) and --reason TEXT.")
    services = _services(url, today, caseworker, settings=settings)
    if args.rule not in {r.id for r in services.rule_book.of_type("share_within")}:
        known = ", ".join(sorted({r.id for r in services.rule_book.of_type("share_within")}))
        raise Refusal(f"{args.rule!r} is not a counter; exemptions are for: {known}.")
    services.decide_rule(args.citizen, args.rule, RuleDecisionKind.EXEMPT, args.reason)
    say(f"Exempted from {args.rule}.")
    return 0
