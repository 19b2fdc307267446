"""What a document for the citizen holds (read models; the PDF renderer in
enplan.documents draws them). Built by services/documents.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .records import CitizenDetail, FollowUpInfo, MeetingInfo

KINDS = ("plan", "meeting", "consent")


@dataclass(frozen=True)
class Contact:
    """How the citizen reaches their caseworker (config.toml: contact_name, contact_phone, …)."""

    name: str
    phone: str = ""
    email: str = ""
    office: str = ""


@dataclass(frozen=True)
class DocumentData:
    kind: str  # plan | meeting | consent
    detail: CitizenDetail
    contact: Contact
    today: dt.date
    cpr: str | None = None  # only when asked for (and logged)
    meeting: MeetingInfo | None = None  # the meeting summarised
    next_steps: tuple[FollowUpInfo, ...] = ()  # the follow-ups agreed at that meeting
