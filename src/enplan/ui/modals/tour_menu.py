"""Choosing a guided tour (F3 or the palette; offered once on the first demo
start): resume the one that was left, or start any of them from the top."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...i18n import _, ngettext
from ..actions import APP, TOUR_MENU, bindings, translate_bindings
from ..text import literal
from ..widgets.key_footer import KeyFooter
from ..widgets.tour_panel import first_key

RESUME = "\x00resume"  # the option id of "resume" (tour ids are a-z, 0-9 and _)


class TourMenu(ModalScreen):
    """Dismissed with (tour id, step index), or None."""

    BINDINGS = bindings(TOUR_MENU)
    HELP_SCOPES = (TOUR_MENU, APP)
    DEFAULT_CSS = """
    TourMenu { align: center middle; }
    TourMenu > Vertical { width: 72; max-width: 100%; height: auto; max-height: 100%; border: round $primary;
                          background: $surface; padding: 0 1; }
    TourMenu #tour-menu-title { text-style: bold; }
    TourMenu #tour-menu-intro { margin: 1 0; color: $text-muted; }
    TourMenu OptionList { height: auto; max-height: 12; }
    """

    def __init__(self, guide, *, first_start: bool = False) -> None:  # noqa: ANN001 - TourGuide
        super().__init__()
        translate_bindings(self)
        self.guide = guide
        self.first_start = first_start

    @property
    def help_title(self) -> str:
        return _("Guided tours")

    def compose(self) -> ComposeResult:
        guide = self.guide
        with Vertical():
            yield Static(Text(_("Guided tours")), id="tour-menu-title")
            intro = _("New to enplan? A tour shows the way of working on this demo data. It marks where to look, "
                      "waits for you to do each step, and can be left and resumed with {key}.") if self.first_start \
                else _("A tour waits for you to do each step; {key} leaves it and resumes it.")
            intro = intro.format(key=first_key(self.app, "tour"))
            yield Static(Text(intro), id="tour-menu-intro")
            options = []
            found = guide.resumable()
            if found:
                tour, index = found
                options.append(Option(Text(_("Resume") + ": ") + literal(guide.text(tour.title)) + Text(
                    "  " + _("step {n} of {total}").format(n=index + 1, total=len(tour.steps)), style="dim"),
                    id=RESUME))
            for tour in guide.book.tours:
                options.append(Option(literal(guide.text(tour.title)) + Text(
                    "  " + ngettext("{n} step", "{n} steps", len(tour.steps)).format(n=len(tour.steps)), style="dim"), id=tour.id))
            yield OptionList(*options, id="tour-menu-list")
            if guide.book.problem:
                yield Static(Text(guide.book.problem), classes="form-hint")
        yield KeyFooter()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id == RESUME:
            found = self.guide.resumable()
            self.dismiss((found[0].id, found[1]) if found else None)
        elif option_id:
            self.dismiss((option_id, 0))

    def action_start(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted).id)

    def action_close(self) -> None:
        self.dismiss(None)
