"""The citizen's Progress tab (6): each instrument's latest value, its change
since the first with a real change marked in symbols and words (not colour
alone), a chart with the measurements' dates, the empty state, and deleting
a measurement with undo. Bjørn's measures come from the seed (tests/ui/seed.py)."""

from __future__ import annotations

import pytest

from enplan import i18n
from enplan.config import Settings
from enplan.ui.widgets.progress_table import ProgressTable
from tests.conftest import TODAY as D_TODAY
from tests.ui.conftest import notifications, press, settle, shown_text
from tests.ui.test_citizen import open_citizen


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")  # the language is process-wide


def _lines(text: str, word: str) -> list[str]:
    return [line for line in text.splitlines() if word in line]


async def test_latest_value_change_and_a_real_change_in_words(seeded, make_app, services_for):
    url, ids = seeded
    due = services_for(url).progress(ids.bjorn).next_due
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.bjorn)
        await press(pilot, "6")
        text = shown_text(app)
        # the overview: latest, then the change since the first; ≥ the threshold says so
        assert "49  ▲ +14 (≥ 10)" in _lines(text, "Wellbeing (trivsel)")[0]
        assert "52  ▲ +24 (≥ 10)" in _lines(text, "WHO-5 wellbeing index")[0]
        belief = _lines(text, "Caseworker's belief")[0]
        assert "3  ▲ +1" in belief and "(≥" not in belief  # 2 → 3: under the 2-step threshold
        assert "7.5  ▲ +7.5" in _lines(text, "Ordinary paid hours")[0] and "(≥" not in text.split("Ordinary")[1][:40]
        assert f"Next measurement due {due:%d-%m-%Y} (" in text
        await press(pilot, "j")  # to the first measurement, under the first chart
        text = shown_text(app)
        # the first chart, in a sentence and with every measurement's date under its bar
        assert "Latest 49 on 19-11-2026 · ▲ +14 (≥ 10) since 01-10-2026 (35) · a real change" in text
        axis = _lines(text, "└")[0]
        assert axis.count("┴") == 3 * 2  # three measurements, bars two wide
        dates = _lines(text, "01-10-26")[0]
        assert dates.split() == ["01-10-26", "15-10-26", "19-11-26"]
        # spaced by date: 14 days, then 35, so the second gap is the longer
        first, second, third = (dates.index(d) for d in ("01-10-26", "15-10-26", "19-11-26"))
        assert third - second > 2 * (second - first)


async def test_the_rows_say_what_a_value_means_and_where_it_was_taken(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(120, 90)) as pilot:
        await open_citizen(pilot, ids.bjorn, "progress")
        text = shown_text(app)
        assert "Latest 52 (no immediate risk) on 19-11-2026" in text
        assert "28 high risk · ≤ 28: may suggest depression (1 1 2 1 2) · on its own" in text
        assert "Latest 3 (uncertain) on 19-11-2026 · ▲ +1 since 01-10-2026 (2)" in text
        assert "19-11-2026   7.5 · on its own · mette · Glad for lageret" in text


async def test_no_color_keeps_the_highlight_in_symbols_and_words(seeded, make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.bjorn, "progress")
        assert app.no_color
        text = shown_text(app)
        assert "▲ +14 (≥ 10)" in text and "▲ +24 (≥ 10)" in text
        assert "(≥ n): a real change" in text


async def test_in_danish(seeded, make_app):
    url, ids = seeded
    app = make_app(url, settings=Settings(language="da"))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.bjorn, "progress")
        text = shown_text(app)
        assert "6 Fremgang" in text
        assert "Seneste" in text and "▲ +14 (≥ 10)" in text
        assert "Næste måling senest " in text
        assert "7,5" in text  # a decimal comma


async def test_a_citizen_without_measures_is_told_how_to_record_them(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.bjorn, "progress")
        assert "Wellbeing (trivsel)" in shown_text(app)
        pilot.app.open_citizen(ids.carl, "progress")  # the screen is reused: nothing of Bjørn's stays
        await settle(pilot)
        text = shown_text(app)
        assert "No measures recorded yet." in text
        assert "M records trivsel" in text
        assert "Wellbeing" not in text


