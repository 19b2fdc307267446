"""Where enplan keeps its files. Nothing here creates files at import time."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import quote, unquote

APP_NAME = "enplan"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return Path(os.environ.get("ENPLAN_DATA_DIR") or user_data_path(APP_NAME, appauthor=False, roaming=False))


def config_dir() -> Path:
    from platformdirs import user_config_path

    return Path(os.environ.get("ENPLAN_CONFIG_DIR") or user_config_path(APP_NAME, appauthor=False))


def config_file() -> Path:
    return config_dir() / "config.toml"


def default_db_path() -> Path:
    return data_dir() / "enplan.db"


def demo_db_path(name: str = "") -> Path:
    """The demo database; with ``name`` (checked by ``demo.demo_name``), that trainee's own copy."""
    return data_dir() / "demo" / (f"enplan-demo-{name}.db" if name else "enplan-demo.db")


def documents_dir() -> Path:
    """Where files for people (documents, calendars, spreadsheets) are offered to go by default."""
    from platformdirs import user_documents_path

    folder = user_documents_path()
    return folder if folder.is_dir() else Path.home()


def backup_dir_for(db_path: Path) -> Path:
    return db_path.parent / "backups"


def drafts_dir() -> Path:
    return data_dir() / "drafts"


def ensure_private_dir(path: Path) -> Path:
    """Create a directory readable by its owner only (0700).

    Folders this creates on the way are 0700 too: ``mkdir(parents=True)``
    would give them the umask's mode (e.g. the data folder when only its
    ``demo`` or ``backups`` subfolder is asked for)."""
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True, mode=0o700)
    try:
        os.chmod(path, 0o700)
        for folder in missing:
            os.chmod(folder, 0o700)
    except OSError:
        pass
    return path


# --db forms enplan supports: a SQLite file (a path or sqlite:///PATH) or a
# PostgreSQL server through psycopg 3 (SQLAlchemy's plain postgresql:// means
# psycopg2, which enplan does not ship).
SERVER_SCHEMES = ("postgresql", "postgresql+psycopg")


def chosen_db(given: str | None, configured: str) -> tuple[str | None, str]:
    """(value, where it came from): --db beats ENPLAN_DB beats `db` in
    config.toml; (None, "default") for the default file. An empty --db or
    ENPLAN_DB counts as given, so it is refused instead of silently meaning
    the default database."""
    if given is not None:
        return given, "--db"
    env = os.environ.get("ENPLAN_DB")
    if env is not None:
        return env, "ENPLAN_DB"
    if configured:
        return configured, "db in config.toml"
    return None, "default"


def resolve_db(arg: str | None, source: str = "--db") -> str:
    """A SQLAlchemy URL for the database the user chose (``arg``, given as
    ``source``), or for the default file when ``arg`` is None.

    Refuses (``failures.Refusal``, one sentence that never repeats the value:
    it may hold a password) what enplan cannot use: an empty value, an
    in-memory database, another kind of server, and a path that is a device,
    a pipe, a socket, a folder or a link to nothing."""
    if arg is None:
        return sqlite_url(default_db_path())
    from .domain.errors import Refusal

    if not arg.strip():
        raise Refusal(f"{source} is empty; give a database file or a postgresql:// URL, or leave it out to use "
                      "your own database.")
    if "\x00" in arg or not _utf8(arg):
        raise Refusal(f"{source} holds a character that no file name or URL can hold; check it.")
    if "://" in arg:
        return _url(arg, source)
    try:
        path = Path(arg).expanduser().absolute()
    except RuntimeError:  # "~name" of a user this machine does not know
        raise Refusal(f"{source} starts with ~ and a user name this machine does not know; give the full path.") \
            from None
    problem = db_file_problem(path, source)
    if problem:
        raise Refusal(problem)
    return sqlite_url(path)


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:  # undecodable bytes in argv arrive as lone surrogates
        return False


def _url(text: str, source: str) -> str:
    from .domain.errors import Refusal

    scheme, rest = text.split("://", 1)
    scheme = scheme.strip().lower()
    if scheme == "sqlite":
        if "?" in rest:
            raise Refusal(f"{source} is a SQLite URL with options, which enplan does not take; give the "
                          "database file's path.")
        if rest in ("", "/", "/:memory:"):
            raise Refusal(f"{source} names a database in memory, which keeps nothing; give the path of a "
                          "database file.")
        if not rest.startswith("/"):
            raise Refusal(f"{source} is not a SQLite URL enplan can read; write it like sqlite:///PATH, or give "
                          "the path itself.")
        return resolve_db(str(sqlite_path(f"sqlite://{rest}")), source)
    if scheme not in SERVER_SCHEMES:
        raise Refusal(f"enplan works with SQLite files and PostgreSQL servers only, so {source} must be a file "
                      "path or a postgresql:// URL.")
    url = f"postgresql+psycopg://{rest}"
    import sqlalchemy as sa  # only for server URLs, which need it anyway

    try:
        port = sa.engine.make_url(url).port
        if port is not None and not 0 < port < 65536:
            raise ValueError(port)
    except (sa.exc.ArgumentError, ValueError):
        raise Refusal(f"{source} is not a PostgreSQL URL enplan can read; write it like "
                      "postgresql://USER@HOST/DATABASE.") from None
    return url


def db_file_problem(path: Path, source: str = "--db") -> str | None:
    """Why ``path`` can never be a database file, or None (also when it does not exist yet).

    Checked before anything opens, creates or chmods the path: a device
    (/dev/null), a pipe (opening one waits for a writer), a socket, a folder,
    or a symbolic link to nothing (creating through it would make a file
    elsewhere). Other errors (no permission) are left to the opener, which
    names them."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            return f"{path} is a link to a file that does not exist; choose the database file itself with {source}."
        return None
    except (OSError, ValueError):
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return f"{path} is a folder, not a database file; choose a file path with {source}."
    return (f"{path} is not a regular file (it is a device, a pipe or a socket), so it cannot hold a database; "
            f"choose a file path with {source}.")


def sqlite_uri(path: Path, query: str) -> str:
    """A SQLite URI filename (``file:…?query``); any character may be in the path."""
    return f"file:{quote(str(path), safe='/')}?{query}"


def sqlite_url(path: Path, query: str = "") -> str:
    """The SQLAlchemy URL of a SQLite file; ``query`` (e.g. ``mode=ro``) opens it
    as a SQLite URI. SQLAlchemy percent-decodes the path (and SQLite a URI's
    once more), so a path with ``%``, ``?`` or ``#`` opens the file it names."""
    if not query:
        return f"sqlite:///{quote(str(path), safe='/')}"
    uri_path = sqlite_uri(path, "").removesuffix("?")
    return f"sqlite:///{quote(uri_path, safe='/:')}?{query}&uri=true"


def sqlite_path(url: str) -> Path | None:
    """The file behind a sqlite URL, or None for other backends / memory."""
    if not url.startswith("sqlite"):
        return None
    rest = url.split(":///", 1)[1] if ":///" in url else ""
    rest, _, query = rest.partition("?")
    rest = unquote(rest)
    if "uri=true" in query.split("&") and rest.startswith("file:"):
        rest = unquote(rest.removeprefix("file:"))
    if not rest or rest == ":memory:":
        return None
    return Path(rest)
