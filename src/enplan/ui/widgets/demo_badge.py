""""DEMO DATA" over a modal screen (issue 14). Forms, menus, help and the
audit log cover the top bar that says it on every other screen, so each
gets this badge at the top right (ui/demo.py mounts it): placed absolutely,
it takes no room from the form and sits on the form's top border line."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from ...i18n import _


class DemoBadge(Widget, can_focus=False):
    DEFAULT_CSS = """
    DemoBadge { position: absolute; height: 1; width: auto; padding: 0 1;
                background: $warning; color: $background; text-style: bold; }
    """

    def render(self) -> Text:
        return Text(_("DEMO DATA"))

    def on_mount(self) -> None:
        self.place()

    def place(self) -> None:
        """At the top right of the screen (again after a resize)."""
        width = cell_len(_("DEMO DATA")) + 2
        self.styles.offset = (max(0, self.screen.size.width - width - 2), 0)
