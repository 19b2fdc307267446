"""Every command that prints stored text to a terminal escapes it: each
hostile string of tests/hostile.py, stored where it can be, run through
every command's text output (tables, JSON, export, messages) leaves no
control byte on stdout or stderr but the newlines of the layout."""

from __future__ import annotations

import json
import re

from enplan.domain.enums import TargetGroup
from enplan.services import CitizenInput
from tests import hostile
from tests.conftest import TODAY
from tests.safety.helpers import run_cli, today_arg

# What may reach the terminal: printable text and line feeds (tables, JSON indentation).
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
STORABLE = {label: text for label, text in hostile.TEXTS.items()
            if label not in hostile.REFUSED_TEXT and text.strip()}


def _seed(services) -> str:  # noqa: ANN001
    cid = services.create_citizen(CitizenInput(name="Hostile Holder", target_group=TargetGroup.OTHER,
                                                caseworker="mette"))
    for text in STORABLE.values():  # overdue follow-ups: the table prints their titles
        services.add_follow_up(cid, text, TODAY.replace(day=1), owner=text[:120])
    return str(cid)


def _clean(label: str, out: str) -> None:
    bad = CONTROL.findall(out)
    assert not bad, (label, sorted(set(bad)))


def test_overdue_audit_and_export_print_no_control_bytes(sqlite_services, capsys):
    cid = _seed(sqlite_services)
    db = str(sqlite_services.db.path)
    runs = {
        "overdue": ("overdue", "--caseworker", "mette"),
        "overdue --lang da": ("overdue", "--caseworker", "mette", "--lang", "da"),
        "overdue --json": ("overdue", "--json", "--caseworker", "mette"),
        "audit": ("audit", "--citizen", cid),
        "audit --json": ("audit", "--citizen", cid, "--json"),
        "export": ("export",),
    }
    for label, argv in runs.items():
        code, out, err = run_cli(capsys, *argv, "--db", db, today_arg())
        assert code == 0, (label, err)
        _clean(label, out + err)
    code, out, _ = run_cli(capsys, "overdue", "--json", "--caseworker", "mette", "--db", db, today_arg())
    titles = {item["what"] for item in json.loads(out)}
    assert titles == {t.strip() for t in STORABLE.values()}  # escaped for the terminal, exact for a program
    code, out, _ = run_cli(capsys, "overdue", "--caseworker", "mette", "--db", db, today_arg())
    assert "␛]0;pwned title␇" in out  # the OSC title sequence, shown as symbols


def test_refusal_messages_escape_what_the_document_said(tmp_path, capsys):
    db = str(tmp_path / "enplan.db")
    for label, text in STORABLE.items():
        doc = tmp_path / "doc.json"
        doc.write_text(json.dumps({"format_version": 1, "citizens": [{"id": text}]}), encoding="utf-8")
        code, out, err = run_cli(capsys, "import", str(doc), "--db", db, today_arg())
        assert code == 2, (label, err)
        _clean(label, out + err)
        assert len(err.strip().split("\n")) == 1, (label, err)  # one line on a terminal (U+2028 does not move it)


def test_paths_and_arguments_in_messages_are_escaped(tmp_path, capsys):
    odd = tmp_path / "x\x1b]0;pwned\x07.json"
    code, out, err = run_cli(capsys, "import", str(odd), "--db", str(tmp_path / "e.db"), today_arg())
    assert code == 2
    _clean("missing file", out + err)
    assert "␛]0;pwned␇" in err
