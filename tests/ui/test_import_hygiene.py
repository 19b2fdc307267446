"""The data layer never imports Textual, and the UI paints before the
database layer is imported (SQLModel alone costs about 0.4 s)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def imported_after(code: str) -> set[str]:
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    return set(json.loads(out.stdout.splitlines()[-1]))


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_domain_store_and_services_do_not_import_textual():
    modules = imported_after(
        "import pkgutil, importlib, enplan.domain, enplan.store, enplan.services, enplan.documents\n"
        "for pkg in (enplan.domain, enplan.store, enplan.services, enplan.documents):\n"
        "    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations.' not in info.name:\n"
        "            importlib.import_module(info.name)")
    assert {"enplan.services.reads", "enplan.services.sync.apply", "enplan.documents.for_citizen",
            "enplan.documents.calendar", "enplan.documents.spreadsheet"} <= modules
    assert "textual" not in top_level(modules)
    assert not any(m.startswith("enplan.ui") for m in modules)


def test_the_calendar_and_spreadsheet_renderers_read_only_the_domain_and_i18n():
    """Read models in, bytes out: no database, no services, no Textual (services/outputs.py calls them)."""
    modules = imported_after("import enplan.documents.calendar, enplan.documents.spreadsheet, enplan.documents.sheets")
    assert not any(m.startswith(("enplan.store", "enplan.services", "enplan.ui")) for m in modules)
    assert not {"textual", "sqlalchemy", "sqlmodel"} & top_level(modules)


@pytest.mark.parametrize("module", ["enplan.ui.app", "enplan.cli"])
def test_the_ui_module_does_not_import_the_database_layer(module):
    modules = top_level(imported_after(f"import {module}"))
    assert "textual" in modules or module == "enplan.cli"
    assert "sqlmodel" not in modules
    assert "sqlalchemy" not in modules
    assert "alembic" not in modules


def test_the_commands_do_not_import_the_command_line_that_calls_them():
    """One direction only: cli.main dispatches to commands and sync_commands, which never import cli."""
    modules = imported_after("import enplan.commands, enplan.sync_commands")
    assert "enplan.cli" not in modules