async def test_delete_a_measurement_and_undo(seeded, make_app, services_for):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.bjorn, "progress")
        await press(pilot, "d")  # no cursor yet: nothing is deleted
        assert notifications(app)[-1] == "Choose a measurement (j/k), then press the key again."
        assert len(services_for(url).progress(ids.bjorn).rows) == 10
        await press(pilot, "j", "j", "d")  # the second trivsel measurement
        assert notifications(app)[-1] == "Deleted: Wellbeing (trivsel) 41 (15-10-2026). Press u to undo."
        trivsel = [r.value for r in services_for(url).progress(ids.bjorn).rows if r.instrument == "trivsel"]
        assert trivsel == [49, 35]
        assert "19-11-2026    49" in shown_text(app) and "15-10-2026    41" not in shown_text(app)
        await press(pilot, "u")
        assert notifications(app)[-1] == "Restored: Wellbeing (trivsel) 41 (15-10-2026)"
        trivsel = [r.value for r in services_for(url).progress(ids.bjorn).rows if r.instrument == "trivsel"]
        assert trivsel == [49, 41, 35]
        assert "15-10-2026    41" in shown_text(app)
        assert app.screen.query_one(ProgressTable).current.value == 41  # the cursor stays where it was


async def test_d_on_another_tab_still_deletes_a_follow_up(seeded, make_app):
    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.carl, "follow_ups")
        await press(pilot, "d")
        assert notifications(app)[-1] == "Deleted: Send CV til Netto. Press u to undo."
        await press(pilot, "u")
        assert notifications(app)[-1] == "Restored: Send CV til Netto"


async def test_the_tab_reads_again_when_opened(seeded, make_app, services_for):
    """The measures read when the citizen opened show at once; a fresh read follows."""
    from enplan.services import MeasuresInput

    url, ids = seeded
    app = make_app(url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.bjorn)
        assert app.screen.progress is not None  # read once the citizen was drawn
        services_for(url).record_measures(ids.bjorn, MeasuresInput(app.today, values={"trivsel": 60}))
        await press(pilot, "6")
        assert "60  ▲ +25 (≥ 10)" in _lines(shown_text(app), "Wellbeing (trivsel)")[0]


async def test_a_municipality_scale_shows_in_its_own_words(seeded, make_app, services_for):
    """A [[scale]] from config.toml: its Danish name, the mean of its topics, a fifth of its range as the threshold."""
    from enplan.domain.measures import SHIPPED, MeasureSetup, scales_from_config
    from enplan.services import MeasuresInput, Services

    scales, _problems = scales_from_config([{"key": "kompas", "name": "Change compass", "name_da": "Forandringskompas",
                                              "topics": ["Housing", "Health"], "topics_da": ["Bolig", "Helbred"]}])
    url, ids = seeded
    checker = services_for(url)
    services = Services(checker.db, today=checker.today, actor="mette", measure_setup=MeasureSetup(SHIPPED + scales))
    services.record_measures(ids.carl, MeasuresInput(app_day := services.today, answers={"kompas": (2, 3)}))
    app = make_app(url, settings=Settings(language="da", scales=scales))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_citizen(pilot, ids.carl, "progress")
        text = shown_text(app)
        assert "Forandringskompas" in _lines(text, "2,5")[0]  # the mean of 2 and 3, a decimal comma
        assert f"Seneste 2,5 den {app_day:%d-%m-%Y} · første måling, ingen ændring endnu" in text


async def test_a_note_with_markup_and_escapes_is_shown_as_typed(seeded, make_app, services_for):
    from enplan.services import MeasuresInput
    from tests.ui.seed import HOSTILE_NOTE

    url, ids = seeded
    services_for(url).record_measures(ids.carl, MeasuresInput(D_TODAY, values={"trivsel": 40}, note=HOSTILE_NOTE))
    app = make_app(url)
    async with app.run_test(size=(160, 40)) as pilot:
        await open_citizen(pilot, ids.carl, "progress")
        line = _lines(shown_text(app), "Says")[0]
        assert "Says [bold]hi[/] and [link=x]click[/link] [@click=app.quit]quit[/] ␛[31mred" in line
