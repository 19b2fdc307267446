"""The CLI's commands. Each opens the database through the same safe path
the app uses and prints one clear sentence on failure."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from .config import is_plain_text, load_settings
from .failures import Refusal
from .files import write_private
from .output import complain, print_json, print_table, say
from .paths import backup_dir_for, chosen_db, ensure_private_dir, resolve_db, sqlite_path, sqlite_url


def _context(args: argparse.Namespace):  # noqa: ANN202
    settings = load_settings()
    for problem in settings.problems:
        complain(problem)
    url = resolve_db(*chosen_db(getattr(args, "db", None), settings.db))
    today = getattr(args, "today", None) or dt.date.today()
    caseworker = getattr(args, "caseworker", None) or settings.caseworker
    if not is_plain_text(caseworker, 120):  # it becomes the audit actor and is printed back
        raise Refusal("--caseworker must be plain text of at most 120 characters, without control characters.")
    settings = replace(settings, language=_language(args, settings))
    return settings, url, today, caseworker


def _language(args: argparse.Namespace, settings) -> str:  # noqa: ANN001
    """--lang beats ENPLAN_LANG beats `language` in config.toml beats English; set before any screen exists."""
    from .i18n import LANGUAGES, set_language

    chosen = getattr(args, "lang", None) or os.environ.get("ENPLAN_LANG", "").strip() or settings.language or "en"
    chosen = chosen.split(".")[0].split("_")[0].lower()  # "da_DK.UTF-8" means Danish too
    if chosen not in LANGUAGES:
        complain(f"unknown language {chosen!r} (known: {', '.join(LANGUAGES)}); using English.")
        chosen = "en"
    set_language(chosen)
    return chosen


def _services(url: str, today: dt.date, caseworker: str, *, read_only: bool = False, settings=None,  # noqa: ANN001, ANN202
              purpose: str = "daily"):
    """Services on the opened database; ``read_only`` for commands that only
    read, which then also work on a file enplan may not write; ``purpose``:
    see store/opening.open_database (the owner's commands say "owner"). With
    ``settings``, the rules include the local rules file (a refused file is
    one line on stderr, and the shipped rules are used)."""
    from .services import Services
    from .store.opening import DatabaseOpenError, open_database

    try:
        db = open_database(url, read_only=read_only, purpose=purpose)
    except DatabaseOpenError as exc:
        raise Refusal(str(exc)) from None
    rules = None
    if settings is not None and settings.rules:
        from .config import rule_book

        rules = rule_book(settings)
        if rules.problem:
            complain(rules.problem)
    measures = None
    if settings is not None:
        from .config import measure_setup

        measures = measure_setup(settings)
    return Services(db, today=today, actor=caseworker or None, rule_book=rules, measure_setup=measures)


def cmd_app(args: argparse.Namespace) -> int:
    settings, url, today, caseworker = _context(args)
    from .ui.app import run_app

    return run_app(url=url, today=today, caseworker=caseworker, settings=settings)


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import DEMO_CASEWORKER, demo_name, prepare_demo
    from .paths import demo_db_path

    settings, _url, today, _cw = _context(args)
    db_arg = getattr(args, "db", None)
    if args.web or args.web_session or args.port is not None or args.host is not None or args.public:
        return _web_demo(args, settings, today, db_arg)
    path = Path(db_arg).absolute() if db_arg and "://" not in db_arg else None
    if args.as_name:
        if db_arg:
            raise Refusal("--as and --db both name the demo database; give one of them.")
        try:
            path = demo_db_path(demo_name(args.as_name))
        except ValueError as exc:
            raise Refusal(str(exc)) from None
    path = prepare_demo(today, reset=args.reset, path=path)
    if args.prepare:
        say(str(path))
        return 0
    from .ui.app import run_app

    return run_app(url=sqlite_url(path), today=today, caseworker=DEMO_CASEWORKER, settings=settings, demo=True,
                   tour_state=path.with_name(path.name + ".tour.json"))


def _web_demo(args: argparse.Namespace, settings, today: dt.date, db_arg: str | None) -> int:  # noqa: ANN001
    """`enplan demo --web` (web/serve.py) and each browser tab's `--web-session` (web/session.py): demo data only."""
    from .domain.phrases import N_

    if args.web_session is not None:
        from .web.session import run_session

        return run_session(args.web_session, today, settings)
    if not args.web:
        raise Refusal(N_("--port, --host and --public go with --web: enplan demo --web --port 8000."))
    if db_arg is not None:
        raise Refusal(N_("enplan demo --web serves demo data only, never a database named with --db; leave --db out."))
    if args.as_name or args.prepare:
        raise Refusal(N_("--as and --prepare are for the demo in this terminal; enplan demo --web gives each "
                         "browser tab its own fresh demo data."))
    from .web.listen import DEFAULT_HOST, DEFAULT_PORT, check_port

    port = DEFAULT_PORT if args.port is None else args.port
    check_port(port)
    try:
        from .web.serve import serve_demo
    except ModuleNotFoundError as exc:
        if exc.name not in ("textual_serve", "aiohttp", "aiohttp_jinja2", "jinja2"):
            raise
        raise Refusal(N_("enplan demo --web needs textual-serve, which is missing; install enplan again "
                         "(pip install .).")) from None
    return serve_demo(host=DEFAULT_HOST if args.host is None else args.host, port=port, public=args.public,
                      today=today, lang=settings.language or "en")


def cmd_overdue(args: argparse.Namespace) -> int:
    settings, url, today, caseworker = _context(args)
    services = _services(url, today, caseworker, read_only=True, settings=settings)
    items = services.overdue(caseworker or None)
    if args.json:
        print_json([{
            "citizen_id": str(i.citizen_id), "citizen_name": i.citizen_name, "kind": i.kind.value,
            "what": i.what, "due": i.due.isoformat(), "days_overdue": i.days_overdue(today), "owner": i.owner,
        } for i in items])
        return 0
    from .i18n import _, kind_label, work_item_text

    # The table is in the chosen language (--lang); --json stays English and codes.
    print_table(_("Overdue on {date}: {n}").format(date=f"{today:%d-%m-%Y}", n=len(items)),
                (_("Citizen"), _("Kind"), _("What"), _("Due"), _("Days overdue")),
                ((i.citizen_name, kind_label(i.kind.value),
                  work_item_text(i), f"{i.due:%d-%m-%Y}", i.days_overdue(today)) for i in items))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .i18n import _, ngettext
    from .store import exchange
    from .store.backup import rotating_backup

    _settings, url, today, caseworker = _context(args)
    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise Refusal(f"Cannot read {args.file}: {exc}") from None
    try:
        rows = exchange.validate_document(exchange.parse_document(text), today)
    except exchange.ImportError_ as exc:
        raise Refusal(f"Import refused, nothing was written: {exc}") from None
    services = _services(url, today, caseworker)
    if services.db.laptop is not None:
        raise Refusal("A laptop copy takes no imports; import on the team server, and the laptop fetches its own "
                      "citizens at its next sync.")
    path = sqlite_path(url)
    if path is not None and path.exists():
        rotating_backup(path, ensure_private_dir(backup_dir_for(path)), "import")
    try:
        with services.db.write() as session:
            counts = exchange.import_rows(session, rows)
            services._audit(session, "import", None, citizen_id=None, entity="database",
                            changes={"file": args.file.name, **counts})
    except exchange.ImportError_ as exc:
        raise Refusal(f"Import refused, nothing was written: {exc}") from None
    total = sum(counts.values())
    citizens = ngettext("{n} citizen", "{n} citizens", counts["citizens"]).format(n=counts["citizens"])
    say(ngettext("Imported {n} record ({citizens}) from {file}.", "Imported {n} records ({citizens}) from {file}.",
                 total).format(n=total, citizens=citizens, file=args.file)
        + (" " + _("They are demo data, and so is this database.") if rows.demo else ""))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .i18n import _, ngettext
    from .store import exchange

    _settings, url, today, caseworker = _context(args)
    services = _services(url, today, caseworker, read_only=True)
    log = _export_log(services, args)
    with services.db.read() as session:
        doc = exchange.export_document(session, include_cpr=args.include_cpr)
    text = exchange.dumps(doc)
    if args.file is None:
        log()  # first: the audit log may say more than happened, never less
        sys.stdout.write(text)  # exchange.dumps holds no control character (output.json_text)
        return 0
    write_private(args.file, text, log)
    n = len(doc["citizens"])
    say(ngettext("Exported {n} citizen to {file}{demo}.", "Exported {n} citizens to {file}{demo}.", n).format(
        n=n, file=args.file, demo=" " + _("(demo data)") if doc.get("demo") else ""), err=True)
    return 0


def _export_log(services, args: argparse.Namespace) -> Callable[[], None]:  # noqa: ANN001
    """What writes the export's entry in the audit log. A read-only
    database cannot hold one: the export is read anyway, but CPR numbers are
    only ever exported where the export is logged."""
    if getattr(services.db, "read_only", False):
        if args.include_cpr:
            raise Refusal("The database is read-only, so an export with CPR numbers cannot be written to its audit "
                          "log; leave out --include-cpr, or ask for write access to the database.")
        return lambda: complain("the database is read-only, so this export is not in its audit log.")
    changes = {"include_cpr": args.include_cpr, "file": args.file.name if args.file else "-"}

    def log() -> None:
        with services.db.write() as session:
            services._audit(session, "export", None, citizen_id=None, entity="database", changes=changes)

    return log


def cmd_migrate(args: argparse.Namespace) -> int:
    from .store.migrate import current_revision, install_policies

    _settings, url, today, caseworker = _context(args)
    services = _services(url, today, caseworker, purpose="owner")
    for note in install_policies(services.db.engine):  # a server's access rules, also on a current schema
        complain(note)
    say(f"Database is at schema revision {current_revision(services.db.engine)}.")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from .store.backup import BackupError, backup_to, rotating_backup

    _settings, url, today, caseworker = _context(args)
    path = sqlite_path(url)
    if path is None:
        raise Refusal("enplan backup copies SQLite files; back up a PostgreSQL server with pg_dump.")
    services = _services(url, today, caseworker)
    try:
        target = backup_to(path, args.path) if args.path else rotating_backup(
            path, ensure_private_dir(backup_dir_for(path)), "manual")
    except BackupError as exc:
        raise Refusal(str(exc)) from None
    except OSError as exc:  # the backups folder could not be made
        raise Refusal(f"The backup could not be written ({exc.strerror}), so nothing was changed; check the disk "
                      "and the backups folder.") from None
    finally:
        services.db.dispose()
    say(f"Backup written to {target}.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from .store.restore import RestoreError, restore

    _settings, url, _today, _cw = _context(args)
    path = sqlite_path(url)
    if path is None:
        raise Refusal("enplan restore replaces a SQLite file; restore a PostgreSQL server with pg_restore.")
    try:
        kept = restore(args.path, path)
    except RestoreError as exc:
        raise Refusal(str(exc)) from None
    say(f"Restored {path} from {args.path}." + (f" The replaced file is kept as {kept}." if kept else ""))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from .services import NotFoundError
    from .domain.errors import ValidationError

    _settings, url, today, caseworker = _context(args)
    services = _services(url, today, caseworker, read_only=True)
    try:
        if services.erasure_of(args.citizen) is None:  # an erased citizen's minimal log stays readable
            services.citizen_detail(args.citizen)
        entries = services.audit_log(args.citizen)
    except (NotFoundError, ValidationError) as exc:
        raise Refusal(str(exc)) from None
    if args.json:
        print_json([{"at": e.at.isoformat(), "actor": e.actor, "action": e.action, "entity": e.entity,
                     "entity_id": str(e.entity_id) if e.entity_id else None, "changes": e.changes,
                     "recorded_at": e.recorded_at.isoformat() if e.recorded_at else None} for e in entries])
        return 0
    from .domain.clock import stamp_text
    from .i18n import _, audit_action, ngettext

    # The same words and the same (Danish) time as the app's audit log.
    print_table(ngettext("{n} entry", "{n} entries", len(entries)).format(n=len(entries)),
                (_("When"), _("Who"), _("What"), _("Record"), _("Changes")),
                ((stamp_text(e.at, seconds=True) + (f" (laptop {stamp_text(e.recorded_at)})" if e.recorded_at else ""),
                  e.actor, audit_action(e.action), e.entity.replace("_", " "),
                  ", ".join(sorted(e.changes)) if e.changes else "") for e in entries))
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    from .domain.errors import ValidationError
    from .i18n import ngettext
    from .services import NotFoundError

    if not args.yes:
        raise Refusal("Erasing removes the citizen and all their records for good; add --yes to confirm.")
    _settings, url, today, caseworker = _context(args)
    # On a server, erasure is the schema owner's: it scrubs the audit log, which is append-only for caseworkers.
    services = _services(url, today, caseworker, purpose="owner")
    try:
        result = services.erase_citizen(args.citizen, args.reason)
    except (NotFoundError, ValidationError) as exc:
        raise Refusal(str(exc)) from None
    finally:
        services.db.dispose()
    if result.already_erased:
        say(f"Citizen {result.citizen_id} was already erased.")
    else:
        removed, scrubbed = sum(result.removed.values()), result.audit_entries_scrubbed
        entries = ngettext("{n} audit entry reduced to who, when and what",
                           "{n} audit entries reduced to who, when and what", scrubbed).format(n=scrubbed)
        say(ngettext("Erased citizen {id}: {n} record removed, {entries}.",
                     "Erased citizen {id}: {n} records removed, {entries}.", removed).format(
            id=result.citizen_id, n=removed, entries=entries))
    if not result.wal_cleared:
        complain("another enplan window still holds old pages of the database; close it and run this "
                 "command again to clear them.")
    path = sqlite_path(url)
    if path is not None:
        say(f"Backups made before now still hold the citizen until they rotate out: {backup_dir_for(path)}")
    return 0


def cmd_locate(args: argparse.Namespace) -> int:
    from .paths import config_file, data_dir, demo_db_path

    _settings, url, _today, _cw = _context(args)
    say(f"database: {_shown_db(url)}\ndata:     {data_dir()}\nconfig:   {config_file()}\ndemo:     {demo_db_path()}")
    return 0


def _shown_db(url: str) -> str:
    """The database as a person knows it: a file's path; a server URL without its password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    import sqlalchemy as sa

    return sa.engine.make_url(url).render_as_string(hide_password=True)
