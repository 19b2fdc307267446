"""The acceptance cohorts of the outcome report (issue 12), built with the
services as a caseworker records them: the Rambøll 2021 figures, 20% vs 11%
in ordinary work after a year, 80% vs 41% with a company-based activity,
trivsel 49 → 57 for the first cohort."""

from __future__ import annotations

import datetime as dt

from enplan.domain.enums import PlacementKind, PlacementStatus, TargetGroup
from enplan.services import CitizenInput, EmployerInput, MeasuresInput, PlacementInput

D = dt.date
FIRST = (D(2025, 1, 1), D(2025, 6, 30))  # the first cohort's courses start in this period
SECOND = (D(2024, 1, 1), D(2024, 6, 30))


def build_cohort(services, start: dt.date, *, jobs: int, activities: int, trivsel: tuple[int, int, int, int],
                 size: int = 100, caseworker: str = "tester") -> None:  # noqa: ANN001
    """``size`` citizens with CTI courses from ``start`` on (one a day): the first ``jobs``
    hold an ordinary job from day 120 on, the next ``activities - jobs`` had a virksomhedspraktik;
    trivsel (a, b, c, d): even citizens a → b, odd c → d, measured at start and on day 180."""
    employer = services.create_employer(EmployerInput("Brugsen Nord"))
    low_start, low_end, high_start, high_end = trivsel
    for i in range(size):
        cid = services.create_citizen(CitizenInput(name=f"Borger {start.year}-{i:03d}", caseworker=caseworker,
                                                   target_group=TargetGroup.AKTIVITETSPARAT))
        day = start + dt.timedelta(days=i)
        services.start_cti(cid, day)
        if i < jobs:
            services.create_placement(cid, PlacementInput(employer, PlacementKind.ORDINARY_JOB,
                                                          day + dt.timedelta(days=120), hours_per_week=25))
        elif i < activities:
            services.create_placement(cid, PlacementInput(employer, PlacementKind.VIRKSOMHEDSPRAKTIK,
                                                          day + dt.timedelta(days=30), day + dt.timedelta(days=100),
                                                          status=PlacementStatus.ENDED))
        first, latest = (low_start, low_end) if i % 2 == 0 else (high_start, high_end)
        services.record_measures(cid, MeasuresInput(day, values={"trivsel": first}))
        services.record_measures(cid, MeasuresInput(day + dt.timedelta(days=180), values={"trivsel": latest}))
