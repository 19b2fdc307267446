"""The UI's one door to the service layer.

Importing SQLModel costs about 0.4 s, so the database layer is imported
and opened on first use, inside whichever thread worker asks first; the
first screen has painted long before. Nothing in this module imports the
database layer at import time.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..services import Services


CLOSE_WAIT = 5.0  # seconds replace_database waits for reads under way


class BackendUnavailable(RuntimeError):
    """The database cannot be opened; the message says what to do."""


class Backend:
    def __init__(self, url: str, *, today: dt.date, actor: str = "", services: Services | None = None,
                 rules_file: str = "", settings: object = None) -> None:
        self.url = url
        self.settings = settings  # config.Settings: the measures' scales and reminder interval
        self.today = today
        self.actor = actor
        self._services = services
        self.rules_file = rules_file
        self.rule_problem = ""  # one line when the local rules file was refused
        self._owned = services is None  # only close what we opened
        self._lock = threading.Lock()
        # Set once the database was opened, or failed to open: the sync status waits for it
        # rather than opening the database itself (the first caseload comes from a quicker path).
        self.ready = threading.Event()
        if services is not None:
            self.ready.set()

    def services(self) -> Services:
        """Open the database (once) and return the services. Worker threads only."""
        with self._lock:
            if self._services is None:
                from ..services import Services
                from ..store.opening import DatabaseOpenError, open_database

                try:
                    db = open_database(self.url)
                except DatabaseOpenError as exc:
                    raise BackendUnavailable(str(exc)) from None
                finally:
                    self.ready.set()
                book = None
                if self.rules_file:  # a municipality's local rules: a refused file leaves the shipped rules
                    from ..domain.rules.loading import load_rule_book

                    book = load_rule_book(Path(self.rules_file).expanduser())
                    self.rule_problem = book.problem
                measures = None
                if self.settings is not None:
                    from ..config import measure_setup

                    measures = measure_setup(self.settings)
                self._services = Services(db, today=self.today, actor=self.actor or None, rule_book=book,
                                          measure_setup=measures)
            return self._services

    @property
    def is_open(self) -> bool:
        return self._services is not None

    def quick_caseload(self, caseworker: str | None):  # noqa: ANN201
        """The first caseload straight from a SQLite file with the standard
        library (see ``store.quickread``), or None. Worker threads only."""
        if self._services is not None:
            return None
        from ..paths import sqlite_path
        from ..store import quickread  # stdlib + domain only: no SQLAlchemy

        path = sqlite_path(self.url)
        if path is None:
            return None
        return quickread.caseload_view(path, caseworker, self.today)

    def quick_demo(self) -> bool | None:
        """Whether a SQLite file holds demo data, read with the standard library (see ``store.quickread``);
        None when that cannot say (a server, an older schema). Worker threads only."""
        from ..paths import sqlite_path
        from ..store import quickread

        path = sqlite_path(self.url)
        return quickread.demo_marked(path) if path is not None and path.exists() else None

    def replace_database(self, install: Callable[[], None]) -> Services:
        """Close the database, let ``install`` put another file in its place,
        and open that (a demo started again, ui/demo.py). Worker threads only.
        While it runs, every other worker waits for the database; reads
        already under way finish first (a closed file is never read again)."""
        with self._lock:
            if self._services is not None:
                if not self._owned:
                    raise BackendUnavailable("This database was handed to the app and cannot be replaced.")
                engine = self._services.db.engine
                deadline = time.monotonic() + CLOSE_WAIT
                while engine.pool.checkedout() and time.monotonic() < deadline:
                    time.sleep(0.01)
                self._services.close_server()
                self._services.db.dispose()
                self._services = None
            install()
        return self.services()

    def close(self) -> None:
        with self._lock:
            if self._services is not None and self._owned:
                self._services.close_server()  # a laptop keeps its server connection between syncs
                self._services.db.dispose()
                self._services = None
