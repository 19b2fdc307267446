"""Drive `enplan demo --web` in a real browser: Debian's headless Chromium
through Playwright (PyPI), started with ``executable_path`` (never
``playwright install``, which downloads a browser).

Text in the page is drawn on a canvas, so what the app shows is read from
the websocket instead: a script added before the page's own wraps
``WebSocket``, decodes what the app sends, strips the escape sequences and
notes when each awaited text first arrived (``performance.now()``: ms since
the page was requested). Used by the benchmark (``web_first_screen_s``) and
by tests/web.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BROWSERS = ("chromium-headless-shell", "chromium", "chromium-browser")
TARGETS = {"web_first_screen_s": 3.0}
SERVING = "http://"  # the server's start-up line names its address

CAPTURE = r"""
(() => {
  const ansi = /\x1b\[[0-9;?<>=]*[ -\/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>NOcDEHM78]/g;
  const state = window.__enplan = {text: "", seen: {}, wanted: [], bytes: 0};
  const decoder = new TextDecoder("utf-8");
  const Native = window.WebSocket;
  window.WebSocket = function (url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    socket.addEventListener("message", (event) => {
      if (typeof event.data === "string") return;
      state.bytes += event.data.byteLength;
      state.text += decoder.decode(new Uint8Array(event.data), {stream: true}).replace(ansi, "");
      for (const want of state.wanted) {
        if (!(want in state.seen) && state.text.includes(want)) state.seen[want] = performance.now();
      }
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();
"""


def find_browser() -> str | None:
    """Debian's headless Chromium (or a full Chromium) on PATH, or None."""
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def demo_server(port: int, env: dict[str, str], *extra: str, cwd: Path | None = None) -> Iterator[subprocess.Popen]:
    """`enplan demo --web --port PORT` in its own process group, stopped (the group) afterwards."""
    proc = subprocess.Popen([sys.executable, "-m", "enplan", "demo", "--web", "--port", str(port), *extra],
                            env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)
    try:
        said = ""
        while SERVING not in said:  # a warning (--public) may come first
            line = proc.stdout.readline() if proc.stdout else ""
            if not line:  # it ended (a refusal, a crash)
                raise RuntimeError(f"the demo server did not start: {said}")
            said += line
        yield proc
    finally:
        stop_group(proc)


def stop_group(proc: subprocess.Popen, grace: float = 20.0) -> None:
    """SIGTERM the server's process group (the server and every tab's app), then SIGKILL what is left."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()
    if proc.stdout:
        proc.stdout.close()


def launch(playwright, browser_path: str):  # noqa: ANN001, ANN201 - Playwright objects
    return playwright.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])


def open_demo(browser, port: int, wanted: list[str], *, width: int = 1280, height: int = 800):  # noqa: ANN001, ANN201
    """A new page on the demo with the websocket capture; ``wanted`` texts are timed from the start."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.add_init_script(CAPTURE + "".join(f"window.__enplan.wanted.push({_js(w)});" for w in wanted))
    page.goto(f"http://127.0.0.1:{port}/")
    return page


def wait_for_text(page, text: str, timeout_s: float = 20.0, since: int = 0) -> float:  # noqa: ANN001
    """Seconds since the page was requested when ``text`` arrived (after ``since`` characters of screen text)."""
    page.wait_for_function("([t, s]) => window.__enplan.text.indexOf(t, s) >= 0", arg=[text, since],
                           timeout=timeout_s * 1000, polling=20)
    seen = page.evaluate("(t) => window.__enplan.seen[t]", text)
    return (seen if seen is not None else page.evaluate("performance.now()")) / 1000


def screen_text(page) -> str:  # noqa: ANN001
    return page.evaluate("window.__enplan.text")


def _js(text: str) -> str:
    import json

    return json.dumps(text)


def demo_names() -> list[str]:
    """The demo caseworker's citizens: one of them on screen means the caseload is shown."""
    from enplan.demo import DEMO_CASEWORKER, sample_document

    doc = sample_document()
    return [c["name"] for c in doc["citizens"] if c["caseworker"] == DEMO_CASEWORKER and not c["closed_on"]]


def measure_web_first_screen(runs: int, env: dict[str, str], today: str) -> dict:
    """Page requested → the caseload's first citizen arrives, in headless Chromium, ``runs`` times (a new tab,
    so a new app process and demo copy, each time) after one run that is not counted."""
    browser_path = find_browser()
    if browser_path is None:
        return {}
    from playwright.sync_api import sync_playwright

    names = demo_names()
    times = []
    port = free_port()
    temp = Path(tempfile.mkdtemp(prefix="enplan-bench-web-"))
    env = env | {"TMPDIR": str(temp)}  # where the server's work folder, with each tab's, goes
    with demo_server(port, env, "--today", today, "--lang", "en"), sync_playwright() as p:
        browser = launch(p, browser_path)
        try:
            for run in range(runs + 1):
                page = open_demo(browser, port, names)
                page.wait_for_function("(names) => names.some((n) => n in window.__enplan.seen)", arg=names,
                                       timeout=30_000, polling=20)
                first = min(v for v in page.evaluate("Object.values(window.__enplan.seen)"))
                if run:
                    times.append(first / 1000)
                page.close()
                _gone(lambda: not any(temp.glob("enplan-web-*/tab-*")))  # the tab's app has exited
        finally:
            browser.close()
    shutil.rmtree(temp, ignore_errors=True)
    return {"web_first_screen_s": statistics.median(times), "web_first_screen_min_s": min(times),
            "web_first_screen_max_s": max(times)}


def _gone(check, timeout: float = 10.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not check() and time.monotonic() < deadline:
        time.sleep(0.05)
