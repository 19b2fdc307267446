"""The enplan Textual app. Paints first; the database layer is imported in a
thread worker after the first screen is up."""

from __future__ import annotations

import datetime as dt
import threading

from textual.app import App

from ..config import Settings
from .screens.caseload import CaseloadScreen


class EnplanApp(App):
    TITLE = "enplan"
    CSS_PATH = None

    def __init__(self, *, url: str, today: dt.date | None = None, caseworker: str = "",
                 settings: Settings | None = None, demo: bool = False) -> None:
        super().__init__()
        self.url = url
        self.today = today
        self.caseworker = caseworker
        self.settings = settings or Settings()
        self.demo = demo
        self._services = None
        self._lock = threading.Lock()
        self.sub_title = "demo" if demo else ""

    def services(self):  # noqa: ANN201 - called from worker threads only
        """Open the database on first use (in a worker thread) and return the services."""
        with self._lock:
            if self._services is None:
                from ..services import Services
                from ..store.opening import open_database

                db = open_database(self.url)
                self._services = Services(db, today=self.today, actor=self.caseworker or None)
            return self._services

    def on_mount(self) -> None:
        self.push_screen(CaseloadScreen())

    def on_unmount(self) -> None:
        if self._services is not None:
            self._services.db.dispose()


def run_app(*, url: str, today: dt.date | None, caseworker: str, settings: Settings, demo: bool = False) -> int:
    EnplanApp(url=url, today=today, caseworker=caseworker, settings=settings, demo=demo).run()
    return 0
