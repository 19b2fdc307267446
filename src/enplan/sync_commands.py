"""The command line of laptop sync: `enplan laptop setup`, `enplan sync`,
`enplan conflicts` and `enplan quarantine` (see services/sync/)."""

from __future__ import annotations

import argparse

from .commands import _context, _services
from .failures import Refusal
from .i18n import ngettext
from .output import print_json, print_table, say


def cmd_laptop(args: argparse.Namespace) -> int:
    """`enplan laptop setup --server URL [--caseworker NAME]`: the laptop file is --db (or the default)."""
    from .services.sync.setup import setup_laptop

    _settings, url, _today, caseworker = _context(args)
    caseworker = caseworker or _login_name(args.server)
    if not caseworker:
        raise Refusal("Say whose caseload the laptop holds: --caseworker NAME (or `caseworker` in config.toml).")
    report = setup_laptop(args.server, url, caseworker, caseworker)
    say(f"Laptop set up in {report.path}: {report.citizens} citizens of {report.caseworker} "
        f"({report.records} records). It syncs with the server whenever it can reach it: `enplan sync`.")
    return 0


def _login_name(server_url: str) -> str:
    import sqlalchemy as sa

    try:
        return sa.engine.make_url(server_url).username or ""
    except sa.exc.ArgumentError:
        return ""


def cmd_sync(args: argparse.Namespace) -> int:
    """Push, pull, then print the state; exit 2 (after the state) when the server could not be reached."""
    from .failures import describe

    _settings, url, today, caseworker = _context(args)
    services = _services(url, today, caseworker or "")
    if services.db.laptop is not None and not caseworker:
        services.actor = services.db.laptop.caseworker
    try:
        report, problem = services.sync(), ""
    except Exception as exc:
        sentence = describe(exc)
        if sentence is None or services.db.laptop is None:
            raise
        report, problem = None, sentence
    status = services.sync_status()
    if args.json:
        print_json(status.as_json() | ({"sent": report.sent, "pulled": report.pulled, "left": report.left}
                                       if report else {}))
    else:
        _say_status(status, report)
    if problem:
        if not args.json:
            say(f"enplan: {problem}", err=True)
        return 2
    return 0


def _say_status(status, report) -> None:  # noqa: ANN001
    from .domain.clock import stamp_text

    if report is not None:
        say(f"Sent {report.sent} changes, received {report.pulled} records"
            + (f", {report.left} citizens left this laptop" if report.left else "") + ".")
        if abs(report.clock_skew.total_seconds()) > 3600:
            say(f"This laptop's clock is off by {abs(report.clock_skew.total_seconds()) / 3600:.0f} hours; "
                "changes are ordered by the server, but set the clock right.")
    last = stamp_text(status.last_synced) if status.last_synced else "never"
    say(f"State: {status.state} · {status.waiting} waiting · {status.conflicts} conflicts · "
        f"{status.quarantined} quarantined · last synced {last}")


def cmd_conflicts(args: argparse.Namespace) -> int:
    """Open conflicts: on a laptop its own; on a desk those of --caseworker's citizens (all without it)."""
    from .domain.clock import stamp_text

    _settings, url, today, caseworker = _context(args)
    services = _services(url, today, caseworker, read_only=True)
    items = services.conflicts(None if services.db.laptop is not None else (caseworker or None))
    if args.json:
        print_json([c.as_json() for c in items])
        return 0
    print_table(ngettext("{n} open conflict", "{n} open conflicts", len(items)).format(n=len(items)),
                ("Conflict", "Citizen", "Record", "Field", "Started from", "Server", "Laptop", "Laptop by"),
                ((c.id[:8], c.citizen_name, f"{c.entity.replace('_', ' ')}: {c.record}", c.field or c.kind,
                  _shown(c.base), _shown(c.server), _shown(c.laptop),
                  f"{c.laptop_author} {stamp_text(c.laptop_at) if c.laptop_at else ''}") for c in items))
    return 0


def _shown(value: object) -> str:
    if value is None:
        return "–"
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def cmd_quarantine(args: argparse.Namespace) -> int:
    """Changes the server refused: list them, send one again, or (with --yes) discard one for good."""
    from .domain.clock import stamp_text

    _settings, url, today, caseworker = _context(args)
    services = _services(url, today, caseworker)
    if args.retry:
        services.retry_change(_change_id(services, args.retry))
        say("The change will be sent again at the next sync.")
        return 0
    if args.discard:
        if not args.yes:
            raise Refusal("Discarding loses the change for good; add --yes to confirm.")
        services.discard_change(_change_id(services, args.discard))
        say("The change was discarded; the record is fetched again from the server at the next sync.")
        return 0
    items = services.queued_changes()
    if args.json:
        print_json([{"id": c.event_id, "citizen": c.citizen_name, "entity": c.entity, "op": c.op,
                     "fields": list(c.fields), "author": c.author, "recorded_at": c.recorded_at.isoformat(),
                     "reason": c.reason} for c in items])
        return 0
    print_table(ngettext("{n} change the server refused", "{n} changes the server refused", len(items))
                .format(n=len(items)), ("Change", "Citizen", "Record", "Fields", "By", "Why"),
                ((c.event_id[:8], c.citizen_name, c.entity.replace("_", " "), ", ".join(c.fields[:4]),
                  f"{c.author} {stamp_text(c.recorded_at)}", c.reason) for c in items))
    return 0


def _change_id(services, prefix: str) -> str:  # noqa: ANN001
    """A quarantined change by its id or the first characters of it (as the list shows them)."""
    matches = [c.event_id for c in services.queued_changes() if c.event_id.startswith(prefix.strip().lower())]
    if len(matches) != 1:
        raise Refusal("No single quarantined change starts with that id; `enplan quarantine` lists them.")
    return matches[0]
