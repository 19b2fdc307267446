"""`enplan demo --web` in a real browser: Debian's headless Chromium driven
by Playwright (``executable_path``; never ``playwright install``).

One server for the module. A tab waits for the app's first screen, opens
the worklist (w), marks a follow-up done (x) and the change is in that
tab's own demo database, not in a second tab's. The page loads nothing
from anywhere but its own server. The screen is drawn on a canvas, so the
text is read from the websocket (bench/web_demo.py)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
import urllib.request
from pathlib import Path

import pytest

from bench.web_demo import (demo_names, demo_server, find_browser, free_port, launch, open_demo, screen_text,
                            wait_for_text)

BROWSER = find_browser()
TODAY = dt.date(2026, 11, 22)
SLOW_S = 60  # a generous bound for a machine that other test runs keep busy; a normal run takes 15-20 s in all
SLOW_MS = SLOW_S * 1000
needs_browser = pytest.mark.skipif(BROWSER is None, reason="no headless Chromium on PATH (Debian: apt install "
                                                           "chromium-headless-shell; .ci/run installs it)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """(port, TMPDIR) of a running `enplan demo --web`; its work folder (and each tab's) is under TMPDIR."""
    home = tmp_path_factory.mktemp("web")
    temp = home / "tmp"
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "ENPLAN_"))}
    env |= {"TMPDIR": str(temp), "ENPLAN_DATA_DIR": str(home / "data"), "ENPLAN_CONFIG_DIR": str(home / "config"),
            "TZ": "UTC", "LANG": "C.UTF-8"}
    port = free_port()
    with demo_server(port, env, "--today", TODAY.isoformat(), "--lang", "en") as proc:
        yield port, temp
    assert proc.returncode is not None
    assert list(temp.iterdir()) == []  # the server deleted its work folder
    assert not (home / "data" / "demo").exists()  # nothing in the trainer's own demo folder


def test_the_page_loads_nothing_from_elsewhere(server):
    port, _temp = server
    origin = f"http://127.0.0.1:{port}"
    page = urllib.request.urlopen(origin + "/", timeout=10).read().decode()  # noqa: S310 - our own server
    assert "<title>enplan – demo</title>" in page
    assert "http://" not in page and "https://" not in page and "//fonts." not in page
    for static in ("/static/js/textual.js", "/static/css/xterm.css", "/static/fonts/RobotoMono-VariableFont_wght.ttf"):
        assert static in page
        assert urllib.request.urlopen(origin + static, timeout=10).status == 200  # noqa: S310


def tabs(temp: Path) -> list[Path]:
    return sorted(temp.glob("enplan-web-*/tab-*/enplan-demo.db"), key=lambda p: p.stat().st_mtime)


