"""Running a guided tour over the real app (the tours are data: domain/tours.py).

The guide follows what the trainee does and never does it for them: the app
tells it which actions ran (``EnplanApp.run_action``), which screen is on top,
and what happened (a form saved, a follow-up stored as done or undone). It
shows the step in a panel on whichever screen is on top, marks the step's
widget, and keeps its place when the trainee leaves, so F3 resumes it.

Where the demo database is, a small file beside it remembers that the tour was
offered and where a tour was left.
"""

from __future__ import annotations

import json
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Input, TextArea

from ..domain.tours import Step, Tour, TourBook, load_tour_book
from ..i18n import _, language
from .actions import BY_ID, known_ids
from .tour_screens import screen_name

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

HIGHLIGHT = "-tour-target"
TICK = 0.3  # seconds between looks at the screen while a tour runs (a field typed in, a screen drawn)


def _action_name(action: str) -> str:
    return action.removeprefix("app.")


def find_target(screen: Screen, target: str) -> Widget | None:
    """The step's widget on ``screen``: "#id", ".class", "Type" or "field:name" (a form field)."""
    from .widgets.fields import FormField

    if target.startswith("field:"):
        pattern = target.removeprefix("field:")
        fields = [f for f in screen.query(FormField) if f.name and fnmatch(f.name, pattern)]
        shown = [f for f in fields if f.region.height]  # the one on the page shown, if any
        return (shown or fields or [None])[0]
    return screen.query(target).first() if screen.query(target) else None


def has_text(widget: Widget) -> bool:
    """A typed step is done once its field holds some text."""
    inputs = [widget] if isinstance(widget, (Input, TextArea)) else list(widget.query("Input, TextArea"))
    return any((w.value if isinstance(w, Input) else w.text).strip() for w in inputs)


