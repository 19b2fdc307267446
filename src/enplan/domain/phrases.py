"""Sentences for people, built below the UI, that the UI can still translate.

The domain and the services write English (the CLI, logs and tests read
it). A sentence with values in it is a ``Phrase``: it *is* the English
string, and it remembers its msgid and values, so ``i18n._(phrase)`` looks
the msgid up in the current language and fills the values in. A sentence
without values is marked with ``N_`` and translated by the UI as it is.

Nothing here imports the UI or gettext; ``tools/i18n.py`` extracts both
``N_("…")`` and ``Phrase("…", …)`` from the sources.
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a msgid for extraction; the UI translates it with ``_()``."""
    return message


class Phrase(str):
    """An English sentence from a msgid with ``{name}`` fields and their values.

    >>> p = Phrase("Hours per week must be between 0 and {max}.", max=80)
    >>> p, p.msgid, p.values
    ('Hours per week must be between 0 and 80.', 'Hours per week must be between 0 and {max}.', {'max': 80})
    """

    msgid: str
    values: dict[str, Any]

    def __new__(cls, msgid: str, /, **values: Any) -> Phrase:  # noqa: ANN401
        self = super().__new__(cls, msgid.format(**values))
        self.msgid = msgid
        self.values = values
        return self

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, Any]]:
        return (self.msgid,), self.values  # copy and pickle keep msgid and values
