"""Danish cases worked out by hand from the calendar and the law: which rule
applies by the date of the event, and the due date after rolling over
weekends, public holidays, Grundlovsdag, 24 and 31 December. Store bededag
(e.g. Fri 1 May 2026, Fri 23 April 2027) is no longer a holiday."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from enplan.domain.enums import MeetingType, PlacementKind, PlacementStatus, TargetGroup
from enplan.domain.rules.evaluate import evaluate
from enplan.domain.rules.facts import CitizenFacts, PlacementFact
from enplan.domain.rules.loading import shipped_book

D = dt.date
JOBPARAT, AKTIV, UDD = TargetGroup.JOBPARAT, TargetGroup.AKTIVITETSPARAT, TargetGroup.UDDANNELSESHJAELP
CID = uuid.UUID(int=1)


def _facts(group: TargetGroup = JOBPARAT, start: dt.date | None = None, **kw) -> CitizenFacts:
    return CitizenFacts(CID, "Åse Ørum", "mette", group, start, **kw)


def _items(facts: CitizenFacts, today: dt.date, rule_type: str | None = None):
    items, _warnings = evaluate(shipped_book(), facts, today)
    return [i for i in items if rule_type is None or i.rule.type == rule_type]


# (benefit start, expected due of the first job interview, the rule set that applies)
FIRST_INTERVIEW = [
    (D(2026, 3, 25), D(2026, 4, 1), "lbk_280_2024"),     # Wed → Wed, the day before Skærtorsdag
    (D(2026, 3, 26), D(2026, 4, 7), "lbk_280_2024"),     # Skærtorsdag, Langfredag, Easter, 2. påskedag
    (D(2026, 4, 24), D(2026, 5, 1), "lbk_280_2024"),     # 1 May and the old Store bededag: a working day
    (D(2026, 5, 7), D(2026, 5, 15), "lbk_280_2024"),     # Kristi himmelfart Thu 14 May
    (D(2026, 5, 18), D(2026, 5, 26), "lbk_280_2024"),    # 2. pinsedag Mon 25 May
    (D(2026, 5, 29), D(2026, 6, 8), "lbk_280_2024"),     # Grundlovsdag Fri 5 June, then the weekend
    (D(2026, 6, 30), D(2026, 7, 7), "lbk_280_2024"),     # the last day of the old rules keeps them
    (D(2026, 7, 1), D(2026, 7, 8), "lov_1750_2025"),     # the first day of lov 1750
    (D(2026, 12, 17), D(2026, 12, 28), "lov_1750_2025"),  # 24, 25, 26 (Sat), 27 (Sun) December
    (D(2026, 12, 24), D(2027, 1, 4), "lov_1750_2025"),   # 31 December, New Year's Day (Fri), weekend
    (D(2027, 3, 18), D(2027, 3, 30), "hovedlov_2027"),   # Easter 2027: 25, 26, 28, 29 March
    (D(2027, 4, 16), D(2027, 4, 23), "hovedlov_2027"),   # Fri 23 April 2027, once Store bededag
    (D(2027, 4, 29), D(2027, 5, 7), "hovedlov_2027"),    # Kristi himmelfart Thu 6 May 2027
    (D(2027, 5, 10), D(2027, 5, 18), "hovedlov_2027"),   # 2. pinsedag Mon 17 May 2027
    (D(2027, 5, 29), D(2027, 6, 7), "hovedlov_2027"),    # Grundlovsdag on a Saturday in 2027
    (D(2027, 12, 17), D(2027, 12, 27), "hovedlov_2027"),  # 24 December 2027 (Fri); Mon 27 is a working day
    (D(2027, 12, 24), D(2028, 1, 3), "hovedlov_2027"),   # 31 December (Fri), 1 January (Sat)
]


@pytest.mark.parametrize(("start", "due", "rule_set"), FIRST_INTERVIEW)
def test_first_job_interview_for_jobparate(start, due, rule_set):
    [item] = _items(_facts(JOBPARAT, start), today=start, rule_type="interviews")
    assert (item.due, item.rule.set_id) == (due, rule_set)
    assert item.what[0] == "Job interview 1 of 4 in the first 6 months"
    assert item.what[1] == "Jobsamtale 1 af 4 i de første 6 måneder"


def test_a_rule_that_changed_on_1_july_2026_follows_the_date_of_the_event():
    # Aktivitetsparate: 4 interviews until 30 June 2026; from 1 July contact as the municipality judges.
    before = _facts(AKTIV, D(2026, 6, 29))
    [item] = _items(before, today=D(2026, 11, 2), rule_type="interviews")  # still the June rules in November
    assert (item.rule.id, item.due) == ("interviews_cash_benefit", D(2026, 7, 6))  # 1 of 4, long overdue
    held = _facts(AKTIV, D(2026, 6, 29), interviews=((MeetingType.JOBSAMTALE, 1, D(2026, 7, 2)),))
    [item] = _items(held, today=D(2026, 11, 2), rule_type="interviews")
    assert (item.what[0], item.due) == ("Job interview 2 of 4 in the first 6 months", D(2026, 8, 31))  # 29 Aug: Sat
    after = _facts(AKTIV, D(2026, 7, 1))
    assert _items(after, today=D(2026, 11, 2), rule_type="interviews") == []
    _items_, warnings = evaluate(shipped_book(), after, D(2026, 11, 2))
    assert [w.rule.id for w in warnings] == ["contact_as_needed"]
    # … and with a next contact agreed, no warning
    assert evaluate(shipped_book(), _facts(AKTIV, D(2026, 7, 1), next_follow_up=D(2026, 12, 1)), D(2026, 11, 2))[1] == []


def test_sick_listed_back_within_26_weeks_are_exempt_only_under_the_new_rules():
    old = _facts(TargetGroup.SYGEDAGPENGE, D(2026, 6, 15), back_within_26_weeks=True)
    [item] = _items(old, today=D(2026, 8, 1), rule_type="interviews")
    assert item.due == D(2026, 8, 10)  # week 8 of sickness: 15 June + 8 weeks, a Monday
    new = _facts(TargetGroup.SYGEDAGPENGE, D(2026, 7, 6))
    [item] = _items(new, today=D(2026, 12, 20), rule_type="interviews")
    assert item.due == D(2027, 1, 6)  # one interview within 6 months (Wed 6 January 2027)
    assert _items(_facts(TargetGroup.SYGEDAGPENGE, D(2026, 7, 6), back_within_26_weeks=True),
                  today=D(2026, 12, 20), rule_type="interviews") == []


def _praktik(start: dt.date, end: dt.date | None, *, extended: bool = False, follow_up: dt.date | None = None,
             kind: PlacementKind = PlacementKind.VIRKSOMHEDSPRAKTIK, employer: str = "Kærvang Supermarked"):
    return PlacementFact(uuid.UUID(int=7), kind, employer, start, end, PlacementStatus.ACTIVE, extended, follow_up)


# (target group, extended, last day still allowed) for a praktik starting Mon 7 September 2026
PRAKTIK_LENGTHS = [
    (JOBPARAT, False, D(2026, 10, 4)),   # 4 weeks
    (UDD, False, D(2026, 10, 4)),        # 4 weeks
    (UDD, True, D(2026, 10, 4)),         # no extension for uddannelsesparate
    (AKTIV, False, D(2026, 12, 6)),      # 13 weeks
    (AKTIV, True, D(2027, 3, 7)),        # 26 weeks after a concrete assessment
    (TargetGroup.RESSOURCEFORLOEB, False, D(2026, 12, 6)),
]


@pytest.mark.parametrize(("group", "extended", "last_day"), PRAKTIK_LENGTHS)
def test_virksomhedspraktik_length_per_target_group(group, extended, last_day):
    start = D(2026, 9, 7)
    within = _facts(group, placements=(_praktik(start, last_day, extended=extended, follow_up=start),))
    assert [w for w in evaluate(shipped_book(), within, start)[1] if w.rule.type == "praktik_length"] == []
    past = _facts(group, placements=(_praktik(start, last_day + dt.timedelta(days=1), extended=extended,
                                              follow_up=start),))
    [warning] = [w for w in evaluate(shipped_book(), past, start)[1] if w.rule.type == "praktik_length"]
    assert f"{last_day:%d-%m-%Y}" in warning.what[0]


def test_a_praktik_ending_without_an_employer_follow_up_is_on_the_worklist():
    facts = _facts(JOBPARAT, placements=(_praktik(D(2026, 11, 2), D(2026, 12, 11)),))
    assert _items(facts, today=D(2026, 11, 26), rule_type="placement_follow_up") == []  # 15 days before
    [item] = _items(facts, today=D(2026, 11, 27), rule_type="placement_follow_up")  # 14 days before
    assert item.due == D(2026, 12, 11)
    assert item.what == ("Praktik at Kærvang Supermarked ends Fri 11-12-2026",
                         "Praktik hos Kærvang Supermarked slutter fre 11-12-2026")
    assert item.why[0] == "no employer follow-up since it started" and item.rule.source == "LAB § 61"
    # ended without one: still there, overdue, until the follow-up is recorded
    [late] = _items(facts, today=D(2027, 2, 1), rule_type="placement_follow_up")
    assert late.due == D(2026, 12, 11)
    done = _facts(JOBPARAT, placements=(_praktik(D(2026, 11, 2), D(2026, 12, 11), follow_up=D(2026, 11, 20)),))
    assert _items(done, today=D(2027, 2, 1), rule_type="placement_follow_up") == []


def test_a_praktik_ending_on_christmas_eve_is_due_the_next_working_day():
    facts = _facts(JOBPARAT, placements=(_praktik(D(2026, 12, 1), D(2026, 12, 24)),))
    [item] = _items(facts, today=D(2026, 12, 20), rule_type="placement_follow_up")
    assert item.due == D(2026, 12, 28)


def test_fleksjob_follow_up_after_two_and_a_half_years():
    p = _praktik(D(2024, 6, 3), None, kind=PlacementKind.FLEKSJOB, employer="Brugsen")
    [item] = _items(_facts(TargetGroup.FLEKSJOB, placements=(p,)), today=D(2026, 11, 30), rule_type="fleksjob_follow_up")
    assert item.due == D(2026, 12, 3) and item.rule.source == "LAB § 70 d"
    met = _facts(TargetGroup.FLEKSJOB, placements=(p,), last_meeting=D(2026, 10, 1))
    assert _items(met, today=D(2026, 11, 30), rule_type="fleksjob_follow_up") == []
    [second] = _items(met, today=D(2028, 11, 1), rule_type="fleksjob_follow_up")
    assert second.due == D(2028, 12, 4)  # 4½ years: Sun 3 December 2028 → Monday


@pytest.mark.parametrize(("facts", "today", "rule_type", "due"), [
    (_facts(cti_course_id=uuid.UUID(int=3), cti_start=D(2026, 3, 2), cti_phase=3), D(2026, 11, 30), "cti_follow_up",
     D(2026, 12, 2)),
    (_facts(plan_id=uuid.UUID(int=4), review_on=D(2026, 12, 12)), D(2026, 12, 1), "plan_review", D(2026, 12, 14)),
    (_facts(plan_id=uuid.UUID(int=4), plan_has_goals=True, plan_created=D(2026, 12, 10)), D(2026, 12, 10), "consent",
     D(2026, 12, 28)),
    (_facts(last_contact=D(2026, 8, 1)), D(2026, 11, 30), "no_contact", D(2026, 10, 30)),
    (_facts(last_contact=D(2026, 11, 9), cti_phase=1), D(2026, 11, 30), "no_contact", D(2026, 11, 30)),  # 21 days
])
def test_cti_plan_and_contact_deadlines(facts, today, rule_type, due):
    [item] = _items(facts, today, rule_type)
    assert item.due == due


def test_the_nine_month_follow_up_enplan_wrote_is_not_listed_twice():
    facts = _facts(cti_course_id=uuid.UUID(int=3), cti_start=D(2026, 3, 2), cti_phase=3, cti_follow_up_written=True)
    assert _items(facts, D(2026, 11, 30), "cti_follow_up") == []
