"""Properties of every rule item, on any facts: its due date is a working day,
it never lies before the event that caused it, and dismissing it removes it.
And the 75% counters."""

from __future__ import annotations

import datetime as dt
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from enplan.domain.dates import is_working_day
from enplan.domain.enums import MeetingType, PlacementKind, PlacementStatus, RuleDecisionKind, TargetGroup
from enplan.domain.rules.counters import counters
from enplan.domain.rules.evaluate import evaluate
from enplan.domain.rules.facts import CitizenFacts, Decision, PlacementFact
from enplan.domain.rules.loading import shipped_book

days = st.dates(dt.date(2024, 1, 1), dt.date(2028, 12, 31))
placements = st.builds(
    lambda i, kind, start, length, status, extended, contact: PlacementFact(
        uuid.UUID(int=i), kind, "Virksomhed", start, start + dt.timedelta(days=length) if length is not None else None,
        status, extended, contact),
    st.integers(1, 10**6), st.sampled_from(PlacementKind), days, st.none() | st.integers(0, 800),
    st.sampled_from(PlacementStatus), st.booleans(), st.none() | days)
facts = st.builds(
    lambda group, start, back, interviews, last_meeting, last_contact, places, cti, phase, plan, review, consent: CitizenFacts(
        uuid.UUID(int=1), "Borger", "mette", group, start, back, tuple(interviews), last_meeting, last_contact,
        tuple(places), uuid.UUID(int=2) if cti else None, cti, phase if cti else None, False,
        uuid.UUID(int=3) if plan else None, bool(plan), plan, review if plan else None, consent),
    st.sampled_from(TargetGroup), st.none() | days, st.booleans(),
    st.lists(st.tuples(st.sampled_from(MeetingType), st.integers(1, 6), days), max_size=6), st.none() | days, st.none() | days,
    st.lists(placements, max_size=4, unique_by=lambda p: p.id), st.none() | days, st.sampled_from([0, 1, 2, 3]), st.none() | days,
    st.none() | days, st.none() | days)


def _event(item, f: CitizenFacts) -> dt.date:
    """The date of the event that caused the item."""
    kind = item.rule.type
    if kind in ("interviews", "first_offer"):
        return f.benefit_start
    if kind in ("placement_follow_up", "fleksjob_follow_up"):
        return next(p.start for p in f.placements if p.id == item.subject_id)
    return {"cti_follow_up": f.cti_start, "plan_review": f.review_on, "consent": f.plan_created,
            "no_contact": f.last_contact}[kind]


@settings(max_examples=300, deadline=None)
@given(facts, days)
def test_every_due_date_is_a_working_day_never_before_its_event(f, today):
    items, _warnings = evaluate(shipped_book(), f, today)
    for item in items:
        assert is_working_day(item.due), item
        assert item.due >= _event(item, f), item


@settings(max_examples=100, deadline=None)
@given(facts, days)
def test_a_dismissed_item_is_gone_and_only_that_one(f, today):
    items, _warnings = evaluate(shipped_book(), f, today)
    for item in items:
        decided = Decision(item.rule.id, RuleDecisionKind.DISMISSED, item.subject_id, item.due, "handled elsewhere")
        after, _w = evaluate(shipped_book(), CitizenFacts(**{**f.__dict__, "decisions": (decided,)}), today)
        assert item not in after
        assert [i for i in after if (i.rule.id, i.subject_id, i.due) != (item.rule.id, item.subject_id, item.due)
                and i.rule.type != "interviews"] == [
            i for i in items if i is not item and i.rule.type != "interviews"]


def _jobparat(n: int, start: dt.date, interview: dt.date | None = None, exempt: str = "") -> CitizenFacts:
    decisions = (Decision("interview_share", RuleDecisionKind.EXEMPT, None, None, exempt),) if exempt else ()
    return CitizenFacts(uuid.UUID(int=n), f"Borger {n}", "mette", TargetGroup.JOBPARAT, start,
                        interviews=((MeetingType.JOBSAMTALE, 1, interview),) if interview else (), decisions=decisions)


def test_the_75_percent_counter_counts_met_missed_pending_and_exempt():
    today = dt.date(2027, 3, 1)
    caseload = [
        _jobparat(1, dt.date(2026, 7, 1), dt.date(2026, 7, 8)),    # met
        _jobparat(2, dt.date(2026, 7, 1), dt.date(2026, 12, 30)),  # met: 6 months end Fri 1 Jan → Mon 4 Jan
        _jobparat(3, dt.date(2026, 7, 1), dt.date(2027, 1, 5)),    # missed: the interview came too late
        _jobparat(4, dt.date(2026, 8, 3)),                         # missed
        _jobparat(5, dt.date(2027, 1, 10)),                        # pending: still within 6 months
        _jobparat(6, dt.date(2026, 7, 1), exempt="Ordinary job from 1 August"),
        _jobparat(7, dt.date(2026, 6, 1), dt.date(2026, 6, 3)),    # started under the old rules: not counted
    ]
    counter = next(c for c in counters(shipped_book(), caseload, today) if c.rule == "interview_share")
    assert (counter.met, counter.missed, counter.pending, counter.percent) == (2, 2, 1, 50)
    assert not counter.on_track and counter.goal_percent == 75
    assert [(e.name, e.reason) for e in counter.exempt] == [("Borger 6", "Ordinary job from 1 August")]
    assert counter.text == ("Job interview within 6 months", "Jobsamtale inden for 6 måneder")
