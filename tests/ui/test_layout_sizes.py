"""First impressions (issue 14): every screen, tab, dialog and form at 80×24
and 120×36, in English and in Danish, without a wrapped or cut label.

What counts as a label: a ``Label`` (every field's label), a ``Button``, a
tab, a footer key, a summary line, the top bar, and every title or section
heading (a ``Static`` whose id or class names a title, a section, the
stepper or a dialog's keys, or that CSS holds to one line). Prose that is
meant to wrap (hints, notes, messages, help text, a WHO-5 question in the
instrument's own words) is not a label.

How a label is checked, on what the terminal would show (the compositor's
strips, as Textual sends them):

* its text has as many lines as it is meant to (a one-line text is drawn on
  one line, not wrapped) and each line fits the widget's content width;
* on screen, each of its lines stands whole in the widget's row, so a cut
  (the region clipped by its container, a footer key or tab pushed past the
  right edge) or an ellipsis put in by truncation is caught. A label
  scrolled out of a form's view is checked by width only.

DataTable column headers: each label fits its column, and the header row on
screen shows it whole (a column past the table's right edge is cut).

The walk uses the seeded caseload (tests/ui/seed.py), where the laptop sync
lists are empty; ``test_the_sync_lists_with_what_they_list`` (PostgreSQL) looks
at them on a laptop with two conflicts and a refused change.

``test_the_check_finds_a_cut_label`` proves the check fails on a wrapped
label, on one shortened with an ellipsis, on a label a container cuts, on a
column header too long for its column or past the table's edge, and on a
footer key pushed off the screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterator

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.geometry import Region
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.widget import Widget
from textual.widgets import Button, DataTable, Footer, Label, Static, Tab
from textual.widgets._footer import FooterKey  # the footer's own key widget (no public name)

from enplan import i18n
from enplan.config import Settings
from enplan.domain.outcomes import Cohort, Course
from enplan.ui.forms import FormModal
from enplan.ui.screens.report import ReportScreen
from enplan.ui.widgets.summary_line import SummaryLine
from enplan.ui.widgets.top_bar import TopBar
from tests.sync.conftest import laptop, team  # noqa: F401 - the fixtures of the sync lists' test
from tests.ui.conftest import settle
from tests.ui.test_sync_snapshots import laptop_url  # noqa: F401 - a laptop with conflicts and a refused change
from tests.ui.test_terminal_safety import _builders, _forms

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]
SCREENS = {"CaseloadScreen", "WorklistScreen", "HelpScreen", "RulesScreen", "ReportScreen", "TeamScreen",
           "HandoverForm", "ConflictsScreen", "CitizenScreen", "AuditLogScreen", "CtiMenu",
           "PlanEditor", "WorkEditor", "EmployerList", "ConfirmModal", "LeaveFormModal", "DraftOfferModal",
           "ConflictModal", "ErrorModal"}
LANGUAGES = [pytest.param("en", id="en"), pytest.param("da", id="da")]
LABEL_NAMES = ("title", "section", "stepper", "dialog-keys", "field-label", "goal-header")


@pytest.fixture(autouse=True)
def _english_after():
    """The language is process-wide: leave English for the tests that follow."""
    yield
    i18n.set_language("en")


# -- the check ------------------------------------------------------------------------------------
def _plain(widget: Widget) -> str | None:
    """The text a label widget draws, or None when it draws something else (a table, a chart)."""
    if isinstance(widget, Button):
        label = widget.label
    elif isinstance(widget, Static):
        label = widget.visual
    else:
        label = widget.render()
    if isinstance(label, str):
        return label
    plain = getattr(label, "plain", None)
    return plain if isinstance(plain, str) else None


def _is_label(widget: Widget) -> bool:
    if any(node.has_class("-question") for node in widget.ancestors_with_self):
        return False  # a questionnaire's item (WHO-5) in the instrument's own words: a sentence, may wrap
    if isinstance(widget, (Label, Button, Tab, FooterKey, SummaryLine, TopBar)):
        return True
    if not isinstance(widget, Static):
        return False
    names = [widget.id or "", *widget.classes]
    if any(key in name for name in names for key in LABEL_NAMES):
        return True
    height = widget.styles.height
    return height is not None and height.is_cells and height.value == 1


def _rows(screen: Screen) -> list[str]:
    """The screen as the terminal shows it, one string per row, one character per cell."""
    rows = []
    for strip in screen._compositor.render_strips():  # noqa: SLF001 - what Textual's own tests read
        cells: list[str] = []
        for segment in strip:
            if segment.control:
                continue
            for char in segment.text:
                cells.append(char)
                cells.extend([""] * (cell_len(char) - 1))  # a wide character takes two cells
        rows.append("".join(c or "\0" for c in cells))  # "\0": the second cell of a wide character
    return rows


def _shown(rows: list[str], y: int, x0: int, x1: int) -> str:
    """The text in cells x0 to x1 of row y."""
    return rows[y][x0:x1].replace("\0", "") if 0 <= y < len(rows) else ""


def label_problems(screen: Screen, where: str) -> list[str]:  # noqa: C901 - one pass, each kind in turn
    """Every label of ``screen`` that is wrapped, cut or truncated, in words."""
    laid_out = screen._compositor.full_map  # noqa: SLF001 - every widget laid out, in view or not
    rows = _rows(screen)
    problems = []
    for widget in screen.walk_children(with_self=False):
        if widget not in laid_out or isinstance(widget, ScrollBar) or not widget.display:
            continue
        region, clip = laid_out[widget].region, laid_out[widget].clip
        in_view = region.y < clip.bottom and clip.y < region.bottom
        if not in_view:  # scrolled out of view: its width, and its columns within the container's
            clip = Region(clip.x, region.y, clip.width, region.height) if clip.width else region
        if isinstance(widget, DataTable):
            problems += _table_problems(widget, region, clip, rows, where)
            continue
        if not _is_label(widget):
            continue
        plain = _plain(widget)
        if not plain or not plain.strip():
            continue
        content = widget.content_region
        lines = plain.rstrip("\n").split("\n")
        name = f"{where}: {type(widget).__name__}{'#' + widget.id if widget.id else ''} {plain.strip()!r}"
        too_wide = [line for line in lines if cell_len(line.rstrip()) > content.width]
        if too_wide:
            problems.append(f"{name} is {max(cell_len(x.rstrip()) for x in too_wide)} cells in {content.width}")
            continue
        if len(lines) > content.height:
            problems.append(f"{name}: {len(lines)} lines in {content.height}")
            continue
        if region.x < clip.x or region.right > clip.right:
            problems.append(f"{name} is cut by its container ({region} in {clip})")
            continue
        for i, line in enumerate(lines):
            y = content.y + i
            if not in_view or not (clip.y <= y < clip.bottom) or not line.strip():
                continue
            if line.strip() not in _shown(rows, y, content.x, content.right):
                problems.append(f"{name} is shown as {_shown(rows, y, content.x, content.right).strip()!r}")
                break
    return problems


def _table_problems(table: DataTable, region, clip, rows: list[str], where: str) -> list[str]:  # noqa: ANN001
    if not table.show_header or not table.ordered_columns:
        return []
    problems = []
    content = table.content_region
    visible = content.intersection(clip)
    x = content.x - int(table.scroll_x)
    for column in table.ordered_columns:
        label = column.label.plain.strip()
        width = column.get_render_width(table)
        inner = width - 2 * table.cell_padding
        name = f"{where}: {type(table).__name__}{'#' + table.id if table.id else ''} column {label!r}"
        if cell_len(label) > inner:
            problems.append(f"{name} is {cell_len(label)} cells in {inner}")
        elif label and (x < visible.x or x + width > visible.right):
            problems.append(f"{name} is cut (columns {x}–{x + width} of {visible.x}–{visible.right})")
        elif label and label not in _shown(rows, content.y, x, x + width):
            problems.append(f"{name} is shown as {_shown(rows, content.y, x, x + width).strip()!r}")
        x += width
    return problems


# -- the proof that it can fail ------------------------------------------------------------------------
class _Cut(App):
    CSS = """
    #narrow { width: 12; }
    #ellipsis { width: 10; text-wrap: nowrap; text-overflow: ellipsis; }
    #box { width: 10; height: 1; overflow: hidden; }
    #box Label { width: 20; }
    DataTable { width: 40; height: 4; }
    """

    def compose(self) -> ComposeResult:
        yield Label("A label that is far too long for its twelve cells", id="narrow")
        yield Label("fits", id="fits")
        yield Label("shortened with an ellipsis", id="ellipsis")
        with Horizontal(id="box"):
            yield Label("cut by the box")
        yield DataTable()
        yield Footer()

    BINDINGS = [(k, f"ring_{k}", f"Key number {k} with a long description") for k in "abcdefghij"]

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("A header much longer than its column", width=8)
        table.add_column("Second", width=20)
        table.add_column("Past the right edge", width=20)
        table.add_row("x", "y", "z")


async def test_the_check_finds_a_cut_label():
    app = _Cut()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        found = "\n".join(label_problems(app.screen, "cut"))
    assert "'A label that is far too long for its twelve cells' is 49 cells in 12" in found
    assert "'cut by the box' is cut by its container" in found
    assert "'shortened with an ellipsis' is 26 cells in 10" in found
    assert "'fits'" not in found
    assert "column 'A header much longer than its column' is 36 cells in 8" in found
    assert "column 'Past the right edge' is cut" in found
    assert "column 'Second'" not in found
    assert "FooterKey 'j Key number j with a long description'" in found  # past the right edge


# -- every screen, dialog and form -----------------------------------------------------------------------
def _dialogs() -> Iterator[Screen]:
    from enplan.ui.modals.confirm import ConfirmModal, ConflictModal, DraftOfferModal, LeaveFormModal
    from enplan.ui.modals.error import ErrorModal

    yield ConfirmModal(i18n._("Please confirm"), "?", warning=True)
    yield ConfirmModal(i18n._("Discard it for good?"), "?", warning=True)
    yield LeaveFormModal()
    yield DraftOfferModal("22-11-2026 10:07")
    yield ConflictModal("Someone else saved it.")
    yield ErrorModal(i18n._("enplan cannot open the database"), "The file is read-only.")


async def _drawn(pilot) -> None:  # noqa: ANN001
    """What the last key or push started is done and drawn (conftest's settle, without its spare pauses)."""
    from textual.worker import WorkerCancelled

    for _ in range(3):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            return


async def _keys(pilot, *keys: str) -> None:  # noqa: ANN001
    for key in keys:
        await pilot.press(key)
        await _drawn(pilot)


async def _visit(pilot, ids, services) -> AsyncIterator[str]:  # noqa: ANN001, C901, PLR0915 - one walk through the app
    """Open every screen, tab, dialog and form in turn; yield where we are each time it is drawn."""
    app = pilot.app
    await settle(pilot)
    yield "caseload"
    await _keys(pilot, "slash")
    yield "caseload filter"
    await _keys(pilot, "escape", "question_mark")
    yield "caseload help"
    await _keys(pilot, "escape", "w")
    yield "worklist"
    await _keys(pilot, "question_mark")
    yield "worklist help"
    await _keys(pilot, "escape", "R")
    yield "rules"
    await _keys(pilot, "escape", "O")
    yield "report"
    await _keys(pilot, "question_mark")
    yield "report help"
    await _keys(pilot, "escape", "escape", "T")
    yield "team"
    await _keys(pilot, "question_mark")
    yield "team help"
    await _keys(pilot, "escape", "h")
    if type(app.screen).__name__ != "TeamScreen":
        yield "hand over from the team"
        await _keys(pilot, "escape")
    await _keys(pilot, "escape")
    period = (dt.date(2025, 11, 22), dt.date(2026, 11, 22))  # the seeded caseload's year: A with CTI, B without
    await app.push_screen(ReportScreen(Cohort(*period, course=Course.CTI), Cohort(*period, course=Course.PLAN)))
    await _drawn(pilot)
    yield "report A against B"
    await _keys(pilot, "escape", "K")
    yield "conflicts"  # none: the lists with rows, and the refused changes (a laptop's), in the PostgreSQL test
    await _keys(pilot, "escape")
    for who, tabs in (("ase", "123456"), ("bjorn", "46")):  # Bjørn: a placement, and measures
        app.open_citizen(getattr(ids, who))
        await settle(pilot)
        for tab in tabs:
            await _keys(pilot, tab)
            yield f"{who} tab {tab}"
        await _keys(pilot, "1")
    await _keys(pilot, "question_mark")
    yield "citizen help"
    await _keys(pilot, "escape")
    for key, what in (("a", "audit log"), ("C", "CTI menu"), ("p", "plan editor"), ("E", "work editor")):
        await _keys(pilot, key)
        yield what
        if key == "E":
            await _keys(pilot, "b")
            yield "employers"
            await _keys(pilot, "escape")
        await _keys(pilot, "escape")
    await _keys(pilot, "R")
    yield "CPR revealed"
    for dialog in _dialogs():
        await app.push_screen(dialog)
        await _drawn(pilot)
        yield type(dialog).__name__
        app.pop_screen()
    details = {who: services.citizen_detail(who) for who in (ids.ase, ids.bjorn, ids.carl)}
    for name, build in sorted(_builders().items()):
        who = {"StartCtiForm": ids.carl, "PlacementForm": ids.bjorn, "EndPlacementForm": ids.bjorn}.get(name, ids.ase)
        await app.push_screen(build(details[who]))
        await _drawn(pilot)
        form = app.screen
        assert isinstance(form, FormModal), name
        pages = len(form.page_ids()) if hasattr(form, "page_ids") else 1
        for page in range(pages):
            if pages > 1:
                form.show_page(page)
                await _drawn(pilot)
            yield f"{name} page {page + 1}" if pages > 1 else name
        app.pop_screen()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
async def test_no_label_is_wrapped_or_cut(seeded, make_app, services_for, size, language):
    url, ids = seeded
    app = make_app(url, settings=Settings(language=language))
    problems: list[str] = []
    seen: set[str] = set()
    screens: set[str] = set()
    async with app.run_test(size=size) as pilot:
        async for where in _visit(pilot, ids, services_for(url)):
            seen.add(where)
            screens.add(type(app.screen).__name__)
            problems += label_problems(app.screen, where)
    assert set(_builders()) == _forms() <= screens  # every form was visited
    assert SCREENS <= screens, SCREENS - screens  # the keys opened what they should
    assert len(seen) > 50
    assert problems == [], "\n".join(problems)


@pytest.mark.postgres
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_sync_lists_with_what_they_list(laptop_url, make_app, monkeypatch, size, language):  # noqa: F811
    """A laptop with two conflicts and a refused change (tests/ui/test_sync_snapshots.py): its top bar,
    both lists with a row selected, and a typed value for a conflict."""
    from enplan.ui.app import EnplanApp

    monkeypatch.setattr(EnplanApp, "SYNC_AFTER_START", 3600.0)  # no sync of its own while we look
    app = make_app(laptop_url, settings=Settings(language=language))
    problems: list[str] = []
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        problems += label_problems(app.screen, "caseload on a laptop")
        for keys, where in ((("K",), "conflicts"), (("j",), "second conflict"), (("t",), "conflict value"),
                            (("escape", "escape", "Q"), "refused changes")):
            await _keys(pilot, *keys)
            problems += label_problems(app.screen, where)
        assert type(app.screen).__name__ == "RefusedScreen"
    assert problems == [], "\n".join(problems)
