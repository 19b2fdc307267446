"""Showing user text literally, and dates the way caseworkers write them.

Everything a person typed (names, notes, employer names) reaches the screen
through ``literal()``: a ``rich.text.Text`` is never parsed as markup, and
control characters (ESC and friends) become visible symbols so an ANSI
sequence pasted into a note cannot restyle the terminal.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from ..i18n import _, ngettext

# C0 controls (except newline and tab) and DEL → Unicode "control pictures".
_CONTROL_PICTURES = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}
_CONTROL_PICTURES[0x7F] = 0x2421
# C1 controls (0x80–0x9F) can also start escape sequences in some terminals.
_CONTROL_PICTURES.update({c: 0xFFFD for c in range(0x80, 0xA0)})


def visible(text: str) -> str:
    """The text with every control character made visible."""
    return text.replace("\r\n", "\n").translate(_CONTROL_PICTURES)


def one_line(text: str) -> str:
    return " ".join(visible(text).split())


def literal(text: str | None, style: str = "") -> Text:
    """User text as a Text that is never interpreted as markup."""
    return Text(visible(text or ""), style=style)


def date_text(day: dt.date | None, *, short: bool = False) -> str:
    if day is None:
        return "–"
    return day.strftime("%d-%m-%y" if short else "%d-%m-%Y")


def days_phrase(day: dt.date, today: dt.date) -> str:
    """'3 days overdue', 'today', 'tomorrow', 'in 4 days'."""
    delta = (day - today).days
    if delta < 0:
        return ngettext("{n} day overdue", "{n} days overdue", -delta).format(n=-delta)
    if delta == 0:
        return _("today")
    if delta == 1:
        return _("tomorrow")
    return ngettext("in {n} day", "in {n} days", delta).format(n=delta)


def N_(message: str) -> str:
    """Mark a msgid for extraction (xgettext -kN_); it is translated where shown, with _()."""
    return message


WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def today_text(today: dt.date) -> str:
    return f"{_(WEEKDAYS[today.weekday()])} {date_text(today)}"


def error_text(exc: BaseException) -> str:
    """One line about a failure, safe to show (never a traceback)."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    return visible(text)
