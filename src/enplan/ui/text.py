"""Showing user text literally, and dates the way caseworkers write them.

Everything a person typed (names, notes, employer names) reaches the screen
through ``literal()``: a ``rich.text.Text`` is never parsed as markup, and
control characters (ESC and friends) become visible symbols so an ANSI
sequence pasted into a note cannot restyle the terminal.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from ..domain.text import visible
from ..i18n import _, ngettext

# ``visible`` (the one rule for text on a terminal) lives in domain.text, shared with the CLI.


def one_line(text: str) -> str:
    return " ".join(visible(text).split())


LITERAL_CHARS = 20_000  # anywhere else: beyond this a text is cut (laying out more costs seconds)


def literal(text: str | None, style: str = "") -> Text:
    """User text as a Text that is never interpreted as markup."""
    text = text or ""
    if len(text) <= LITERAL_CHARS:
        return Text(visible(text), style=style)
    out = Text(visible(text[:LITERAL_CHARS]), style=style)
    rest = len(text) - LITERAL_CHARS
    out.append(" … " + ngettext("({n} more character)", "({n} more characters)", rest).format(n=_thousands(rest)),
               style="dim")
    return out


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# A tab draws at most this much of one note: a 1 MB note pasted from a
# document took seconds to lay out, on every redraw. `v` reads it whole.
NOTE_CHARS = 2_000
NOTE_LINES = 40


def is_cut(text: str) -> bool:
    return len(text) > NOTE_CHARS or text.count("\n") >= NOTE_LINES


def note(text: str, style: str = "") -> Text:
    """A note as a tab shows it: literal, and cut short when long, saying how to read the rest."""
    if not is_cut(text):
        return literal(text, style)
    shown = "\n".join(text[:NOTE_CHARS].split("\n")[:NOTE_LINES])
    out = literal(shown.rstrip(), style)
    out.append(" … " + ngettext("({n} more character; v reads the whole note)",
                                 "({n} more characters; v reads the whole note)",
                                 len(text) - len(shown)).format(n=_thousands(len(text) - len(shown))),
               style="dim italic")
    return out


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
    """One sentence about a failure, safe to show: never a traceback or SQL
    (``failures``; an unexpected error writes a crash report and names it)."""
    from ..failures import first_line, sentence_or_report

    sentence, _code = sentence_or_report(exc, "app", stopped=False)
    return visible(first_line(sentence))
