"""Serve the demo with textual-serve: `enplan demo --web`.

The server builds the demo database once, as a template in a private work
folder (``tempfile``: under TMPDIR), and every browser tab runs
``enplan demo --web-session FOLDER`` (``session``), which copies it. The
page is enplan's own ``app_index.html``: textual-serve's, without the
Google Fonts link, every address relative to this server. The work folder
is deleted when the server stops.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shlex
import signal
import shutil
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server, to_int

from ..domain.errors import Refusal
from ..i18n import _, language
from ..output import complain, say
from .listen import bind_sentence, check_host, check_listen, url_for
from .session import STAMP, TEMPLATE

TITLE = "enplan – demo"


def build_template(today: dt.date) -> Path:
    """A private work folder holding the demo database for ``today`` (``session.TEMPLATE``)."""
    from ..demo import prepare_demo

    workdir = Path(tempfile.mkdtemp(prefix="enplan-web-"))  # 0700
    try:
        prepare_demo(today, reset=True, path=workdir / TEMPLATE)
        (workdir / STAMP).write_text(today.isoformat())  # complete: tabs may copy it (session.new_tab)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return workdir


def session_command(workdir: Path, today: dt.date, lang: str) -> str:
    """The shell command textual-serve runs for each browser tab (it starts commands through a shell)."""
    return shlex.join([sys.executable, "-m", "enplan", "demo", "--web-session", str(workdir),
                       "--today", today.isoformat(), "--lang", lang])


class DemoServer(Server):
    """textual-serve's server with enplan's page and start-up message."""

    def __init__(self, command: str, *, host: str, port: int) -> None:
        templates = Path(str(resources.files("enplan") / "web"))
        super().__init__(command, host=host, port=port, title=TITLE, templates_path=templates)
        self.url = url_for(host, port)

    def serve(self, debug: bool = False) -> None:
        """Like textual-serve's, but the address is announced once it is listening (the tests wait for that
        line), there is no line per request, and Ctrl+C or SIGTERM stop it (every tab's app is told to quit)."""
        self.debug = debug
        self.initialize_logging()
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        runner = web.AppRunner(await self._make_app(), handle_signals=False, access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
            # Listen for a stop before saying it serves: a stop sent on that line still cleans up.
            stop = asyncio.Event()
            for sig in (signal.SIGINT, signal.SIGTERM):
                asyncio.get_running_loop().add_signal_handler(sig, stop.set)
            say(_("The demo is served at {url}; each browser tab gets its own fresh demo data. Press Ctrl+C to "
                  "stop.").format(url=self.url))
            sys.stdout.flush()
            await stop.wait()
        finally:
            await runner.cleanup()

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints its logo here; enplan announces the address once it listens (``_serve``)."""

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        return {
            "title": TITLE, "lang": language(), "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "starting": _("Starting the demo…"), "start": _("Start"), "ended": _("The demo session has ended."),
            "restart": _("Start again with fresh demo data"),
        }


def serve_demo(*, host: str, port: int, public: bool, today: dt.date, lang: str) -> int:
    """Check the address, build the template, serve until Ctrl+C; the work folder is deleted after."""
    warning = check_host(host, port, public)
    check_listen(host, port)
    if warning:
        complain(_(warning))
    workdir = build_template(today)
    try:
        server = DemoServer(session_command(workdir, today, lang), host=host.strip("[]"), port=port)
        try:
            server.serve()
        except OSError as exc:  # taken between the check and now
            raise Refusal(bind_sentence(exc, host, port)) from None
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0
