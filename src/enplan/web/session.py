"""One browser tab of `enplan demo --web`: its own fresh demo database.

textual-serve starts ``enplan demo --web-session FOLDER`` for every browser
tab. FOLDER is the server's private work folder with the demo template the
server built (``serve.TEMPLATE``). The tab gets a private folder of its own
beside it, holding a copy of the template, and its data and config folders
(drafts, backups, a theme chosen in the palette), so tabs never see each
other's work and nothing is written to the trainer's own folders. The
folder is deleted when the tab closes; a crash report is moved to the
trainer's crash-report folder first. No file is written for the person at
the browser (a spreadsheet, a calendar, a PDF): they are not at this
machine, and a path they type could be anywhere on it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from ..domain.errors import Refusal
from ..domain.phrases import N_

TEMPLATE = "template.db"
STAMP = "template.ready"  # written once the template is complete (serve.build_template)
TAB_DB = "enplan-demo.db"
NO_FILES = N_("The demo in a browser does not save files on the computer that serves it; try saving in enplan "
              "demo in a terminal.")
NOT_A_WEB_FOLDER = N_("--web-session is used by enplan demo --web for each browser tab; start the demo in a browser "
                      "with enplan demo --web.")


def new_tab(workdir: Path) -> Path:
    """A private folder for one tab in ``workdir``, holding a fresh copy of the demo template."""
    template = workdir / TEMPLATE
    if not (template.is_file() and (workdir / STAMP).is_file()):
        raise Refusal(NOT_A_WEB_FOLDER)
    tab = Path(tempfile.mkdtemp(prefix="tab-", dir=workdir))  # 0700
    target = tab / TAB_DB
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "wb") as out, template.open("rb") as src:
        shutil.copyfileobj(src, out)
    if not is_demo_file(target):  # only demo data is ever served, whatever the folder holds
        shutil.rmtree(tab, ignore_errors=True)
        raise Refusal(NOT_A_WEB_FOLDER)
    return tab


def is_demo_file(path: Path) -> bool:
    """Whether the SQLite file holds demo data (store/demo_mark.py's mark), read without SQLAlchemy."""
    try:
        with closing(sqlite3.connect(path)) as con:
            return con.execute("SELECT 1 FROM demo_mark LIMIT 1").fetchone() is not None
    except sqlite3.Error:  # not a database, or no mark table: not demo data
        return False


def close_tab(tab: Path, crash_dir: Path) -> None:
    """Delete the tab's folder; keep its crash reports, if any, in ``crash_dir``."""
    reports = tab / "data" / "crash-reports"
    if reports.is_dir():
        from ..paths import ensure_private_dir

        try:
            ensure_private_dir(crash_dir)
            for report in reports.iterdir():
                shutil.move(str(report), crash_dir / report.name)
        except OSError:
            pass
    shutil.rmtree(tab, ignore_errors=True)


def run_session(workdir: Path, today: dt.date, settings) -> int:  # noqa: ANN001 - config.Settings
    """Run the app on a fresh copy of the demo in ``workdir`` (the settings are read already)."""
    from .. import files
    from ..demo import DEMO_CASEWORKER
    from ..failures import crash_dir
    from ..paths import sqlite_url

    trainer_crash_dir = crash_dir()
    tab = new_tab(workdir.absolute())
    try:
        # Drafts, backups and saved settings stay in the tab, which is gone when it closes.
        os.environ["ENPLAN_DATA_DIR"] = str(tab / "data")
        os.environ["ENPLAN_CONFIG_DIR"] = str(tab / "config")
        files.WRITES_REFUSED = NO_FILES  # a spreadsheet, calendar or PDF would land on the server, anywhere
        from ..ui.app import run_app

        return run_app(url=sqlite_url(tab / TAB_DB), today=today, caseworker=DEMO_CASEWORKER, settings=settings,
                       demo=True, tour_state=tab / f"{TAB_DB}.tour.json")  # the tours are offered in each tab
    finally:
        close_tab(tab, trainer_crash_dir)
