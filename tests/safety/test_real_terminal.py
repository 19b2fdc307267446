"""The issue's reproductions, in a real pseudo-terminal: the raw bytes
enplan writes hold no escape sequence that came from stored text.

1. A follow-up titled ``ESC ]0;pwned BEL ESC [2J ESC [H cleared?``, opened in
   its edit form (citizen, tab 5, enter): the window title and the screen stay
   as they were; the title shows as symbols.
2. ``enplan overdue`` (the table) prints the same title as symbols, and
   every row is there.
"""

from __future__ import annotations

import os
import sys

from bench.pty_driver import PtyProcess
from enplan.domain.enums import TargetGroup
from enplan.services import CitizenInput, Services
from enplan.store.opening import open_database
from tests.conftest import TODAY
from tests.safety.helpers import today_arg

TITLE = "\x1b]0;pwned\x07\x1b[2J\x1b[H cleared?"
SHOWN = "␛]0;pwned␇␛[2J␛[H cleared?"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL_")}
    env.update(TERM="xterm-256color", TEXTUAL_ANIMATIONS="none", LANG="C.UTF-8")
    return env


def _seed(services) -> None:  # noqa: ANN001
    cid = services.create_citizen(CitizenInput(name="Peter Pty", target_group=TargetGroup.OTHER, caseworker="mette"))
    services.add_follow_up(cid, TITLE, TODAY.replace(day=1))
    for n in range(27):  # 28 overdue lines in all, as in the report
        services.add_follow_up(cid, f"Opfølgning {n}", TODAY.replace(day=2))


def test_the_edit_form_does_not_pass_the_title_to_the_terminal(sqlite_services):
    _seed(sqlite_services)
    db = str(sqlite_services.db.path)
    sqlite_services.db.dispose()
    p = PtyProcess([sys.executable, "-m", "enplan.cli", "--db", db, today_arg(), "--caseworker", "mette"], _env(),
                   cols=100, rows=30)
    try:
        p.wait_for(["Peter Pty"])
        p.send("\r")  # open the only citizen
        p.wait_for(["Follow-ups"], since=len(p.text))
        p.send("5")
        p.wait_for(["cleared?"], since=len(p.text))
        before = len(p.raw)
        p.send("\r")  # edit the first follow-up: the hostile one
        p.wait_for(["Save"], since=len(p.text))
        p.drain()
        form = p.raw[before:]
    finally:
        p.close()
    # Textual's own OSC 22 (mouse pointer shape) is the only operating-system command
    osc = {p.raw[i:i + 5] for i in range(len(p.raw)) if p.raw.startswith(b"\x1b]", i)}
    assert osc <= {b"\x1b]22;"}, osc
    assert b"pwned\x07" not in p.raw
    assert b"\x1b[2J" not in form  # the form did not clear the screen
    assert SHOWN.encode() in form


def test_overdue_prints_symbols_and_every_line(sqlite_services):
    _seed(sqlite_services)
    db = str(sqlite_services.db.path)
    sqlite_services.db.dispose()
    p = PtyProcess([sys.executable, "-m", "enplan.cli", "overdue", "--db", db, today_arg(), "--caseworker", "mette"],
                   _env(), cols=160, rows=50)
    try:
        p.read_to_end()
    finally:
        p.close()
    assert b"\x1b]0;" not in p.raw and b"\x1b[2J" not in p.raw and b"\x1b[H" not in p.raw
    assert "␛]0;pwned␇␛[2J␛[H" in p.plain(), p.plain()[:1500]  # the column may wrap before "cleared?"
    assert all(f"Opfølgning {n}" in p.plain() for n in range(27))


def test_keys_in_one_burst_go_where_slow_typing_would_take_them(sqlite_services):
    _seed(sqlite_services)
    db = str(sqlite_services.db.path)
    sqlite_services.db.dispose()
    p = PtyProcess([sys.executable, "-m", "enplan.cli", "--db", db, "--today=2026-12-17", "--caseworker", "mette"],
                   _env(), cols=100, rows=30)
    try:
        p.wait_for(["Peter Pty"])
        p.send("\r")
        p.wait_for(["Not written yet"], since=len(p.text))  # the plan has loaded
        p.send("f")
        p.wait_for(["Save"], since=len(p.text))
        mark = len(p.text)
        p.send("Ring til Peter\t+1w\x13")  # title, tab, due date, ctrl+s: one write, as a paste through tmux sends it
        p.wait_for(["Follow-up saved"], since=mark)
    finally:
        p.close()
    reopened = open_database(f"sqlite:///{db}", daily_backup=False)
    try:
        services = Services(reopened)
        due = {f.title: f.due_on for c in services.caseload("mette") for f in services.follow_ups(c.citizen_id)}
    finally:
        reopened.dispose()
    assert due["Ring til Peter"].isoformat() == "2026-12-28"  # +1w from Thursday 17 December, past Christmas
