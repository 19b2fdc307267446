"""Open a database safely: check it, back it up, migrate it, or refuse with
one clear sentence and leave the file exactly as it was.

Every check before the engine is created uses a plain sqlite3 connection with
``query_only`` on. It is opened read-write on purpose: a ``mode=ro``
connection to a WAL database leaves empty ``-wal``/``-shm`` files behind,
while a read-write one, being the last to close, removes them again. Nothing
that changes the file (``journal_mode=WAL``, migrations) runs until the
file has passed every check.

A file enplan may not write (its mode, a read-only disk) is refused for
writing with a sentence that says so; a caller that only reads
(``read_only=True``: overdue, export, audit) gets it opened read-only
instead, without a migration, a backup or a chmod.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import sqlalchemy as sa

from ..paths import backup_dir_for, data_dir, db_file_problem, ensure_private_dir, sqlite_path, sqlite_uri, sqlite_url
from . import backup, change_log, migrate
from .engine import Database

CHECK_TIMEOUT_S = 2.0  # how long to wait for a lock before calling the file locked


class DatabaseOpenError(RuntimeError):
    """The database cannot be opened; the message says what to do."""


def read_only_sentence(path: Path) -> str:
    return (f"{path} is read-only, so enplan cannot change it; ask for write access to the file and its folder, "
            "or work on a copy (overdue, export and audit can read it as it is).")


class ReadOnlyDatabase(Database):
    """A database enplan may read but not change (see ``open_database``)."""

    read_only = True

    def write(self, **_how):  # noqa: ANN003, ANN201 - refuses before any transaction starts
        raise DatabaseOpenError(read_only_sentence(self.path))

    def fix_modes(self) -> None:
        pass  # never chmod a file enplan may not write


def restore_hint(path: Path) -> str:
    """'run `enplan restore …`' naming the newest backup when there is one."""
    folder = backup_dir_for(path)
    try:
        copies = backup.list_backups(path, folder)
    except OSError:
        copies = []
    if copies:
        return f"run `enplan restore {copies[-1]}` (the newest of the copies in {folder})"
    return f"run `enplan restore BACKUP` with a backup copy (enplan keeps them in {folder})"


def _exists(path: Path, what: str) -> bool:
    try:
        path.stat()
        return True
    except FileNotFoundError:
        return False
    except PermissionError:
        raise DatabaseOpenError(f"enplan may not open {what} {path}; ask for access to it or choose another --db path.") from None
    except OSError as exc:
        raise DatabaseOpenError(f"{path} cannot be reached ({exc.strerror}); check the path given with --db.") from None


def _is_default_location(path: Path) -> bool:
    try:
        return path.absolute().is_relative_to(data_dir().absolute())
    except (OSError, ValueError):
        return False


def check_sqlite_file(path: Path) -> str:
    """Read-only checks before SQLite or Alembic may write anything.

    Returns "fresh" (missing, empty or table-less: enplan will create the
    schema) or "enplan" (an enplan database this version can open), and
    raises DatabaseOpenError with one sentence otherwise."""
    if not _exists(path.parent, "the folder"):
        if _is_default_location(path):
            return "fresh"  # first start: open_database creates the private data folder
        raise DatabaseOpenError(f"The folder {path.parent} does not exist; create it or choose another --db path.")
    problem = db_file_problem(path)  # a device, pipe or socket is never opened (a pipe would hang)
    if problem:
        raise DatabaseOpenError(problem)
    if not _exists(path, "the database"):
        return "fresh"
    if not os.access(path, os.R_OK):
        raise _unreadable(path)
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except PermissionError:
        raise _unreadable(path) from None
    except OSError as exc:
        raise DatabaseOpenError(f"{path} cannot be read ({exc.strerror}); {restore_hint(path)}.") from None
    if not header:
        return "fresh"
    if not header.startswith(backup.SQLITE_HEADER):
        raise DatabaseOpenError(
            f"{path} is not an enplan database (it is not a SQLite file at all); check the --db path, "
            f"or if it was your enplan database, {restore_hint(path)}.")
    return _check_contents(path)


def _unreadable(path: Path) -> DatabaseOpenError:
    # A permission problem, not damage: no restore hint.
    return DatabaseOpenError(f"enplan may not read and write {path}; give your user access to it (chmod 600).")


def writable(path: Path) -> bool:
    """Whether SQLite may change the existing file ``path`` (and put its -wal/-shm beside it)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_only_query(path: Path) -> str:
    """How to read a file enplan may not write. Without a -wal file nobody
    has it open for writing, and ``mode=ro`` alone would leave new -wal/-shm
    files beside it (or fail on a read-only disk): read it as it stands."""
    return "mode=ro" if os.path.lexists(f"{path}-wal") else "mode=ro&immutable=1"


