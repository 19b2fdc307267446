"""The caseworker's due dates as an iCalendar file (RFC 5545) that Outlook and
Google Calendar import: worklist lines in, .ics bytes out.

What a caseworker re-importing expects, and how the file gets it:

* **One event per line, updated in place.** Each event's UID comes from the
  record behind it (a follow-up's id; a CTI contact's from its course's id,
  so a contact that moves is the same event on a new day), and SEQUENCE is
  how often those records were saved (``WorkItem.revision``, which only
  grows), so a calendar takes the newer copy instead of adding a second one.
  LAST-MODIFIED is when they were last saved; DTSTAMP when the file was made.
* **Done disappears.** A follow-up done lately is still in the file, as a
  cancelled event with a higher SEQUENCE ("Done: …"), so the event an earlier
  import made goes away; after ``DONE_SHOWN_DAYS`` it is left out.
* **Due dates are all-day events** (DTSTART;VALUE=DATE, DTEND the next day),
  free rather than busy, and private (CLASS:PRIVATE: a shared calendar shows
  "private appointment").
* **Little personal data.** A calendar is shared more widely than a case
  file: no CPR number, no notes, and the citizen named only as asked
  (``NAME_STYLES``; initials by default). Titles are in the UI language.

Typed text is one line here: whitespace runs become one space, direction
overrides are dropped and control characters shown as symbols.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event

from ..domain.followups import WorkItem, WorkKind
from ..domain.text import visible
from ..i18n import N_, _, cti_contact_label, language, shown

NAME_STYLES = ("initials", "first", "full", "none")
DEFAULT_NAMES = "initials"
DONE_SHOWN_DAYS = 90  # a follow-up done within this many days is sent as cancelled
TITLE_LIMIT = 150  # characters of typed text in an event's title
UID_DOMAIN = "enplan"
DESCRIPTION = N_("A due date from enplan; the details are in the citizen's case in enplan.")

_BIDI = dict.fromkeys(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


@dataclass(frozen=True)
class EventKind:
    """How one kind of worklist line becomes an event."""

    uid_prefix: str
    title: Callable[[WorkItem], str]


# Every kind of worklist line a calendar shows: a UID prefix of its own and its title.
# A rule item's title is what the rule asks, in the reader's language, with its law.
KINDS: dict[WorkKind, EventKind] = {
    WorkKind.FOLLOW_UP: EventKind("follow-up", lambda item: _("Follow-up: {what}").format(what=one_line(shown(item.what)))),
    WorkKind.CTI_CONTACT: EventKind("cti-contact", lambda item: cti_contact_label(item.phase)),
    WorkKind.MEASURE: EventKind("measure", lambda item: one_line(shown(item.what))),
    WorkKind.RULE: EventKind("rule", lambda item: one_line(f"§ {item.rule.words(language())[0]} ({item.rule.source})")),
}


def one_line(text: str, limit: int = TITLE_LIMIT) -> str:
    """Typed text as one short line for a title (see the module)."""
    line = visible(" ".join(text.translate(_BIDI).split()), lines=False)
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def citizen_label(name: str, style: str) -> str:
    """The citizen as a title names them: initials ("Å.Ø."), first name, full name, or nothing."""
    if style == "none":
        return ""
    name = one_line(unicodedata.normalize("NFC", name))
    if style == "full":
        return name
    words = [w for w in re.split(r"[\s\-]+", name) if any(c.isalnum() for c in w)]
    if style == "first":
        return words[0] if words else ""
    return "".join(next(c for c in w if c.isalnum()).upper() + "." for w in words)


def uid(item: WorkItem) -> str:
    return f"{KINDS[item.kind].uid_prefix}-{item.ref_id}@{UID_DOMAIN}"


def title(item: WorkItem, names: str = DEFAULT_NAMES) -> str:
    text = KINDS[item.kind].title(item)
    if item.done:
        text = _("Done: {title}").format(title=text)
    who = citizen_label(item.citizen_name, names)
    return f"{text} – {who}" if who else text


def render(items: Iterable[WorkItem], *, made_at: dt.datetime, names: str = DEFAULT_NAMES) -> bytes:
    """The .ics file of ``items`` (open and lately done worklist lines)."""
    if names not in NAME_STYLES:
        raise ValueError(f"names must be one of {NAME_STYLES}")
    calendar = Calendar()
    calendar.add("prodid", f"-//enplan//enplan//{language().upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"enplan · {_('Worklist')}")
    stamp = _utc(made_at)
    for item in sorted(items, key=lambda i: (i.due, uid(i))):
        calendar.add_component(_event(item, stamp, names))
    return calendar.to_ical()


def _event(item: WorkItem, stamp: dt.datetime, names: str) -> Event:
    event = Event()
    event.add("uid", uid(item))
    event.add("dtstamp", stamp)
    event.add("sequence", max(0, item.revision - 1))  # a record's first version is sequence 0
    if item.changed_at is not None:
        event.add("last-modified", _utc(item.changed_at))
    event.add("summary", title(item, names))
    event.add("description", _(DESCRIPTION))
    event.add("dtstart", item.due)  # a date: VALUE=DATE, an all-day event
    event.add("dtend", item.due + dt.timedelta(days=1))
    event.add("status", "CANCELLED" if item.done else "CONFIRMED")
    event.add("transp", "TRANSPARENT")  # a due date does not make the day busy
    event.add("x-microsoft-cdo-busystatus", "FREE")
    event.add("class", "PRIVATE")
    return event


def _utc(moment: dt.datetime) -> dt.datetime:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.timezone.utc)
    return aware.astimezone(dt.timezone.utc).replace(microsecond=0)
