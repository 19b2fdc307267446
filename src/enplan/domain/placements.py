"""Placement rules: virksomhedspraktik legal length, retention follow-ups.

Virksomhedspraktik (LAB § 61): up to 4 weeks for jobparate and
uddannelseshjælp; up to 13 weeks for aktivitetsparate and others,
extendable to 26 weeks after a concrete assessment.
"""

from __future__ import annotations

import datetime as dt

from .dates import deadline_after
from .enums import PlacementKind, TargetGroup
from .phrases import Phrase

SHORT_PRAKTIK_GROUPS = frozenset({TargetGroup.JOBPARAT, TargetGroup.UDDANNELSESHJAELP})
RETENTION_KINDS = frozenset({PlacementKind.ORDINARY_JOB, PlacementKind.IPS_JOB})
MAX_HOURS_PER_WEEK = 80  # what a placement's hours may be (forms, services, import)
# (step, weeks, months) after the job starts: 1 week, 1, 3, 6 and 12 months. The
# step is a code a retention follow-up stores; domain/work_texts words it.
RETENTION_STEPS: tuple[tuple[str, int, int], ...] = (
    ("1w", 1, 0),
    ("1m", 0, 1),
    ("3m", 0, 3),
    ("6m", 0, 6),
    ("12m", 0, 12),
)


def praktik_limit_weeks(target_group: TargetGroup, extended: bool = False) -> int:
    if target_group in SHORT_PRAKTIK_GROUPS:
        return 4
    return 26 if extended else 13


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
    weeks = praktik_limit_weeks(target_group, extended)
    last_allowed = start + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
    effective_end = end or today
    if effective_end <= last_allowed:
        return None
    day = f"{last_allowed:%d-%m-%Y}"
    if target_group not in SHORT_PRAKTIK_GROUPS and not extended:
        return Phrase("Virksomhedspraktik runs past its legal length of {weeks} weeks (last allowed day {day}). "
                      "It can be extended to 26 weeks after a concrete assessment.", weeks=weeks, day=day)
    return Phrase("Virksomhedspraktik runs past its legal length of {weeks} weeks (last allowed day {day}).",
                  weeks=weeks, day=day)


def retention_schedule(job_start: dt.date) -> list[tuple[str, dt.date]]:
    """Retention follow-ups after an ordinary job starts, on working days: (step, due)."""
    return [
        (step, deadline_after(job_start, weeks=weeks, months=months))
        for step, weeks, months in RETENTION_STEPS
    ]
