"""`enplan demo --web` refuses what it must not do, in one sentence and
exit 2, before anything is built or started: a port in use, a host that
cannot be bound, a host beyond this machine without --public, a database
of one's own (--db), a trainee copy (--as). No browser needed."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from enplan import cli
from enplan.web import listen
from enplan.web.session import NOT_A_WEB_FOLDER, STAMP


@pytest.fixture(autouse=True)
def _english_after():
    yield
    from enplan.i18n import set_language

    set_language("en")  # --lang da is set for the whole process


@pytest.fixture
def temp_dir(tmp_path, monkeypatch) -> Path:
    """Where the server would make its work folder (tempfile: TMPDIR)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    return folder


def _refused(capsys, *args: str) -> str:
    assert cli.main(["demo", *args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("enplan: ")
    return lines[0].removeprefix("enplan: ")


def _nothing_built(temp_dir: Path) -> None:
    from enplan.paths import demo_db_path

    assert list(temp_dir.iterdir()) == []
    assert not demo_db_path().parent.exists()


@pytest.fixture
def busy_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


def test_a_port_in_use_is_one_sentence(busy_port, temp_dir, capsys):
    sentence = _refused(capsys, "--web", "--port", str(busy_port))
    assert sentence == f"Port {busy_port} is already in use; choose another with --port."
    _nothing_built(temp_dir)


def test_a_port_in_use_in_danish(busy_port, temp_dir, capsys):
    sentence = _refused(capsys, "--web", "--port", str(busy_port), "--lang", "da")
    assert sentence.startswith(f"Port {busy_port} ") and "--port" in sentence and "already" not in sentence


@pytest.mark.parametrize(("host", "words"), [
    ("nosuch.invalid", "Cannot listen on host nosuch.invalid: it is not a name or address this machine knows."),
    ("192.0.2.1", "Cannot listen on host 192.0.2.1: it is not an address of this machine."),  # TEST-NET-1
])
def test_a_host_that_cannot_be_bound_is_one_sentence(host, words, temp_dir, capsys):
    assert _refused(capsys, "--web", "--host", host, "--public") == words
    _nothing_built(temp_dir)


@pytest.mark.parametrize("port", ["0", "70000", "-1"])
def test_a_port_out_of_range(port, temp_dir, capsys):
    assert _refused(capsys, "--web", "--port", port) == f"--port must be a number from 1 to 65535, not {port}."


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.1.2.3", "example.org"])  # noqa: S104
def test_beyond_this_machine_needs_public(host, temp_dir, capsys):
    sentence = _refused(capsys, "--web", "--host", host)
    assert sentence == (f"Listening on {host} would let anyone who can reach it use the demo, and there is no "
                        "login; add --public to do it anyway.")
    _nothing_built(temp_dir)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost", "LOCALHOST"])
def test_loopback_hosts_need_no_flag(host):
    assert listen.is_loopback(host)
    assert listen.check_host(host, 8000, public=False) is None


def test_public_prints_a_warning_and_serves(temp_dir, capsys, monkeypatch):
    from enplan.web import serve

    served = []
    monkeypatch.setattr(serve, "build_template", lambda today: temp_dir / "work")
    monkeypatch.setattr(serve.DemoServer, "serve", lambda self: served.append((self.host, self.port, self.command)))
    port = _free_port()
    assert cli.main(["demo", "--web", "--host", "0.0.0.0", "--public", "--port", str(port)]) == 0  # noqa: S104
    err = capsys.readouterr().err
    assert err == (f"enplan: Warning: anyone who can reach 0.0.0.0 on port {port} can use this demo, as there is no "
                   "login; it holds demo data only.\n")
    [(host, bound, command)] = served
    assert (host, bound) == ("0.0.0.0", port)  # noqa: S104
    assert "--web-session" in command and "--db" not in command


@pytest.mark.parametrize(("args", "words"), [
    (["--web", "--db", "mine.db"], "never a database named with --db"),
    (["--web", "--as", "anna"], "each browser tab its own fresh demo data"),
    (["--web", "--prepare"], "each browser tab its own fresh demo data"),
    (["--port", "8001"], "--port, --host and --public go with --web"),
    (["--public"], "--port, --host and --public go with --web"),
])
def test_only_demo_data_is_served(args, words, temp_dir, capsys):
    assert words in _refused(capsys, *args)
    _nothing_built(temp_dir)
    assert not Path("mine.db").exists()


def test_a_session_needs_the_servers_folder(tmp_path, capsys):
    (tmp_path / "template.db").write_bytes(b"not the server's")  # no stamp: not a folder the server made
    assert _refused(capsys, "--web-session", str(tmp_path)) == NOT_A_WEB_FOLDER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["template.db"]


def test_a_session_serves_demo_data_only(tmp_path, capsys):
    """A real database put where the template goes is never opened in a tab: it has no demo mark."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(tmp_path / "template.db")) as con:
        con.execute("CREATE TABLE citizen (id TEXT)")
    (tmp_path / STAMP).write_text("2026-11-22")
    assert _refused(capsys, "--web-session", str(tmp_path)) == NOT_A_WEB_FOLDER
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([STAMP, "template.db"])  # the tab is gone


def test_the_command_line_does_not_import_the_web_server():
    code = ("import enplan.cli, enplan.commands, enplan.web.listen, enplan.web.session, json, sys; "
            "print(json.dumps(sorted(sys.modules)))")
    modules = {m.split(".")[0] for m in json.loads(subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60).stdout)}
    assert not modules & {"textual_serve", "aiohttp", "aiohttp_jinja2", "jinja2", "textual", "playwright"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