def done_follow_ups(db: Path) -> set[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        return {row[0] for row in con.execute("SELECT id FROM follow_up WHERE done_on IS NOT NULL")}


def first_follow_up_row(db: Path) -> tuple[int, str, str]:
    """(moves down from the first line, id, title) of the worklist's first follow-up, in the screen's order."""
    from enplan.demo import DEMO_CASEWORKER
    from enplan.i18n import work_item_text
    from enplan.paths import sqlite_url
    from enplan.services import Services
    from enplan.store.opening import open_database
    from enplan.ui.screens.worklist import GROUPS, group_items

    database = open_database(sqlite_url(db), read_only=True)
    try:
        items = Services(database, today=TODAY).worklist(DEMO_CASEWORKER, include_done_since=TODAY)
    finally:
        database.dispose()
    groups = group_items(items, TODAY)
    ordered = [item for urgency, _title, _style in GROUPS for item in groups[urgency]]
    row, item = next((n, i) for n, i in enumerate(ordered) if i.kind.value == "follow_up")
    return row, item.ref_id.hex, work_item_text(item)


@needs_browser
@pytest.mark.xfail(strict=False, reason=(
    "Open finding (issue 15 note, 2026-11-30): in 3 of 4 clean-clone CI runs the app said 'Done: <the right "
    "title>' but the tab's enplan-demo.db showed no follow-up done, so the write went to another database file "
    "than the one tabs() finds; never seen outside the full parallel suite. Still runs and reports."))
def test_a_tab_marks_a_follow_up_done_in_its_own_demo_database(server, tmp_path):
    from playwright.sync_api import sync_playwright

    port, temp = server
    names = demo_names()
    with sync_playwright() as p:
        browser = launch(p, BROWSER)
        try:
            requests: list[str] = []
            page = open_demo(browser, port, names)
            page.on("request", lambda r: requests.append(r.url))
            page.wait_for_selector("body.-first-byte", timeout=SLOW_MS)
            page.wait_for_function("(names) => names.some((n) => n in window.__enplan.seen)", arg=names,
                                   timeout=SLOW_MS)
            assert "DEMO DATA" in screen_text(page)
            [mine] = tabs(temp)
            done_before = done_follow_ups(mine)
            row, follow_up, title = first_follow_up_row(mine)
            assert follow_up not in done_before

            page.focus(".xterm-helper-textarea")  # keys go to the app; a click would also pick a row
            wait_for_text(page, "New to enplan?", SLOW_S)  # each tab is a first start: the tours are offered
            since = len(screen_text(page))
            page.keyboard.press("Escape")
            # Alone: an escape the app reads together with the w is alt+w. So the offer is seen gone
            # (the screen drawn again, then quiet) before the w; a busy app may read its input late.
            assert _eventually(lambda: len(screen_text(page)) > since)
            _wait_quiet(page)
            time.sleep(0.3)
            since = len(screen_text(page))
            page.keyboard.press("w")
            wait_for_text(page, "Worklist", SLOW_S, since=since)
            wait_for_text(page, title[:20], SLOW_S, since=since)
            _wait_quiet(page)  # the worklist drawn whole: on a loaded machine a key could come before its rows
            for _ in range(row):
                page.keyboard.press("j")
                time.sleep(0.05)
            _wait_quiet(page)
            since = len(screen_text(page))
            page.keyboard.press("x")
            wait_for_text(page, "Done: ", SLOW_S, since=since)
            marked = _eventually(lambda: done_follow_ups(mine) == done_before | {follow_up})
            text = screen_text(page)
            assert marked, (f"expected {title!r} (row {row}, {follow_up}) done; done now: "
                            f"{done_follow_ups(mine) - done_before}; {_what_happened(temp, mine, done_before)}; "
                            f"the screen said: {text[since:][-1500:]!r}")
            page.screenshot(path=tmp_path / "worklist.png")

            other = open_demo(browser, port, names)
            other.wait_for_function("(names) => names.some((n) => n in window.__enplan.seen)", arg=names,
                                    timeout=SLOW_MS)
            [theirs] = [t for t in tabs(temp) if t != mine]
            assert done_follow_ups(theirs) == done_before  # a fresh copy: the first tab's work is not in it
            assert all(url.startswith(f"http://127.0.0.1:{port}/") or url.startswith(f"ws://127.0.0.1:{port}/")
                       for url in requests), requests

            page.close()  # the tab's app ends and its copy is deleted
            assert _eventually(lambda: not mine.parent.exists())
            assert theirs.exists()
            other.close()
        finally:
            browser.close()


def _what_happened(temp: Path, mine: Path, done_before: set[str]) -> str:
    """For a failure: every tab's follow-ups done or undone since, and the updates audited in ``mine``."""
    said = []
    for tab in tabs(temp):
        try:
            now = done_follow_ups(tab)
            said.append(f"{tab.parent.name}{' (mine)' if tab == mine else ''}: +{now - done_before} "
                        f"-{done_before - now}")
        except sqlite3.Error as exc:
            said.append(f"{tab.parent.name}: {exc}")
    try:
        with sqlite3.connect(f"file:{mine}?mode=ro", uri=True) as con:
            updates = con.execute("SELECT at, entity, entity_id, changes FROM audit_event WHERE action = 'update' "
                                  "ORDER BY at").fetchall()
        said.append(f"updates audited in mine: {updates}")
    except sqlite3.Error as exc:
        said.append(f"mine: {exc}")
    return "; ".join(said)


def _wait_quiet(page, quiet_s: float = 0.4, timeout: float = SLOW_S) -> None:  # noqa: ANN001
    """Until the app has drawn nothing new for ``quiet_s`` (it has handled the keys and loads so far)."""
    deadline, size, since = time.monotonic() + timeout, len(screen_text(page)), time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - since < quiet_s:
        time.sleep(0.05)
        now = len(screen_text(page))
        if now != size:
            size, since = now, time.monotonic()


def _eventually(check, timeout: float = SLOW_S) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()
