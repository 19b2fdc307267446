"""Command line: `enplan` opens the app; subcommands work headless.

Every command takes --db (path or SQLAlchemy URL), --today (YYYY-MM-DD)
and --lang (en or da).
Heavy modules are imported inside the commands so `enplan` starts fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import __version__


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--db", default=argparse.SUPPRESS, help="database file or URL (default: ENPLAN_DB or the user data folder)")
    p.add_argument("--today", type=_date, default=argparse.SUPPRESS, help="pretend today is YYYY-MM-DD (demos, tests)")
    p.add_argument("--caseworker", default=argparse.SUPPRESS, help="whose caseload to show and who is logged as acting")
    p.add_argument("--lang", choices=("en", "da"), default=argparse.SUPPRESS,
                   help="language of the app: en or da (default: ENPLAN_LANG or `language` in config.toml)")
    return p


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(prog="enplan", parents=[common],
                                     description="One plan per citizen: caseload, CTI and employer follow-up.")
    parser.add_argument("--version", action="version", version=f"enplan {__version__}")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("app", parents=[common], help="open the app (the default)")
    demo = sub.add_parser("demo", parents=[common], help="open the app on a separate demo database")
    demo.add_argument("--reset", action="store_true", help="rebuild the demo database")
    demo.add_argument("--prepare", action="store_true", help="build it, print its path and exit")
    demo.add_argument("--as", dest="as_name", metavar="NAME", default="",
                      help="a trainee's own demo copy (letters, digits, - and _)")
    _web_demo_arguments(demo)
    over = sub.add_parser("overdue", parents=[common], help="list overdue follow-ups and CTI contacts")
    over.add_argument("--json", action="store_true", help="print JSON instead of a table")
    work = sub.add_parser("worklist", parents=[common], help="every open work item, rule items included")
    work.add_argument("--json", action="store_true", help="print JSON instead of tables")
    rules = sub.add_parser("rules", parents=[common], help="the rule sets, the 75%% counters; exempt a citizen")
    rules.add_argument("action", nargs="?", choices=["show", "exempt"], default="show")
    rules.add_argument("--json", action="store_true")
    rules.add_argument("--citizen", help="citizen id (exempt)")
    rules.add_argument("--rule", help="the counter, e.g. interview_share (exempt)")
    rules.add_argument("--reason", help="why the citizen is exempt (exempt)")
    imp = sub.add_parser("import", parents=[common], help="import a JSON document (all or nothing)")
    imp.add_argument("file", type=Path)
    exp = sub.add_parser("export", parents=[common], help="export every record as JSON (stdout without FILE)")
    exp.add_argument("file", type=Path, nargs="?")
    exp.add_argument("--include-cpr", action="store_true", help="include CPR numbers (logged in the audit log)")
    sub.add_parser("migrate", parents=[common], help="create or upgrade the database schema")
    bak = sub.add_parser("backup", parents=[common], help="write a checked backup copy")
    bak.add_argument("path", type=Path, nargs="?")
    res = sub.add_parser("restore", parents=[common], help="replace the database with a checked backup copy")
    res.add_argument("path", type=Path)
    aud = sub.add_parser("audit", parents=[common], help="who did what to a citizen's record")
    aud.add_argument("--citizen", required=True, help="citizen id")
    aud.add_argument("--json", action="store_true")
    era = sub.add_parser("erase", parents=[common], help="erase a citizen and every trace of them (GDPR art. 17)")
    era.add_argument("--citizen", required=True, help="citizen id")
    era.add_argument("--reason", default="Right to erasure (GDPR art. 17)",
                     help="the grounds, kept after the erasure (no name or CPR number)")
    era.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    sub.add_parser("locate", parents=[common], help="print where enplan keeps its files")
    lap = sub.add_parser("laptop", parents=[common], help="set up a laptop copy of your caseload (--db: the laptop file)")
    lap.add_argument("action", choices=["setup"], help="setup: copy your own caseload from the team server")
    lap.add_argument("--server", required=True, help="the team server, postgresql://you@host/enplan")
    syn = sub.add_parser("sync", parents=[common], help="send this laptop's changes and fetch the server's")
    syn.add_argument("--json", action="store_true")
    con = sub.add_parser("conflicts", parents=[common], help="list conflicts between laptops and the server")
    con.add_argument("--json", action="store_true")
    qua = sub.add_parser("quarantine", parents=[common], help="changes the server refused: list, retry, discard")
    qua.add_argument("--json", action="store_true")
    qua.add_argument("--retry", metavar="ID", help="send a refused change again at the next sync")
    qua.add_argument("--discard", metavar="ID", help="give up a refused change for good (with --yes)")
    qua.add_argument("--yes", action="store_true", help="confirm --discard")
    doc = sub.add_parser("document", parents=[common], help="a PDF for the citizen: their plan, a meeting summary "
                                                          "or the consent form")
    doc.add_argument("kind", choices=["plan", "meeting", "consent"])
    doc.add_argument("--citizen", required=True, help="citizen id")
    doc.add_argument("--meeting", help="meeting id (default: the newest meeting)")
    doc.add_argument("-o", "--output", type=Path, help="the PDF file to write (stdout when it is not a terminal)")
    doc.add_argument("--include-cpr", action="store_true", help="print the CPR number on it (logged)")
    doc.add_argument("--force", action="store_true", help="replace an existing file")
    _list_file_parsers(sub, common)
    from .report_commands import add_report_parser

    add_report_parser(sub, common)
    from .team_commands import add_team_parsers  # issue 15: digest, handover

    add_team_parsers(sub, common)
    from .admin_commands import add_admin_parser  # issue 15: enplan admin

    add_admin_parser(sub, common)
    return parser


def _web_demo_arguments(demo: argparse.ArgumentParser) -> None:
    """`enplan demo --web`: the demo in a browser (web/), one fresh demo database per tab."""
    demo.add_argument("--web", action="store_true", help="serve the demo to web browsers (textual-serve)")
    demo.add_argument("--port", type=int, default=None, help="with --web: the port (default 8000)")
    demo.add_argument("--host", default=None, help="with --web: the address to listen on (default 127.0.0.1)")
    demo.add_argument("--public", action="store_true",
                      help="with --web: allow a --host beyond this machine (there is no login)")
    demo.add_argument("--web-session", type=Path, default=None, help=argparse.SUPPRESS)  # each tab (web/session.py)


NAME_STYLES = ("initials", "first", "full", "none")  # documents.calendar.NAME_STYLES, without importing icalendar


def _list_file_parsers(sub, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's subparsers
    """`enplan calendar` and `enplan sheet` (sheet_commands.py)."""
    cal = sub.add_parser("calendar", parents=[common], help="follow-ups and CTI contacts as an iCalendar file "
                                                          "(stdout without -o)")
    cal.add_argument("-o", "--output", type=Path, help="the .ics file to write")
    cal.add_argument("--names", choices=NAME_STYLES, default="initials",
                     help="how event titles name the citizen (default: initials)")
    cal.add_argument("--force", action="store_true", help="replace an existing file")
    sheet = sub.add_parser("sheet", parents=[common], help="the caseload or the worklist as a spreadsheet "
                                                         "(CSV on stdout without -o)")
    sheet.add_argument("kind", choices=["caseload", "worklist"])
    sheet.add_argument("-o", "--output", type=Path, help="FILE.xlsx or FILE.csv (the name says which)")
    sheet.add_argument("--force", action="store_true", help="replace an existing file")


def _flags(parser: argparse.ArgumentParser) -> set[str]:
    return {flag for action in parser._actions for flag in action.option_strings}


def _app_arguments(argv: list[str], value_options: set[str] | None = None) -> list[str] | None:
    """The arguments without a leading ``app`` when ``argv`` only opens the
    app with common options; None for anything else (a subcommand, --help,
    an abbreviated or unknown option), which the full parser handles.

    Building every subcommand's parser costs about 15 ms of start-up (argparse
    translates its help strings through gettext as it goes)."""
    value_options = _flags(_common()) if value_options is None else value_options
    kept: list[str] = []
    positional: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in value_options:
            kept += argv[i:i + 2]
            i += 2
            continue
        if arg.startswith("-"):
            if arg.partition("=")[0] not in value_options:
                return None
            kept.append(arg)  # --db=FILE
        else:
            positional.append(arg)
        i += 1
    return kept if positional in ([], ["app"]) else None


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    argv = sys.argv[1:] if argv is None else list(argv)
    common = _common()
    app_argv = _app_arguments(argv, _flags(common))
    if app_argv is None:
        return build_parser().parse_args(argv)
    parser = argparse.ArgumentParser(prog="enplan", parents=[common])
    args = parser.parse_args(app_argv)
    args.command = "app"
    return args


def main(argv: list[str] | None = None) -> int:
    """Run one command; every failure ends here as one sentence and an exit
    code (``failures``): 2 refused, 1 unexpected (with a crash report)."""
    from .runtime import tune_gc

    tune_gc()
    args = parse_arguments(argv)
    command = args.command or "app"
    try:
        from . import commands, document_commands, report_commands, rule_commands, sheet_commands, sync_commands
        from . import admin_commands  # issue 15: enplan admin
        from . import team_commands  # issue 15: digest, handover

        name = f"cmd_{command}"
        handler = next(getattr(m, name) for m in (commands, sync_commands, document_commands, sheet_commands,
                                                     rule_commands, report_commands, team_commands,
                                                     admin_commands)
                       if hasattr(m, name))
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `enplan export | head`: the reader has had enough
        _silence_stdout()
        return 0
    except Exception as exc:  # noqa: BLE001 - the one place a command's error becomes a sentence
        from .failures import sentence_or_report
        from .output import complain

        sentence, code = sentence_or_report(exc, f"enplan {command}")
        complain(sentence)
        return code


def _silence_stdout() -> None:
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
