"""Placement rules: virksomhedspraktik legal length, retention follow-ups.

The numbers are the rule sets' (domain/rules/sets, rules ``praktik_length``
and ``retention``), taken by the day the placement or job starts.
Virksomhedspraktik (LAB § 61): up to 4 weeks for jobparate and
uddannelseshjælp; up to 13 weeks for aktivitetsparate and others,
extendable to 26 weeks after a concrete assessment.
"""

from __future__ import annotations

import datetime as dt

from .enums import PlacementKind, TargetGroup
from .phrases import Phrase

RETENTION_KINDS = frozenset({PlacementKind.ORDINARY_JOB, PlacementKind.IPS_JOB})
MAX_HOURS_PER_WEEK = 80  # what a placement's hours may be (forms, services, import)
# The code a retention follow-up stores for each of the ``retention`` rule's due
# dates in turn (1 week, 1, 3, 6 and 12 months); domain/work_texts words it.
RETENTION_STEPS: tuple[str, ...] = ("1w", "1m", "3m", "6m", "12m")


def _rule(rule_type: str, day: dt.date, group: TargetGroup | None = None):  # noqa: ANN202
    """The shipped rule in force on ``day``; before every rule set, the oldest set's."""
    from .rules.loading import shipped_book

    found = shipped_book().applying(rule_type, day, group) or shipped_book().of_type(rule_type)
    return found[0]


def praktik_limit_weeks(target_group: TargetGroup, extended: bool = False, start: dt.date | None = None) -> int:
    """The legal length in weeks of a virksomhedspraktik starting on ``start`` (default: today)."""
    from .rules.evaluate import praktik_weeks

    return praktik_weeks(_rule("praktik_length", start or dt.date.today(), target_group), target_group, extended)


def praktik_warning(
    kind: PlacementKind,
    target_group: TargetGroup,
    start: dt.date,
    end: dt.date | None,
    today: dt.date,
    extended: bool = False,
) -> str | None:
    """A sentence when a virksomhedspraktik runs (or is planned to run) past its legal length.

    English as a string; a ``Phrase``, so the UI shows it in the user's language.
    """
    if kind is not PlacementKind.VIRKSOMHEDSPRAKTIK:
        return None
    weeks = praktik_limit_weeks(target_group, extended, start)
    last_allowed = start + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
    effective_end = end or today
    if effective_end <= last_allowed:
        return None
    day = f"{last_allowed:%d-%m-%Y}"
    if weeks < praktik_limit_weeks(target_group, True, start):  # it may still be extended
        return Phrase("Virksomhedspraktik runs past its legal length of {weeks} weeks (last allowed day {day}). "
                      "It can be extended to 26 weeks after a concrete assessment.", weeks=weeks, day=day)
    return Phrase("Virksomhedspraktik runs past its legal length of {weeks} weeks (last allowed day {day}).",
                  weeks=weeks, day=day)


def retention_schedule(job_start: dt.date) -> list[tuple[str, dt.date]]:
    """Retention follow-ups after an ordinary job starts, on working days: (step, due)."""
    return [(step, due.on(job_start)) for step, due in zip(RETENTION_STEPS, _rule("retention", job_start).dues)]
