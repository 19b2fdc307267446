"""A handover on the server reaches the laptops (issue 15): the citizen leaves the
old caseworker's laptop at its next sync and arrives on the new one's whole, with
the handover note shown first there; a laptop itself hands nobody over."""

from __future__ import annotations

import pytest

from enplan.domain.errors import ValidationError


def test_a_handed_over_citizen_moves_between_laptops_with_the_note(team, laptop):
    cid = team.citizen("Anna Berg", caseworker="mette")
    team.citizen("Bent Andersen", caseworker="jonas")
    mette, jonas = laptop("mette"), laptop("jonas")
    assert [c.name for c in mette.caseload()] == ["Anna Berg"]
    with pytest.raises(ValidationError, match="on the team server"):
        mette.hand_over([cid], "jonas", "Ferie")
    team.services("lise").hand_over([cid], "jonas", "Anna vil helst have sms.")
    mette.sync()
    jonas.sync()
    assert mette.caseload() == []
    assert sorted(c.name for c in jonas.caseload()) == ["Anna Berg", "Bent Andersen"]
    spell = jonas.citizen_detail(cid).caseworkers[-1]
    assert (spell.caseworker, spell.previous, spell.note) == ("jonas", "mette", "Anna vil helst have sms.")
    assert spell.handed_over_by and spell.note_read_at is None  # the server's login that handed over
    jonas.mark_handover_note_read(spell.id)  # read on the laptop: kept there, nothing waits to be sent
    assert jonas.citizen_detail(cid).caseworkers[-1].note_read_at is not None
    assert jonas.sync_status().waiting == 0
