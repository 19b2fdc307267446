"""The outcome report's period and filters (`p` on the report): the period,
which citizens (all, with CTI, without), an optional second cohort to
compare with, a caseworker and a target group. Every date is checked at
its field, and a period that ends before it starts is said at its "To"
field; nothing is read until the form is accepted. The form returns the
two cohorts; the report screen reads the report itself."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from ...domain.enums import TargetGroup
from ...domain.errors import ValidationError
from ...domain.outcomes import Cohort, Course, check_period
from ...i18n import _, label
from ..forms import FormModal, Job
from ..text import N_
from ..widgets.date_field import DateField
from ..widgets.fields import ChoiceField, LineField

COURSE_CHOICES = ((Course.ANY.value, N_("All")), (Course.CTI.value, N_("With a CTI course")),
                  (Course.PLAN.value, N_("Without a CTI course")))


class ReportFiltersForm(FormModal):
    FORM_TITLE = N_("Outcome report: period and filters")

    def __init__(self, first: Cohort, second: Cohort | None) -> None:
        super().__init__()  # no draft: a few dates are quickly typed again
        self.first = first
        self.second = second

    def compose_fields(self) -> ComposeResult:
        first, second = self.first, self.second
        courses = [(code, _(text)) for code, text in COURSE_CHOICES]
        yield DateField("from", _("From"), self.today, first.start, required=True)
        yield DateField("to", _("To"), self.today, first.end, required=True)
        yield ChoiceField("course", _("Citizens"), courses, first.course.value)
        yield DateField("compare_from", _("Compare from"), self.today, second.start if second else None,
                        placeholder=_("optional"))
        yield DateField("compare_to", _("Compare to"), self.today, second.end if second else None,
                        placeholder=_("optional"))
        yield ChoiceField("compare_course", _("Compared"), courses, second.course.value if second else Course.ANY)
        yield LineField("caseworker", _("Caseworker"), first.caseworker, max_length=120, placeholder=_("everyone"))
        groups = [("", _("All")), *((g.value, label(g)) for g in TargetGroup)]
        yield ChoiceField("target_group", _("Target group"), groups,
                          first.target_group.value if first.target_group else "")

    def build(self) -> Job:
        field = self.field
        start, end = field("from").date, field("to").date
        check_period(start, end, "to")
        caseworker = field("caseworker").value.strip()
        group = TargetGroup(field("target_group").value) if field("target_group").value else None
        first = Cohort(start, end, caseworker, group, Course(field("course").value))
        since, until = field("compare_from").date, field("compare_to").date
        compared = Course(field("compare_course").value)
        second = None
        if since is None and until is None and compared is not Course.ANY:
            second = Cohort(start, end, caseworker, group, compared)  # the same period: CTI against no CTI
        elif since is not None or until is not None:
            if since is None or until is None:
                raise ValidationError(N_("Give both days of the second period, or neither."),
                                      "compare_to" if until is None else "compare_from")
            check_period(since, until, "compare_to")
            second = Cohort(since, until, caseworker, group, compared)
        return lambda _services: (first, second)

    def saved_message(self, result: Any) -> str:  # noqa: ANN401
        return _("Making the report…")
