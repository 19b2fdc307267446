"""`enplan digest` and `enplan handover` (issue 15): a team's week for a mail or
chat job, and handing citizens over to a colleague from a script.

The digest names citizens by their initials unless asked otherwise
(``--names``, as the calendar does): it leaves enplan by mail or chat, so it
carries no more of a citizen than a colleague needs to find the line.
"""

from __future__ import annotations

import argparse
import datetime as dt

from .domain.phrases import N_
from .failures import Refusal
from .output import print_json, say

NAME_STYLES = ("initials", "first", "full", "none")  # documents.calendar.NAME_STYLES
SECTIONS = (("overdue", N_("Overdue")), ("done", N_("Done this week")), ("due_next_week", N_("Due next week")))


def add_team_parsers(sub, common: argparse.ArgumentParser) -> None:  # noqa: ANN001 - argparse's subparsers
    dig = sub.add_parser("digest", parents=[common], help="the week per caseworker or team: overdue, done this "
                                                        "week, due next week (text for a mail, JSON for a chat job)")
    dig.add_argument("--team", metavar="NAME", help="every caseworker of this team (default: --caseworker, or "
                                                    "everyone you may see)")
    dig.add_argument("--json", action="store_true", help="print JSON")
    dig.add_argument("--names", choices=NAME_STYLES, default="initials",
                     help="how the digest names citizens (default: initials)")
    han = sub.add_parser("handover", parents=[common], help="give citizens a new caseworker, with a note they "
                                                          "see first")
    han.add_argument("--citizen", action="append", required=True, metavar="ID", help="citizen id (repeat for more)")
    han.add_argument("--to", required=True, metavar="LOGIN", help="the colleague who takes over")
    han.add_argument("--note", default="", help="the handover note (at most 2000 characters)")


def cmd_digest(args: argparse.Namespace) -> int:
    from .commands import _context, _services

    settings, url, today, actor = _context(args)
    chosen = getattr(args, "caseworker", None)
    if chosen and args.team:
        raise Refusal(N_("Give --caseworker or --team, not both."))
    who = chosen or (None if args.team else settings.caseworker) or None
    services = _services(url, today, actor, read_only=True, settings=settings)
    digest = services.digest(caseworker=who, team=args.team or None)
    if args.json:
        print_json(digest_json(digest, args.names))
    else:
        for line in digest_lines(digest, args.names):
            say(line)
    return 0


def cmd_handover(args: argparse.Namespace) -> int:
    from .commands import _context, _services
    from .i18n import ngettext

    settings, url, today, actor = _context(args)
    services = _services(url, today, actor, settings=settings)
    result = services.hand_over(args.citizen, args.to, args.note)
    say(ngettext("Handed {n} citizen over to {login}", "Handed {n} citizens over to {login}", result.citizens)
        .format(n=result.citizens, login=result.to) + "; " +
        ngettext("{n} open follow-up moved along.", "{n} open follow-ups moved along.", result.follow_ups_moved)
        .format(n=result.follow_ups_moved))
    return 0


def _label(name: str, names: str) -> str:
    from .documents.calendar import citizen_label

    return citizen_label(name, names)


def _item(item, today: dt.date, names: str) -> dict:  # noqa: ANN001 - WorkItem
    from .i18n import work_item_text

    return {"citizen_id": str(item.citizen_id), "citizen": _label(item.citizen_name, names), "kind": item.kind.value,
            "what": work_item_text(item), "due": item.due.isoformat(), "days_overdue": item.days_overdue(today)}


def digest_json(digest, names: str) -> dict:  # noqa: ANN001 - domain.team.Digest
    """Stable keys: week, next_week, today, team, names, caseworkers (each: caseworker, counts, overdue, done,
    due_next_week), totals."""
    people = []
    for person in digest.caseworkers:
        lists = {key: [_item(i, digest.today, names) for i in getattr(person, key)] for key, _title in SECTIONS}
        people.append({"caseworker": person.caseworker, "counts": {k: len(v) for k, v in lists.items()}, **lists})
    first, last = digest.next_week
    return {
        "week": {"start": digest.week_start.isoformat(), "end": digest.week_end.isoformat()},
        "next_week": {"start": first.isoformat(), "end": last.isoformat()},
        "today": digest.today.isoformat(), "team": digest.team or None, "names": names, "caseworkers": people,
        "totals": {key: sum(p["counts"][key] for p in people) for key, _title in SECTIONS},
    }


def digest_lines(digest, names: str) -> list[str]:  # noqa: ANN001 - domain.team.Digest
    """The digest as plain text for a mail, in the chosen language."""
    from .i18n import _, ngettext, work_item_text

    def day(d: dt.date) -> str:
        return d.strftime("%d-%m-%Y")

    week = digest.week_start.isocalendar().week
    head = _("Weekly digest, week {week} ({first} to {last})").format(
        week=week, first=day(digest.week_start), last=day(digest.week_end))
    lines = [head + (" · " + _("team {name}").format(name=digest.team) if digest.team else ""), ""]
    if not digest.caseworkers:
        return [*lines, _("No caseworkers to report on.")]
    def counts(overdue: int, done: int, due: int) -> str:
        return " · ".join((ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue),
                           ngettext("{n} done this week", "{n} done this week", done).format(n=done),
                           ngettext("{n} due next week", "{n} due next week", due).format(n=due)))

    people = digest.caseworkers
    if len(people) > 1:  # the team's sum first: what a leader reads before the names
        lines[-1:-1] = [(_("team {name}").format(name=digest.team) if digest.team else "*") + ": " + counts(
            *(sum(len(getattr(p, key)) for p in people) for key, _title in SECTIONS))]
    for person in people:
        lines.append(f"{person.caseworker}: "
                     + counts(len(person.overdue), len(person.done), len(person.due_next_week)))
        for key, title in SECTIONS:
            items = getattr(person, key)
            if not items:
                continue
            lines.append("  " + _(title))
            for item in items:
                who = _label(item.citizen_name, names)
                late = (" (" + ngettext("{n} day overdue", "{n} days overdue", item.days_overdue(digest.today))
                        .format(n=item.days_overdue(digest.today)) + ")") if key == "overdue" else ""
                lines.append(f"    {day(item.due)}  " + (f"{who}  " if who else "") + work_item_text(item) + late)
        lines.append("")
    return lines
