"""Date and time fields: anything ``parse_date`` accepts (24-12-2026,
24.12.2026, 2026-12-24, today/i dag, tomorrow, +3d, +2w, +1m, +1y), with
the date it means shown beside the field ("→ Thu 24-12-2026") as you type.
Relative dates count from the app's today, never from the real clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text

from ...domain.dates import parse_date, parse_time
from ...domain.errors import ValidationError
from ...i18n import _
from ..text import today_text
from .fields import LineField


class DateField(LineField):
    DEFAULT_CSS = """
    DateField .field-control { width: 14; }
    DateField .field-aside { width: 1fr; max-width: 100%; }
    """

    def __init__(self, name: str, label: str, today: dt.date, value: str | dt.date | None = None, *,
                 not_before: dt.date | None = None, deadline: bool = False, **kwargs: Any) -> None:  # noqa: ANN401
        """A ``deadline`` (a due date) typed as +1w rolls forward to a working day (``parse_date``)."""
        if isinstance(value, dt.date):
            value = value.strftime("%d-%m-%Y")
        kwargs.setdefault("placeholder", _("dd-mm-yyyy"))
        super().__init__(name, label, value or "", **kwargs)
        self.today = today
        self.not_before = not_before
        self.deadline = deadline

    @property
    def date(self) -> dt.date | None:
        """The parsed date, or None when empty or not a date."""
        text = self.value.strip()
        if not text:
            return None
        try:
            return parse_date(text, self.today, deadline=self.deadline)
        except ValidationError:
            return None

    def check(self) -> str | None:
        problem = super().check()
        if problem or self.is_empty():
            return problem
        try:
            day = parse_date(self.value, self.today, deadline=self.deadline)
        except ValidationError as exc:
            return _(exc.message)
        if self.not_before is not None and day < self.not_before:
            return _("Must be on or after {date}.").format(date=self.not_before.strftime("%d-%m-%Y"))
        return None

    def update_aside(self) -> None:
        day = self.date
        if day is None or self.error:
            self.set_aside("")
            return
        text = Text("→ " + today_text(day))
        typed = parse_date(self.value, self.today)
        delta = (day - self.today).days
        if typed != day:  # +1w onto a weekend or holiday: say that the date moved
            text.append("  " + _("moved from {date}").format(date=f"{typed:%d-%m}"), style="italic")
        elif delta and abs(delta) < 400:
            text.append("  " + (_("in {n} d").format(n=delta) if delta > 0 else _("{n} d ago").format(n=-delta)),
                        style="dim")
        self.set_aside(text)


class TimeField(LineField):
    DEFAULT_CSS = """
    TimeField .field-control { width: 7; }
    """

    def __init__(self, name: str, label: str, value: str | dt.time | None = None, **kwargs: Any) -> None:  # noqa: ANN401
        if isinstance(value, dt.time):
            value = value.strftime("%H:%M")
        kwargs.setdefault("placeholder", _("hh:mm"))
        super().__init__(name, label, value or "", **kwargs)

    @property
    def time(self) -> dt.time | None:
        try:
            return parse_time(self.value) if self.value.strip() else None
        except ValidationError:
            return None

    def check(self) -> str | None:
        problem = super().check()
        if problem or self.is_empty():
            return problem
        try:
            parse_time(self.value)
        except ValidationError as exc:
            return _(exc.message)
        return None
