"""Saving one of the caseworker's lists as a file: the caseload or the
worklist as a spreadsheet (S on either), the follow-ups and CTI contacts
as an iCalendar file (L anywhere).

A small form asks where: a file in the documents folder by default (a name
without a folder goes there too). A folder that is missing or may not be
written in is said at the field; an existing file is replaced only after a
question. A thread worker reads, renders and writes the file (the service
logs it like an export), and a notification says where it went.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ...i18n import _
from ..forms import FormModal, Job
from ..text import N_, one_line
from ..widgets.fields import ChoiceField, LineField

NAME_CHOICES = (("initials", N_("Initials")), ("first", N_("First name")), ("full", N_("Full name")),
                ("none", N_("Not named")))


class SaveFile:
    """What a form that saves a file adds to FormModal: a ``path`` field, where a
    name alone goes, the question before replacing a file. Forms give the
    default name, a hint and the job. (A mixin, so that every FormModal
    subclass is a form one can open.)"""

    FIRST_FOCUS = "path"
    HINT = ""

    def __init__(self, folder: Path, default_name: str) -> None:
        super().__init__()  # no draft: a file name is quickly typed again
        self.folder = folder
        self.default_name = default_name

    def compose_header(self) -> ComposeResult:
        yield Static(Text(_(self.HINT).format(folder=self.folder)), classes="form-hint")

    def path_field(self) -> LineField:
        return LineField("path", _("File"), str(self.folder / self.default_name), required=True, max_length=4096,
                         check=lambda text: self.path_problem(self.target(text)))

    def target(self, text: str | None = None) -> Path:
        path = Path((self.field("path").value if text is None else text).strip()).expanduser()
        return path if path.is_absolute() else self.folder / path

    def path_problem(self, target: Path) -> str | None:
        """What stops a file being written there, in words (the service checks again).
        The path is typed text: shown with its control characters as symbols."""
        try:
            return self._where_problem(target)
        except (OSError, ValueError):  # a name too long for the disk, a NUL, a broken character
            return _("enplan cannot use that as a file name; choose another.")

    def _where_problem(self, target: Path) -> str | None:
        folder = one_line(str(target.parent))
        if target.is_dir():
            return _("{name} is a folder; give a file name.").format(name=one_line(target.name))
        if not target.parent.is_dir():
            return _("There is no folder {folder}; create it or choose another.").format(folder=folder)
        if not os_access(target.parent):
            return _("enplan may not write in {folder}; choose another folder.").format(folder=folder)
        return None

    def confirm_text(self) -> str | None:
        target = self.target()
        return _("{name} already exists. Replace it?").format(name=one_line(target.name)) if target.is_file() else None

    def saved_message(self, result: Any) -> str:  # noqa: ANN401 - the path written
        return _("Written: {path}").format(path=one_line(str(result)))

    def action_cancel(self) -> None:
        self.finish(None)


def os_access(folder: Path) -> bool:
    import os

    return os.access(folder, os.W_OK | os.X_OK)


class SpreadsheetForm(SaveFile, FormModal):
    """The caseload or the worklist as a spreadsheet: .xlsx or .csv, by the file's name."""

    HINT = N_("An .xlsx file opens in Excel; a .csv file is text with semicolons. "
              "A name without a folder goes in {folder}.")
    TITLES = {"caseload": N_("Caseload: save as spreadsheet"), "worklist": N_("Worklist: save as spreadsheet")}

    def __init__(self, kind: str, folder: Path, today: Any) -> None:  # noqa: ANN401 - a date
        super().__init__(folder, f"enplan-{kind}-{today:%Y-%m-%d}.xlsx")
        self.kind = kind

    def title_text(self) -> str:
        return _(self.TITLES[self.kind])

    def compose_fields(self) -> ComposeResult:
        yield self.path_field()

    def path_problem(self, target: Path) -> str | None:
        problem = super().path_problem(target)
        if problem is None and target.suffix.lower() not in (".xlsx", ".csv"):
            return _("Name the file .xlsx (Excel) or .csv.")
        return problem

    def build(self) -> Job:
        kind, caseworker, target = self.kind, self.app.caseworker or None, self.target()
        force = target.is_file()  # asked before (confirm_text)
        return lambda s: s.write_sheet(kind, caseworker, target, force=force)


class CalendarForm(SaveFile, FormModal):
    """Follow-ups and CTI contacts as an iCalendar file, citizens named as chosen."""

    FORM_TITLE = N_("Calendar: save follow-ups as iCalendar")
    HINT = N_("Import the file in Outlook or Google Calendar; importing a newer one updates the events. "
              "A name without a folder goes in {folder}.")

    def __init__(self, folder: Path, today: Any) -> None:  # noqa: ANN401 - a date
        super().__init__(folder, f"enplan-calendar-{today:%Y-%m-%d}.ics")

    def compose_fields(self) -> ComposeResult:
        yield self.path_field()
        yield ChoiceField("names", _("Citizens as"), [(code, _(text)) for code, text in NAME_CHOICES], "initials")

    def build(self) -> Job:
        caseworker, target, names = self.app.caseworker or None, self.target(), self.field("names").value
        force = target.is_file()
        return lambda s: s.write_calendar(caseworker, target, names=names, force=force)
