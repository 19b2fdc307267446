"""Counts take the right plural in English and Danish (issue 14, first
impressions): every count that was worded with ``_()`` or an f-string and so
read "1 citizens" or "1 more actions", through ngettext now; 1 and 2 in both
languages, in the catalogue and where the words are made."""

from __future__ import annotations

from pathlib import Path

import pytest

from enplan import i18n
from enplan.cli import main
from tests.conftest import TODAY
from tests.test_i18n import small_db  # noqa: F401 - the fixture: one citizen


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


PLURALS = [  # singular, plural, values, (English 1, 2), (Danish 1, 2)
    ("… and {n} more action", "… and {n} more actions", {},
     ("… and 1 more action", "… and 2 more actions"), ("… og 1 indsats mere", "… og 2 indsatser mere")),
    ("({n} more character)", "({n} more characters)", {},
     ("(1 more character)", "(2 more characters)"), ("(1 tegn mere)", "(2 tegn mere)")),
    ("({n} more character is in your case file)", "({n} more characters are in your case file)", {},
     ("(1 more character is in your case file)", "(2 more characters are in your case file)"),
     ("(1 tegn mere står i din sag)", "(2 tegn mere står i din sag)")),
    ("Imported {n} record ({citizens}) from {file}.", "Imported {n} records ({citizens}) from {file}.",
     {"citizens": "…", "file": "a.json"},
     ("Imported 1 record (…) from a.json.", "Imported 2 records (…) from a.json."),
     ("Importerede 1 post (…) fra a.json.", "Importerede 2 poster (…) fra a.json.")),
    ("Exported {n} citizen to {file}{demo}.", "Exported {n} citizens to {file}{demo}.", {"file": "a.json", "demo": ""},
     ("Exported 1 citizen to a.json.", "Exported 2 citizens to a.json."),
     ("Eksporterede 1 borger til a.json.", "Eksporterede 2 borgere til a.json.")),
    ("{n} audit entry reduced to who, when and what", "{n} audit entries reduced to who, when and what", {},
     ("1 audit entry reduced to who, when and what", "2 audit entries reduced to who, when and what"),
     ("1 post i adgangsloggen reduceret til hvem, hvornår og hvad",
      "2 poster i adgangsloggen reduceret til hvem, hvornår og hvad")),
    ("Erased citizen {id}: {n} record removed, {entries}.", "Erased citizen {id}: {n} records removed, {entries}.",
     {"id": "c1", "entries": "…"},
     ("Erased citizen c1: 1 record removed, ….", "Erased citizen c1: 2 records removed, …."),
     ("Borger c1 er slettet: 1 post fjernet, ….", "Borger c1 er slettet: 2 poster fjernet, ….")),
    ("{n} open conflict", "{n} open conflicts", {}, ("1 open conflict", "2 open conflicts"),
     ("1 åben konflikt", "2 åbne konflikter")),
    ("{n} change the server refused", "{n} changes the server refused", {},
     ("1 change the server refused", "2 changes the server refused"),
     ("1 ændring, serveren afviste", "2 ændringer, serveren afviste")),
    ("{n} provisional rule set", "{n} provisional rule sets", {},
     ("1 provisional rule set", "2 provisional rule sets"), ("1 foreløbigt regelsæt", "2 foreløbige regelsæt")),
]


@pytest.mark.parametrize(("singular", "plural", "values", "english", "danish"), PLURALS, ids=[p[0] for p in PLURALS])
def test_one_and_two_in_english_and_danish(singular, plural, values, english, danish):
    for language, expected in (("en", english), ("da", danish)):
        i18n.set_language(language)
        assert tuple(i18n.ngettext(singular, plural, n).format(n=n, **values) for n in (1, 2)) == expected, language


