"""The citizen's documents (plan, meeting summary, consent form) as PDFs,
checked the way a reader sees them: the text poppler's pdftotext extracts
from the file enplan wrote (real databases, the seeded caseload)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from enplan.documents.for_citizen import render
from enplan.domain.documents import Contact
from enplan.domain.enums import ContactForm, LifeArea, MeetingType, Provider
from enplan.i18n import set_language
from enplan.services import MeetingInput
from tests import hostile
from tests.ui.seed import CPR_FULL, seed

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (Debian's poppler-utils, installed by .ci/run) is missing")
CONTACT = Contact("Mette Holm", "96 23 12 34", "mette@kommune.dk", "Jobcenter Hjørring, Springvandspladsen 5")


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True, timeout=60)
    return " ".join(done.stdout.split())  # words as a reader reads them, whatever the line breaks


@pytest.fixture
def seeded(sqlite_services):
    yield sqlite_services, seed(sqlite_services)
    set_language("en")


def test_the_plan_says_what_is_agreed_in_danish(seeded, tmp_path):
    services, ids = seeded
    set_language("da")
    text = text_of(render(services.document_data(ids.ase, "plan", CONTACT)), tmp_path)
    for expected in ("Din plan", "Åse Østergaard", "Dit eget mål", "Jeg vil have min egen lejlighed",
                     "Find en lejlighed", "Søg boligstøtte", "Bostøtte", "01-12-2026", "Start i praktik",
                     "Ring til lægen", "Mette Holm", "96 23 12 34", "Jobcenter Hjørring", "Fase 1"):
        assert expected in text, expected
    assert "0101901234" not in text and "010190-1234" not in text  # no CPR unless asked for
    for elsewhere in ("Bjørn", "Netto", "Send CV", "Not mette's", "Jensen"):  # nothing of other citizens
        assert elsewhere not in text


def test_cpr_only_when_asked_and_every_document_is_logged(seeded, tmp_path):
    services, ids = seeded
    text = text_of(render(services.document_data(ids.ase, "plan", CONTACT, include_cpr=True)), tmp_path)
    assert "CPR 010190-1234" in text
    logged = [e for e in services.audit_log(ids.ase) if e.action == "document"]
    assert [e.changes["include_cpr"] for e in logged] == [True] and logged[0].changes["kind"] == "plan"
    assert CPR_FULL not in str(logged[0].changes)


def test_the_meeting_summary_has_each_goal_and_the_agreed_steps(seeded, tmp_path):
    services, ids = seeded
    text = text_of(render(services.document_data(ids.ase, "meeting", CONTACT)), tmp_path)
    for expected in ("Summary of our meeting", "03-11-2026 10:00", "Åse, Mette", "What we talked about",
                     "Find en lejlighed", "Har set to lejligheder", "Vil gerne i butik", "Godt møde om boligen.",
                     "What we agreed", "Ring til lægen", "by 10-11-2026"):
        assert expected in text, expected


def test_the_consent_form_says_what_it_covers_and_how_to_withdraw(seeded, tmp_path):
    services, ids = seeded
    text = text_of(render(services.document_data(ids.ase, "consent", CONTACT)), tmp_path)
    for expected in ("Consent to a shared plan", "§ 30 b", "Jobcenter og bostøtte", "withdraw your consent at any",
                     "Given on: 01-03-2026", "Date and your signature"):
        assert expected in text, expected


def test_typed_text_is_drawn_literally_and_the_pdf_stays_valid(seeded, tmp_path):
    services, ids = seeded
    goal = services.add_goal(ids.dorte, LifeArea.BOLIG, "Bolig")
    for label, text in hostile.TEXTS.items():
        if label not in hostile.REFUSED_TEXT and text.strip():
            services.add_action(goal, text[:1000], Provider.JOBCENTER, None)
    services.record_meeting(ids.dorte, MeetingInput(type=MeetingType.OTHER, form=ContactForm.PHONE,
                                                    starts_at=dt.datetime(2026, 11, 21, 9, tzinfo=dt.timezone.utc),
                                                    notes=hostile.ONE_MB_NOTE))
    plan = text_of(render(services.document_data(ids.dorte, "plan", CONTACT)), tmp_path)
    assert "[link=https://x]click[/link]" in plan and "[bold]not bold[/bold]" in plan  # markup shown, not parsed
    assert "^[[1mbold^[[0m" in plan and "\x1b" not in plan  # controls in caret notation, never raw
    meeting = text_of(render(services.document_data(ids.dorte, "meeting", CONTACT)), tmp_path)
    assert "Lang note." in meeting and "980.000 more characters are in your case file" in meeting


def test_unknown_citizen_or_meeting_is_one_sentence(seeded):
    from enplan.domain.errors import ValidationError
    from enplan.services import NotFoundError

    services, ids = seeded
    with pytest.raises(NotFoundError):
        services.document_data("3f2b6c1e-0000-4000-8000-000000000000", "plan", CONTACT)
    with pytest.raises(ValidationError):
        services.document_data(ids.aebbe, "meeting", CONTACT)  # no meeting yet
    with pytest.raises(NotFoundError):
        services.document_data(ids.ase, "meeting", CONTACT, meeting_id="3f2b6c1e-0000-4000-8000-000000000000")


def test_the_command_writes_a_private_pdf_and_refuses_to_lose_anything(seeded, tmp_path, capsys):
    from tests.safety.helpers import run_cli, today_arg

    services, ids = seeded
    db = str(services.db.path)
    out = tmp_path / "plan.pdf"
    code, said, err = run_cli(capsys, "document", "plan", "--citizen", ids.ase, "-o", str(out), "--db", db,
                              today_arg(), "--lang", "da")
    assert code == 0 and said.startswith(f"Wrote {out}") and (out.stat().st_mode & 0o777) == 0o600, err
    assert "Din plan" in text_of(out.read_bytes(), tmp_path)
    before = out.read_bytes()
    for argv, problem in (((ids.ase, "-o", str(out)), "already exists"),
                          ((ids.ase, "-o", str(tmp_path / "missing" / "x.pdf")), "does not exist"),
                          (("3f2b6c1e-0000-4000-8000-000000000000", "-o", str(tmp_path / "y.pdf")), "No citizen"),
                          ((ids.aebbe, "-o", str(tmp_path / "z.pdf")), "no meeting")):
        kind = "meeting" if problem == "no meeting" else "plan"
        code, _said, err = run_cli(capsys, "document", kind, "--citizen", *argv, "--db", db, today_arg())
        assert code == 2 and problem in err and len(err.splitlines()) == 1, err
    assert out.read_bytes() == before and not (tmp_path / "y.pdf").exists()
    code, _said, err = run_cli(capsys, "document", "consent", "--citizen", ids.ase, "-o", str(out), "--force",
                               "--include-cpr", "--db", db, today_arg())
    assert code == 0 and "010190-1234" in text_of(out.read_bytes(), tmp_path)


def test_a_folder_the_user_may_not_write_in_is_one_sentence(seeded):
    from tests.safety.helpers import nobody_home, run_cli_as_nobody, today_arg

    services, ids = seeded
    with nobody_home(services.db.path) as (home, theirs, db):
        code, _out, err = run_cli_as_nobody(home, "document", "plan", "--citizen", ids.ase, "-o",
                                            str(theirs / "plan.pdf"), "--db", str(db), today_arg())
        assert code == 2 and "may not write in" in err and not (theirs / "plan.pdf").exists(), err
