"""CPR (Danish personal number) and CVR (company number) rules.

CPR: DDMMYY-SSSS, hyphen optional; the date and the century (from digit 7)
must make a real date. Modulus 11 is *not* checked: numbers without it have
been issued since 1 October 2007 and must be accepted (cpr.dk).
The full number never leaves this module in an error message.
"""

from __future__ import annotations

import datetime as dt
import re

from stdnum.dk import cpr as _cpr
from stdnum.dk import cvr as _cvr
from stdnum.exceptions import ValidationError as _StdnumError

from .errors import ValidationError
from .phrases import N_

_CPR_SHAPE = re.compile(r"^[0-9]{6}-?[0-9]{4}$")


def normalize_cpr(raw: str, today: dt.date | None = None) -> str:
    """Return the ten digits of a valid CPR number or raise ValidationError."""
    text = raw.strip()
    if not _CPR_SHAPE.match(text):
        raise ValidationError(N_("CPR must be ten digits written DDMMYY-SSSS (the hyphen is optional)."), "cpr")
    digits = text.replace("-", "")
    try:
        born = _cpr.get_birth_date(digits)
    except _StdnumError:
        raise ValidationError(N_("CPR does not start with a real date of birth (DDMMYY)."), "cpr") from None
    if today is not None and born > today:
        raise ValidationError(N_("CPR gives a date of birth in the future."), "cpr")
    return digits


def cpr_birth_date(digits: str) -> dt.date:
    return _cpr.get_birth_date(digits)


def cpr_passes_modulus11(digits: str) -> bool:
    """Informational only: never a reason to reject a number."""
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


def mask_cpr(digits: str | None) -> str:
    """DDMMYY-XXXX, the only form shown on screens, in tables and in reports."""
    if not digits:
        return ""
    return f"{digits[:6]}-XXXX"


def format_cpr(digits: str) -> str:
    """The full number, for an explicit (and audited) reveal only."""
    return f"{digits[:6]}-{digits[6:]}"


def normalize_cvr(raw: str) -> str:
    """Return the eight digits of a valid CVR number or raise ValidationError."""
    text = raw.replace(" ", "").strip()
    if not re.fullmatch(r"[0-9]{8}", text):
        raise ValidationError(N_("CVR must be exactly 8 digits."), "cvr")
    try:
        return _cvr.validate(text)
    except _StdnumError:
        raise ValidationError(N_("CVR is not a valid company number (its check digit is wrong)."), "cvr") from None
