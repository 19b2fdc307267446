"""Follow-ups: add or edit one (what, due, owner), and reschedule (a new due
date only). Done/undone is one key on the lists (``x``), not a form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.app import ComposeResult

from ...i18n import _, shown
from ..forms import FormModal, Job
from ..text import N_, date_text, literal
from ..widgets.date_field import DateField
from ..widgets.fields import LineField


class FollowUpForm(FormModal):
    """New follow-up for a citizen, or edit one (``follow_up`` given)."""

    FORM_TITLE = N_("Follow-up")
    SAVED = N_("Follow-up saved.")

    def __init__(self, citizen_id: str, citizen_name: str, follow_up: Any = None) -> None:  # noqa: ANN401
        key = f"follow_up:{follow_up.id}" if follow_up is not None else f"follow_up:new:{citizen_id}"
        super().__init__(draft_key=key)
        self.citizen_id = citizen_id
        self.citizen_name = citizen_name
        self.follow_up = follow_up

    def title_text(self) -> Text:
        title = _("Edit follow-up") if self.follow_up is not None else _("New follow-up")
        return Text(title + " · ") + literal(self.citizen_name)

    def compose_fields(self) -> ComposeResult:
        f = self.follow_up
        yield LineField("title", _("What"), shown(f.title) if f else "", required=True, max_length=500,
                        placeholder=_("e.g. Call the doctor"))
        yield DateField("due_on", _("Due"), self.today, f.due_on if f else None, required=True, deadline=True)
        yield LineField("owner", _("Owner"), f.owner if f else "", max_length=120,
                        placeholder=self.app.caseworker or _("you"))

    def build(self) -> Job:
        title, owner = self.field("title").value.strip(), self.field("owner").value.strip()
        due = self.field("due_on").date
        if self.follow_up is None:
            cid = self.citizen_id
            return lambda s: s.add_follow_up(cid, title, due, owner)
        fid, version = self.follow_up.id, self.follow_up.version
        if title == shown(self.follow_up.title).strip():  # words enplan wrote, unchanged: they stay enplan's
            title = self.follow_up.title
        return lambda s: s.update_follow_up(fid, title=title, due_on=due, owner=owner or self.follow_up.owner,
                                            expected_version=version)


class RescheduleForm(FormModal):
    """A new due date for one follow-up (from the citizen or the worklist)."""

    FORM_TITLE = N_("Reschedule")
    SAVED = N_("Rescheduled.")

    def __init__(self, follow_up_id: Any, title: str, due_on: dt.date) -> None:  # noqa: ANN401
        super().__init__(draft_key=f"reschedule:{follow_up_id}")
        self.follow_up_id = follow_up_id
        self.what = title
        self.due_on = due_on

    def title_text(self) -> Text:
        return Text(_("Reschedule") + " · ") + literal(self.what)

    def compose_fields(self) -> ComposeResult:
        yield DateField("due_on", _("New due date"), self.today, None, required=True, deadline=True,
                        placeholder=_("e.g. +1w"))

    def compose_header(self) -> ComposeResult:
        from textual.widgets import Static

        yield Static(Text(_("Now due {date}. Type a date or e.g. +1w, +2w, +1m.").format(
            date=date_text(self.due_on))), classes="form-hint")

    def build(self) -> Job:
        fid, due = self.follow_up_id, self.field("due_on").date
        return lambda s: s.reschedule_follow_up(fid, due)

    def saved_message(self, result: Any) -> str:  # noqa: ANN401
        return _("Rescheduled to {date}.").format(date=date_text(self.field("due_on").date))
