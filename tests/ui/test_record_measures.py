"""Recording measures in the app: on their own (M on a citizen or on the
worklist), on the meeting's last page and at a CTI check-in. Trivsel and
belief take at most 8 keys beyond the numbers; a number off its scale or a
WHO-5 with an answer missing stops the save at its field, nothing stored."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from enplan.domain.followups import WorkKind
from enplan.ui.screens.citizen import CitizenScreen
from tests.ui.conftest import settle
from tests.ui.recording import Keys, form
from tests.ui.test_citizen import open_citizen

D = dt.date


def _rows(services, cid):  # noqa: ANN001, ANN202
    return {r.instrument: r for r in reversed(services.progress(cid).rows)}  # the newest of each


async def test_a_number_off_its_scale_and_a_missing_who5_answer_stop_the_save_at_the_field(seeded, make_app,
                                                                                           services_for):
    url, ids = seeded
    before = len(services_for(url).progress(ids.carl).rows)
    app = make_app(url)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_citizen(pilot, ids.carl)
        await pilot.press("M")
        await settle(pilot)
        measure = form(app)
        measure.field("m-trivsel").value = "101"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert measure.field("m-trivsel").error == "Type a whole number from 1 to 100."
        measure.field("m-trivsel").value = "57"
        for n, answer in zip((1, 2, 4, 5), "3322", strict=True):  # question 3 left out
            measure.field(f"m-who5-{n}").value = answer
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is measure
        assert "question 3 has no answer" in measure.field("m-who5-1").error
        measure.field("measured_on").value = "01-12-2026"
        measure.field("m-who5-3").value = "4"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is measure and "future" in measure.field("measured_on").error
    assert len(services_for(url).progress(ids.carl).rows) == before


async def test_who5_is_stored_with_its_answers_and_score(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_citizen(pilot, ids.carl)
        await pilot.press("M")
        await settle(pilot)
        measure = form(app)
        for n, answer in enumerate("34323", 1):
            measure.field(f"m-who5-{n}").value = answer
        await settle(pilot)
        assert "4 = Most of the time" in str(measure.field("m-who5-2").query_one(".field-aside").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CitizenScreen)
    who5 = _rows(services_for(url), ids.carl)["who5"]
    assert (who5.answers, who5.value) == ((3, 4, 3, 2, 3), 60)


async def test_the_meetings_last_page_and_a_check_in_take_measures(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.ase)
        keys = Keys(pilot)
        await keys("m")
        while "page-measures" not in str(app.screen.query_one("#pages").current):
            await keys("ctrl+down")
        await keys.type("61")
        await keys("ctrl+s")
        assert isinstance(app.screen, CitizenScreen)
        await keys("c")
        check_in = form(app)
        check_in.field("m-belief").value = "3"
        await keys("ctrl+s")
        assert isinstance(app.screen, CitizenScreen)
    rows = _rows(services_for(url), ids.ase)
    assert (rows["trivsel"].value, rows["trivsel"].source) == (61, "meeting")
    assert (rows["belief"].value, rows["belief"].source) == (3, "checkin")


async def test_a_due_measure_on_the_worklist_is_done_by_recording_measures(seeded, make_app, services_for):
    url, ids = seeded
    due = [i for i in services_for(url).worklist("mette") if i.kind is WorkKind.MEASURE]
    assert due, "the seed has a citizen with a measure due"
    item = due[0]
    app = make_app(url)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        screen.table.move_to_key(f"measure:{item.ref_id}")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert any("M records them" in str(n.message) for n in app._notifications)
        await pilot.press("M")
        await settle(pilot)
        form(app).field("m-trivsel").value = "50"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
    after = [i for i in services_for(url).worklist("mette") if i.kind is WorkKind.MEASURE
             and i.citizen_id == item.citizen_id]
    assert after == [] and services_for(url).progress(item.citizen_id).next_due == D(2027, 2, 22)


@given(st.text(max_size=12))
def test_whatever_is_typed_in_a_number_field_reads_as_a_finite_number_or_none(text):
    from enplan.ui.measure_fields import parse_number

    value = parse_number(text)
    assert value is None or (isinstance(value, float) and value == value and abs(value) != float("inf"))
