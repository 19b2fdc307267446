"""The guided tour's panel: which tour and step, what the last step did, and
what to do now, with the key in bold. It sits at the bottom of whichever
screen is on top (ui/tour.py puts it there). Tour texts may come from a
trainer's own file, so they are shown as literal text, never as markup."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from ...i18n import _
from ..actions import BY_ID, effective_keys, key_display
from ..text import literal
from ..tour_screens import SCREEN_TITLES, screen_name


class TourPanel(Static):
    DEFAULT_CSS = """
    TourPanel {
        dock: bottom;
        height: auto;
        max-height: 6;
        margin: 0 0 1 0;
        padding: 0 1;
        background: $boost;
        border-top: solid $warning;
    }
    """

    def show(self, guide) -> None:  # noqa: ANN001 - a ui.tour.TourGuide (which puts the panel up)
        self.update(panel_text(guide))


def panel_text(guide) -> Text:  # noqa: ANN001 - a ui.tour.TourGuide
    tour, step = guide.tour, guide.step
    assert tour is not None
    app = guide.app
    head = Text(_("Tour") + ": ", style="bold")
    head.append_text(literal(guide.text(tour.title), style="bold"))
    if step is not None:
        head.append("  " + _("step {n} of {total}").format(n=guide.index + 1, total=len(tour.steps)), style="dim")
    head.append(f"  · {first_key(app, 'tour')} " + (_("close") if step is None else _("leave")), style="dim")
    lines = [head]
    if guide.last_done:
        lines.append(Text("✓ ", style="bold") + literal(guide.last_done))
    if step is None:
        lines.append(Text(_("Tour finished.") + " ", style="bold") + literal(guide.text(tour.summary)))
        return Text("\n").join(lines)
    key = first_key(app, step.action) if step.action else ""
    lines.append(Text("→ ", style="bold") + _with_key(guide.text(step.text), key))
    if screen_name(app.screen) != step.screen:
        lines.append(Text(_("This step is on {screen}; go back there to do it.").format(
            screen=_(SCREEN_TITLES[step.screen])), style="italic"))
    elif guide.problem:
        lines.append(Text(guide.problem, style="italic"))
    return Text("\n").join(lines)


def first_key(app, action_id: str) -> str:  # noqa: ANN001 - the App
    """The action's first key as the footer shows it ("^↓"), after the user's keymap."""
    action = BY_ID[action_id]
    keys = effective_keys(action, app.keymap)
    return app.get_key_display(Binding(keys[0], action.action)) if keys else key_display(app, action, app.keymap)


def _with_key(text: str, key: str) -> Text:
    """The step's text with {key} in bold; the rest literal."""
    out = Text()
    parts = text.split("{key}")
    for i, part in enumerate(parts):
        out.append_text(literal(part.replace("{{", "{").replace("}}", "}")))
        if i < len(parts) - 1:
            out.append(key, style="bold reverse")
    return out
