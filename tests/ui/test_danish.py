"""The app in Danish (language = "da"): caseload, worklist, citizen, help,
a form with its errors, the palette; and English again in a new app."""

from __future__ import annotations

import tomllib

import pytest

from enplan import i18n
from enplan.config import Settings
from enplan.paths import config_file
from tests.ui.conftest import notifications, press, settle, shown_text
from tests.ui.recording import field_error, type_text
from tests.ui.test_citizen import open_citizen

DANISH = Settings(language="da")


@pytest.fixture(autouse=True)
def _english_after():
    """The language is process-wide: leave English for the tests that follow."""
    yield
    i18n.set_language("en")


async def test_caseload_and_worklist_in_danish(seeded, make_app):
    url, _ids = seeded
    app = make_app(url, settings=DANISH)
    async with app.run_test(size=(120, 32)) as pilot:
        await settle(pilot)
        lines = shown_text(app).splitlines()
        assert "Sagsstamme" in lines[0] and "søn 22-11-2026" in lines[0]
        assert lines[1].startswith(" 6 borgere · 2 opfølgninger for sent · 1 CTI-kontakt for sent")
        assert "sortering: hast" in lines[2]
        for header in ("Navn", "Målgruppe", "Kontaktet", "Frist", "Overskredet"):
            assert header in lines[3]
        text = shown_text(app)
        assert "Aktivitetsparat kontanthjælp" in text and "Andet" in text  # labels; legal terms stay Danish
        for key in ("⏎ Åbn", "/ Filtrér", "s Sortér", "n Ny borger", "w Arbejdsliste", "? Hjælp", "^p Kommandoer"):
            assert key in lines[-1]
        await press(pilot, "w")
        text = shown_text(app)
        assert "Arbejdsliste" in text.splitlines()[0]
        assert "Overskredet: 3 · I dag: 2 · Denne uge: 1 · Senere: 3 · Udført i dag: 1" in text
        for words in ("Hvornår", "Frist", "Borger", "Hvad", "Ansvarlig", "Overskredet (3)", "Udført i dag (1)",
                      "⚠ 13 dage for sent", "⚠ 1 dag for sent", "om 3 dage", "✓ udført"):
            assert words in text, words
        assert "CTI-kontakt (fase 1)" in text  # worded from kind + phase, not the English `what`
        assert "Ring til lægen" in text  # a follow-up's title is the caseworker's own text
        assert "x Udført/ikke udført" in text and "r Ny frist" in text


async def test_citizen_tabs_help_and_a_form_in_danish(seeded, make_app):
    url, ids = seeded
    app = make_app(url, settings=DANISH)
    async with app.run_test(size=(120, 32)) as pilot:
        await open_citizen(pilot, ids.ase)
        text = shown_text(app)
        for words in ("1 Plan", "2 Tidslinje", "3 CTI", "4 Arbejde", "5 Opfølgninger", "Samtykke givet 01-03-2026",
                      "sagsbehandler mette", "Borgerens eget mål", "Revurdering", "senest: Fremgang",
                      "Fase 1 · dag 70/91", "m Møde", "c CTI-kontakt", "e Virksomhed"):
            assert words in text, words
        await press(pilot, "3")
        text = shown_text(app)
        for words in ("Kontaktperiode", "Hyppighed", "Ugentlig", "Hver 2. uge", "→ nu",
                      "Metodetroskab ud fra registreringerne", "dag 70 af 91 planlagte"):
            assert words in text, words
        await press(pilot, "G")  # the check-ins follow the fidelity
        assert "CTI-kontakter, nyeste først" in shown_text(app)
        await press(pilot, "question_mark")
        text = shown_text(app)
        assert "Taster: Borger" in text and "Fanen Plan" in text and "Redigér borger" in text
        await press(pilot, "escape", "f")
        assert "Ny opfølgning · Åse Østergaard" in shown_text(app)
        await press(pilot, "ctrl+s")
        text = shown_text(app)
        assert "Skal udfyldes." in text and "2 felter skal rettes." in text
        assert "^s Gem" in text and "esc Annullér" in text
        await type_text(pilot, "Ring til kommunen")
        await press(pilot, "tab")
        await type_text(pilot, "31-02-2026")  # an error from the domain, as a Phrase
        assert field_error(app, "due_on") == "31-02-2026 er ikke en gyldig dato."
        await press(pilot, "ctrl+u")
        await type_text(pilot, "garbage")  # a constant domain error, as a msgid
        assert field_error(app, "due_on") == "Ikke en dato. Skriv dd-mm-åååå, åååå-mm-dd, i dag eller +2w."


