"""The app's part in trainer mode (issue 14): the guided tours and the
"what is this?" key. A mixin of EnplanApp, as AppSync is for laptop sync.

Tours run only on demo data: they ask the trainee to mark work done and save
meetings, which must never happen to a real citizen by following a script.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import _

if TYPE_CHECKING:
    from textual.screen import Screen

    from .tour import TourGuide

OFFER_DELAY = 0.8  # seconds after start-up: the caseload is drawn first, behind the offer


class AppTrainer:
    demo: bool
    _tour_guide: TourGuide | None

    def init_trainer(self, *, tour_state: Path | None = None, offer_tour: bool = False) -> None:
        self._tour_guide = None
        self._tour_state = tour_state
        self._offer_tour = offer_tour

    @property
    def tour_guide(self) -> TourGuide:
        if self._tour_guide is None:
            from .tour import TourGuide

            self._tour_guide = TourGuide(self, self.settings.tours, self._tour_state)
            if self._tour_guide.book.problem:
                self.notify(self._tour_guide.book.problem, title=_("Guided tours"), severity="warning",
                            markup=False, timeout=10)
        return self._tour_guide

    def trainer_mounted(self) -> None:
        """Offer the tours once, on the first start of a demo copy."""
        if self.demo and self._offer_tour:
            self.set_timer(OFFER_DELAY, self._offer)

    def _offer(self) -> None:
        guide = self.tour_guide
        if not guide.state.offered:
            guide.state.save(offered=True)
            self._open_tour_menu(first_start=True)

    @property
    def draft_scope(self) -> str:
        """Drafts on demo data belong to the demo copy (ui/forms.py): its file, or its server."""
        import hashlib

        return "demo:" + hashlib.sha256(self.backend.url.encode()).hexdigest()[:16] if self.demo else ""

    def offers(self, action_id: str) -> bool:
        """The tours are offered (palette, help) on demo data only."""
        if action_id == "tour":
            return self.demo
        return super().offers(action_id)

    # -- what the app reports to a running tour ----------------------------------------------
    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:  # noqa: ANN001
        screen = self.screen
        handled = await super().run_action(action, default_namespace, namespaces)
        guide = self._tour_guide
        if handled and guide is not None and guide.running and isinstance(action, str):
            guide.action_ran(action, screen)
        return handled

    def tour_event(self, name: str, screen: Screen) -> None:
        """A step's outcome happened: "saved" (a form), "follow_up_done", "follow_up_undone"."""
        guide = self._tour_guide
        if guide is not None and guide.running:
            guide.event(name, screen)

    def _screen_changed(self, screen: Screen) -> None:
        guide = self._tour_guide
        if guide is not None and guide.running:
            self.call_after_refresh(guide.look)

    # -- the keys ------------------------------------------------------------------------
    def action_tour(self) -> None:
        """F3: leave a running tour; otherwise choose one (or resume the one left)."""
        if not self.demo:
            self.notify(_("Guided tours run on the demo data: start enplan demo."), markup=False)
            return
        guide = self.tour_guide
        if guide.running:
            guide.leave()
            return
        self._open_tour_menu(first_start=False)

    def _open_tour_menu(self, *, first_start: bool) -> None:
        from .modals.tour_menu import TourMenu

        def chosen(choice: tuple[str, int] | None) -> None:
            if choice:
                self.tour_guide.start(*choice)

        self.push_screen(TourMenu(self.tour_guide, first_start=first_start), chosen)

    def action_whats_this(self) -> None:
        from .whats_this import explain

        screen = self.screen
        self.notify(explain(screen.focused, screen), title=_("What is this?"), markup=False, timeout=8)
