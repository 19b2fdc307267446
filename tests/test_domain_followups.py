"""Overdue, due soon, urgency bands and the worklist's ranking."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from enplan.domain.followups import (
    Urgency,
    WorkItem,
    WorkKind,
    is_due_soon,
    is_overdue,
    rank,
    urgency,
)

TODAY = dt.date(2026, 11, 22)


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


@pytest.mark.parametrize(("offset", "expected"), [
    (-30, Urgency.OVERDUE), (-1, Urgency.OVERDUE), (0, Urgency.TODAY), (1, Urgency.THIS_WEEK),
    (7, Urgency.THIS_WEEK), (8, Urgency.LATER), (90, Urgency.LATER),
])
def test_urgency_bands(offset, expected):
    assert urgency(day(offset), TODAY) is expected


def test_done_is_never_overdue_or_due_soon():
    assert urgency(day(-5), TODAY, done=True) is Urgency.DONE
    assert not is_overdue(day(-5), TODAY, done=True)
    assert not is_due_soon(day(2), TODAY, done=True)


def test_overdue_means_due_before_today():
    assert is_overdue(day(-1), TODAY)
    assert not is_overdue(day(0), TODAY)
    assert not is_overdue(day(3), TODAY)


@pytest.mark.parametrize(("offset", "soon"), [(-1, False), (0, True), (7, True), (8, False)])
def test_due_soon_is_today_to_seven_days(offset, soon):
    assert is_due_soon(day(offset), TODAY) is soon


def item(kind: WorkKind, offset: int, name: str = "Anna", done: bool = False, n: int = 0) -> WorkItem:
    return WorkItem(kind, uuid.UUID(int=n + 1), uuid.UUID(int=100 + n), name, f"item {n}", day(offset), done=done)


def test_days_overdue_never_negative():
    assert item(WorkKind.FOLLOW_UP, -4).days_overdue(TODAY) == 4
    assert item(WorkKind.FOLLOW_UP, 3).days_overdue(TODAY) == 0
    assert item(WorkKind.FOLLOW_UP, -4).urgency(TODAY) is Urgency.OVERDUE


def test_rank_overdue_follow_ups_oldest_first_then_overdue_cti_then_due_soon():
    fu_old = item(WorkKind.FOLLOW_UP, -10, n=1)
    fu_new = item(WorkKind.FOLLOW_UP, -1, n=2)
    cti_older = item(WorkKind.CTI_CONTACT, -20, n=3)  # older than every follow-up, still after them
    cti_new = item(WorkKind.CTI_CONTACT, -2, n=4)
    soon_cti = item(WorkKind.CTI_CONTACT, 1, n=5)
    today_fu = item(WorkKind.FOLLOW_UP, 0, n=6)
    later = item(WorkKind.FOLLOW_UP, 30, n=7)
    done = item(WorkKind.FOLLOW_UP, -50, done=True, n=8)
    shuffled = [later, done, soon_cti, cti_new, fu_new, today_fu, cti_older, fu_old]
    assert rank(shuffled, TODAY) == [fu_old, fu_new, cti_older, cti_new, today_fu, soon_cti, later, done]


def test_rank_same_day_ties_by_name_in_danish_order():
    names = ["Åse", "Zoran", "anna", "Ærø", "Øster", "Bent"]
    items = [item(WorkKind.FOLLOW_UP, -1, name=name, n=i) for i, name in enumerate(names)]
    assert [i.citizen_name for i in rank(items, TODAY)] == ["anna", "Bent", "Zoran", "Ærø", "Øster", "Åse"]


def test_rank_is_stable_for_identical_items():
    a = item(WorkKind.FOLLOW_UP, -1, n=1)
    b = item(WorkKind.FOLLOW_UP, -1, n=2)
    assert rank([b, a], TODAY) == rank([a, b], TODAY) == [a, b]
