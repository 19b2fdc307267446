"""The caseworker's lists as files that leave enplan: the worklist as an
iCalendar file, the caseload and the worklist as spreadsheets (CSV or
.xlsx). Read from the same use cases as the screens, drawn by the
renderers in ``enplan.documents``, written by ``files.write_private`` and
logged like an export: who made which file of whose lists, with how many
entries. The log entry is written once the file is complete and before it
is renamed into place, so it never names a file that was not written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..domain.errors import ValidationError
from ..domain.followups import WorkItem
from ..domain.phrases import N_
from ..store.types import utcnow
from .base import ServiceBase

SHEETS = ("caseload", "worklist")


class OutputServices(ServiceBase):
    # -- the calendar ------------------------------------------------------------------------
    def calendar_ics(self, caseworker: str | None, *, names: str = "initials", file: str = "-") -> bytes:
        """The caseworker's follow-ups and CTI contacts as .ics bytes (logged as going to ``file``)."""
        data, count = self._calendar(caseworker, names)
        self._log_output("calendar", "worklist", caseworker, file, count, names=names)
        return data

    def write_calendar(self, caseworker: str | None, path: Path, *, names: str = "initials",
                       force: bool = False) -> Path:
        """The calendar written to ``path`` (private, whole or not at all); the path written."""
        from ..files import check_target, write_private

        check_target(path, force=force)  # before anything is read or logged
        data, count = self._calendar(caseworker, names)
        return write_private(path, data, lambda: self._log_output(
            "calendar", "worklist", caseworker, Path(path).name, count, names=names), force=force)

    def _calendar(self, caseworker: str | None, names: str) -> tuple[bytes, int]:
        from ..documents import calendar

        if names not in calendar.NAME_STYLES:
            raise ValidationError(N_("Name citizens by initials, first name, full name or not at all."), "names")
        since = self.today - dt.timedelta(days=calendar.DONE_SHOWN_DAYS)
        items: list[WorkItem] = self.worklist(caseworker, include_done_since=since)
        return calendar.render(items, made_at=utcnow(), names=names), len(items)

    # -- spreadsheets ------------------------------------------------------------------------
    def sheet_bytes(self, kind: str, caseworker: str | None, fmt: str = "csv", *, file: str = "-") -> bytes:
        """The caseload or the worklist as CSV or .xlsx bytes (logged as going to ``file``)."""
        data, count = self._sheet(kind, caseworker, fmt)
        self._log_output("spreadsheet", kind, caseworker, file, count, format=fmt)
        return data

    def write_sheet(self, kind: str, caseworker: str | None, path: Path, *, force: bool = False) -> Path:
        """The sheet written to ``path``, in the format its name ends in (.csv or .xlsx)."""
        from ..documents.spreadsheet import format_for
        from ..files import check_target, write_private

        fmt = format_for(Path(path).suffix)
        if fmt is None:
            raise ValidationError(N_("Name the file .xlsx (Excel) or .csv."), "path")
        check_target(path, force=force)
        data, count = self._sheet(kind, caseworker, fmt)
        return write_private(path, data, lambda: self._log_output(
            "spreadsheet", kind, caseworker, Path(path).name, count, format=fmt), force=force)

    def _sheet(self, kind: str, caseworker: str | None, fmt: str) -> tuple[bytes, int]:
        from ..documents import sheets, spreadsheet

        if kind == "caseload":
            sheet = sheets.caseload_sheet(self.caseload(caseworker))
        elif kind == "worklist":
            sheet = sheets.worklist_sheet(self.worklist(caseworker), self.today)
        else:
            raise ValidationError(N_("A spreadsheet is of the caseload or the worklist."), "kind")
        return spreadsheet.render(sheet, fmt), len(sheet.rows)

    # -- the audit log -----------------------------------------------------------------------
    def _log_output(self, action: str, entity: str, caseworker: str | None, file: str, count: int,
                    **details: str) -> None:
        with self.db.write() as session:
            self._audit(session, action, None, citizen_id=None, entity=entity, changes={
                "file": file, "caseworker": caseworker or "", "entries": count, **details})
