"""Text rules shared by search, sort and validation."""

from __future__ import annotations

import functools
import unicodedata

from .errors import ValidationError
from .phrases import N_, Phrase

# Danish alphabet order: ... x, y, z, æ, ø, å. Mapping these letters past "z"
# makes a plain binary comparison (SQLite and PostgreSQL alike) sort Danish.
_DANISH = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"})

# Text limits, in characters. The storage limits of short fields are the
# column lengths in store/tables.py (a name is MAX_NAME); every other text
# field holds up to MAX_TEXT. store/guard.py applies both to every value a
# service or the importer writes, and docs/data-format.md lists them.
MAX_NAME = 200
MAX_TEXT = 1_000_000
# Text no backend stores (PostgreSQL refuses NUL; UTF-8 has no lone surrogates).
HAS_NUL = N_("The text contains a NUL character, which cannot be stored.")
HAS_SURROGATE = N_("The text contains a broken character (an unpaired surrogate); type or paste it again.")


@functools.lru_cache(maxsize=16384)  # the lists sort by it on every refresh; names repeat
def danish_key(text: str) -> str:
    """Casefolded, accent-free key that sorts in Danish order and matches
    case-insensitively for æ/Æ, ø/Ø and å/Å."""
    folded = text.casefold().translate(_DANISH)
    decomposed = unicodedata.normalize("NFKD", folded)
    # Capped to the name_key columns' length: casefolding can lengthen a name
    # ("ß" -> "ss"), and PostgreSQL, unlike SQLite, refuses an over-long value.
    return "".join(c for c in decomposed if not unicodedata.combining(c))[:MAX_NAME]


def danish_sorted(items, key=lambda x: x):  # noqa: ANN001, ANN201
    return sorted(items, key=lambda i: danish_key(key(i)))


def clean_name(raw: str, field: str = "name") -> str:
    """A person's or employer's name: required, single line, no control
    characters, and at least one letter or digit (a name of accents,
    punctuation or private-use characters shows as a blank row)."""
    text = " ".join(raw.split())
    if not text:
        raise ValidationError(N_("A name is required."), field)
    if any(unicodedata.category(c) == "Cs" for c in text):
        raise ValidationError(HAS_SURROGATE, field)
    if any(unicodedata.category(c) in ("Cc", "Cf") and c not in "\u200d" for c in text):
        raise ValidationError(N_("The name contains control characters; type it again."), field)
    if not any(unicodedata.category(c)[0] in "LN" for c in text):
        raise ValidationError(N_("A name needs at least one letter or digit."), field)
    if len(text) > MAX_NAME:
        raise ValidationError(Phrase("The name is longer than {limit} characters.", limit=MAX_NAME), field)
    return text


# What a terminal must never receive from stored text: C0 controls, DEL and
# C1 controls (0x80-0x9F start escape sequences in some terminals). Each
# becomes one visible character of width one, so text keeps its length and
# a cursor in an input field stays where the characters are.
_CONTROL_PICTURES = {c: 0x2400 + c for c in range(0x20)}
_CONTROL_PICTURES[0x7F] = 0x2421
_CONTROL_PICTURES.update({c: 0xFFFD for c in range(0x80, 0xA0)})
_KEEP_LINES = {**_CONTROL_PICTURES}
del _KEEP_LINES[0x0A], _KEEP_LINES[0x09]


def visible(text: str, *, lines: bool = True) -> str:
    """``text`` safe for a terminal: every control character shown as a symbol.

    With ``lines`` (multi-line places: notes, tables) newlines and tabs stay
    and a CRLF is one newline; without it (one-line input fields) they are
    symbols too, and the result has exactly as many characters as ``text``."""
    if lines:
        return text.replace("\r\n", "\n").translate(_KEEP_LINES)
    return text.translate(_CONTROL_PICTURES)


def has_control(text: str) -> bool:
    """Whether ``text`` holds anything ``visible`` would change (one-line rules)."""
    return text != text.translate(_CONTROL_PICTURES)


def has_nul(text: str) -> bool:
    return "\x00" in text
