"""A real PostgreSQL server for the test session.

One throw-away cluster per pytest session: ``initdb`` into a temporary
directory owned by the ``postgres`` OS user (the server refuses to run as
root), ``pg_ctl start`` on a free private port bound to 127.0.0.1 with its
socket inside that directory. Each test that asks for it gets a new, empty
database (``CREATE DATABASE`` is cheap), dropped again when the test ends.
The server is stopped and its directory removed at the end of the session,
even when tests fail (session finalizer, with ``atexit`` as a backstop).

The cluster's default collation is ICU ``da-DK`` where the server supports
it, so any ORDER BY that leans on the database collation instead of the
portable ``name_key`` column shows up as a difference from SQLite.

When the binaries are missing or the server will not start, every
PostgreSQL test is skipped with the reason, and the run's summary repeats it
(``pytest_terminal_summary`` in ``tests/conftest.py``).
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

USER = "enplan"  # the cluster's superuser: creates databases, runs migrations (the owner's work)
# Daily work (the app, every daily command) is refused as a superuser or the owner (issue 15), so
# tests do it as DAILY: a caseworker's login (group enplan_staff) with BYPASSRLS, which sees every
# citizen as the tests before teams expect. Tests of the access rules use logins of their own.
DAILY = "tester"
GROUP_ROLES = ("enplan_staff", "enplan_leader", "enplan_admin")
_lock = threading.Lock()
_server: PgServer | None = None
skip_reason: str | None = None  # why PostgreSQL tests were skipped, for the summary
ran_on: str | None = None  # which server they ran on, for the summary
_names = itertools.count(1)


class PgUnavailable(RuntimeError):
    """PostgreSQL cannot be used in this run; the message says why."""


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl: $ENPLAN_PG_BINDIR if set (only
    there), else PATH, then ``pg_config --bindir``, then Debian's layout."""
    forced = os.environ.get("ENPLAN_PG_BINDIR")
    if forced:
        folder = Path(forced)
        return folder if (folder / "initdb").exists() and (folder / "pg_ctl").exists() else None
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(os.path.realpath(on_path)).parent
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=10)
            candidates.append(out.stdout.strip())
        except (OSError, subprocess.SubprocessError):
            pass
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _version_key(folder: str) -> float:
    try:
        return float(Path(folder).parent.name)
    except ValueError:
        return 0.0


