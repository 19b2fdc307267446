"""Soft delete with undo: gone from every list, back exactly as it was."""

from __future__ import annotations

import pytest

from enplan.services import NotFoundError
from tests.safety.workflow import run_every_use_case


def _visible(services, ids) -> dict[str, set]:  # noqa: ANN001
    d = services.citizen_detail(ids.citizen)
    goals = d.plan.goals if d.plan else ()
    return {
        "meeting": {m.id for m in d.meetings},
        "goal": {g.id for g in goals},
        "action": {a.id for g in goals for a in g.actions},
        "placement": {p.id for p in d.placements},
        "employer_follow_up": {f.id for f in d.employer_follow_ups},
        "checkin": {c.id for c in d.cti.checkins} if d.cti else set(),
        "follow_up": {f.id for f in d.follow_ups},
    }


KINDS = ["meeting", "goal", "action", "placement", "employer_follow_up", "checkin", "follow_up"]


def test_delete_then_undo_each_kind(services):
    ids = run_every_use_case(services)
    before = _visible(services, ids)
    for kind in KINDS:
        ident = getattr(ids, kind)
        assert ident in before[kind]
        services.delete_record(kind, ident)
        assert ident not in _visible(services, ids)[kind], kind
        services.restore_record(kind, ident)
        assert _visible(services, ids) == before, kind
        log = [e.action for e in services.audit_log(ids.citizen) if e.entity_id == ident]
        assert log[-2:] == ["delete", "restore"], kind  # filed under the citizen, however deep the record


def test_named_methods_match_the_generic_ones(services):
    for kind in KINDS:
        assert hasattr(services, f"delete_{kind}") and hasattr(services, f"restore_{kind}")


def test_follow_ups_created_by_a_record_go_and_come_back_with_it(services):
    ids = run_every_use_case(services)
    with_placement = {f.id for f in services.follow_ups(ids.citizen)}
    own = services.add_follow_up(ids.citizen, "Separate task", services.today)
    services.delete_follow_up(own)  # deleted on its own, earlier: must stay deleted
    services.delete_placement(ids.placement)
    remaining = {f.id for f in services.follow_ups(ids.citizen)}
    assert remaining < with_placement  # the retention checks went with the placement
    assert not any("Retention" in f.title for f in services.follow_ups(ids.citizen))
    services.restore_placement(ids.placement)
    assert {f.id for f in services.follow_ups(ids.citizen)} == with_placement


def test_delete_twice_and_unknown(services):
    ids = run_every_use_case(services)
    services.delete_meeting(ids.meeting)
    services.delete_meeting(ids.meeting)  # idempotent: no error, no second audit entry
    deletes = [e for e in services.audit_log(ids.citizen) if e.action == "delete" and e.entity_id == ids.meeting]
    assert len(deletes) == 2  # one from the workflow's own delete/undo, one now
    with pytest.raises(NotFoundError):
        services.delete_goal("3f2b6c1e-0000-4000-8000-000000000000")
    with pytest.raises(ValueError, match="cannot be deleted"):
        services.delete_record("citizen", ids.citizen)
