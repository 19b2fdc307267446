"""The outcome report (`O` on the caseload or the worklist): a cohort's rows
(ordinary work after a year, company-based activity, trivsel and WHO-5,
retention, follow-ups on time, caseloads against the guidelines), beside a
second cohort when one is chosen (`p`: period and filters), with the
selected row's n, missing records and difference in a pane below. It opens
on the last calendar year, the year a committee usually asks about. Read in
a thread worker like every list; the words are documents/outcomes.py's,
the same as `enplan report`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from ...documents import outcomes as words
from ...domain.outcomes import CASELOAD_GUIDELINE, CTI_CASELOAD_MAX, Cohort, OutcomeReport
from ...i18n import _, ngettext
from ..actions import APP, LIST, REPORT, bindings
from ..forms import Saved
from ..text import N_, literal, one_line
from ..widgets.summary_line import SummaryLine
from .sync_list import SyncListScreen

Item = tuple[OutcomeReport, str]  # the report and a row's key: a row never outlives its report


def last_year(today: dt.date) -> Cohort:
    return Cohort(dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31))


class ReportScreen(SyncListScreen):
    SCOPE = REPORT
    HELP_SCOPES = (REPORT, LIST, APP)
    BINDINGS = bindings(REPORT)
    TITLE_TEXT = N_("Outcome report")
    LOADING = N_("Making the report…")

    def __init__(self, first: Cohort | None = None, second: Cohort | None = None) -> None:
        super().__init__()
        self.first = first
        self.second = second

    def on_mount(self) -> None:
        if self.first is None:
            self.first = last_year(self.app.today)
        super().on_mount()

    def on_screen_resume(self) -> None:
        """Back from the filters or help: the report is as it was (the form's answer reloads it)."""

    def fetch(self, services: Any) -> list[Item]:  # noqa: ANN401 - worker thread
        report = services.outcome_report(self.first, self.second)
        return [(report, row.key) for row in report.first.rows]

    @staticmethod
    def key_of(item: Item) -> str:
        return item[1]

    def summary(self, items: list[Item]) -> list[tuple]:
        if not items:
            return []
        report = items[0][0]
        cohorts = [report.first] if report.second is None else [report.first, report.second]
        # The filters too (a caseworker's name as typed: one line, controls shown as symbols).
        parts = [((f"{letter}: " if report.second else "") + one_line(words.cohort_text(c.cohort)) + " · "
                  + words.size_text(c), "") for letter, c in zip("AB", cohorts)]
        return [*parts, (_("own data, not an effect study"), "warn", _("not an effect study"))]

    def empty_text(self) -> str:
        return _("No report.")

    def columns(self, width: int) -> list[tuple[str, int]]:
        # Each column takes two more for its padding, and a scroll bar one at the side.
        if not self.items or self.items[0][0].second is None:  # the shown report's shape, not the next one's
            return [(_("Measure"), max(24, width - 40)), (_("Result"), 9), ("n", 15), (_("Missing"), 7)]
        return [(_("Measure"), max(24, width - 48)), ("A", 8), ("B", 8), (_("Difference A − B"), 23)]

    def cells(self, item: Item) -> list[Text]:
        report, key = item
        row = report.first.row(key)
        if report.second is None:
            return [Text(words.short_label(row)), Text(words.result_text(row)), Text(words.n_text(row)),
                    Text(str(row.missing))]
        other = report.second.row(key)
        return [Text(words.short_label(row)), Text(words.result_text(row)), Text(words.result_text(other)),
                Text(words.difference_text(report.difference(key), row, short=True))]

    def detail(self, item: Item) -> RenderableType:
        report, key = item
        row = report.first.row(key)
        lines: list[RenderableType] = [Text(_(row.label), style="bold")]
        cohorts = [report.first] if report.second is None else [report.first, report.second]
        for letter, cohort in zip("AB", cohorts):
            own = cohort.row(key)
            head = f"{letter}: " if report.second is not None else ""
            lines.append(Text(f"{head}{words.result_text(own)} · {words.count_text(own)}"))
            if own.missing:
                lines.append(Text("   " + words.missing_text(own), style="dim"))
        if report.second is not None:
            lines.append(Text(_("Difference A − B: {text}").format(
                text=words.difference_text(report.difference(key), row))))
        if key in ("caseload", "cti_caseload"):
            lines += self._caseloads(report, key == "cti_caseload")
        lines.append(Text(words.note_text(), style="dim italic"))
        return Group(*lines)

    def _caseloads(self, report: OutcomeReport, cti: bool) -> list[Text]:
        """Each caseworker's caseload today, those outside the guideline marked in words."""
        warn = self.app.theme_style("bold $warning")
        low, high = CASELOAD_GUIDELINE
        lines = []
        for c in report.first.caseloads:
            if cti and not c.cti_citizens:
                continue
            count = c.cti_citizens if cti else c.citizens
            outside = count > CTI_CASELOAD_MAX if cti else not low <= count <= high
            text = literal(c.caseworker) + Text(": " + ngettext("{n} citizen", "{n} citizens", count).format(n=count))
            if outside:
                text.append("  " + _("outside the guideline"), style=warn)
            lines.append(text)
        return lines

    def action_filters(self) -> None:
        from ..modals.report_filters import ReportFiltersForm

        self.app.push_screen(ReportFiltersForm(self.first, self.second), self._filters_chosen)

    def _filters_chosen(self, result: Any) -> None:  # noqa: ANN401
        if isinstance(result, Saved):
            self.first, self.second = result.result
            self.query_one(SummaryLine).show_parts([(_(self.LOADING), "muted")])
            self.reload()
