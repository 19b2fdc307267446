"""Decisions about rules, always with a reason (kept, audited, shown on the
plan tab): dismissing a rule item (it leaves the worklist; a rule item is
otherwise done by doing the work it asks for), and exempting a citizen from a
75% counter (`U` on the citizen)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ...domain.enums import RuleDecisionKind
from ...i18n import _, rule_item_text
from ..forms import FormModal, Job
from ..text import N_, literal
from ..widgets.fields import ChoiceField, NoteField


class DismissRuleForm(FormModal):
    FORM_TITLE = N_("Dismiss a rule item")
    SAVED = N_("Rule item dismissed; the reason is kept in the case.")
    FIRST_FOCUS = "reason"

    def __init__(self, item: Any) -> None:  # noqa: ANN401 - a WorkItem of kind RULE
        super().__init__(draft_key=f"dismiss_rule:{item.ref_id}")
        self.item = item

    def title_text(self) -> Text:
        return Text(_("Dismiss a rule item") + " · ") + literal(self.item.citizen_name)

    def compose_header(self) -> ComposeResult:
        yield Static(literal(rule_item_text(self.item.rule)), classes="form-hint")
        yield Static(Text(_("A rule item is done by doing the work. Dismiss it only when it does not apply, "
                            "and say why: the reason stays in the case and the audit log.")), classes="form-hint")

    def compose_fields(self) -> ComposeResult:
        yield NoteField("reason", _("Reason"), lines=3, required=True)

    def build(self) -> Job:
        item, reason = self.item, self.field("reason").value.strip()
        note = item.rule
        return lambda s: s.decide_rule(item.citizen_id, note.rule, RuleDecisionKind.DISMISSED, reason,
                                       subject_id=note.subject_id, due=item.due)


class ExemptForm(FormModal):
    # xgettext:no-python-format  (75% is a share, not a format)
    FORM_TITLE = N_("Exempt from a 75% counter")
    SAVED = N_("Exempted; the reason is kept in the case.")
    FIRST_FOCUS = "reason"

    def __init__(self, citizen: Any) -> None:  # noqa: ANN401 - CitizenInfo
        super().__init__(draft_key=f"exempt:{citizen.id}")
        self.citizen = citizen

    def title_text(self) -> Text:
        # xgettext:no-python-format  (75% is a share, not a format)
        return Text(_("Exempt from a 75% counter") + " · ") + literal(self.citizen.name)

    def compose_header(self) -> ComposeResult:
        yield Static(Text(_("The 75% rules allow 1 in 4 citizens to be exempted. Say why: the reason stays in the "
                            "case, and the counter lists it.")), classes="form-hint")

    def compose_fields(self) -> ComposeResult:
        from ...domain.rules.loading import shipped_book
        from ...i18n import language

        counters = {r.id: r.text.get(language()) for r in shipped_book().of_type("share_within")}
        yield ChoiceField("rule", _("Counter"), list(counters.items()), next(iter(counters)))
        yield NoteField("reason", _("Reason"), lines=3, required=True)

    def build(self) -> Job:
        cid, rule, reason = self.citizen.id, self.field("rule").value, self.field("reason").value.strip()
        return lambda s: s.decide_rule(cid, rule, RuleDecisionKind.EXEMPT, reason)
