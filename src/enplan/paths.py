"""Where enplan keeps its files. Nothing here creates files at import time."""

from __future__ import annotations

import os
from pathlib import Path

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


def demo_db_path() -> Path:
    return data_dir() / "demo" / "enplan-demo.db"


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


def resolve_db(arg: str | None) -> str:
    """A SQLAlchemy URL from --db, ENPLAN_DB or the default path."""
    raw = arg or os.environ.get("ENPLAN_DB") or str(default_db_path())
    if "://" in raw:
        return raw
    return f"sqlite:///{Path(raw).expanduser().absolute()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a sqlite URL, or None for other backends / memory."""
    if not url.startswith("sqlite"):
        return None
    rest = url.split(":///", 1)[1] if ":///" in url else ""
    rest = rest.split("?", 1)[0]
    if not rest or rest == ":memory:":
        return None
    return Path(rest)
