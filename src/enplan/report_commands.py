"""`enplan report`: the outcome report of a cohort (domain/outcomes.py), beside
a second cohort when asked, as a table, JSON (--json), CSV for a Danish Excel
(--csv: semicolons, UTF-8 with a byte-order mark, decimal commas) or a file
(-o FILE.xlsx or .csv). Dates are typed as in the app (parse_date). A period
that ends before it starts is refused before the database is opened."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from .failures import Refusal
from .output import print_json, print_table, say

COURSES = {"all": "any", "cti": "cti", "no-cti": "plan"}  # the option's words -> domain.outcomes.Course


def add_report_parser(sub, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's subparsers
    from .domain.enums import TargetGroup

    rep = sub.add_parser("report", parents=[common], help="the outcome report of a cohort: citizens whose course "
                                                         "started in a period (own data, not an effect study)")
    rep.add_argument("--from", dest="start", required=True, metavar="DATE", help="first day of the period")
    rep.add_argument("--to", dest="end", required=True, metavar="DATE", help="last day of the period")
    rep.add_argument("--target-group", choices=[g.value for g in TargetGroup], help="only this target group")
    rep.add_argument("--course", choices=list(COURSES), default="all",
                     help="all citizens, those with a CTI course, or those without (default: all)")
    rep.add_argument("--compare-from", metavar="DATE", help="a second cohort to compare with: first day")
    rep.add_argument("--compare-to", metavar="DATE", help="the second cohort's last day")
    rep.add_argument("--compare-course", choices=list(COURSES),
                     help="the second cohort's course (alone: the same period, e.g. cti against no-cti)")
    shape = rep.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print JSON")
    shape.add_argument("--csv", action="store_true", help="print CSV for Excel (semicolons, decimal comma)")
    shape.add_argument("-o", "--output", type=Path, help="write FILE.xlsx or FILE.csv")
    rep.add_argument("--force", action="store_true", help="replace an existing file")


def cmd_report(args: argparse.Namespace) -> int:
    from .commands import _context, _services

    settings, url, today, actor = _context(args)
    first, second = _cohorts(args, today)
    if args.output is not None:
        from .files import check_target

        check_target(args.output, force=args.force)
    services = _services(url, today, actor, read_only=True, settings=settings)
    report = services.outcome_report(first, second)
    from .documents import outcomes as words

    if args.json:
        print_json(words.report_json(report))
    elif args.csv or args.output is not None:
        _write(words.report_sheet(report), args)
    else:
        _print(report, words)
    return 0


def _cohorts(args: argparse.Namespace, today: dt.date):  # noqa: ANN202 - (Cohort, Cohort | None)
    """The cohorts asked for; a refusal names the option that is wrong."""
    from .domain.enums import TargetGroup
    from .domain.outcomes import Cohort, Course

    start, end = _day(args.start, "--from", today), _day(args.end, "--to", today)
    _check(start, end, "--to")
    caseworker = getattr(args, "caseworker", None) or ""  # only when given: a report is of everyone by default
    group = TargetGroup(args.target_group) if args.target_group else None
    first = Cohort(start, end, caseworker, group, Course(COURSES[args.course]))
    if args.compare_from is None and args.compare_to is None and args.compare_course is None:
        return first, None
    if (args.compare_from is None) != (args.compare_to is None):
        raise Refusal("Give both --compare-from and --compare-to, or neither (the same period).")
    other = (_day(args.compare_from, "--compare-from", today), _day(args.compare_to, "--compare-to", today)) \
        if args.compare_from else (start, end)
    _check(*other, "--compare-to")
    return first, Cohort(*other, caseworker, group, Course(COURSES[args.compare_course or args.course]))


def _day(text: str, option: str, today: dt.date) -> dt.date:
    from .domain.dates import parse_date
    from .domain.errors import ValidationError

    try:
        return parse_date(text, today)
    except ValidationError as exc:
        raise Refusal(f"{option}: {exc.message}") from None


def _check(start: dt.date, end: dt.date, option: str) -> None:
    from .domain.errors import ValidationError
    from .domain.outcomes import check_period

    try:
        check_period(start, end)
    except ValidationError as exc:
        raise Refusal(f"{option}: {exc.message}") from None


def _write(sheet, args: argparse.Namespace) -> None:  # noqa: ANN001 - a documents.spreadsheet.Sheet
    from .documents.spreadsheet import format_for, render
    from .sheet_commands import _to_stdout

    if args.output is None:
        _to_stdout(render(sheet, "csv"))
        return
    fmt = format_for(args.output.suffix)
    if fmt is None:
        raise Refusal("Name the file .xlsx (Excel) or .csv.")
    from .files import write_private

    say(f"Wrote {write_private(args.output, render(sheet, fmt), force=args.force)}.")


def _print(report, words) -> None:  # noqa: ANN001 - an OutcomeReport and documents.outcomes
    from .i18n import _

    title = _("Outcome report")
    cohorts = [report.first] if report.second is None else [report.first, report.second]
    for letter, cohort in zip("AB", cohorts):
        prefix = f"{letter}: " if report.second is not None else ""
        say(f"{prefix}{words.cohort_text(cohort.cohort)} · {words.size_text(cohort)}")
    columns, rows = words.table(report)
    print_table(title, columns, rows)
    say(words.note_text())
    caseloads = report.first.caseloads
    if caseloads:
        print_table(_("Caseload per caseworker today (guideline 35–55; CTI at most 20)"),
                    (_("Caseworker"), _("Citizens"), _("CTI citizens")),
                    ((c.caseworker, c.citizens, c.cti_citizens) for c in caseloads))
