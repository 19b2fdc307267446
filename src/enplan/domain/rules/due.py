"""Due-date expressions in rule files: ``start + 6m``, ``end``, ``start + 4m + 2w``.

An expression names the event's date (its anchor) and adds whole days, weeks,
months or years. Months keep the day of the month (31 Jan + 1m = 28/29 Feb).
The result is a deadline, so it moves forward to a working day (Danish
fristberegning); it never lies before the event, since offsets in a due
expression only count forward.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..dates import add_months, roll_forward

_TERM = re.compile(r"\s*([+-])\s*([0-9]{1,3})\s*([dwmy])")
_ANCHOR = re.compile(r"\s*([a-z_]+)")


class DueSyntaxError(ValueError):
    """The expression does not parse; the message says why."""


@dataclass(frozen=True)
class Due:
    anchor: str
    days: int = 0
    months: int = 0
    text: str = ""

    def on(self, event: dt.date) -> dt.date:
        """The deadline counted from ``event``, on a working day."""
        return roll_forward(self.raw(event))

    def raw(self, event: dt.date) -> dt.date:
        """The date before rolling to a working day (for windows such as "end - 14d")."""
        return add_months(event, self.months) + dt.timedelta(days=self.days)


def parse_due(text: object, anchors: frozenset[str], *, backward: bool = False) -> Due:
    """``anchor [± N unit]…`` with unit d, w, m or y; ``backward`` allows minus terms."""
    if not isinstance(text, str) or not text.strip():
        raise DueSyntaxError("a due date must be text such as \"start + 6m\"")
    m = _ANCHOR.match(text)
    if not m:
        raise DueSyntaxError(f"{text!r} must start with one of: {', '.join(sorted(anchors))}")
    anchor = m.group(1)
    if anchor not in anchors:
        raise DueSyntaxError(f"{text!r}: unknown date {anchor!r}; this rule counts from {', '.join(sorted(anchors))}")
    days = months = 0
    pos = m.end()
    while pos < len(text.rstrip()):
        term = _TERM.match(text, pos)
        if not term:
            raise DueSyntaxError(f"{text!r}: cannot read {text[pos:].strip()!r}; write terms like + 6m, + 2w, + 3d")
        sign = 1 if term.group(1) == "+" else -1
        if sign < 0 and not backward:
            raise DueSyntaxError(f"{text!r}: a due date cannot lie before the event that causes it")
        n, unit = sign * int(term.group(2)), term.group(3)
        if unit == "d":
            days += n
        elif unit == "w":
            days += 7 * n
        elif unit == "m":
            months += n
        else:
            months += 12 * n
        pos = term.end()
    return Due(anchor, days, months, " ".join(text.split()))