@pytest.mark.parametrize("language", ["en", "da"])
def test_a_cut_text_counts_the_characters_left_out(language):
    from enplan.documents.pdf import pdf_text
    from enplan.ui.text import LITERAL_CHARS, literal

    i18n.set_language(language)
    one, two = (literal("x" * (LITERAL_CHARS + n)).plain for n in (1, 2))
    assert (one.endswith("(1 more character)"), two.endswith("(2 more characters)")) == (
        (True, True) if language == "en" else (False, False))
    if language == "da":
        assert one.endswith("(1 tegn mere)") and two.endswith("(2 tegn mere)")
    shown = pdf_text("x" * 12, limit=11)
    assert shown.endswith("(1 more character is in your case file)" if language == "en" else
                          "(1 tegn mere står i din sag)")


def test_the_meeting_form_counts_the_actions_it_leaves_out():
    from types import SimpleNamespace

    from enplan.ui.modals.meeting_parts import goal_header

    def goal(actions: int) -> SimpleNamespace:
        action = SimpleNamespace(description="Ring", provider="jobcenter", status="planned", due_on=None)
        return SimpleNamespace(title="Arbejde", life_area="bolig", last_progress=None, actions=[action] * actions)

    for language, one, two in (("en", "… and 1 more action", "… and 2 more actions"),
                               ("da", "… og 1 indsats mere", "… og 2 indsatser mere")):
        i18n.set_language(language)
        assert one in goal_header(goal(4), 1, 1, TODAY).plain and two in goal_header(goal(5), 1, 1, TODAY).plain


@pytest.mark.parametrize(("language", "one", "two", "imported"), [
    ("en", "Exported 1 citizen to", "Exported 2 citizens to", "records (1 citizen) from"),
    ("da", "Eksporterede 1 borger til", "Eksporterede 2 borgere til", "poster (1 borger) fra"),
])
def test_export_and_import_count_citizens(small_db, tmp_path, capsys, language, one, two, imported):  # noqa: F811
    from enplan.domain.enums import TargetGroup
    from enplan.services import CitizenInput, Services
    from enplan.store.opening import open_database

    def cli(*argv: str) -> str:
        capsys.readouterr()
        assert main([*argv, "--today", TODAY.isoformat(), "--lang", language]) == 0
        out, err = capsys.readouterr()
        return out + err

    exported = tmp_path / "one.json"
    assert one in cli("export", "--db", str(small_db), str(exported))
    assert imported in cli("import", "--db", str(tmp_path / "fresh.db"), str(exported))
    db = open_database(f"sqlite:///{small_db}", daily_backup=False)
    try:
        Services(db, today=TODAY, actor="mette").create_citizen(
            CitizenInput(name="Bo Berg", target_group=TargetGroup.AKTIVITETSPARAT, caseworker="mette"))
    finally:
        db.dispose()
    assert two in cli("export", "--db", str(small_db), str(tmp_path / "two.json"))


def test_erase_counts_what_it_removed(small_db, capsys):  # noqa: F811
    from enplan.services import Services
    from enplan.store.opening import open_database

    db = open_database(f"sqlite:///{small_db}", daily_backup=False)
    try:
        cid = str(Services(db, today=TODAY, actor="mette").caseload()[0].citizen_id)
    finally:
        db.dispose()
    capsys.readouterr()
    assert main(["erase", "--db", str(small_db), "--citizen", cid, "--yes", "--lang", "da",
                 "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert f"Borger {cid} er slettet: " in out and " poster fjernet, " in out and "adgangsloggen" in out


def test_no_count_is_left_to_an_f_string_in_the_commands():
    """The f-strings that said "1 citizens" and "1 open conflicts" are gone."""
    root = Path(__file__).resolve().parent.parent / "src" / "enplan"
    text = (root / "commands.py").read_text() + (root / "sync_commands.py").read_text()
    for bad in ('f"Exported {len(', 'f"Imported {total} records', 'records removed, "', 'f"{len(items)} open conflicts"',
                'f"{len(items)} quarantined changes"'):
        assert bad not in text, bad
