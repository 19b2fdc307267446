"""Rule items on the worklist against a real database (SQLite and PostgreSQL):
they rank with typed follow-ups, are done by doing the work, and leave only
with a reason that is kept and audited. `enplan worklist` lists them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from enplan.cli import main
from enplan.domain.enums import ContactForm, MeetingType, PlacementKind, RuleDecisionKind, TargetGroup
from enplan.domain.errors import ValidationError
from enplan.domain.followups import WorkKind
from enplan.services import CitizenInput, EmployerFollowUpInput, EmployerInput, MeetingInput, PlacementInput
from enplan.services.recording import HandledRule
from tests.conftest import TODAY


def _citizen_with_praktik(services, end: dt.date):  # noqa: ANN001, ANN202
    cid = services.create_citizen(CitizenInput(name="Peter Ærø", target_group=TargetGroup.AKTIVITETSPARAT,
                                               caseworker="tester"))
    services.update_plan(cid, own_goal="", consent_given_on=TODAY - dt.timedelta(days=40), consent_scope="alle",
                         consent_withdrawn_on=None, review_on=None)
    employer = services.create_employer(EmployerInput(name="Kærvang Supermarked"))
    placement = services.create_placement(cid, PlacementInput(employer_id=employer, kind=PlacementKind.VIRKSOMHEDSPRAKTIK,
                                                              start_on=TODAY - dt.timedelta(days=30), end_on=end))
    return cid, employer, placement


def _rule_items(services, rule_type: str | None = None):  # noqa: ANN001, ANN202
    return [i for i in services.worklist("tester") if i.kind is WorkKind.RULE
            and (rule_type is None or i.rule.rule_type == rule_type)]


def test_a_placement_ending_without_a_follow_up_is_on_the_worklist_until_one_is_recorded(services):
    cid, employer, placement = _citizen_with_praktik(services, TODAY + dt.timedelta(days=10))
    services.add_follow_up(cid, "Ring til lægen", TODAY + dt.timedelta(days=3))
    [item] = _rule_items(services, "placement_follow_up")
    assert item.citizen_id == cid and item.due == TODAY + dt.timedelta(days=10)
    assert item.rule.source == "LAB § 61" and item.rule.subject_id == placement
    assert item.rule.what[0].startswith("Praktik at Kærvang Supermarked ends ")
    assert [i.kind for i in services.worklist("tester") if i.kind is not WorkKind.MEASURE] == [
        WorkKind.FOLLOW_UP, WorkKind.RULE]  # ranked by due
    services.record_employer_follow_up(EmployerFollowUpInput(held_on=TODAY, placement_id=placement))
    assert _rule_items(services, "placement_follow_up") == []


def test_a_dismissed_rule_item_needs_a_reason_is_audited_and_can_be_taken_back(services):
    cid, _employer, placement = _citizen_with_praktik(services, TODAY - dt.timedelta(days=2))
    [item] = _rule_items(services, "placement_follow_up")
    assert item.due < TODAY and item in services.overdue("tester")
    with pytest.raises(ValidationError):
        services.decide_rule(cid, item.rule.rule, RuleDecisionKind.DISMISSED, "   ", subject_id=placement, due=item.due)
    decision = services.decide_rule(cid, item.rule.rule, RuleDecisionKind.DISMISSED, "The employer called; noted in "
                                    "the timeline", subject_id=placement, due=item.due)
    assert _rule_items(services, "placement_follow_up") == []
    [event] = [e for e in services.audit_log(cid) if e.entity == "rule_decision"]
    assert event.action == "create" and event.actor == "tester"
    assert event.changes["reason"] == [None, "The employer called; noted in the timeline"]
    services.delete_record("rule_decision", decision)
    assert len(_rule_items(services, "placement_follow_up")) == 1


def test_an_unknown_rule_is_refused(services):
    cid, _e, _p = _citizen_with_praktik(services, TODAY + dt.timedelta(days=60))
    with pytest.raises(ValidationError):
        services.decide_rule(cid, "no_such_rule", RuleDecisionKind.EXEMPT, "because")


def test_a_change_of_benefit_starts_a_new_series_of_interviews(services):
    cid = services.create_citizen(CitizenInput(name="Jonas Å", target_group=TargetGroup.JOBPARAT, caseworker="tester",
                                               benefit_start_on=TODAY - dt.timedelta(days=3)))
    [item] = _rule_items(services, "interviews")
    assert item.rule.what[0] == "Job interview 1 of 4 in the first 6 months"
    services.record_meeting(cid, MeetingInput(type=MeetingType.JOBSAMTALE, form=ContactForm.PERSONAL,
                                              starts_at=dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(10),
                                                                            dt.timezone.utc)))
    assert _rule_items(services, "interviews") == []  # the second is due in two months: shown 30 days before
    services.update_citizen(cid, CitizenInput(name="Jonas Å", target_group=TargetGroup.LEDIGHEDSYDELSE,
                                              caseworker="tester", benefit_start_on=TODAY - dt.timedelta(days=3)))
    assert services.citizen_detail(cid).citizen.benefit_start_on == TODAY
    [item] = _rule_items(services, "interviews")  # the interview before the change is not part of the new series
    assert item.rule.what[0] == "Job interview 1 of 4 in the first 6 months" and item.due == TODAY + dt.timedelta(days=8)


def test_the_75_percent_exemption_is_kept_with_its_reason(services):
    cid = services.create_citizen(CitizenInput(name="Åse", target_group=TargetGroup.JOBPARAT, caseworker="tester",
                                               benefit_start_on=TODAY - dt.timedelta(days=20)))
    [counter] = [c for c in services.rule_counters("tester") if c.rule == "interview_share"]
    assert counter.pending == 1 and counter.exempt == ()
    services.decide_rule(cid, "interview_share", RuleDecisionKind.EXEMPT, "Starts ordinary job next week")
    [counter] = [c for c in services.rule_counters("tester") if c.rule == "interview_share"]
    assert counter.pending == 0 and [e.reason for e in counter.exempt] == ["Starts ordinary job next week"]


def test_enplan_worklist_json_lists_rule_items_and_typed_follow_ups(sqlite_services, sqlite_url, capsys):
    cid, _e, _p = _citizen_with_praktik(sqlite_services, TODAY + dt.timedelta(days=10))
    sqlite_services.add_follow_up(cid, "Ring [bold]til[/] lægen", TODAY - dt.timedelta(days=1))
    capsys.readouterr()
    assert main(["worklist", "--json", "--db", sqlite_url, "--caseworker", "tester",
                 "--today", TODAY.isoformat()]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["kind"], r["when"]) for r in rows] == [("follow_up", "overdue"), ("measure", "today"), ("rule", "later")]
    typed, measure, rule = rows
    assert measure["what"] == "Measures: the first sitting" and measure["rule"] == ""
    assert typed["what"] == "Ring [bold]til[/] lægen" and (typed["rule"], typed["source"], typed["why"]) == ("", "", "")
    assert rule["rule"] == "praktik_follow_up" and rule["source"] == "LAB § 61"
    assert rule["why"] == "no employer follow-up since it started" and rule["citizen_id"] == str(cid)
    assert set(rule) >= {"citizen_id", "kind", "what", "due", "why", "rule", "source"}
    assert main(["worklist", "--db", sqlite_url, "--caseworker", "tester", "--lang", "da",
                 "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "Praktik hos Kærvang Supermarked slutter" in out and "Ring [bold]til[/] lægen" in out


def test_rule_items_reach_the_calendar_and_the_worklist_spreadsheet(sqlite_services):
    from enplan.i18n import set_language

    set_language("en")
    _citizen_with_praktik(sqlite_services, TODAY + dt.timedelta(days=10))
    ics = sqlite_services.calendar_ics("tester", names="initials").decode()
    [event] = [e for e in ics.split("BEGIN:VEVENT")[1:] if "rule-" in e]
    assert "SUMMARY:§ Praktik at Kærvang Supermarked ends" in event.replace("\r\n ", "") and "LAB § 61" in event
    again = sqlite_services.calendar_ics("tester", names="initials").decode()
    assert [line for line in again.splitlines() if line.startswith("UID:rule-")] == [
        line for line in ics.splitlines() if line.startswith("UID:rule-")]  # a second import updates, not duplicates
    set_language("da")
    try:
        csv = sqlite_services.sheet_bytes("worklist", "tester", "csv").decode("utf-8-sig")
    finally:
        set_language("en")
    assert "Regel" in csv and "Praktik hos Kærvang Supermarked slutter" in csv


def test_a_meeting_closes_the_rule_items_it_handled(services):
    cid, _e, placement = _citizen_with_praktik(services, TODAY + dt.timedelta(days=5))
    [open_item] = [i for i in services.citizen_detail(cid).open_items if i.kind is WorkKind.RULE]
    assert open_item.rule.subject_id == placement and open_item.due_on == TODAY + dt.timedelta(days=5)
    held = dt.datetime.combine(TODAY, dt.time(10), dt.timezone.utc)
    services.record_meeting(cid, MeetingInput(type=MeetingType.VIRKSOMHEDSBESOEG, form=ContactForm.PERSONAL,
                                              starts_at=held),
                            handled_rules=(HandledRule(open_item.rule.rule, placement, open_item.due_on),))
    assert _rule_items(services, "placement_follow_up") == []
    assert [i for i in services.citizen_detail(cid).open_items if i.kind is WorkKind.RULE] == []
    [event] = [e for e in services.audit_log(cid) if e.entity == "rule_decision"]
    assert event.changes["reason"][1] == f"Handled at the meeting on {TODAY:%d-%m-%Y}"
