"""`enplan admin`: an administrator's commands (issue 15; services/admin.py).

    enplan admin team add NAME [--shared]
    enplan admin caseworker add LOGIN --team NAME [--leader]
    enplan admin caseworker remove LOGIN
    enplan admin show [--json]
    enplan admin audit --citizen ID [--json | -o FILE]

On a server they run as an administrator (a member of enplan_admin) or the
schema owner, never for daily work; a login's password is never given here
(the DBA sets it, or it comes from ~/.pgpass). Bad input is one sentence and
exit 2, with nothing changed. On a SQLite file the teams are kept, and the
command says that nothing enforces access on a file.
"""

from __future__ import annotations

import argparse
import uuid
from pathlib import Path

from .failures import Refusal
from .output import complain, json_text, print_json, print_table, say

NOT_ENFORCED = ("this is a database file: teams are kept for the team screens, but nothing enforces access on a "
                "file (only a PostgreSQL server does).")


def add_admin_parser(sub, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's subparsers
    adm = sub.add_parser("admin", parents=[common], help="teams, caseworkers' logins and the audit log "
                                                       "(an administrator's or the owner's, not daily work)")
    what = adm.add_subparsers(dest="admin_what", required=True, metavar="team|caseworker|show|audit")
    team = what.add_parser("team", parents=[common], help="add a team, or say whether it shares caseloads")
    team.add_argument("action", choices=["add"])
    team.add_argument("name")
    team.add_argument("--shared", action="store_true", help="its caseworkers see each other's citizens")
    cw = what.add_parser("caseworker", parents=[common], help="put a login in a team, or take it out")
    cw.add_argument("action", choices=["add", "remove"])
    cw.add_argument("login", help="the caseworker's PostgreSQL login (created without a password when missing)")
    cw.add_argument("--team", help="the team's name (add)")
    cw.add_argument("--leader", action="store_true", help="the team's leader: reads and reassigns its citizens")
    show = what.add_parser("show", parents=[common], help="teams, members, logins and caseload sizes")
    show.add_argument("--json", action="store_true")
    aud = what.add_parser("audit", parents=[common], help="one citizen's audit log for a GDPR insight request, "
                                                        "with the database-wide exports and imports")
    aud.add_argument("--citizen", required=True, help="citizen id")
    shape = aud.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true")
    shape.add_argument("-o", "--output", type=Path, help="write the JSON to FILE")
    aud.add_argument("--force", action="store_true", help="replace an existing file")


def _db(args: argparse.Namespace):  # noqa: ANN202 - a store Database
    from .commands import _context, _services

    _settings, url, today, caseworker = _context(args)
    db = _services(url, today, caseworker, purpose="admin").db
    if db.engine.dialect.name != "postgresql" and args.admin_what != "audit":
        complain(NOT_ENFORCED)
    return db


def cmd_admin(args: argparse.Namespace) -> int:
    from .services import admin

    if args.admin_what == "caseworker":
        admin.check_login(args.login)  # refused before the database is opened
        if args.action == "add" and not args.team:
            raise Refusal("A caseworker's login needs a team: enplan admin caseworker add LOGIN --team NAME; "
                          "nothing was changed.")
    citizen = _citizen_id(args.citizen) if args.admin_what == "audit" else None
    db = _db(args)
    try:
        return _run(args, db, admin, citizen)
    finally:
        db.dispose()


def _run(args: argparse.Namespace, db, admin, citizen: uuid.UUID | None) -> int:  # noqa: ANN001
    if args.admin_what == "team":
        new = admin.add_team(db, args.name, args.shared)
        shares = "shares caseloads" if args.shared else "does not share caseloads"
        say(f"Added team {args.name.strip()}; it {shares}." if new else f"Team {args.name.strip()} now {shares}.")
    elif args.admin_what == "caseworker" and args.action == "add":
        created = admin.add_caseworker(db, args.login, args.team, args.leader)
        role = "leader" if args.leader else "caseworker"
        say(f"{args.login} is now {'the' if args.leader else 'a'} {role} of team {args.team}."
            + (" The login was created without a password: set one as the DBA (ALTER ROLE … PASSWORD), "
               "or use certificate or Kerberos login." if created else ""))
    elif args.admin_what == "caseworker":
        citizens, ended = admin.remove_caseworker(db, args.login)
        say(f"{args.login} was taken out of its team and has no access any more"
            + (f" ({ended} open session{'s' if ended != 1 else ''} ended)" if ended else "") + "."
            + (f" {citizens} active citizen{'s still have' if citizens != 1 else ' still has'} {args.login} as "
               "caseworker: hand them over from the team screen." if citizens else ""))
        if ended is None:
            complain("this login may not end other sessions (pg_signal_backend), but the revoked roles already "
                     "refuse their next statement.")
    elif args.admin_what == "show":
        _show(admin.overview(db), args.json)
    else:
        _audit(admin.audit_for_citizen(db, citizen), citizen, args)
    return 0


def _citizen_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise Refusal(f"{text!r} is not a citizen id (a UUID as enplan export shows them).") from None


def _show(view, as_json: bool) -> None:  # noqa: ANN001 - services.admin.Overview
    stamp = lambda d: d.isoformat() if d else None  # noqa: E731
    if as_json:
        print_json({"enforced": view.enforced, "teams": [{
            "name": t.name, "shares_caseloads": t.shares_caseloads, "members": [{
                "login": m.login, "role": m.role, "citizens": m.citizens, "added_at": stamp(m.added_at),
                "removed_at": stamp(m.removed_at), "can_log_in": m.can_log_in} for m in t.members]}
            for t in view.teams], "caseworkers_in_no_team": view.unteamed, "warnings": list(view.warnings)})
        return
    for team in view.teams:
        shares = "shares caseloads" if team.shares_caseloads else "own caseloads"
        print_table(f"{team.name} ({shares})", ("Login", "Role", "Citizens", "Added", "Removed", "Can log in"),
                    ((m.login, m.role, m.citizens, f"{m.added_at:%Y-%m-%d}",
                      f"{m.removed_at:%Y-%m-%d}" if m.removed_at else "",
                      {True: "yes", False: "no", None: "-"}[m.can_log_in]) for m in team.members))
    if not view.teams:
        say("No teams yet: enplan admin team add NAME.")
    if view.unteamed:
        print_table("Caseworkers in no team (only the owner sees their citizens)", ("Caseworker", "Citizens"),
                    ((cw or "(none)", n) for cw, n in view.unteamed.items()))
    for warning in view.warnings:
        complain(warning)


def _audit(lines, citizen: uuid.UUID, args: argparse.Namespace) -> None:  # noqa: ANN001
    stamp = lambda d: d.isoformat() if d else None  # noqa: E731
    data = [{"at": stamp(e.at), "actor": e.actor, "action": e.action, "entity": e.entity,
             "entity_id": str(e.entity_id) if e.entity_id else None,
             "citizen_id": str(e.citizen_id) if e.citizen_id else None, "fields": list(e.fields),
             "recorded_at": stamp(e.recorded_at)} for e in lines]
    if args.output is not None:
        from .files import write_private

        document = {"citizen_id": str(citizen), "entries": data}
        say(f"Wrote {write_private(args.output, json_text(document), force=args.force)} "
            f"({len(data)} entr{'ies' if len(data) != 1 else 'y'}).")
    elif args.json:
        print_json(data)
    else:
        print_table(f"Audit log of citizen {citizen}: {len(data)}", ("When", "Who", "What", "Record", "Fields"),
                    ((e["at"], e["actor"], e["action"], e["entity"], ", ".join(e["fields"])) for e in data))
