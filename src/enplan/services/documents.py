"""Documents for the citizen (their plan, a meeting summary, the consent
form): the data one document shows, read in one transaction that also logs
that it was made (and whether the CPR number was in it)."""

from __future__ import annotations

import uuid
from pathlib import Path

from ..domain.documents import KINDS, Contact, DocumentData
from ..domain.enums import FollowUpSource
from ..domain.errors import ValidationError
from ..domain.phrases import N_
from ..store import tables as t
from .base import NotFoundError, ServiceBase, _uuid


class DocumentServices(ServiceBase):
    def document_data(self, citizen_id: uuid.UUID | str, kind: str, contact: Contact, *,
                      meeting_id: uuid.UUID | str | None = None, include_cpr: bool = False) -> DocumentData:
        """What a document shows; the newest meeting when ``meeting_id`` is not given."""
        if kind not in KINDS:
            raise ValidationError(N_("A document is a plan, a meeting summary or a consent form."), "kind")
        cid = _uuid(citizen_id)
        detail = self.citizen_detail(cid, history_limit=None if kind == "meeting" else 0)
        meeting, steps = None, ()
        if kind == "meeting":
            meeting = _meeting(detail, meeting_id)
            steps = tuple(f for f in detail.follow_ups if f.source is FollowUpSource.MEETING
                          and str(f.source_id) == str(meeting.id))
        with self.db.write() as s:
            row = self._get(s, t.Citizen, cid)
            cpr = row.cpr if include_cpr else None
            self._audit(s, "document", row, citizen_id=cid, changes={
                "kind": kind, "include_cpr": include_cpr, **({"meeting": str(meeting.id)} if meeting else {})})
        return DocumentData(kind, detail, contact, self.today, cpr, meeting, steps)


    def document_pdf(self, citizen_id: uuid.UUID | str, kind: str, contact: Contact, *,
                     meeting_id: uuid.UUID | str | None = None, include_cpr: bool = False) -> bytes:
        """The document as PDF bytes, in the current language (logged like document_data)."""
        from ..documents.for_citizen import render

        return render(self.document_data(citizen_id, kind, contact, meeting_id=meeting_id,
                                         include_cpr=include_cpr))

    def write_document(self, citizen_id: uuid.UUID | str, kind: str, contact: Contact, path: Path, *,
                       meeting_id: uuid.UUID | str | None = None, include_cpr: bool = False,
                       force: bool = False) -> Path:
        """The document written to ``path`` (private, whole or not at all); the path written."""
        from ..files import check_target, write_private

        check_target(path, force=force)  # before anything is read or logged
        pdf = self.document_pdf(citizen_id, kind, contact, meeting_id=meeting_id, include_cpr=include_cpr)
        return write_private(path, pdf, force=force)


def _meeting(detail, meeting_id):  # noqa: ANN001, ANN202
    if not detail.meetings:
        raise ValidationError(N_("This citizen has no meeting to summarise yet."), "meeting")
    if meeting_id is None:
        return detail.meetings[0]
    wanted = str(_uuid(meeting_id))
    found = next((m for m in detail.meetings if str(m.id) == wanted), None)
    if found is None:
        raise NotFoundError("meeting", wanted)
    return found
