"""Opening the app parses only the common options (start-up time); anything
else goes through the full parser. Both must read the same arguments alike."""

from __future__ import annotations

import datetime as dt

import pytest

from enplan.cli import _app_arguments, build_parser, parse_arguments


@pytest.mark.parametrize(("argv", "expected"), [
    ([], []),
    (["app"], []),
    (["app", "--db", "x.db"], ["--db", "x.db"]),
    (["--db=x.db", "app", "--lang", "da"], ["--db=x.db", "--lang", "da"]),
    (["--caseworker", "app"], ["--caseworker", "app"]),  # a caseworker called "app" is not the command
    (["--today", "2026-11-22", "--caseworker", "mette"], ["--today", "2026-11-22", "--caseworker", "mette"]),
])
def test_app_arguments_are_recognised(argv: list[str], expected: list[str]) -> None:
    assert _app_arguments(argv) == expected


@pytest.mark.parametrize("argv", [
    ["overdue"], ["app", "overdue"], ["--help"], ["-h"], ["--version"], ["--cas", "mette"], ["--unknown"],
    ["demo", "--reset"], ["app", "extra"],
])
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert _app_arguments(argv) is None


@pytest.mark.parametrize("argv", [
    [], ["app"], ["--db", "x.db", "app", "--today", "2026-11-22", "--caseworker", "app", "--lang", "da"],
    ["--db=x.db", "--lang=en"],
])
def test_the_fast_path_reads_arguments_like_the_full_parser(argv: list[str]) -> None:
    fast = vars(parse_arguments(argv))
    full = vars(build_parser().parse_args(argv))
    full["command"] = full["command"] or "app"
    assert fast == full


def test_bad_values_are_still_refused_with_a_message(capsys) -> None:  # noqa: ANN001
    with pytest.raises(SystemExit) as exit_:
        parse_arguments(["--today", "22/11/2026"])
    assert exit_.value.code == 2
    assert "is not a date in the form YYYY-MM-DD" in capsys.readouterr().err
    assert parse_arguments(["--today", "2026-11-22"]).today == dt.date(2026, 11, 22)
