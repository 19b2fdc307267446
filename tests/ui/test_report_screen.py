"""The outcome report in the app: `O` from the caseload, the period and a
comparison chosen with `p` (a period that ends before it starts is said at
its field and nothing is read), the selected row's n and missing records in
the pane, and the plain statement that it is not an effect study."""

from __future__ import annotations

import datetime as dt

from enplan.config import Settings
from enplan.domain.outcomes import Cohort, Course
from enplan.ui.modals.report_filters import ReportFiltersForm
from enplan.ui.screens.report import ReportScreen
from tests.ui.conftest import press, settle, shown_text

D = dt.date


async def _type(pilot, field: str, text: str) -> None:  # noqa: ANN001
    form = pilot.app.screen
    form.field(field).value = text
    await settle(pilot)


async def test_the_report_opens_from_the_caseload_and_compares_two_periods(demo_url, make_app):
    app = make_app(demo_url, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "O")
        assert isinstance(app.screen, ReportScreen)
        text = shown_text(app)
        assert "01-01-2025 – 31-12-2025" in text and "own data, not an effect study" in text
        await press(pilot, "p")
        assert isinstance(app.screen, ReportFiltersForm)
        await _type(pilot, "from", "01-07-2025")
        await _type(pilot, "to", "30-06-2025")
        await press(pilot, "ctrl+s")
        form = app.screen
        assert isinstance(form, ReportFiltersForm)  # refused at the field, nothing read
        assert "ends (30-06-2025) before it starts (01-07-2025)" in form.field("to").error
        await _type(pilot, "to", "30-06-2026")
        await _type(pilot, "course", Course.CTI.value)
        await _type(pilot, "compare_course", Course.PLAN.value)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ReportScreen)
        text = shown_text(app)
        assert "A: 01-07-2025 – 30-06-2026" in text and "Difference A − B" in text
        await press(pilot, "j", "j", "j")  # trivsel
        assert "Trivsel (1–100), mean at start → latest within 12 months" in shown_text(app)
        await press(pilot, "escape")
        assert not isinstance(app.screen, ReportScreen)


async def test_the_report_speaks_danish(demo_url, make_app):
    app = make_app(demo_url, demo=True, settings=Settings(language="da"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ReportScreen(Cohort(D(2025, 7, 1), D(2026, 6, 30))))
        await settle(pilot)
        text = shown_text(app)
        assert "egne data, ikke en effektmåling" in text


def test_snapshot_cti_against_no_cti(snap_compare, demo_url, make_app):
    """80×24: every row in view, the comparison's differences, the selected row below."""
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        period = (D(2025, 7, 1), D(2026, 6, 30))
        pilot.app.push_screen(ReportScreen(Cohort(*period, course=Course.CTI), Cohort(*period, course=Course.PLAN)))
        await settle(pilot)
        await press(pilot, "j", "j", "j")

    assert snap_compare(make_app(demo_url, demo=True), terminal_size=(80, 24), run_before=run_before)
