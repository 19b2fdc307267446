"""The CTI course as a progress bar: planned phase dates against actual ones.

Compact (one line, in the citizen header): one segment per phase, sized by
its planned length; finished phases full, the running phase filled up to
today (amber when it runs past its planned end), later phases empty.

Detailed (the CTI tab): a "today" marker, then a planned row and an actual
row on one shared time axis, so a late start or a long phase is visible.
"""

from __future__ import annotations

import datetime as dt

from textual.content import Content
from textual.widget import Widget

from ...i18n import _

PHASE_MARK = {0: "K", 1: "1", 2: "2", 3: "3"}
LABEL_WIDTH = 9


def phase_fill(phase, today: dt.date) -> tuple[float, str]:  # noqa: ANN001 - PhaseInfo
    """(fraction filled, style) of one phase on the compact bar."""
    if phase.actual_start is None:
        return 0.0, "$text-muted"
    if phase.actual_end is not None:
        return 1.0, "$success"
    planned_days = max(1, (phase.planned_end - phase.planned_start).days + 1)
    done = (today - phase.actual_start).days + 1
    if today > phase.planned_end:
        return 1.0, "$warning"
    return max(0.0, min(1.0, done / planned_days)), "$primary"


class CtiPhaseBar(Widget):
    DEFAULT_CSS = """
    CtiPhaseBar { height: 1; width: 1fr; }
    CtiPhaseBar.-detailed { height: 3; }
    """

    def __init__(self, *, detailed: bool = False, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.detailed = detailed
        self.set_class(detailed, "-detailed")
        self._cti = None
        self._today: dt.date | None = None

    def show(self, cti, today: dt.date) -> None:  # noqa: ANN001 - CtiInfo | None
        self._cti = cti
        self._today = today
        self.refresh(layout=True)

    def render(self) -> Content:
        cti, today = self._cti, self._today
        if cti is None or today is None or not cti.phases:
            return Content("–" if not self.detailed else _("No CTI course"))
        width = max(8, self.size.width)
        if self.detailed:
            return self._detailed(cti, today, width)
        return self._compact(cti, today, width)

    # -- compact ------------------------------------------------------------
    def _compact(self, cti, today: dt.date, width: int) -> Content:  # noqa: ANN001
        phases = cti.phases
        total = sum(max(1, (p.planned_end - p.planned_start).days + 1) for p in phases)
        usable = width - len(phases) + 1
        parts: list[str | tuple[str, str]] = []
        for i, p in enumerate(phases):
            days = max(1, (p.planned_end - p.planned_start).days + 1)
            seg = max(2, round(usable * days / total))
            fraction, style = phase_fill(p, today)
            filled = round(seg * fraction)
            cells = "█" * filled + "░" * (seg - filled)
            parts.append((PHASE_MARK.get(p.phase, "?"), "bold reverse" if p.phase == cti.current_phase else "bold"))
            parts.append((cells[1:], style))
            if i < len(phases) - 1:
                parts.append(" ")
        return Content.assemble(*parts)

    # -- detailed -----------------------------------------------------------
    def _detailed(self, cti, today: dt.date, width: int) -> Content:  # noqa: ANN001
        phases = cti.phases
        start = min([p.planned_start for p in phases] + [p.actual_start for p in phases if p.actual_start])
        end = max([p.planned_end for p in phases] + [p.actual_end for p in phases if p.actual_end] + [today])
        span = max(1, (end - start).days + 1)
        cols = max(4, width - LABEL_WIDTH)

        def col(day: dt.date) -> int:
            return min(cols - 1, max(0, (day - start).days * cols // span))

        marker = [" "] * cols
        marker[col(today)] = "▼"
        planned = self._row(cols, [(col(p.planned_start), col(p.planned_end), p.phase, "$secondary") for p in phases])
        actual_spans = []
        for p in phases:
            if p.actual_start is None:
                continue
            last = p.actual_end or today
            style = "$warning" if p.actual_end is None and today > p.planned_end else (
                "$success" if p.actual_end else "$primary")
            actual_spans.append((col(p.actual_start), col(last), p.phase, style))
        actual = self._row(cols, actual_spans)
        return Content("\n").join([
            Content.assemble(_("Today").ljust(LABEL_WIDTH)[:LABEL_WIDTH], ("".join(marker), "bold")),
            Content.assemble((_("Planned").ljust(LABEL_WIDTH)[:LABEL_WIDTH], "$text-muted"), *planned),
            Content.assemble((_("Actual").ljust(LABEL_WIDTH)[:LABEL_WIDTH], "$text-muted"), *actual),
        ])

    @staticmethod
    def _row(cols: int, spans: list[tuple[int, int, int, str]]) -> list[tuple[str, str]]:
        cells: list[tuple[str, str]] = [(" ", "")] * cols
        for first, last, phase, style in spans:
            for c in range(first, last + 1):
                cells[c] = ("█", style)
            cells[first] = (PHASE_MARK.get(phase, "?"), f"bold reverse {style}")
        return cells
