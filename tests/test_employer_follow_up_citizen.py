"""An employer follow-up about a citizen before any placement exists (job
development for them): it names the citizen, its next due date reaches their
worklist, and their file lists it beside those on their placements."""

from __future__ import annotations

import datetime as dt

import pytest

from enplan.domain.enums import FollowUpSource, PlacementKind, TargetGroup
from enplan.domain.errors import ValidationError
from enplan.domain.followups import WorkKind
from enplan.services import CitizenInput, EmployerFollowUpInput, EmployerInput, NotFoundError, PlacementInput
from enplan.store import tables as t

D = dt.date


def _citizen(services, name: str):  # noqa: ANN202
    return services.create_citizen(CitizenInput(name=name, target_group=TargetGroup.JOBPARAT, caseworker="mette"))


def _follow_up_items(services) -> list:  # noqa: ANN001 - the worklist's follow-ups (not rule items)
    return [i for i in services.worklist("mette") if i.kind is WorkKind.FOLLOW_UP]


def _stored(services, row_id):  # noqa: ANN001, ANN202
    with services.db.read() as s:
        row = s.get(t.EmployerFollowUp, row_id)
        return row.citizen_id, row.placement_id


def test_without_a_placement_the_next_due_date_reaches_the_citizens_worklist(services):
    cid = _citizen(services, "Åse Østergaard")
    employer = services.create_employer(EmployerInput(name="Bager Jensen ApS"))
    efu = services.record_employer_follow_up(EmployerFollowUpInput(
        held_on=D(2026, 11, 20), employer_id=employer, citizen_id=cid, outcome="Åbne for praktik",
        next_due_on=D(2026, 12, 4)))
    assert _stored(services, efu) == (cid, None)
    (item,) = _follow_up_items(services)
    assert (item.citizen_id, item.due) == (cid, D(2026, 12, 4))
    (follow_up,) = services.follow_ups(cid)
    assert (follow_up.id, follow_up.source, follow_up.source_id) == (item.ref_id, FollowUpSource.EMPLOYER, efu)


def test_the_citizens_file_lists_it_beside_those_on_their_placements(services):
    cid, other = _citizen(services, "Åse Østergaard"), _citizen(services, "Bjørn Ærø")
    employer = services.create_employer(EmployerInput(name="Netto Vesterbro"))
    placement = services.create_placement(cid, PlacementInput(employer, PlacementKind.VIRKSOMHEDSPRAKTIK,
                                                              D(2026, 10, 1)))
    on_placement = services.record_employer_follow_up(EmployerFollowUpInput(
        held_on=D(2026, 11, 15), placement_id=placement, citizen_id=cid))
    named = services.record_employer_follow_up(EmployerFollowUpInput(
        held_on=D(2026, 11, 20), employer_id=employer, citizen_id=cid))
    services.record_employer_follow_up(EmployerFollowUpInput(held_on=D(2026, 11, 21), employer_id=employer,
                                                             citizen_id=other))
    employer_only = services.record_employer_follow_up(EmployerFollowUpInput(held_on=D(2026, 11, 21),
                                                                             employer_id=employer))
    assert _stored(services, on_placement) == (cid, placement)  # the placement's citizen is kept too
    assert _stored(services, employer_only) == (None, None)
    detail = services.citizen_detail(cid)
    assert [f.id for f in detail.employer_follow_ups] == [named, on_placement]  # newest first
    assert detail.totals["employer_follow_ups"] == 2
    assert [f.id for f in services.citizen_detail(cid, history_limit=1).employer_follow_ups] == [named]


def test_a_placement_of_another_citizen_is_refused(services):
    cid, other = _citizen(services, "Åse Østergaard"), _citizen(services, "Bjørn Ærø")
    employer = services.create_employer(EmployerInput(name="Netto Vesterbro"))
    placement = services.create_placement(other, PlacementInput(employer, PlacementKind.VIRKSOMHEDSPRAKTIK,
                                                                D(2026, 10, 1)))
    with pytest.raises(ValidationError) as refused:
        services.record_employer_follow_up(EmployerFollowUpInput(
            held_on=D(2026, 11, 20), placement_id=placement, citizen_id=cid, next_due_on=D(2026, 12, 4)))
    assert (refused.value.message, refused.value.field) == ("The placement is another citizen's.", "placement_id")
    with pytest.raises(NotFoundError):
        services.record_employer_follow_up(EmployerFollowUpInput(
            held_on=D(2026, 11, 20), employer_id=employer, citizen_id=employer))  # not a citizen
    assert services.citizen_detail(cid).employer_follow_ups == () and _follow_up_items(services) == []


def test_about_the_employer_only_nothing_reaches_a_worklist(services):
    _citizen(services, "Åse Østergaard")
    employer = services.create_employer(EmployerInput(name="Netto Vesterbro"))
    services.record_employer_follow_up(EmployerFollowUpInput(held_on=D(2026, 11, 20), employer_id=employer,
                                                             next_due_on=D(2026, 12, 4)))
    assert _follow_up_items(services) == []