def _base_dir(for_other_user: bool) -> str | None:
    """A temp folder the ``postgres`` user can reach (every ancestor o+x)."""
    candidates = [tempfile.gettempdir(), "/var/tmp", "/dev/shm"]
    if not for_other_user:
        return candidates[0]
    for folder in candidates:
        path = Path(folder)
        if path.is_dir() and all(p.stat().st_mode & 0o001 for p in (path, *path.parents)):
            return folder
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """A private PostgreSQL cluster in a temporary directory."""

    def __init__(self, bindir: Path, options: str = "") -> None:
        self.bindir = bindir
        self.options = options  # more server settings, e.g. "-c max_connections=300" (the last -c wins)
        self._as_postgres = os.geteuid() == 0 if hasattr(os, "geteuid") else False
        base = _base_dir(self._as_postgres)
        if base is None:
            raise PgUnavailable("no temporary folder the `postgres` user can reach (tried $TMPDIR, /var/tmp, /dev/shm)")
        self.root = Path(tempfile.mkdtemp(prefix="enplan-pg-", dir=base))
        self.data = self.root / "data"
        self.port = 0
        self.started = False
        self.version = ""
        self.version_num = 0
        self._template_name: str | None = None
        self._admin = None  # psycopg connection to the 'postgres' database

    # -- running the server's tools -----------------------------------------
    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self._as_postgres:
            runuser = shutil.which("runuser")
            if runuser is None:
                raise PgUnavailable("running as root and `runuser` is missing, so the server cannot start as `postgres`")
            cmd = [runuser, "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=self.root)

    def start(self) -> None:
        if self._as_postgres:
            shutil.chown(self.root, "postgres")
        try:
            self._initdb()
        except PgUnavailable as first:
            if not self._as_postgres:
                raise
            # As root, runuser may be unusable (no PAM in some containers); try as ourselves.
            self._as_postgres = False
            try:
                self._initdb()
            except PgUnavailable as second:
                raise PgUnavailable(f"{first}; directly: {second}") from None
        for _attempt in range(3):
            self.port = _free_port()
            opts = (f"-k {self.data} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off "
                    "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 " + self.options)
            res = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
                            "-o", opts, "-w", "-t", "30", "start")
            if res.returncode == 0:
                self.started = True
                break
        if not self.started:
            raise PgUnavailable(f"pg_ctl start failed: {_tail(res.stderr or res.stdout)} {_tail(self._log())}")
        self._connect_admin()

    def _initdb(self) -> None:
        base = ["initdb", "-D", str(self.data), "-A", "trust", "-U", USER, "-E", "UTF8", "--no-sync",
                "--locale=C.UTF-8"]
        for extra in (["--locale-provider=icu", "--icu-locale=da-DK"], []):
            try:
                res = self._run(*base, *extra)
            except OSError as exc:
                raise PgUnavailable(f"initdb could not run: {exc}") from None
            if res.returncode == 0:
                return
            shutil.rmtree(self.data, ignore_errors=True)
        raise PgUnavailable(f"initdb failed: {_tail(res.stderr or res.stdout)}")

    def _log(self) -> str:
        try:
            return (self.root / "server.log").read_text(errors="replace")
        except OSError:
            return ""

    def _connect_admin(self) -> None:
        import psycopg

        self._admin = psycopg.connect(host="127.0.0.1", port=self.port, user=USER, dbname="postgres",
                                      autocommit=True, connect_timeout=10)
        self.version = self._admin.execute("SHOW server_version").fetchone()[0]
        self.version_num = int(self._admin.execute("SHOW server_version_num").fetchone()[0])

    def add_test_roles(self) -> None:
        """enplan's group roles and the daily-work login DAILY (README's step 1 does this on a real server)."""
        for group in GROUP_ROLES:
            self._admin.execute(f"CREATE ROLE {group} NOLOGIN")
        self._admin.execute(f"CREATE ROLE {DAILY} LOGIN BYPASSRLS IN ROLE enplan_staff")

    # -- databases ------------------------------------------------------------
    def url(self, name: str, user: str = USER) -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{name}"

    def daily_url(self, name: str) -> str:
        """The database as a caseworker's daily work opens it (DAILY)."""
        return self.url(name, DAILY)

    def create_database(self, name: str, *, options: str = "") -> str:
        # FILE_COPY is ~8x faster than PG 15's default WAL_LOG for a tiny template (fsync is off).
        strategy = " STRATEGY = FILE_COPY" if self.version_num >= 150000 and "STRATEGY" not in options.upper() else ""
        with _lock:
            self._admin.execute(f'CREATE DATABASE "{name}" {options}{strategy}')
        return self.url(name)

    def migrate_from_template(self, url: str) -> bool:
        """Turn the fresh, still empty database behind ``url`` into a copy of
        one migrated to head (built once per session by running enplan's own
        migrations). False, and nothing changed, when it is no longer empty."""
        name = url.rsplit("/", 1)[1]
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=USER, dbname=name, connect_timeout=10) as conn:
            used = conn.execute("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                "WHERE n.nspname = 'public'").fetchone()[0]
        if used:
            return False
        template = self._template()
        with _lock:
            self._admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        self.create_database(name, options=f'TEMPLATE "{template}"')
        return True

    def _template(self) -> str:
        if self._template_name is None:
            from enplan.store.opening import open_database

            name = "enplan_head"
            self.create_database(name)
            open_database(self.url(name), daily_backup=False, purpose="owner").dispose()
            self._template_name = name
        return self._template_name

    def password_role(self, role: str, password: str) -> None:
        """A login role that must give its password (the cluster trusts everyone
        else): a line at the top of pg_hba.conf for this role only, reloaded."""
        hba = self.data / "pg_hba.conf"
        line = f"host all {role} 127.0.0.1/32 scram-sha-256\n"
        with _lock:
            text = hba.read_text()
            if line not in text:
                hba.write_text(line + text)
            self._admin.execute(f"DROP ROLE IF EXISTS {role}")
            self._admin.execute(f"CREATE ROLE {role} LOGIN SUPERUSER PASSWORD '{password}'")
            self._admin.execute("SELECT pg_reload_conf()")

    def drop_database(self, name: str) -> None:
        with _lock:
            if self._admin is not None and not self._admin.closed:
                self._admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server (kill its postmaster if pg_ctl cannot) and remove the directory."""
        try:
            if self._admin is not None:
                self._admin.close()
                self._admin = None
            self.started = False
            if (self.data / "postmaster.pid").exists():  # also after a start that "failed" but came up late
                try:
                    self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=30)
                except (OSError, subprocess.SubprocessError, PgUnavailable):
                    pass
                self._kill_leftover()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def pids(self) -> list[int]:
        """The postmaster (from postmaster.pid), then its children (``pgrep -P``)."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        out = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True, timeout=10)
        return [postmaster, *(int(pid) for pid in out.stdout.split())]

    @contextmanager
    def frozen(self) -> Iterator[None]:
        """Every process of this server stopped (SIGSTOP), as a server that no
        longer answers on a lost network; always continued (SIGCONT) after.
        The postmaster goes first, so it cannot start a child meanwhile."""
        stopped: list[int] = []
        try:
            for pid in self.pids():
                os.kill(pid, signal.SIGSTOP)  # our own server's processes, by id
                stopped.append(pid)
            yield
        finally:
            for pid in reversed(stopped):
                try:
                    os.kill(pid, signal.SIGCONT)
                except OSError:
                    pass

    def _kill_leftover(self) -> None:
        pid_file = self.data / "postmaster.pid"
        try:
            pid = int(pid_file.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return
        try:
            os.kill(pid, signal.SIGKILL)  # our own postmaster, by its id
        except OSError:
            pass


def _tail(text: str, lines: int = 3) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:] if line.strip())


