"""Handing citizens over to a colleague (`h` on the team screen, issue 15):
choose one or many of a caseworker's citizens (space ticks one),
the colleague who takes over, and a note the new caseworker sees first when
they open the citizen. One service call; a refusal (outside the team, the
same caseworker, a note too long) is one sentence at its field, nothing changed."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import SelectionList, Static

from ...domain.clock import local_date
from ...domain.team import MAX_HANDOVER_NOTE
from ...i18n import _, ngettext
from ..actions import APP, HANDOVER_NOTE, bindings
from ..forms import FormModal, Job
from ..text import N_, date_text, literal, note, visible
from ..widgets.fields import ChoiceField, FormField, NoteField
from ..widgets.key_footer import KeyFooter
from .confirm import DIALOG_CSS, Dialog


def change_text(spell: Any, style: Any) -> Text:  # noqa: ANN401 - a CaseworkerSpell; app.theme_style
    """A change of caseworker on the timeline: 'Caseworker: mette → jonas, handed over by lise' and the note."""
    head = Text(_("Caseworker"), style=style("bold $warning")) + Text(": ") + note(spell.previous) + Text(" → ")
    head += note(spell.caseworker)
    if spell.handed_over_by:
        head += Text(", " + _("handed over by") + " ") + note(spell.handed_over_by)
    return head + Text("\n") + note(spell.note) if spell.note.strip() else head


class PickField(FormField):
    """Several of a list ticked; the value is the ticked keys joined by commas (JSON-plain, for drafts)."""

    DEFAULT_CSS = """
    PickField SelectionList { height: auto; max-height: 8; }
    """

    def __init__(self, name: str, label: str, options: list[tuple[str, str]], **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(name, label, **kwargs)
        self._options = options

    def compose_control(self) -> ComposeResult:
        chosen = set(filter(None, str(self._initial).split(",")))
        yield SelectionList[str](*((literal(text), key, key in chosen) for key, text in self._options),
                                 classes="field-control")

    @property
    def control(self) -> SelectionList:
        return self.query_one(SelectionList)

    def _read_control(self) -> str:
        return ",".join(str(v) for v in self.control.selected)

    def _write_control(self, value: str) -> None:
        self.control.deselect_all()
        for key in filter(None, value.split(",")):
            self.control.select(key)

    @on(SelectionList.SelectedChanged)
    def _changed(self, event: SelectionList.SelectedChanged) -> None:
        self._report_change(event)


class HandoverForm(FormModal):
    FORM_TITLE = N_("Hand over citizens")
    FIRST_FOCUS = "citizens"

    def __init__(self, login: str, citizens: list[tuple[Any, str]], colleagues: list[str], *,
                 chosen: list[Any] = ()) -> None:
        picked = ",".join(str(c) for c in chosen)  # ticked when the form opens (one citizen's own screen)
        super().__init__(draft_key=f"handover:{login}" + (f":{picked}" if picked else ""))
        self.chosen = picked
        self.login = login
        self.citizens = [(str(cid), name) for cid, name in citizens]
        self.colleagues = [c for c in colleagues if c != login]

    def title_text(self) -> Text:
        return Text(_("Hand over citizens") + " · ") + literal(self.login)

    def compose_header(self) -> ComposeResult:
        yield Static(Text(_("Tick the citizens with space. Their open follow-ups of {login} move along; the new "
                            "caseworker sees the note first.").format(login=self.login)), classes="form-hint")

    def compose_fields(self) -> ComposeResult:
        pick = PickField("citizens", _("Citizens"), self.citizens, required=True, stacked=True)
        pick.value = self.chosen
        yield pick
        yield ChoiceField("to", _("To"), [(c, c) for c in self.colleagues], stacked=True)
        yield NoteField("note", _("Note for the new caseworker"), lines=3, stacked=True,
                        check=lambda text: _("At most {n} characters.").format(n=MAX_HANDOVER_NOTE)
                        if len(text) > MAX_HANDOVER_NOTE else None)

    def build(self) -> Job:
        ids = [cid for cid in self.field("citizens").value.split(",") if cid]
        to, note = self.field("to").value, self.field("note").value
        return lambda s: s.hand_over(ids, to, note)

    def saved_message(self, result: Any) -> str:  # noqa: ANN401 - domain.team.HandoverResult
        return (ngettext("Handed {n} citizen over to {login}", "Handed {n} citizens over to {login}", result.citizens)
                .format(n=result.citizens, login=result.to) + "; " +
                ngettext("{n} open follow-up moved along.", "{n} open follow-ups moved along.",
                         result.follow_ups_moved).format(n=result.follow_ups_moved))


class HandoverNoteModal(Dialog):
    """A handover's note, shown first when the new caseworker opens the citizen; read once it is closed."""

    SCOPE = HANDOVER_NOTE
    BINDINGS = bindings(HANDOVER_NOTE)
    HELP_SCOPES = (HANDOVER_NOTE, APP)
    DEFAULT_CSS = DIALOG_CSS.format(cls="HandoverNoteModal") + """
    HandoverNoteModal VerticalScroll { height: auto; max-height: 14; margin-top: 1; }
    """

    def __init__(self, citizen_name: str, spell: Any) -> None:  # noqa: ANN401 - domain.team.CaseworkerSpell
        super().__init__(_("Handover note"))
        self.citizen_name = citizen_name
        self.spell = spell

    def compose(self) -> ComposeResult:
        spell = self.spell
        with Vertical():
            yield Static(Text(_("Handover note") + " · ") + literal(self.citizen_name), classes="dialog-title")
            who = Text(_("From {old} to you, handed over by {by} on {day}.").format(
                old=visible(spell.previous or "–", lines=False),
                by=visible(spell.handed_over_by or "–", lines=False),
                day=date_text(local_date(spell.started_at))))
            yield Static(who, classes="dialog-message")
            with VerticalScroll():
                yield Static(literal(spell.note), id="handover-note")
            yield Static(self._keys(), classes="dialog-keys")
        yield KeyFooter()

    def action_read(self) -> None:
        self.dismiss(True)
