"""The outcome report for people: a ``domain.outcomes.OutcomeReport`` in, its
words (the screen, `enplan report`), a ``Sheet`` (CSV and .xlsx through
``spreadsheet.render``) or JSON out. Words are in the UI language; JSON is
English with codes, as every command's JSON.

Figures are shown whole ("20%", "49 → 57"), rounded half up, so a share the
evaluation would print as 20% prints as 20% here too; the sheet and JSON
keep one and two decimals for anyone who computes on.
"""

from __future__ import annotations

import math

from ..domain.outcomes import (CASEWORKERS, FOLLOW_UPS, NOT_AN_EFFECT_STUDY, Cohort, CohortReport, Course, Difference,
                               OutcomeReport, Row)
from ..i18n import N_, _, label, ngettext
from .spreadsheet import Column, Sheet

DEFINITIONS = "docs/outcomes.md"
DASH = "–"
MINUS = "−"
COURSES = {Course.ANY: "", Course.CTI: N_("With a CTI course"), Course.PLAN: N_("Without a CTI course")}
# For a table at 80 columns; the full label (domain.outcomes.ROW_LABELS) is shown beside it.
SHORT_LABELS = {
    "job_day_365": N_("Ordinary work on day 365"), "job_within_365": N_("Ordinary job within 365 d"),
    "company_activity": N_("Company-based activity"), "trivsel": N_("Trivsel start → latest"),
    "who5": N_("WHO-5 start → latest"), "retention_3": N_("In work 3 mo. after a job"),
    "retention_6": N_("In work 6 mo. after a job"), "retention_12": N_("In work 12 mo. after a job"),
    "follow_ups_on_time": N_("Follow-ups on time"), "caseload": N_("Caseload 35–55"),
    "cti_caseload": N_("CTI caseload at most 20"),
}


def whole(value: float) -> int:
    """Half up, away from zero (Python's round() goes to even: 20.5 would be 20)."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def signed(value: int) -> str:
    return f"+{value}" if value > 0 else f"{MINUS}{-value}" if value < 0 else "0"


def percent_text(value: float) -> str:
    # xgettext:no-python-format
    return _("{n}%").format(n=whole(value))


def result_text(row: Row) -> str:
    """ "20%", "49 → 57", or a dash when nobody could be counted."""
    if row.paired:
        return f"{whole(row.before)} → {whole(row.after)}" if row.n else DASH
    return percent_text(row.percent) if row.percent is not None else DASH


def n_text(row: Row) -> str:
    """n and what it counts: citizens unless said otherwise."""
    if row.unit == FOLLOW_UPS:
        return ngettext("{n} follow-up", "{n} follow-ups", row.n).format(n=row.n)
    if row.unit == CASEWORKERS:
        return ngettext("{n} caseworker", "{n} caseworkers", row.n).format(n=row.n)
    return str(row.n)


def count_text(row: Row) -> str:
    if row.paired:
        return ngettext("{n} citizen measured at start and later", "{n} citizens measured at start and later",
                        row.n).format(n=row.n)
    return _("{count} of {n}").format(count=row.count, n=n_text(row))


def missing_text(row: Row) -> str:
    """Who was not counted, and why."""
    n = row.missing
    if row.key in ("job_day_365", "job_within_365", "company_activity"):
        return ngettext("{n} citizen has not had 365 days since the start yet",
                        "{n} citizens have not had 365 days since the start yet", n).format(n=n)
    if row.paired:
        return ngettext("{n} citizen was not measured both at start and later within 12 months",
                        "{n} citizens were not measured both at start and later within 12 months", n).format(n=n)
    if row.key.startswith("retention_"):
        months = int(row.key.removeprefix("retention_"))
        return ngettext("{n} citizen's job started less than {months} months ago",
                        "{n} citizens' jobs started less than {months} months ago", n).format(n=n, months=months)
    return _("Nothing missing.")


def difference_text(difference: Difference | None, row: Row, *, short: bool = False) -> str:
    """ "+9 percentage points, 82% more" ("+9 pp, 82% more" ``short``, for a narrow
    column); for paired means the difference of the changes, in points."""
    if difference is None or difference.points is None:
        return DASH
    points = signed(whole(difference.points))
    size = abs(whole(difference.points))
    if row.paired:
        return ngettext("{points} point", "{points} points", size).format(points=points)
    text = _("{points} pp").format(points=points) if short else ngettext(
        "{points} percentage point", "{points} percentage points", size).format(points=points)
    if difference.relative is None or whole(difference.relative) == 0:
        return text
    relative = whole(difference.relative)
    if relative > 0:
        # xgettext:no-python-format
        return text + ", " + _("{n}% more").format(n=relative)
    # xgettext:no-python-format
    return text + ", " + _("{n}% fewer").format(n=-relative)


def period_text(cohort: Cohort) -> str:
    return f"{cohort.start:%d-%m-%Y} – {cohort.end:%d-%m-%Y}"


def cohort_text(cohort: Cohort) -> str:
    """The period and every filter: "01-01-2025 – 31-12-2025 · With a CTI course · Aktivitetsparat …"."""
    parts = [period_text(cohort)]
    if COURSES[cohort.course]:
        parts.append(_(COURSES[cohort.course]))
    if cohort.target_group is not None:
        parts.append(label(cohort.target_group))
    if cohort.caseworker:
        parts.append(_("caseworker {name}").format(name=cohort.caseworker))
    return " · ".join(parts)


def size_text(report: CohortReport) -> str:
    return ngettext("{n} citizen ({cti} with CTI)", "{n} citizens ({cti} with CTI)", report.size).format(
        n=report.size, cti=report.with_cti)


def short_label(row: Row) -> str:
    return _(SHORT_LABELS[row.key])


def note_text() -> str:
    return _(NOT_AN_EFFECT_STUDY) + " " + _("Definitions: {file}.").format(file=DEFINITIONS)


def table(report: OutcomeReport) -> tuple[list[str], list[list[str]]]:
    """Columns and rows for a terminal table. A comparison shows each cohort's
    result over its n and missing count, then the difference."""
    if report.second is None:
        return [_("Measure"), _("Result"), "n", _("Missing")], [
            [_(r.label), result_text(r), n_text(r), str(r.missing)] for r in report.first.rows]
    rows = []
    for first in report.first.rows:
        second = report.second.row(first.key)
        rows.append([_(first.label), result_cell(first), result_cell(second),
                     difference_text(report.difference(first.key), first)])
    return [_("Measure"), "A", "B", _("Difference A − B")], rows


def result_cell(row: Row) -> str:
    return result_text(row) + "\n" + _("n {n}, {missing} missing").format(n=n_text(row), missing=row.missing)


# -- the spreadsheet ---------------------------------------------------------------------------
def report_sheet(report: OutcomeReport) -> Sheet:
    """One line per row; a comparison adds the second cohort's columns and the differences."""
    part = [Column(_("Period"), 24), Column("n", 8), Column(_("Count"), 8), Column(_("Missing"), 8),
            Column(_("Percent"), 9, 1), Column(_("Mean at start"), 9, 1), Column(_("Mean latest"), 9, 1)]
    columns = [Column(_("Measure"), 50), *part]
    if report.second is not None:
        columns = [Column(_("Measure"), 50), *(_lettered(c, "A") for c in part), *(_lettered(c, "B") for c in part),
                   Column(_("Difference (points)"), 12, 1), Column(_("Relative difference (%)"), 12, 1)]
    rows = []
    for first in report.first.rows:
        line = [_(first.label), *_cells(report.first, first)]
        if report.second is not None:
            difference = report.difference(first.key)
            line += [*_cells(report.second, report.second.row(first.key)),
                     _rounded(difference.points if difference else None),
                     _rounded(difference.relative if difference else None)]
        rows.append(tuple(line))
    rows.append((note_text(), *([None] * (len(columns) - 1))))
    return Sheet(_("Outcome report"), tuple(columns), tuple(rows))


