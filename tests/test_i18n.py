"""The Danish catalogue: complete, compiled, consistent with the sources;
sentences built below the UI (Phrase, CTI contacts) translated; and the
language chosen with --lang, ENPLAN_LANG or config.toml."""

from __future__ import annotations

import copy
import datetime as dt
import gettext
import importlib.util
import json
import os
import pickle
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from enplan import i18n
from enplan.cli import main
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "enplan" / "locale"
PO = LOCALE / "da" / "LC_MESSAGES" / "enplan.po"
MO = LOCALE / "da" / "LC_MESSAGES" / "enplan.mo"
DAY = dt.timedelta(days=1)


def _tool():  # noqa: ANN202 - tools/i18n.py (not a package)
    spec = importlib.util.spec_from_file_location("enplan_i18n_tool", ROOT / "tools" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


tool = _tool()
ENTRIES = tool.read_po(PO)
needs_gettext = pytest.mark.skipif(bool(tool.missing_tools()),
                                   reason="GNU gettext (xgettext, msgmerge, msgattrib, msgfmt) is not installed")


@pytest.fixture(autouse=True)
def _english_after():
    """The language is process-wide: every test here leaves English behind."""
    yield
    i18n.set_language("en")


def _catalog(path: Path) -> dict:
    with path.open("rb") as fh:
        return gettext.GNUTranslations(fh)._catalog  # noqa: SLF001 - the parsed .mo


def _fields(text: str) -> list[tuple[str, str, str]]:
    return sorted((name, spec or "", conv or "") for _lit, name, spec, conv in string.Formatter().parse(text)
                  if name is not None)


# -- the catalogue ----------------------------------------------------------------------------
def test_the_danish_header_declares_utf8_and_two_plural_forms():
    info = gettext.GNUTranslations(MO.open("rb")).info()
    assert info["language"] == "da"
    assert info["content-type"] == "text/plain; charset=UTF-8"
    assert info["plural-forms"] == "nplurals=2; plural=(n != 1);"


def test_every_entry_is_translated_and_none_is_fuzzy():
    assert len(ENTRIES) > 500
    assert [e.msgid for e in ENTRIES if not e.translated] == []


def test_every_msgid_in_the_sources_is_in_the_catalogue():
    """Read from the syntax tree, so this runs without gettext and also sees f-strings."""
    have = {(e.msgid, e.msgid_plural) for e in ENTRIES if e.translated}
    missing = {key: where for key, where in tool.source_msgids().items() if key not in have}
    assert missing == {}, "run `make i18n` and translate the new msgids"


def test_the_committed_mo_is_the_compiled_po():
    """Runtime reads only the .mo: it must say what the .po says (no gettext needed to check)."""
    catalog = _catalog(MO)
    for e in ENTRIES:
        if e.msgid_plural is None:
            assert catalog.get(e.msgid) == e.msgstr[0], e.msgid
        else:
            assert [catalog.get((e.msgid, i)) for i in (0, 1)] == [e.msgstr[0], e.msgstr[1]], e.msgid
    assert len([k for k in catalog if k != "" and not (isinstance(k, tuple) and k[1])]) == len(ENTRIES)


@needs_gettext
def test_the_po_compiles_cleanly_into_the_committed_mo(tmp_path):
    mo = tool.compile_mo(PO, tmp_path / "enplan.mo")  # msgfmt --check: formats, header, plurals
    assert _catalog(mo) == _catalog(MO)


@needs_gettext
def test_the_catalogue_is_up_to_date_with_an_extraction_of_the_sources(tmp_path):
    pot = tool.extract(tmp_path / "enplan.pot")
    assert tool.problems(pot, PO) == [], "run `make i18n` and translate the new msgids"
    extracted = {(e.msgid, e.msgid_plural) for e in tool.read_po(pot)}
    assert {(e.msgid, e.msgid_plural) for e in ENTRIES} == extracted  # nothing stale either
    assert {(e.msgid, e.msgid_plural) for e in tool.read_po(tool.POT)} == extracted  # the committed .pot too


def test_placeholders_are_the_same_in_msgid_and_msgstr():
    for e in ENTRIES:
        assert _fields(e.msgstr[0]) == _fields(e.msgid), e.msgid
        if e.msgid_plural is not None:
            assert _fields(e.msgstr[1]) == _fields(e.msgid_plural), e.msgid_plural


def test_key_names_and_date_shorthands_stay_as_they_are():
    keys = re.compile(r"\b(?:ctrl|shift|alt)\+\w+|[+-]\d+[dwmy]\b|\bLAB § \d+")
    for e in ENTRIES:
        for token in keys.findall(e.msgid):
            assert token in e.msgstr[0], (e.msgid, token)


def test_danish_legal_terms_stay_danish_and_english_labels_are_translated():
    i18n.set_language("da")
    for code, english in i18n.LABELS.items():
        assert i18n.label(code)
    assert i18n.label("virksomhedspraktik") == "Virksomhedspraktik"
    assert i18n.label("aktivitetsparat_kontanthjaelp") == "Aktivitetsparat kontanthjælp"
    assert (i18n.label("other"), i18n.label("no_show"), i18n.label("checkin")) == ("Andet", "Udeblev", "CTI-kontakt")
    assert (i18n.label("home_visit"), i18n.label("weekly"), i18n.label("retention")) == (
        "Hjemmebesøg", "Ugentlig", "Fastholdelse")


def test_plurals_follow_the_number():
    i18n.set_language("da")
    assert i18n.ngettext("{n} citizen", "{n} citizens", 1).format(n=1) == "1 borger"
    assert i18n.ngettext("{n} citizen", "{n} citizens", 2).format(n=2) == "2 borgere"
    assert i18n.ngettext("{n} day overdue", "{n} days overdue", 0).format(n=0) == "0 dage for sent"
    saved = ("Meeting saved with {n} follow-up.", "Meeting saved with {n} follow-ups.")
    assert [i18n.ngettext(*saved, n).format(n=n) for n in (1, 2)] == ["Mødet er gemt med 1 opfølgning.",
                                                                       "Mødet er gemt med 2 opfølgninger."]


# -- sentences built below the UI -------------------------------------------------------------
def test_a_phrase_is_english_text_that_the_ui_translates():
    from enplan.domain.dates import parse_date
    from enplan.domain.errors import ValidationError
    from enplan.domain.phrases import Phrase

    with pytest.raises(ValidationError) as caught:
        parse_date("31-02-2026", TODAY)
    message = caught.value.message
    assert message == str(caught.value) == "31-02-2026 is not a real date."  # the CLI and logs: English
    assert isinstance(message, Phrase) and message.values == {"text": "31-02-2026"}
    assert i18n._(message) == "31-02-2026 is not a real date."
    i18n.set_language("da")
    assert i18n._(message) == "31-02-2026 er ikke en gyldig dato."
    for kept in (copy.deepcopy(message), pickle.loads(pickle.dumps(message))):  # noqa: S301 - our own bytes
        assert (kept, kept.msgid, kept.values) == (message, message.msgid, message.values)


def test_constant_domain_errors_are_msgids():
    from enplan.domain.errors import ValidationError
    from enplan.domain.identifiers import normalize_cvr

    with pytest.raises(ValidationError) as caught:
        normalize_cvr("123")
    i18n.set_language("da")
    assert i18n._(caught.value.message) == "CVR-nummeret skal være præcis 8 cifre."


def test_the_praktik_warning_in_english_and_danish():
    from enplan.domain.enums import PlacementKind, TargetGroup
    from enplan.domain.placements import praktik_warning

    start = dt.date(2026, 1, 5)
    warning = praktik_warning(PlacementKind.VIRKSOMHEDSPRAKTIK, TargetGroup.AKTIVITETSPARAT, start,
                              start + dt.timedelta(weeks=14), TODAY)
    assert warning.startswith("Virksomhedspraktik runs past its legal length of 13 weeks (last allowed day 05-04-2026).")
    assert warning.endswith("extended to 26 weeks after a concrete assessment.")
    i18n.set_language("da")
    assert i18n._(warning) == ("Virksomhedspraktikken varer længere end de tilladte 13 uger (sidste tilladte dag "
                               "05-04-2026). Den kan forlænges til 26 uger efter en konkret vurdering.")


def test_cti_contacts_are_worded_from_kind_and_phase():
    from enplan.domain.followups import WorkItem, WorkKind

    def item(kind: WorkKind, what: str, phase: int | None = None) -> WorkItem:
        return WorkItem(kind, None, None, "Åse", what, TODAY, phase=phase)  # type: ignore[arg-type]

    contact = item(WorkKind.CTI_CONTACT, "CTI contact (contact period)", 0)
    phase2 = item(WorkKind.CTI_CONTACT, "CTI contact (phase 2)", 2)
    own = item(WorkKind.FOLLOW_UP, "Ring til lægen")
    assert [i18n.work_item_text(i) for i in (contact, phase2, own)] == [
        "CTI contact (contact period)", "CTI contact (phase 2)", "Ring til lægen"]
    i18n.set_language("da")
    assert [i18n.work_item_text(i) for i in (contact, phase2, own)] == [
        "CTI-kontakt (kontaktperiode)", "CTI-kontakt (fase 2)", "Ring til lægen"]  # user text as typed


def test_the_worklist_service_sets_the_phase_of_cti_contacts(sqlite_services):
    from enplan.domain.enums import TargetGroup
    from enplan.services import CitizenInput

    cid = sqlite_services.create_citizen(CitizenInput(name="Åse", target_group=TargetGroup.AKTIVITETSPARAT))
    course = sqlite_services.start_cti(cid, TODAY - 60 * DAY)
    sqlite_services.advance_phase(course, TODAY - 20 * DAY)
    [item] = [i for i in sqlite_services.worklist() if i.kind.value == "cti_contact"]
    assert (item.kind.value, item.phase, item.what) == ("cti_contact", 1, "CTI contact (phase 1)")


def test_english_resets_and_an_unknown_language_falls_back_to_english():
    i18n.set_language("da")
    assert (i18n.language(), i18n._("Caseload")) == ("da", "Sagsstamme")
    i18n.set_language("en")
    assert (i18n.language(), i18n._("Caseload")) == ("en", "Caseload")
    i18n.set_language("xx")
    assert i18n._("Caseload") == "Caseload"


# -- choosing the language on the command line ------------------------------------------------
@pytest.fixture
def small_db(tmp_path: Path) -> Path:
    """An overdue follow-up, an overdue CTI contact in the contact period, measures due since it started."""
    from enplan.domain.enums import TargetGroup
    from enplan.services import CitizenInput, Services
    from enplan.store.opening import open_database

    path = tmp_path / "enplan.db"
    db = open_database(f"sqlite:///{path}", daily_backup=False)
    try:
        s = Services(db, today=TODAY, actor="mette")
        cid = s.create_citizen(CitizenInput(name="Åse Ølstrup", target_group=TargetGroup.AKTIVITETSPARAT,
                                            caseworker="mette"))
        s.add_follow_up(cid, "Ring til lægen", TODAY - 4 * DAY)
        s.start_cti(cid, TODAY - 20 * DAY)
    finally:
        db.dispose()
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:  # noqa: ANN001
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def overdue(capsys, db: Path, *extra: str) -> str:  # noqa: ANN001
    code, out, _err = run(capsys, "overdue", "--db", str(db), "--today", TODAY.isoformat(), *extra)
    assert code == 0
    return out


def test_lang_da_prints_the_overdue_table_in_danish(small_db, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")  # one line per row
    out = overdue(capsys, small_db, "--lang", "da")
    assert "Overskredet pr. 22-11-2026: 3" in out
    assert "Borger" in out and "Dage over frist" in out
    assert "CTI-kontakt (kontaktperiode)" in out and "Ring til lægen" in out
    assert "Målinger: CTI-forløbet startede" in out
    english = overdue(capsys, small_db, "--lang", "en")
    assert "Overdue on 22-11-2026: 3" in english and "CTI contact (contact period)" in english


def test_json_stays_english_and_codes_whatever_the_language(small_db, capsys):
    items = json.loads(overdue(capsys, small_db, "--lang", "da", "--json"))
    assert [(i["kind"], i["what"]) for i in items] == [
        ("follow_up", "Ring til lægen"), ("measure", "Measures: the CTI course started"),
        ("cti_contact", "CTI contact (contact period)")]


def test_lang_beats_enplan_lang_which_beats_config(small_db, capsys, monkeypatch):
    from enplan.config import save_setting

    save_setting("language", "da")
    assert "Overskredet pr." in overdue(capsys, small_db)
    monkeypatch.setenv("ENPLAN_LANG", "en_DK.UTF-8")
    assert "Overdue on" in overdue(capsys, small_db)
    monkeypatch.setenv("ENPLAN_LANG", "da")
    assert "Overskredet pr." in overdue(capsys, small_db)
    assert "Overdue on" in overdue(capsys, small_db, "--lang", "en")


def test_an_unknown_language_is_refused_or_reported(small_db, capsys, monkeypatch):
    with pytest.raises(SystemExit) as exited:
        main(["overdue", "--db", str(small_db), "--lang", "fr"])
    assert exited.value.code == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err
    monkeypatch.setenv("ENPLAN_LANG", "fr")
    code, out, err = run(capsys, "overdue", "--db", str(small_db), "--today", TODAY.isoformat())
    assert code == 0 and "Overdue on" in out and "unknown language 'fr'" in err


def test_the_app_command_hands_the_language_to_the_app(small_db, monkeypatch):
    import enplan.ui.app as app_module

    seen = {}
    monkeypatch.setattr(app_module, "run_app", lambda **kw: seen.update(kw) or 0)
    assert main(["app", "--lang", "da", "--today", TODAY.isoformat(), "--db", str(small_db)]) == 0
    assert seen["settings"].language == "da"
    assert i18n.language() == "da"  # set before the app (and its screens) are built


def test_every_command_takes_lang():
    from enplan.cli import build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001
    assert set(i18n.LANGUAGES) == {"en", "da"}
    for name in commands:
        assert parser.parse_args([name, "--lang", "da", *(["x"] if name in ("import", "restore") else []),
                                  *(["--citizen", "c"] if name in ("audit", "erase") else []),
                                  *(["setup", "--server", "postgresql://s/x"] if name == "laptop" else []),
                                  *(["plan", "--citizen", "c"] if name == "document" else []),
                                  *(["caseload"] if name == "sheet" else []),
                                  *(["show"] if name == "admin" else []),
                                  *(["--citizen", "c", "--to", "jonas"] if name == "handover" else []),
                                  *(["--from", "2026-01-01", "--to", "2026-06-30"] if name == "report" else [])]
                                 ).lang == "da"


def test_a_fresh_interpreter_reads_the_committed_catalogue(small_db):
    env = {**os.environ, "ENPLAN_LANG": "da", "PYTHONIOENCODING": "utf-8", "COLUMNS": "120"}
    done = subprocess.run([sys.executable, "-m", "enplan.cli", "overdue", "--db", str(small_db), "--today",
                           TODAY.isoformat()], capture_output=True, text=True, env=env, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Overskredet pr. 22-11-2026: 3" in done.stdout