async def test_the_praktik_warning_and_placements_in_danish(seeded, make_app):
    url, ids = seeded
    app = make_app(url, settings=DANISH)
    async with app.run_test(size=(120, 32)) as pilot:
        await open_citizen(pilot, ids.bjorn, "work")
        text = " ".join(shown_text(app).split())
        assert "Virksomhedspraktik · 15 t/uge" in text
        assert ("⚠ Virksomhedspraktikken varer længere end de tilladte 4 uger (sidste tilladte dag 28-10-2026)."
                in text)
        assert "Virksomhedsopfølgninger" in text and "Kontaktperson: Lise" in text


async def test_the_palette_in_danish_saves_the_language_for_the_next_start(seeded, make_app):
    url, _ids = seeded
    app = make_app(url, settings=DANISH)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Tema", "Taster", "Skærmbillede", "App: sprog"} <= set(titles)
        assert not {"Theme", "Keys", "Screenshot", "Quit"} & set(titles)
        await press(pilot, "ctrl+p")
        assert "Søg efter kommandoer…" in shown_text(app)
        await type_text(pilot, "sprog")
        await settle(pilot)
        text = shown_text(app)
        assert "App: sprog" in text and "Vis enplan på engelsk eller dansk (fra næste start)" in text
        await press(pilot, "enter")
        assert "Vælg et sprog…" in shown_text(app)
        assert "Dansk  ✓" in shown_text(app)
        await type_text(pilot, "English")
        await press(pilot, "enter")
        await settle(pilot)
        assert "Sproget er gemt: English. Det gælder fra næste gang, enplan starter." in notifications(app)
        assert "Sagsstamme" in shown_text(app)  # this run keeps its language
    assert tomllib.loads(config_file().read_text(encoding="utf-8"))["language"] == "en"


async def test_english_again_in_a_new_app(seeded, make_app):
    url, _ids = seeded
    app = make_app(url, settings=DANISH)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Sagsstamme" in shown_text(app)
    app = make_app(url)  # Settings() says English
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        lines = shown_text(app).splitlines()
        assert "Caseload" in lines[0] and "Sun 22-11-2026" in lines[0]
        assert "⏎ Open" in lines[-1] and "^p Commands" in lines[-1]
        await press(pilot, "w")
        assert "CTI contact (phase 1)" in shown_text(app)
    assert i18n.language() == "en"


async def test_an_unknown_language_is_reported_and_english_used(seeded, make_app):
    url, _ids = seeded
    app = make_app(url, settings=Settings(language="fr"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Caseload" in shown_text(app)
        assert "Unknown language 'fr'; using English." in notifications(app)


async def test_the_danish_caseload_summary_stays_one_line_at_80_columns(demo_url, make_app):
    """The demo caseload's sums in Danish are longer than 80 columns: the shorter words fit,
    and a wider terminal gets the whole words back."""
    app = make_app(demo_url, settings=DANISH, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = shown_text(app).splitlines()
        assert lines[1].startswith(" 29 borgere · 18 opfølgninger for sent · 4 CTI for sent · ")
        assert "frister i ugen" in lines[1] and lines[2].lstrip().startswith("Filtrér")  # not wrapped
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        lines = shown_text(app).splitlines()
        assert "4 CTI-kontakter for sent" in lines[1] and "med frist i ugen" in lines[1]