class TourState:
    """What is remembered between starts: offered once, and where a tour was left."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.data: dict = {}
        if path is not None:
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                self.data = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self.data = {}  # missing or damaged: as if new (it holds nothing that matters)

    def save(self, **values: object) -> None:
        self.data.update(values)
        if self.path is not None:
            try:
                self.path.write_text(json.dumps(self.data), encoding="utf-8")
            except OSError:
                pass  # a read-only folder: the tour still runs, it is just not remembered

    @property
    def offered(self) -> bool:
        return bool(self.data.get("offered"))

    @property
    def left(self) -> tuple[str, int] | None:
        left = self.data.get("left")
        if isinstance(left, list) and len(left) == 2 and isinstance(left[0], str) and isinstance(left[1], int):
            return left[0], left[1]
        return None


class TourGuide:
    def __init__(self, app: App, local_file: str = "", state_file: Path | None = None) -> None:
        self.app = app
        self.book: TourBook = load_tour_book(Path(local_file).expanduser() if local_file else None,
                                             frozenset(known_ids()))
        self.state = TourState(state_file)
        self.tour: Tour | None = None
        self.index = 0
        self.pending = False        # the step's key was pressed; waiting for its screen or outcome
        self.last_done: str = ""    # what the step before did, shown above the next one
        self.problem: str = ""      # the step's widget is missing: one sentence in the panel
        self.finished = False
        self._marked: Widget | None = None
        self._panels: list[Widget] = []  # one per screen it was shown on (a screen may be reused)
        self._timer = None

    # -- state ----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.tour is not None

    @property
    def step(self) -> Step | None:
        if self.tour is None or self.finished:
            return None
        return self.tour.steps[self.index]

    def resumable(self) -> tuple[Tour, int] | None:
        left = self.state.left
        tour = self.book.get(left[0]) if left else None
        return (tour, left[1]) if tour and left and 0 <= left[1] < len(tour.steps) else None

    def text(self, texts) -> str:  # noqa: ANN001 - Texts
        return texts.get(language())

    # -- starting and leaving ----------------------------------------------------------------
    def start(self, tour_id: str, index: int = 0) -> None:
        tour = self.book.get(tour_id)
        if tour is None:
            return
        self.tour, self.index, self.pending, self.finished = tour, index, False, False
        self.last_done = ""
        self.state.save(left=None)
        if self._timer is None:
            self._timer = self.app.set_interval(TICK, self.look)
        self.look()

    def resume(self) -> None:
        found = self.resumable()
        if found:
            self.start(found[0].id, found[1])

    def leave(self) -> None:
        """Stop showing the tour; F3 (or the palette) resumes it at the same step."""
        if self.tour is not None and not self.finished:
            self.state.save(left=[self.tour.id, self.index])
            from .widgets.tour_panel import first_key

            self.app.notify(_("Tour left at step {n} of {total}; {key} resumes it.").format(
                n=self.index + 1, total=len(self.tour.steps), key=first_key(self.app, "tour")),
                title=_("Guided tour"), markup=False)
        self._stop()

    def _stop(self) -> None:
        self.tour, self.finished, self.pending = None, False, False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._mark(None)
        self._remove_panels()

    # -- what the app reports -------------------------------------------------------------------
    def action_ran(self, action: str, screen: Screen) -> None:
        step = self.step
        if step is None or step.action is None or screen_name(screen) != step.screen:
            return
        if _action_name(BY_ID[step.action].action) == _action_name(action):
            self.pending = True
            self.app.call_after_refresh(self.look)

    def event(self, name: str, screen: Screen) -> None:
        step = self.step
        if step is not None and step.until == name and (name != "saved" or screen_name(screen) == step.screen):
            self._complete()

    def look(self) -> None:
        """Check the step against the screen now on top, then redraw the panel."""
        step = self.step
        if step is not None:
            screen = self.app.screen
            if step.until == "typed" and screen_name(screen) == step.screen:
                target = find_target(screen, step.target)
                if target is not None and has_text(target):
                    self._complete()
                    return
            elif self.pending and step.until is None:
                following = self.tour.steps[self.index + 1].screen if self.index + 1 < len(self.tour.steps) else None
                if following is None or screen_name(screen) == following:
                    self._complete()
                    return
        self._show()

    def _complete(self) -> None:
        assert self.tour is not None
        self.last_done = self.text(self.tour.steps[self.index].done)
        self.pending = False
        if self.index + 1 >= len(self.tour.steps):
            self.finished = True
            self.state.save(left=None, finished=sorted({*self.state.data.get("finished", []), self.tour.id}))
            self._mark(None)
            self._show()
            self.app.set_timer(12, self._end_if_finished)
            return
        self.index += 1
        self._show()

    def _end_if_finished(self) -> None:
        if self.finished:
            self._stop()

    # -- drawing --------------------------------------------------------------------------------
    def _show(self) -> None:
        from .widgets.tour_panel import TourPanel

        if self.tour is None:
            return
        screen = self.app.screen
        self.problem = ""
        step = self.step
        if step is not None and screen_name(screen) == step.screen:
            target = find_target(screen, step.target)
            if target is None:
                self.problem = _("This step's widget ({target}) is not on this screen; do the step without "
                                 "the mark.").format(target=step.target)
            self._mark(target)
        else:
            self._mark(None)
        panels = screen.query(TourPanel)
        panel = panels.first() if panels else None
        if panel is None:
            panel = TourPanel()
            self._panels.append(panel)
            screen.mount(panel)
            screen.add_class("-touring")
        panel.show(self)

    def _mark(self, widget: Widget | None) -> None:
        if self._marked is widget:
            return
        if self._marked is not None:
            self._marked.remove_class(HIGHLIGHT)
        self._marked = widget
        if widget is not None:
            widget.add_class(HIGHLIGHT)

    def _remove_panels(self) -> None:
        for panel in self._panels:
            if panel.is_attached:
                panel.screen.remove_class("-touring")
                panel.remove()
        self._panels.clear()
