"""The user's settings, from a TOML file in the platformdirs config folder.

    caseworker = "mette"          # whose caseload to show; also the audit actor
    theme = "textual-dark"
    language = "en"               # or "da"
    [keymap]
    worklist = "W"                # binding id = key(s)

A broken file never stops the app: the error is reported and defaults used.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .paths import config_file

KNOWN_KEYS = {"caseworker", "theme", "language", "keymap", "db"}


@dataclass(frozen=True)
class Settings:
    caseworker: str = ""
    theme: str = "textual-dark"
    language: str = "en"
    keymap: dict[str, str] = field(default_factory=dict)
    db: str = ""
    problems: tuple[str, ...] = ()


def load_settings(path: Path | None = None) -> Settings:
    path = path or config_file()
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Settings(problems=(f"Ignoring {path}: {exc}",))
    problems = [f"Unknown setting {k!r} in {path}." for k in data if k not in KNOWN_KEYS]
    values: dict = {}
    for key in ("caseworker", "theme", "language", "db"):
        if key in data:
            if isinstance(data[key], str) and "\x00" not in data[key]:
                values[key] = data[key].strip()
            else:
                problems.append(f"Setting {key!r} in {path} must be text.")
    keymap = data.get("keymap", {})
    if isinstance(keymap, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()):
        values["keymap"] = dict(keymap)
    else:
        problems.append(f"[keymap] in {path} must map binding ids to keys, e.g. worklist = \"W\".")
    return Settings(**values, problems=tuple(problems))


def save_setting(key: str, value: str, path: Path | None = None) -> None:
    """Remember one top-level setting (e.g. the theme chosen in the palette)."""
    import tomli_w

    path = path or config_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, tomllib.TOMLDecodeError):
        return  # never overwrite a file the user must fix by hand
    data[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(tomli_w.dumps(data), encoding="utf-8")
    os.replace(tmp, path)


def with_overrides(settings: Settings, **values: str | None) -> Settings:
    return replace(settings, **{k: v for k, v in values.items() if v})
