"""Messages that carry service results from thread workers to widgets."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class CaseloadLoaded(Message):
    rows: list
    summary: object


@dataclass
class LoadFailed(Message):
    error: str
