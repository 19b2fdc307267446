"""A municipality's local rules (the file named by ``rules`` in config.toml).

    [[law]]                       # the law number once the 2027 main law is passed
    set = "hovedlov_2027"
    law = "lov nr. 123 af 20/12/2026"

    [[rule]]                      # a whole rule: replaces the shipped rule with this
    set = "lov_1750_2025"         # set and id, or adds a new one to the set
    id = "interviews_jobready"
    ...

A local rule may be stricter than the law, never looser: an override keeps
the shipped rule's type, dates and target groups, has at least as many due
dates, and none later. Anything else contradicts the shipped set and the
whole file is refused. Reading the file is loading.py's; this module says
whether a local rule contradicts the shipped one.
"""

from __future__ import annotations

import datetime as dt

from .model import Rule

# Event days on which a local due date is compared with the law's (month ends,
# a leap day, the turn of the year).
_PROBES = tuple(dt.date(2026, m, d) for m, d in ((1, 31), (2, 28), (6, 30), (8, 31), (12, 24), (12, 31))) + (
    dt.date(2028, 2, 29),)


def contradiction(local: Rule, shipped: Rule) -> str:
    """Why a local rule would loosen the shipped one, or "" when it does not."""
    if local.type != shipped.type:
        return f"it makes rule {shipped.id} a {local.type} rule; the shipped rule is a {shipped.type} rule"
    if (local.valid_from, local.valid_to) != (shipped.valid_from, shipped.valid_to):
        return f"it changes when rule {shipped.id} is in force; only a new rule set may do that"
    if shipped.groups is not None and (local.groups is not None and not shipped.groups <= local.groups):
        return f"it leaves out target groups the law covers in rule {shipped.id}"
    if len(local.dues) < len(shipped.dues):
        return f"it has fewer due dates than rule {shipped.id} ({len(local.dues)} < {len(shipped.dues)})"
    for n, (mine, law) in enumerate(zip(local.dues, shipped.dues), start=1):
        if any(mine.on(day) > law.on(day) for day in _PROBES):
            return f"due date {n} ({mine.text}) is later than the law's ({law.text})"
    return ""
