"""`enplan calendar` and `enplan sheet`: the worklist as an iCalendar file,
the caseload or the worklist as a spreadsheet (see services/outputs.py).

With ``-o FILE`` the file is written privately, whole or not at all, and an
existing file only with ``--force``; without it the calendar or the CSV goes
to stdout. Both are logged in the audit log like an export.
"""

from __future__ import annotations

import argparse
import sys

from .commands import _context, _services
from .domain.text import visible
from .files import check_target
from .output import say


def cmd_calendar(args: argparse.Namespace) -> int:
    settings, url, today, caseworker = _context(args)
    _check(args)
    services = _services(url, today, caseworker, settings=settings)
    if args.output is None:
        _to_stdout(services.calendar_ics(caseworker or None, names=args.names))
        return 0
    written = services.write_calendar(caseworker or None, args.output, names=args.names, force=args.force)
    say(f"Wrote {written}.")
    return 0


def cmd_sheet(args: argparse.Namespace) -> int:
    settings, url, today, caseworker = _context(args)
    _check(args)
    services = _services(url, today, caseworker, settings=settings)
    if args.output is None:
        _to_stdout(services.sheet_bytes(args.kind, caseworker or None, "csv"))
        return 0
    written = services.write_sheet(args.kind, caseworker or None, args.output, force=args.force)
    say(f"Wrote {written}.")
    return 0


def _check(args: argparse.Namespace) -> None:
    """A file that cannot be written is refused before the database is opened (the service checks again)."""
    if args.output is not None:
        check_target(args.output, force=args.force)


def _to_stdout(data: bytes) -> None:
    """The bytes as they are for a pipe or a file; on a terminal the text, with
    every control character someone typed shown as a symbol (output.py)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if sys.stdout.isatty() or buffer is None:
        sys.stdout.write(visible(data.decode("utf-8-sig")))
    else:
        buffer.write(data)
    sys.stdout.flush()
