"""The citizen's header: name, masked CPR, target group, consent, status, and
the CTI course as a progress bar with its status line.

Only the masked CPR (DDMMYY-XXXX) from the read model is ever shown here.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from ...domain.enums import CitizenStatus
from ...i18n import _, label
from ..citizen_views import consent_text, cti_status
from ..text import date_text, literal
from .cti_bar import CtiPhaseBar


class CitizenHeader(Vertical):
    DEFAULT_CSS = """
    CitizenHeader { height: auto; padding: 0 1; background: $boost; }
    CitizenHeader > #who { height: auto; }
    CitizenHeader > #facts { height: auto; }
    CitizenHeader > Horizontal { height: 1; }
    CitizenHeader #cti-label { width: 4; text-style: bold; }
    CitizenHeader CtiPhaseBar { width: 1fr; max-width: 40; min-width: 16; margin-right: 1; }
    CitizenHeader #cti-status { width: auto; }
    """

    _who_text: Text | None = None
    _masked_cpr: str = ""
    _hide_timer = None

    def compose(self) -> ComposeResult:
        yield Static(_("Loading…"), id="who")
        yield Static("", id="facts")
        with Horizontal():
            yield Static(_("CTI"), id="cti-label")
            yield CtiPhaseBar(id="cti-bar")
            yield Static("", id="cti-status")

    def show(self, detail, today: dt.date) -> None:  # noqa: ANN001 - CitizenDetail
        style = self.app.theme_style
        c = detail.citizen
        who = literal(c.name, style="bold")
        who.append("  ")
        who.append(c.cpr_masked or _("no CPR"), style=style("$text-muted"))
        who.append("  · " + label(c.target_group))
        if c.status is CitizenStatus.CLOSED:
            who.append("  · ")
            who.append(_("CLOSED {date}").format(date=date_text(c.closed_on)), style=style("bold $warning"))
        if detail.leader_reads:
            who.append("  · ")
            who.append(_("READ ONLY: you hand over, the caseworker changes"), style=style("bold $warning"))
        self._who_text, self._masked_cpr = who, c.cpr_masked
        self.query_one("#who", Static).update(who)
        facts = consent_text(detail.plan, style)
        if c.caseworker:
            facts.append("  · " + _("caseworker") + " ")
            facts.append_text(literal(c.caseworker))
        if c.phone.strip():
            facts.append("  · ☎ ")
            facts.append_text(literal(c.phone))
        self.query_one("#facts", Static).update(facts)
        self.query_one(CtiPhaseBar).show(detail.cti, today)
        self.query_one("#cti-status", Static).update(cti_status(detail.cti, today, style, compact=True))

    def clear(self) -> None:
        """Forget the citizen shown (the screen is about to show another)."""
        if self._hide_timer is not None:
            self._hide_timer.stop()
            self._hide_timer = None
        self._who_text, self._masked_cpr = None, ""
        self.query_one("#who", Static).update(_("Loading…"))
        self.query_one("#facts", Static).update("")
        self.query_one(CtiPhaseBar).show(None, dt.date.min)
        self.query_one("#cti-status", Static).update("")

    def reveal_cpr(self, number: str, seconds: float) -> None:
        """Show the full CPR number in place of the mask for ``seconds`` only
        (never in the title, a notification or anywhere that persists)."""
        who = self.query_one("#who", Static)
        masked, mask = self._who_text, self._masked_cpr
        if masked is None or not mask or mask not in masked.plain:
            return
        start = masked.plain.index(mask)
        revealed = masked[:start] + Text(number, style="bold reverse") + masked[start + len(mask):]
        who.update(revealed)
        if self._hide_timer is not None:
            self._hide_timer.stop()
        self._hide_timer = self.set_timer(seconds, lambda: who.update(masked))

    def show_error(self, error: str) -> None:
        self.query_one("#who", Static).update(Text(error, style=self.app.theme_style("bold $error")))
