"""The user's settings, from a TOML file in the platformdirs config folder.

    caseworker = "mette"          # whose caseload to show; also the audit actor
    theme = "textual-dark"
    language = "en"               # or "da"
    contact_name = "Mette Holm"   # how documents for the citizen name you and say how to reach you
    contact_phone = "96 23 12 34"
    contact_email = "mette.holm@kommune.dk"
    office = "Jobcenter Hjørring, Springvandspladsen 5, 9800 Hjørring"
    rules = "/etc/enplan/local-rules.toml"  # a municipality's local rules (domain/rules/overrides.py)
    tours = "~/kursus/tours.toml" # a trainer's own guided tours (domain/tours.py)
    measure_every_months = 3      # a progression measure is due this long after the last one
    [[scale]]                     # a 1–10 scale of the municipality's own (domain/measures.py)
    key = "kompas"
    name = "Change compass"
    name_da = "Forandringskompas"
    topics = ["Housing", "Health"]
    topics_da = ["Bolig", "Helbred"]
    [keymap]
    worklist = "W"                # binding id = key(s)

A broken file never stops the app: the error is reported and defaults used.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from .paths import config_file

CONTACT_KEYS = ("contact_name", "contact_phone", "contact_email", "office")
KNOWN_KEYS = {"caseworker", "theme", "language", "keymap", "db", "rules", "tours", "measure_every_months",
              "scale", *CONTACT_KEYS}


@dataclass(frozen=True)
class Settings:
    caseworker: str = ""
    theme: str = "textual-dark"
    language: str = "en"
    keymap: dict[str, str] = field(default_factory=dict)
    db: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    office: str = ""
    rules: str = ""  # the local rules file; "" = the shipped rules only
    tours: str = ""  # a trainer's own tour file; "" = the shipped tours only
    measure_every_months: int = 3
    scales: tuple = ()  # the [[scale]] tables as domain.measures Instruments
    problems: tuple[str, ...] = ()


# caseworker is the audit actor: it must fit the 120-character column
_LIMITS = {"caseworker": 120, "theme": 60, "language": 20, "db": 4096,
           "contact_name": 200, "contact_phone": 60, "contact_email": 200, "office": 300, "rules": 4096,
           "tours": 4096}


def is_plain_text(value: object, limit: int) -> bool:
    """Text without control, format or broken (surrogate) characters."""
    return isinstance(value, str) and len(value) <= limit and not any(
        unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in value)


def load_settings(path: Path | None = None) -> Settings:
    path = path or config_file()
    if not path.exists():
        return Settings()
    import tomllib  # only when there is a file: a few ms of every start otherwise

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Settings(problems=(f"Ignoring {path}: {exc}",))
    problems = [f"Unknown setting {k!r} in {path}." for k in data if k not in KNOWN_KEYS]
    values: dict = {}
    for key in ("caseworker", "theme", "language", "db", "rules", "tours", *CONTACT_KEYS):
        if key in data:
            if is_plain_text(data[key], _LIMITS[key]):
                values[key] = data[key].strip()
            else:
                problems.append(f"Setting {key!r} in {path} must be plain text of at most {_LIMITS[key]} "
                                "characters (no control characters); it was ignored.")
    keymap = data.get("keymap", {})
    if isinstance(keymap, dict) and all(is_plain_text(k, 60) and is_plain_text(v, 60) for k, v in keymap.items()):
        values["keymap"] = dict(keymap)
    else:
        problems.append(f"[keymap] in {path} must map binding ids to keys, e.g. worklist = \"W\".")
    every = data.get("measure_every_months", 3)
    if type(every) is int and 1 <= every <= 12:
        values["measure_every_months"] = every
    else:
        problems.append(f"Setting 'measure_every_months' in {path} must be a whole number of months, 1–12; "
                        "3 is used.")
    if "scale" in data:  # only then: the instruments' module is not needed to start otherwise
        from .domain.measures import scales_from_config

        values["scales"], refused = scales_from_config(data["scale"])
        problems += refused
    return Settings(**values, problems=tuple(problems))


def save_setting(key: str, value: str, path: Path | None = None) -> None:
    """Remember one top-level setting (e.g. the theme chosen in the palette)."""
    import tomllib

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


def contact(settings: Settings, caseworker: str):  # noqa: ANN201 - a domain.documents.Contact
    """How documents for the citizen name the caseworker and say how to reach them."""
    from .domain.documents import Contact  # here: config is read before the first screen paints

    return Contact(settings.contact_name or caseworker, settings.contact_phone, settings.contact_email,
                   settings.office)


def rule_book(settings: Settings):  # noqa: ANN201 - a domain.rules RuleBook
    """The shipped rules with the local rules file, if one is set; its problem is on ``.problem``."""
    from .domain.rules.loading import load_rule_book

    return load_rule_book(Path(settings.rules).expanduser() if settings.rules else None)


def measure_setup(settings: Settings):  # noqa: ANN201 - a domain.measures MeasureSetup
    """The shipped instruments, the municipality's scales and the reminder interval."""
    from .domain.measures import SHIPPED, MeasureSetup

    return MeasureSetup(SHIPPED + tuple(settings.scales), settings.measure_every_months)
