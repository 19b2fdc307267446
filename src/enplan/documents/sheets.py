"""What each spreadsheet shows: read models in, a ``Sheet`` out, with its
header row and words (target groups, kinds, yes/no) in the UI language.

The caseload and the worklist, as their screens show them, with full
names (a spreadsheet of one's own caseload is a working copy of the case
list) but no CPR number and no notes. An outcome report (a later issue)
gets its builder here and is rendered by ``spreadsheet.render`` like these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..domain.followups import WorkItem
from ..domain.rows import CaseloadRow
from ..i18n import _, label, kind_label, work_item_text
from .spreadsheet import Column, Sheet

KINDS = ("caseload", "worklist")


def caseload_sheet(rows: Iterable[CaseloadRow]) -> Sheet:
    columns = (Column(_("Name"), 28), Column(_("Target group"), 28), Column(_("Status"), 10),
               Column(_("CTI phase"), 16), Column(_("Last contact"), 13), Column(_("Next due"), 12),
               Column(_("Overdue"), 10), Column(_("CTI contact overdue"), 12))
    return Sheet(_("Caseload"), columns, tuple(
        (r.name, label(r.target_group), label(r.status), _phase(r.cti_phase), r.last_contact, r.next_due,
         r.overdue_count, _("Yes") if r.cti_overdue else _("No"))
        for r in rows))


def worklist_sheet(items: Iterable[WorkItem], today: dt.date) -> Sheet:
    columns = (Column(_("Due"), 12), Column(_("Days overdue"), 10), Column(_("Citizen"), 28), Column(_("Kind"), 14),
               Column(_("What"), 50), Column(_("Owner"), 14))
    return Sheet(_("Worklist"), columns, tuple(
        (i.due, i.days_overdue(today), i.citizen_name,
         kind_label(i.kind.value), work_item_text(i), i.owner)
        for i in items))


def _phase(phase: int | None) -> str:
    if phase is None:
        return ""
    return _("Contact period") if phase == 0 else _("Phase {n}").format(n=phase)
