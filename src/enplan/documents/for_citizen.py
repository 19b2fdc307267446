"""The three documents a caseworker gives the citizen: their plan, the
summary of a meeting, and the consent form for the shared plan (LAB § 30 b).
``render(data)`` returns the PDF's bytes, in the UI's language."""

from __future__ import annotations

from ..domain.documents import DocumentData
from ..domain.enums import ActionStatus, GoalStatus, MeetingOutcome
from ..i18n import N_, _, label, phase_label, shown
from .pdf import Writer, contact, day, header, pdf_text, when, who

# What each CTI phase means, said to the citizen.
PHASE_MEANING = {
    0: N_("We get to know each other and make your plan together."),
    1: N_("We meet often, and I help you get started with the support you need."),
    2: N_("You try things more on your own; I follow up and step in when needed."),
    3: N_("The support you need carries on without me; together we round off the course."),
}


def render(data: DocumentData) -> bytes:
    return {"plan": _plan, "meeting": _meeting, "consent": _consent}[data.kind](data)


def _plan(data: DocumentData) -> bytes:
    title = _("Your plan")
    w = Writer(title, _("Your plan with the jobcenter"), data)
    header(w, title, data)
    plan = data.detail.plan
    w.heading(_("Your own goal"))
    if plan and plan.own_goal.strip():
        w.typed(plan.own_goal, style="I")
    else:
        w.text(_("Not written yet; we write it together at our next meeting."), style="I")
    _goals(w, data)
    _cti(w, data)
    _next_steps(w, data, [f for f in data.detail.follow_ups if not f.done], _("What is agreed"))
    if plan and plan.review_on:
        w.text(_("We look at the plan together again by {date}.").format(date=day(plan.review_on)))
    contact(w, data)
    return w.bytes()


def _goals(w: Writer, data: DocumentData) -> None:
    plan = data.detail.plan
    goals = [g for g in (plan.goals if plan else ()) if g.status is not GoalStatus.DROPPED]
    w.heading(_("What we work on"))
    if not goals:
        w.text(_("No goals yet; we agree on them together."), style="I")
        return
    areas: dict[str, list] = {}
    for goal in sorted(goals, key=lambda g: g.position):
        areas.setdefault(goal.life_area.value, []).append(goal)
    for area, area_goals in areas.items():
        w.subheading(label(area))
        for goal in area_goals:
            done = _(" (reached)") if goal.status is GoalStatus.ACHIEVED else ""
            w.typed(goal.title + done, style="B", indent=2)
            for action in goal.actions:
                mark = _(" (done)") if action.status is ActionStatus.DONE else ""
                by = _("by {date}").format(date=day(action.due_on)) if action.due_on else ""
                w.bullet(pdf_text(action.description) + mark,
                         " · ".join(p for p in (_("who: {who}").format(who=label(action.provider)), by) if p))


def _cti(w: Writer, data: DocumentData) -> None:
    cti = data.detail.cti
    if cti is None or cti.ended_on is not None:
        return
    w.heading(_("Your support course (CTI)"))
    phase = cti.current_phase if cti.current_phase is not None else 0
    w.text(phase_label(phase), style="B")
    w.text(_(PHASE_MEANING.get(phase, PHASE_MEANING[0])))
    if cti.next_contact_due:
        w.text(_("We see each other again by {date}.").format(date=day(cti.next_contact_due)))


def _next_steps(w: Writer, data: DocumentData, steps: list, heading: str) -> None:
    w.heading(heading)
    if not steps:
        w.text(_("Nothing is agreed yet."), style="I")
        return
    for step in sorted(steps, key=lambda f: f.due_on):
        w.bullet(pdf_text(shown(step.title)), _("who: {who} · by {date}").format(who=who(step.owner, data),
                                                                          date=day(step.due_on)))


def _meeting(data: DocumentData) -> bytes:
    m = data.meeting
    title = _("Summary of our meeting")
    w = Writer(title, title, data)
    header(w, title, data)
    w.line(_("Date:"), when(m.starts_at))
    w.line(_("Meeting:"), f"{label(m.type)} · {label(m.form)}")
    if m.location.strip():
        w.line(_("Where:"), pdf_text(m.location, 500))
    if m.participants.strip():
        w.line(_("Who took part:"), pdf_text(m.participants, 1000))
    if m.outcome is not MeetingOutcome.HELD:
        w.text(_("The meeting did not take place: {why}.").format(why=label(m.outcome).lower()), style="B")
    if m.goal_notes:
        w.heading(_("What we talked about"))
        for note in m.goal_notes:
            w.subheading(note.goal_title or _("Your plan"))
            if note.progress is not None:
                w.text(label(note.progress), color=(95, 95, 95))
            if note.note.strip():
                w.typed(note.note)
    if m.notes.strip():
        w.heading(_("Notes"))
        w.typed(m.notes)
    _next_steps(w, data, list(data.next_steps), _("What we agreed"))
    contact(w, data)
    return w.bytes()


def _consent(data: DocumentData) -> bytes:
    plan = data.detail.plan
    title = _("Consent to a shared plan")
    w = Writer(title, title, data)
    header(w, title, data)
    w.text(_("A shared plan gathers in one place what the jobcenter, the social services and the health "
             "services do together with you (the Act on an Active Employment Effort, § 30 b). For us to share "
             "what is needed for your plan between them, we ask for your consent."))
    w.heading(_("What the consent covers"))
    if plan and plan.consent_scope.strip():
        w.typed(plan.consent_scope)
    else:
        w.text(_("Write which authorities and which information the consent covers:"), style="I")
        for _line in range(3):
            w.blank("")
    w.heading(_("How to withdraw it"))
    w.text(_("You can withdraw your consent at any time, in writing or by telling your caseworker. What was "
             "shared before you withdrew it stays lawful; nothing more is shared afterwards."))
    w.pdf.ln(2)
    if plan and plan.consent_given_on:
        w.line(_("Given on:"), day(plan.consent_given_on))
    if plan and plan.consent_withdrawn_on:
        w.line(_("Withdrawn on:"), day(plan.consent_withdrawn_on))
    w.blank(_("Date and your signature"))
    w.blank(_("Date and the caseworker's signature"))
    contact(w, data)
    return w.bytes()
