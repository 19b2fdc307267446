"""UI fixtures: a seeded caseload and the demo caseload (each built once per
session, copied per test), an app factory with a frozen today, no cursor
blink, and helpers that wait on workers instead of sleeping."""

from __future__ import annotations

import datetime as dt
import html
import re
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from tests.conftest import TODAY
from tests.ui.seed import Seeded, seed

CASEWORKER = "mette"


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch):
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture(autouse=True)
def _frozen_clock(monkeypatch):
    """The time of day forms use for defaults (a meeting's start): 10:07 in Copenhagen."""
    from zoneinfo import ZoneInfo

    from enplan.ui.app import EnplanApp

    monkeypatch.setattr(EnplanApp, "now", lambda self: dt.datetime.combine(
        self.today, dt.time(10, 7), ZoneInfo("Europe/Copenhagen")))


@pytest.fixture
def documents_folder(tmp_path, monkeypatch) -> Path:
    """The user's documents folder, where the app proposes to save files."""
    folder = tmp_path / "Dokumenter"
    folder.mkdir()
    monkeypatch.setattr("enplan.paths.documents_dir", lambda: folder)
    return folder


def _copy(src: Path, dst: Path) -> str:
    """A consistent copy of a SQLite file (backup API: WAL included)."""
    with sqlite3.connect(src) as source, sqlite3.connect(dst) as target:
        source.backup(target)
    source.close()
    target.close()
    return f"sqlite:///{dst}"


@pytest.fixture(scope="session")
def _seeded_template(tmp_path_factory) -> tuple[Path, Seeded]:
    from enplan.services import Services
    from enplan.store.opening import open_database

    path = tmp_path_factory.mktemp("seeded") / "seeded.db"
    db = open_database(f"sqlite:///{path}", daily_backup=False)
    try:
        ids = seed(Services(db, today=TODAY, actor=CASEWORKER))
    finally:
        db.dispose()
    return path, ids


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    from enplan.demo import prepare_demo

    return prepare_demo(TODAY, path=tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture
def seeded(_seeded_template, tmp_path) -> tuple[str, Seeded]:
    """(url, ids) of a private copy of the seeded caseload."""
    path, ids = _seeded_template
    return _copy(path, tmp_path / "enplan.db"), ids


@pytest.fixture
def demo_url(_demo_template, tmp_path) -> str:
    return _copy(_demo_template, tmp_path / "demo.db")


@pytest.fixture
def make_app():
    from enplan.config import Settings
    from enplan.ui.app import EnplanApp

    def make(url: str, *, settings: Settings | None = None, today: dt.date = TODAY, demo: bool = False,
             caseworker: str = CASEWORKER, prebuild: bool = False) -> EnplanApp:
        return EnplanApp(url=url, today=today, caseworker=caseworker, settings=settings or Settings(), demo=demo,
                         prebuild=prebuild)

    return make


@pytest.fixture
def services_for():
    """Open services on a URL (to check what the app stored); closed after the test."""
    from enplan.services import Services
    from enplan.store.opening import open_database

    opened = []

    def open_(url: str):  # noqa: ANN202
        db = open_database(url, daily_backup=False)
        opened.append(db)
        return Services(db, today=TODAY, actor="checker")

    yield open_
    for db in opened:
        db.dispose()


async def settle(pilot) -> None:  # noqa: ANN001
    """Wait until workers are done and their messages are handled."""
    from textual.worker import WorkerCancelled

    app = pilot.app
    for _ in range(3):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            pass  # a newer read superseded an older one, as the screens intend
        await pilot.pause()


async def press(pilot, *keys: str) -> None:  # noqa: ANN001
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def shown_text(app) -> str:  # noqa: ANN001
    """What the terminal shows, as plain lines (from the SVG screenshot)."""
    svg = app.export_screenshot()
    lines: dict[float, list[tuple[float, str]]] = {}
    for m in re.finditer(r'<text [^>]*x="([\d.]+)" y="([\d.]+)"[^>]*clip-path[^>]*>([^<]*)</text>', svg):
        lines.setdefault(float(m.group(2)), []).append(
            (float(m.group(1)), html.unescape(m.group(3)).replace("\xa0", " ")))
    out = []
    for y in sorted(lines):
        row = ""
        for x, text in sorted(lines[y]):
            row = row.ljust(int(round(x / 12.2))) + text
        out.append(row.rstrip())
    return "\n".join(out)


def notifications(app) -> list[str]:  # noqa: ANN001
    return [n.message for n in app._notifications]  # noqa: SLF001 - Textual's own tests read it
