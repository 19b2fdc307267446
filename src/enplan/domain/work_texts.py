"""The words of the follow-ups enplan writes itself, in the reader's language.

A follow-up a person typed is their words (``FollowUp.title``), shown as
typed. A follow-up the system writes (a retention check after a job start,
the next employer follow-up, the CTI nine-month follow-up, a new contact
after a no-show) stores what it is instead: ``FollowUp.what`` (a key below)
and ``FollowUp.what_values`` (the values its words need, as text). Its
``title`` keeps the English, for exports and for older copies of enplan.

``follow_up_text`` gives a ``Phrase`` for such a follow-up, so each reader
sees it in their own language (``i18n.shown``), and the stored title for
anything else: a typed follow-up, a key this version does not know, values
that are missing or not text (they come from imports and other laptops too).
Values are never read as markup or format fields: they are filled in as
they are, and whoever shows the text makes it safe for its medium.
"""

from __future__ import annotations

from string import Formatter
from typing import Any

from .phrases import N_, Phrase

RETENTION_CHECK = "retention_check"
EMPLOYER_FOLLOW_UP = "employer_follow_up"
CTI_NINE_MONTH = "cti_nine_month"
NO_SHOW_CONTACT = "no_show_contact"

# A retention check's step (domain/placements.RETENTION_STEPS) is a code; each
# step has its own sentence, so the step is worded in the reader's language too.
RETENTION_TEXTS: dict[str, str] = {
    "1w": N_("Retention check 1 week: {employer}"),
    "1m": N_("Retention check 1 month: {employer}"),
    "3m": N_("Retention check 3 months: {employer}"),
    "6m": N_("Retention check 6 months: {employer}"),
    "12m": N_("Retention check 12 months: {employer}"),
}
TEXTS: dict[str, str] = {
    EMPLOYER_FOLLOW_UP: N_("Employer follow-up: {employer}"),
    CTI_NINE_MONTH: N_("CTI nine-month follow-up: decide on further support"),
    NO_SHOW_CONTACT: N_("New contact after no-show"),
}
KEYS = frozenset({RETENTION_CHECK, *TEXTS})


def _msgid(what: str, values: dict[str, Any]) -> str | None:
    if what == RETENTION_CHECK:
        step = values.get("step")
        return RETENTION_TEXTS.get(step) if isinstance(step, str) else None
    return TEXTS.get(what)


def follow_up_text(what: object, values: object, title: str) -> str:
    """What a follow-up says: a ``Phrase`` (English, translatable) when ``what``
    is a known key with every value it needs as text, else ``title``."""
    if not isinstance(what, str) or not what or not isinstance(values, dict):
        return title
    msgid = _msgid(what, values)
    if msgid is None:
        return title
    fields = {name for _text, name, _spec, _conv in Formatter().parse(msgid) if name}
    if not all(isinstance(values.get(name), str) for name in fields):
        return title
    return Phrase(msgid, **{name: values[name] for name in fields})


def written(what: str, **values: str) -> dict[str, Any]:
    """The columns of a follow-up enplan writes: ``what``, ``what_values`` and
    the English ``title``. A key without its words is a programming error."""
    text = follow_up_text(what, values, "")
    if not text:
        raise ValueError(f"no words for follow-up {what!r} with {sorted(values)}")
    return {"what": what, "what_values": dict(values), "title": str(text)}