def _check_contents(path: Path) -> str:
    query = "mode=rw" if writable(path) else _read_only_query(path)
    try:
        conn = sqlite3.connect(sqlite_uri(path, query), uri=True, timeout=CHECK_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise _sqlite_problem(path, exc) from None
    try:
        conn.execute("PRAGMA query_only=ON")
        result = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        if result != ["ok"]:
            raise DatabaseOpenError(f"{path} is damaged (its integrity check failed); {restore_hint(path)}.")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables - {"sqlite_sequence"}:
            return "fresh"
        if "alembic_version" not in tables:
            raise DatabaseOpenError(
                f"{path} is a SQLite database but not an enplan one; check the path given with --db.")
        revisions = [row[0] for row in conn.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.Error as exc:
        raise _sqlite_problem(path, exc) from None
    finally:
        conn.close()
    unknown = [r for r in revisions if not migrate.is_known_revision(r)]
    if unknown:
        raise DatabaseOpenError(
            f"{path} was written by a newer version of enplan (schema {unknown[0][:40]}); install that version, "
            f"or {restore_hint(path)}.")
    return "enplan"


def _disk_full(path: Path) -> DatabaseOpenError:
    return DatabaseOpenError(f"The disk that holds {path} is full, so enplan cannot open it (it was not changed); "
                             "free some space and try again.")


def _sqlite_problem(path: Path, exc: sqlite3.Error) -> DatabaseOpenError:
    """One sentence for an error SQLite raised while checking the file."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return DatabaseOpenError(
            f"{path} is locked by another program; close other enplan windows or stop the stuck process, then try again.")
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_READONLY", "SQLITE_AUTH")):
        return DatabaseOpenError(
            f"enplan cannot open {path} for writing (check the permissions of the file and its folder), "
            f"or {restore_hint(path)}.")
    if backup.disk_full(exc, path.parent):  # e.g. no room for the -shm file beside it
        return _disk_full(path)
    # SQLITE_NOTADB, SQLITE_CORRUPT and anything else: the file is not usable as it is.
    return DatabaseOpenError(f"{path} is damaged and cannot be opened; {restore_hint(path)}.")


def _database(url: str) -> Database:
    try:
        return Database(url)
    except ValueError as exc:  # store/server.py's SettingError: a URL setting it cannot use
        raise DatabaseOpenError(str(exc)) from None


def open_database(url: str, *, migrate_now: bool = True, daily_backup: bool = True,
                  read_only: bool = False, purpose: str = "daily") -> Database:
    """Check, back up, migrate and return a ready Database.

    ``read_only``: the caller only reads, so a file enplan may not write is
    opened read-only (a ReadOnlyDatabase) instead of refused. ``purpose``:
    "daily" (the app and every daily command) refuses a server login that is
    a superuser, the schema's owner or an administrator (store/policies.py);
    "owner" (enplan migrate, erase on a server) and "admin" (enplan admin)
    take them."""
    path = sqlite_path(url)
    if path is not None:
        state = check_sqlite_file(path)
        if path.exists() and not writable(path):
            if read_only and state == "enplan":
                return _open_read_only(path)
            raise DatabaseOpenError(read_only_sentence(path))
        if state == "fresh":
            _create_private_file(path)
    db = _database(url)
    try:
        if path is None and purpose == "daily" and db.engine.dialect.name == "postgresql":
            _check_daily_login(db)
        behind = migrate.needs_upgrade(db.engine)
        fresh = migrate.current_revision(db.engine) is None
        if path is not None and not fresh and (
                behind or (daily_backup and not backup.has_backup_today(path, backup_dir_for(path)))):
            backup.rotating_backup(path, ensure_private_dir(backup_dir_for(path)), "migration" if behind else "daily")
        if behind:
            if not migrate_now:
                raise DatabaseOpenError("The database needs an upgrade; run `enplan migrate` first.")
            migrate.upgrade(db.engine)
    except migrate.NewerDatabaseError as exc:
        db.dispose()
        raise DatabaseOpenError(f"{exc} ({path or 'server database'})") from None
    except backup.BackupError as exc:
        db.dispose()
        raise DatabaseOpenError(str(exc)) from None
    except sa.exc.ProgrammingError as exc:
        db.dispose()
        if path is None and getattr(exc.orig, "sqlstate", None) == "42501":  # insufficient_privilege
            raise DatabaseOpenError(
                "The database needs a schema upgrade that your database role may not make; ask whoever runs the "
                "server to run `enplan migrate` as the database owner.") from None
        raise
    except sa.exc.OperationalError as exc:
        db.dispose()
        if path is not None and _is_lock_error(exc):
            raise DatabaseOpenError(
                f"{path} is locked by another program; close other enplan windows or stop the stuck process, "
                "then try again.") from None
        if path is not None and backup.disk_full(exc.orig, path.parent):
            raise _disk_full(path) from None
        from ..failures import describe  # unreachable, no answer, login refused: the one wording for each

        raise DatabaseOpenError(describe(exc) or f"Cannot connect to the database: {_first_line(exc)}") from None
    except BaseException:
        db.dispose()
        raise
    change_log.take_role(db)
    db.fix_modes()
    return db


def _check_daily_login(db: Database) -> None:
    from . import policies

    with db.engine.connect() as conn:
        login, kind = policies.login_kind(conn)
        refusal = policies.daily_refusal(login, kind)
        if refusal is None and kind == "daily":
            db.narrows_reads = policies.sees_other_caseloads(conn)
    if refusal:
        raise DatabaseOpenError(refusal)


def _open_read_only(path: Path) -> ReadOnlyDatabase:
    db = ReadOnlyDatabase(sqlite_url(path, _read_only_query(path)))
    try:
        behind = migrate.needs_upgrade(db.engine)
    except sa.exc.DBAPIError:
        db.dispose()
        raise DatabaseOpenError(f"{path} is read-only and cannot be read as it stands; copy it to a folder you can "
                                "write to and use --db with the copy.") from None
    except BaseException:
        db.dispose()
        raise
    if behind:
        db.dispose()
        raise DatabaseOpenError(f"{path} is read-only and was written by an older enplan; copy it to a folder you "
                                "can write to and run `enplan migrate --db` with the copy.")
    return db


def _create_private_file(path: Path) -> None:
    """An empty 0600 file, so SQLite's -wal/-shm files inherit that mode.

    A missing folder is created 0700, and so is enplan's own data folder;
    a folder the user chose with --db (their home, /tmp …) is left as it is.
    Only a regular file is ever made private (checked on the open file, so
    nothing can swap in a device between the check and the chmod)."""
    if not path.parent.exists() or _is_default_location(path):
        ensure_private_dir(path.parent)
    if path.exists() and path.stat().st_size > 0:
        return  # a table-less SQLite file: SQLite writes the schema into it as it is
    # O_NONBLOCK: a pipe put here since the check must not make this wait.
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_NONBLOCK, 0o600)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DatabaseOpenError(db_file_problem(path) or f"{path} is not a regular file; choose another --db path.")
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def _is_lock_error(exc: sa.exc.OperationalError) -> bool:
    orig = getattr(exc, "orig", None)
    name = getattr(orig, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in str(orig)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", exc)) or exc.__class__.__name__
    return text.strip().splitlines()[0]
