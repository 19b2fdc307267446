"""What a caseworker records from the citizen screen (issue 4), kept out of
``citizen.py`` so the screen module stays about showing the file.

Each action opens a form (``ui/modals/``) built from the loaded detail. A
saved form closes; the screen reloads when it is shown again. A form that
met someone else's save answers RELOAD: the screen reloads and opens the
same form again on the fresh data (the form offers the user's draft).
One-key writes (done/undone, reopen) go through ``write``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...i18n import _, shown
from ..forms import RELOAD
from ..messages import WriteDone, WriteFailed
from ..text import one_line

if TYPE_CHECKING:
    from textual.screen import Screen

Factory = Callable[[Any], "Screen"]


class CitizenRecording:
    """Mixin for CitizenScreen: the recording actions of the CITIZEN scope."""

    detail: Any
    citizen_id: str
    _reopen: Factory | None = None

    # -- plumbing ------------------------------------------------------------------------
    def open_form(self, factory: Factory) -> None:
        """Push a form built from the loaded detail; RELOAD reopens it fresh."""
        if self.detail is None:
            self.notify(_("Still loading…"), markup=False)
            return

        def done(result: object) -> None:
            if result == RELOAD:
                self._reopen = factory  # the next load opens it again (this callback may come after
                self.reload()           # the reload that resuming the screen started)

        screen = factory(self.detail)
        if screen is None:  # the record is gone (deleted meanwhile)
            self.notify(_("That record no longer exists."), markup=False)
            return
        self.app.push_screen(screen, done)

    def after_load(self) -> None:
        """Called when fresh detail arrived."""
        factory, self._reopen = self._reopen, None
        if factory is not None:
            self.open_form(factory)

    def run_write(self, call: Callable[[Any], object], done_text: str) -> None:
        self.write_call(call, done_text)

    # (handlers by name: @on in a mixin is not seen by Textual's metaclass)
    def on_write_done(self, message: WriteDone) -> None:
        self.notify(message.text, markup=False)
        self.reload()

    def on_write_failed(self, message: WriteFailed) -> None:
        self.notify(message.error, title=_("Not saved"), severity="error", markup=False)
        self.reload()

    # -- everyday recording -------------------------------------------------------------------
    def action_record_meeting(self) -> None:
        from ..modals.meeting import MeetingForm

        self.open_form(lambda d: MeetingForm(d))

    def action_record_no_show(self) -> None:
        from ..modals.meeting import MeetingForm

        self.open_form(lambda d: MeetingForm(d, no_show=True))

    def action_record_checkin(self) -> None:
        from ..modals.checkin import CheckinForm

        if self.detail is not None and (self.detail.cti is None or not self.detail.cti.active):
            self.action_cti_start()
            return
        self.open_form(lambda d: CheckinForm(d))

    def action_employer_follow_up(self) -> None:
        from ..modals.employer_follow_up import EmployerFollowUpForm

        self.open_form(lambda d: EmployerFollowUpForm(d))

    def action_new_follow_up(self) -> None:
        from ..modals.follow_up import FollowUpForm

        self.open_form(lambda d: FollowUpForm(str(d.citizen.id), d.citizen.name))

    # -- follow-ups tab ------------------------------------------------------------------------
    def _selected_follow_up(self):  # noqa: ANN202
        from ..widgets.follow_up_table import FollowUpTable

        if self.active_tab != "follow_ups":
            self.action_show_tab("follow_ups")
            self.notify(_("Choose a follow-up on this tab, then press the key again."), markup=False)
            return None
        return self.query_one(FollowUpTable).current

    def action_toggle_follow_up(self) -> None:
        item = self._selected_follow_up()
        if item is None:
            return
        done = not item.done
        text = (_("Done: {title}") if done else _("Not done: {title}")).format(title=one_line(shown(item.title)))
        self.run_write(lambda s: s.set_follow_up_done(item.id, done), text)

    def action_reschedule_follow_up(self) -> None:
        from ..modals.follow_up import RescheduleForm

        item = self._selected_follow_up()
        if item is not None and not item.done:
            self.open_form(lambda d: RescheduleForm(item.id, shown(item.title), item.due_on))

    def action_edit_selected(self) -> None:
        from ..modals.follow_up import FollowUpForm

        tab = self.active_tab
        if tab == "follow_ups":
            item = self._selected_follow_up()
            if item is not None:  # built from the freshest copy (a reload after a conflict too)
                self.open_form(lambda d: next((FollowUpForm(str(d.citizen.id), d.citizen.name, f)
                                               for f in d.follow_ups if f.id == item.id), None))
        elif tab == "plan":
            self.action_edit_plan()
        elif tab == "cti":
            self.action_cti_course()
        elif tab == "work":
            self.action_work()

    # -- plan, work, citizen -------------------------------------------------------------------
    def action_edit_plan(self) -> None:
        from ..modals.plan import PlanEditor

        self.app.push_screen(PlanEditor(self.citizen_id))

    def action_work(self) -> None:
        from ..modals.work import WorkEditor

        self.app.push_screen(WorkEditor(self.citizen_id))

    def action_make_document(self) -> None:
        from ...paths import documents_dir
        from ..modals.document import DocumentForm

        self.open_form(lambda d: DocumentForm(d, documents_dir()))

    def action_record_measures(self) -> None:
        from ..modals.measure import MeasureForm

        self.open_form(lambda d: MeasureForm(d.citizen.id, d.citizen.name))

    def action_exempt_from_counter(self) -> None:
        from ..modals.rule_decision import ExemptForm

        self.open_form(lambda d: ExemptForm(d.citizen))

    def action_edit_citizen(self) -> None:
        from ..modals.citizen_form import CitizenForm

        self.open_form(lambda d: CitizenForm(d.citizen))

    def action_hand_over(self) -> None:
        """Hand this citizen over to a colleague, with a note (issue 15; the palette's "Citizen: hand over")."""
        if self.detail is None:
            return
        citizen = self.detail.citizen
        cid, name, login = citizen.id, citizen.name, citizen.caseworker

        def job(services: Any) -> Any:  # noqa: ANN401 - worker thread
            from ..messages import HandoverChoices

            return HandoverChoices(login, [(cid, name)], services.colleagues())

        self.read(job)

    def on_handover_choices(self, message: Any) -> None:  # noqa: ANN401 - messages.HandoverChoices
        from ..modals.handover import HandoverForm

        if not [c for c in message.colleagues if c != message.login]:
            self.notify(_("There is no colleague in the team to hand over to."), markup=False)
            return
        form = HandoverForm(message.login, message.citizens, message.colleagues, chosen=[message.citizens[0][0]])
        self.app.push_screen(form, lambda _result: self.reload())

    def action_close_case(self) -> None:
        from ..modals.citizen_form import CloseCaseForm
        from ..modals.confirm import ConfirmModal

        if self.detail is None:
            return
        citizen = self.detail.citizen
        if str(citizen.status) == "closed":
            cid = citizen.id

            def answered(yes: bool | None) -> None:
                if yes:
                    self.run_write(lambda s: s.reopen_case(cid), _("Case reopened."))

            self.app.push_screen(ConfirmModal(_("Reopen the case?"), citizen.name), answered)
            return
        self.open_form(lambda d: CloseCaseForm(d.citizen))

    # -- CTI --------------------------------------------------------------------------------------
    def action_cti_course(self) -> None:
        from ..modals.cti import CtiMenu

        if self.detail is None:
            return

        def chosen(action: str | None) -> None:
            if action:
                getattr(self, f"action_{action}")()

        self.app.push_screen(CtiMenu(self.detail.cti, self.app.today), chosen)

    def _running_cti(self):  # noqa: ANN202
        cti = self.detail.cti if self.detail is not None else None
        if cti is None or not cti.active:
            self.notify(_("No CTI course runs for this citizen."), markup=False)
            return None
        return cti

    def action_cti_start(self) -> None:
        from ..modals.cti import StartCtiForm

        cti = self.detail.cti if self.detail is not None else None
        if cti is not None and cti.active:
            self.notify(_("A CTI course already runs for this citizen."), markup=False)
            return
        self.open_form(lambda d: StartCtiForm(d))

    def action_cti_advance(self) -> None:
        from ..modals.cti_phase import AdvancePhaseForm

        cti = self._running_cti()
        if cti is None:
            return
        if cti.current_phase is None or cti.current_phase >= 3:
            self.notify(_("Phase 3 is the last phase; end the course instead."), markup=False)
            return
        self.open_form(lambda d: AdvancePhaseForm(d) if d.cti and d.cti.active and d.cti.current_phase is not None
                       and d.cti.current_phase < 3 else None)

    def action_cti_cadence(self) -> None:
        from ..modals.cti_phase import CadenceForm

        if self._running_cti() is not None:
            self.open_form(lambda d: CadenceForm(d) if d.cti and d.cti.active else None)

    def action_cti_focus(self) -> None:
        from ..modals.cti import PhaseForm

        if self._running_cti() is not None:
            self.open_form(lambda d: PhaseForm(d.cti))

    def action_cti_closing_note(self) -> None:
        from ..modals.cti import ClosingNoteForm

        if self.detail is not None and self.detail.cti is not None:
            self.open_form(lambda d: ClosingNoteForm(d.cti))
        else:
            self.notify(_("No CTI course runs for this citizen."), markup=False)

    def action_cti_end(self) -> None:
        from ..modals.cti import EndCtiForm

        if self._running_cti() is not None:
            self.open_form(lambda d: EndCtiForm(d.cti))