def server() -> PgServer:
    """The session's server, started on first use; skips with the reason if impossible."""
    global _server, skip_reason, ran_on
    if skip_reason is not None:
        pytest.skip(skip_reason)
    if _server is not None:
        return _server
    bindir = find_bindir()
    if bindir is None:
        where = (f"in $ENPLAN_PG_BINDIR ({os.environ['ENPLAN_PG_BINDIR']})" if os.environ.get("ENPLAN_PG_BINDIR")
                 else "on PATH, via `pg_config --bindir` or in /usr/lib/postgresql/*/bin")
        skip_reason = (f"PostgreSQL tests skipped: initdb/pg_ctl not found {where} "
                       "(install Debian's `postgresql` package; .ci/run does)")
        pytest.skip(skip_reason)
    candidate = None
    try:
        candidate = PgServer(bindir)
        atexit.register(candidate.stop)
        candidate.start()
        candidate.add_test_roles()
    except Exception as exc:  # noqa: BLE001 - any failure to start means: skip, with the reason
        if candidate is not None:
            candidate.stop()
        skip_reason = f"PostgreSQL tests skipped: the test server in {bindir} could not start: {exc}"
        pytest.skip(skip_reason)
    _server = candidate
    _stop_on_sigterm()
    ran_on = f"PostgreSQL tests ran on a private PostgreSQL {candidate.version} server ({bindir}, 127.0.0.1:{candidate.port})"
    return _server


def _stop_on_sigterm() -> None:
    """Turn SIGTERM (``timeout``, CI cancelling a job) into KeyboardInterrupt,
    so pytest still runs its finalizers and the server does not outlive the run."""
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        return

    def _interrupt(_signum, _frame) -> None:  # noqa: ANN001
        raise KeyboardInterrupt("SIGTERM")

    signal.signal(signal.SIGTERM, _interrupt)


def stop_server() -> None:
    """Called at session end (conftest's session fixture); safe to call twice."""
    global _server
    if _server is not None:
        _server.stop()
        _server = None


@contextmanager
def private_server(options: str = "", *, roles: bool = True) -> Iterator[PgServer]:
    """A started server of its own, stopped and removed afterwards; PgUnavailable
    says why none could start (the bench uses this; tests use dedicated_server).
    ``options``: more server settings (bench/load.py raises max_connections);
    ``roles``: with enplan's group roles and the daily login DAILY (add_test_roles)."""
    bindir = find_bindir()
    if bindir is None:
        raise PgUnavailable("initdb/pg_ctl not found")
    own = PgServer(bindir, options)
    atexit.register(own.stop)  # a backstop if the run is killed; stop() may run twice
    try:
        own.start()
        if roles:
            own.add_test_roles()
        yield own
    finally:
        own.stop()


@contextmanager
def dedicated_server(*, roles: bool = True) -> Iterator[PgServer]:
    """A server of its own, for a test that freezes or stops it (never the
    session's shared one); stopped and removed afterwards. Skips like server()."""
    if skip_reason is not None:
        pytest.skip(skip_reason)
    try:
        started = private_server(roles=roles)
        own = started.__enter__()
    except Exception as exc:  # noqa: BLE001 - any failure to start means: skip, with the reason
        pytest.skip(f"PostgreSQL tests skipped: a dedicated test server could not start: {exc}")
    try:
        yield own
    finally:
        started.__exit__(None, None, None)


def daily(url: str) -> str:
    """The same database as ``url``, as the daily-work login DAILY (not the superuser)."""
    return url.replace(f"://{USER}@", f"://{DAILY}@", 1)


def owner(url: str) -> str:
    """The same database as ``url``, as the superuser who owns it (migrations, erasure)."""
    return url.replace(f"://{DAILY}@", f"://{USER}@", 1)


def fresh_database_url(request, *, options: str = "") -> str:  # noqa: ANN001
    """A new, empty database on the session's server, dropped after the test."""
    srv = server()
    request.getfixturevalue("_pg_session")  # ties the server's shutdown to the session
    name = f"t{os.getpid()}_{next(_names)}"
    url = srv.create_database(name, options=options)
    request.addfinalizer(lambda: srv.drop_database(name))
    return url