def _lettered(column: Column, letter: str) -> Column:
    return Column(f"{column.title} ({letter})", column.width, column.decimals)


def _cells(report: CohortReport, row: Row) -> list:
    return [period_text(report.cohort), row.n, row.count, row.missing, _rounded(row.percent), _rounded(row.before),
            _rounded(row.after)]


def _rounded(value: float | None, decimals: int = 2) -> float | None:
    return None if value is None else round(value, decimals)


# -- JSON ------------------------------------------------------------------------------------------
def report_json(report: OutcomeReport) -> dict:
    data = {"note": NOT_AN_EFFECT_STUDY, "definitions": DEFINITIONS, "today": report.today.isoformat(),
            "cohorts": [_cohort_json(c) for c in (report.first, report.second) if c is not None]}
    if report.second is not None:
        data["differences"] = [{"key": d.key, "points": _rounded(d.points), "relative_percent": _rounded(d.relative)}
                               for d in report.differences]
    return data


def _cohort_json(report: CohortReport) -> dict:
    cohort = report.cohort
    return {
        "from": cohort.start.isoformat(), "to": cohort.end.isoformat(), "caseworker": cohort.caseworker or None,
        "target_group": cohort.target_group.value if cohort.target_group else None, "course": cohort.course.value,
        "citizens": report.size, "with_cti": report.with_cti,
        "rows": [{"key": r.key, "label": r.label, "unit": r.unit, "n": r.n, "count": r.count, "missing": r.missing,
                  "percent": _rounded(r.percent), "mean_at_start": _rounded(r.before),
                  "mean_latest": _rounded(r.after)} for r in report.rows],
        "caseloads_today": [{"caseworker": c.caseworker, "citizens": c.citizens, "cti_citizens": c.cti_citizens,
                             "within_guideline": c.within} for c in report.caseloads],
    }
