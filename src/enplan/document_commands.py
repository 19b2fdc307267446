"""`enplan document plan|meeting|consent`: a PDF for the citizen (see
documents/for_citizen.py), written privately and logged."""

from __future__ import annotations

import argparse
import sys

from .commands import _context, _services
from .config import contact
from .failures import Refusal
from .output import say


def cmd_document(args: argparse.Namespace) -> int:
    settings, url, today, caseworker = _context(args)
    if args.kind != "meeting" and args.meeting:
        raise Refusal("--meeting belongs with `enplan document meeting`.")
    if args.output is None and sys.stdout.isatty():
        raise Refusal("A PDF does not belong on a terminal; give a file with -o FILE.pdf.")
    services = _services(url, today, caseworker)
    who = contact(settings, caseworker or services.actor)
    options = {"meeting_id": args.meeting, "include_cpr": args.include_cpr}
    if args.output is None:
        sys.stdout.buffer.write(services.document_pdf(args.citizen, args.kind, who, **options))
        return 0
    written = services.write_document(args.citizen, args.kind, who, args.output, force=args.force, **options)
    say(f"Wrote {args.output} ({written.stat().st_size // 1024 + 1} KB)"
        + (", with the CPR number" if args.include_cpr else "") + ".")
    return 0
