"""The team (`T` on the caseload or worklist, issue 15): each caseworker of the
leader's team with their caseload against the guideline (35–55 citizens; CTI
at most 20), what is overdue, placements ending with no employer follow-up
lately and the oldest overdue item. Every figure is words and a mark (▲ over,
▼ under, ✓ within), never colour alone. `enter` opens that caseworker's
worklist, `h` hands some of their citizens over to a colleague. The list
screen of laptop sync (sync_list.py) is the frame: a list, the row in a pane."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from ...domain.outcomes import CASELOAD_GUIDELINE, CTI_CASELOAD_MAX
from ...domain.team import ENDING_DAYS, EMPLOYER_CONTACT_DAYS, OVER, UNDER
from ...i18n import _, ngettext, work_item_text
from ..actions import APP, LIST, TEAM, bindings
from ..forms import Saved
from ..text import N_, date_text, literal
from .sync_list import SyncListScreen

MARKS = {OVER: "▲", UNDER: "▼"}
WORDS = {OVER: N_("over"), UNDER: N_("under")}


def mark(state: str) -> str:
    """'▲ over', '▼ under' or '✓' (within the guideline)."""
    return f"{MARKS[state]} {_(WORDS[state])}" if state in MARKS else "✓"


class TeamScreen(SyncListScreen):
    SCOPE = TEAM
    HELP_SCOPES = (TEAM, LIST, APP)
    BINDINGS = bindings(TEAM)
    TITLE_TEXT = N_("Team")
    LOADING = N_("Loading the team…")

    def fetch(self, services: Any) -> list[Any]:  # noqa: ANN401 - worker thread
        self.overview = services.team_overview()
        return list(self.overview.rows)

    @staticmethod
    def key_of(item: Any) -> str:  # noqa: ANN401
        return item.login

    def summary(self, items: list[Any]) -> list[tuple]:
        n = len(items)
        head = _("Team {name}").format(name=self.overview.team) if self.overview.team else _("Everyone with citizens")
        parts: list[tuple] = [(head, ""),
                              (ngettext("{n} caseworker", "{n} caseworkers", n).format(n=n), "muted")]
        over = sum(r.caseload_mark == OVER for r in items)
        if over:
            low, high = CASELOAD_GUIDELINE
            parts.append((ngettext("{n} over {high} citizens", "{n} over {high} citizens", over)
                          .format(n=over, high=high), "alert", _("{n} ▲").format(n=over)))
        late = sum(r.overdue_follow_ups + r.cti_overdue for r in items)
        if late:
            parts.append((ngettext("{n} overdue", "{n} overdue", late).format(n=late), "warn"))
        return parts

    def empty_text(self) -> str:
        return _("No caseworkers in this team yet.")

    def columns(self, width: int) -> list[tuple[str, int]]:
        heads = [(_("Caseworker"), 0), (_("Citizens"), 10), (_("CTI"), 9), (_("Overdue"), 4), (_("CTI late"), 4),
                 (_("Ending"), 4), (_("Oldest"), 8)]
        sized = [(title, max(len(title), least)) for title, least in heads]
        rest = sum(w for _t, w in sized[1:]) + 2 * len(sized) + 2
        first = sized[0][0]
        if max(len(first), 10) > width - rest:  # "Sagsbehandler" would push "Ældste" off at 80 columns
            first = _("Who")
        return [(first, max(len(first), 10, width - rest)), *sized[1:]]

    def cells(self, item: Any) -> list[Text]:  # noqa: ANN401
        style = self.app.theme_style
        loud = style("bold $error")
        load, cti = item.caseload_mark, item.cti_mark
        oldest = item.oldest_days(self.overview.today)
        return [literal(item.login, "bold" if item.role == "leader" else ""),
                Text(f"{item.caseload.citizens} {mark(load)}", style=loud if load == OVER else ""),
                Text(f"{item.caseload.cti_citizens} {mark(cti)}", style=loud if cti == OVER else ""),
                Text(str(item.overdue_follow_ups), style=loud if item.overdue_follow_ups else ""),
                Text(str(item.cti_overdue), style=loud if item.cti_overdue else ""),
                Text(str(item.ending_without_follow_up),
                     style=style("$warning") if item.ending_without_follow_up else ""),
                Text(ngettext("{n} day", "{n} days", oldest).format(n=oldest) if item.oldest_overdue else "–")]

    def detail(self, item: Any) -> RenderableType:  # noqa: ANN401
        low, high = CASELOAD_GUIDELINE
        n, cti = item.caseload.citizens, item.caseload.cti_citizens
        role = {"leader": _("team leader"), "caseworker": _("caseworker")}.get(item.role, "")
        head = literal(item.login, "bold") + (Text(" · " + role) if role else Text(""))
        guideline = {OVER: _("over the guideline of {low}–{high}"), UNDER: _("under the guideline of {low}–{high}")}
        within = _("within the guideline of {low}–{high}")
        lines = [head, Text(ngettext("{n} citizen", "{n} citizens", n).format(n=n) + ": "
                            + MARKS.get(item.caseload_mark, "✓") + " "
                            + guideline.get(item.caseload_mark, within).format(low=low, high=high)),
                 Text(ngettext("{n} CTI citizen", "{n} CTI citizens", cti).format(n=cti) + ": "
                      + MARKS.get(item.cti_mark, "✓")
                      + " " + (_("more than {max}") if item.cti_mark == OVER else _("at most {max}"))
                      .format(max=CTI_CASELOAD_MAX)),
                 Text(ngettext("{n} overdue follow-up", "{n} overdue follow-ups", item.overdue_follow_ups)
                      .format(n=item.overdue_follow_ups) + " · " +
                      ngettext("{n} CTI contact overdue", "{n} CTI contacts overdue", item.cti_overdue)
                      .format(n=item.cti_overdue)),
                 Text(ngettext("{n} placement ends within {days} days with no employer follow-up in {weeks} weeks",
                               "{n} placements end within {days} days with no employer follow-up in {weeks} weeks",
                               item.ending_without_follow_up)
                      .format(n=item.ending_without_follow_up, days=ENDING_DAYS, weeks=EMPLOYER_CONTACT_DAYS // 7))]
        if item.oldest_overdue is not None:
            old = item.oldest_overdue
            days = item.oldest_days(self.overview.today)
            lines.append(Text(_("Oldest overdue: ")) + literal(work_item_text(old)) + Text(" · ") + literal(old.citizen_name)
                         + Text(" · " + date_text(old.due) + " · " +
                                ngettext("{n} day", "{n} days", days).format(n=days)))
        return Group(*lines)

    # -- actions ----------------------------------------------------------------------------------------
    def action_open(self) -> None:
        from .worklist import WorklistScreen

        item = self.current()
        if item is not None:
            self.app.push_screen(WorklistScreen(caseworker=item.login))

    def action_hand_over(self) -> None:
        item = self.current()
        if item is None:
            return
        login = item.login

        def job(services: Any) -> Any:  # noqa: ANN401 - worker thread
            from ..messages import HandoverChoices

            return HandoverChoices(login, services.team_citizens(login), services.colleagues())

        self.read(job)

    def on_handover_choices(self, message: Any) -> None:  # noqa: ANN401 - messages.HandoverChoices
        from ..modals.handover import HandoverForm

        if not message.citizens:
            self.notify(_("{login} has no citizens to hand over.").format(login=message.login), markup=False)
            return
        if not [c for c in message.colleagues if c != message.login]:
            self.notify(_("There is no colleague in the team to hand over to."), markup=False)
            return
        self.app.push_screen(HandoverForm(message.login, message.citizens, message.colleagues), self._handed_over)

    def _handed_over(self, result: Any) -> None:  # noqa: ANN401
        if isinstance(result, Saved):
            self.reload()

