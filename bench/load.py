"""`make bench-load`: 200 caseworkers at once on one PostgreSQL server (issue 15).

Not part of `make bench` or the test suite (tests/test_bench_load_smoke.py runs
the same harness tiny). What it does:

1. Starts a PostgreSQL server of its own (tests/pg.py, with
   ``max_connections=300``: 200 caseworkers each holding a connection, as a
   real deployment must allow) and loads the municipality-scale database of
   `make bench` into it (bench/generate.py, cached in bench/cache/; the schema
   from enplan's own migrations, the rows by COPY).
2. Gives every caseworker of the generated caseload (``cw-0`` … ``cw-199``,
   about 47 citizens each) a login role of their own, a member of
   ``enplan_staff`` (never a superuser, never the schema owner), and puts them
   in teams of 10, the first of each team its leader (``team`` and
   ``team_member``). enplan's row-level security policies (store/policies.py,
   installed by the migration) then bind every caseworker as they would bind
   a real one, because each connects as their own login.
3. Runs 200 simulated caseworkers for 120 s, each with enplan's own services
   on a ``Database`` of its own (one small pool per caseworker, as each
   caseworker's app holds), split over a few processes so the client's Python
   does not queue the whole municipality behind one interpreter. Each acts on
   a random schedule, exponential gaps with a mean of 5 s (a busy person),
   for a warm-up (``--warmup``, 60 s: every connection starts cold, its
   statements planned and the server's caches filled per connection, and
   200 apps opened in one second is a login storm) and then the measured
   120 s; the warm-up's latencies are reported apart, its errors and
   writes count with the rest. Each action is one of (``MIX``):

   ========================  =====  ==================================================
   open the caseload          25 %  ``caseload_view`` (the caseload screen's one read)
   open a citizen             30 %  ``view_citizen(history_limit=10)``: the read and its audit entry
   record a meeting           15 %  open the citizen, then ``record_meeting``: a note and
                                    progress on a goal, the oldest open follow-up
                                    handled, a next step in two weeks
   mark a follow-up done      15 %  open the worklist, then ``set_follow_up_done`` on
                                    one of its open follow-ups (``x``)
   open the worklist          15 %  ``worklist(…, include_done_since=today)``
   ========================  =====  ==================================================

   A team leader (20 of the 200) spends half their actions on handovers:
   open a caseworker's caseload, open one of their citizens, reassign the
   citizen to another caseworker of the team (``hand_over``, services/team.py;
   on an older enplan the citizen edit with the version read). That makes
   about 5 % of all actions handovers, far more than a real week has, on
   purpose: they are the writes that move citizens between caseloads.
4. Times every service call (wall clock in the client, what the caseworker
   waits for; a composite action is timed per call, under the call's use
   case) and counts every failure by kind: ``deadlock`` (the server broke one
   and enplan's one retry failed too), ``conflict`` (the friendly
   ConflictError), ``timeout`` (lock or statement timeout, no answer, no free
   pooled connection), ``gone`` (a citizen or follow-up not found) and
   ``other``. For each it keeps the sentence the user would read
   (``failures.describe``); one with no sentence is ``unexplained``. The
   deadlocks the server broke and enplan retried silently are counted from
   ``pg_stat_database``.
5. Counts afterwards, on the server: every acknowledged meeting is stored
   exactly once (its unique note), with its goal note and its next step
   exactly once; every failed one left nothing; every acknowledged follow-up
   is done; every acknowledged handover left the citizen with the last
   acknowledged caseworker and exactly one audited change of caseworker per
   handover. Anything else is a lost write.
6. ``rls_worklist_overhead_ratio``: the worklist of one caseworker read as
   their own login (policies apply) and as a login with ``BYPASSRLS`` (the
   same data without them), in alternating pairs; the median per-pair ratio.
   Skipped, with the reason, while no policies are installed.
   ``--bypass-rls`` runs the same load with every caseworker's login
   ``BYPASSRLS``: what the policies cost under load (not written to
   results.json).

Writes ``load_p95_ms`` (the slowest use case's p95; target 100),
``load_p99_ms`` (the slowest use case's p99; 250), ``load_errors``,
``load_lost_writes`` and ``rls_worklist_overhead_ratio`` into
bench/results.json beside the other figures, with the per-use-case detail
in ``_meta.load``.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import datetime as dt
import json
import math
import multiprocessing
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from .load_caseworker import ERROR_KINDS, USE_CASES, Outcome, Plan, run_worker  # noqa: F401
from .load_server import (BYPASS, LEADER, STAFF, TEAM_SIZE, TODAY, _as, _libpq, _machine_busy_s,  # noqa: F401
                          bypass_policies, check_gone,
                          count_lost_writes, drop_roles, enrol, measure_rls, server_deadlocks)

HERE = Path(__file__).parent
ROOT = HERE.parent
LOAD_TARGETS = {"load_p95_ms": 100, "load_p99_ms": 250, "load_errors": 0, "load_lost_writes": 0,
                "rls_worklist_overhead_ratio": 1.2}


# -- the run ------------------------------------------------------------------------------------
def percentile(values: list[float], p: float) -> float:
    """The p-th percentile by the nearest-rank method (no interpolation)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def summarise(outcomes: list[Outcome]) -> dict:
    """Latencies of the measured window (calls started at ``at >= 0``); errors of every call, warm-up too."""
    warmup = [o.seconds for o in outcomes if o.at < 0]
    by_case: dict[str, dict] = {}
    for case in USE_CASES:
        times = [o.seconds for o in outcomes if o.use_case == case and o.at >= 0]
        if times:
            by_case[case] = {"count": len(times), "p50_ms": round(statistics.median(times) * 1000, 1),
                             "p95_ms": round(percentile(times, 95) * 1000, 1),
                             "p99_ms": round(percentile(times, 99) * 1000, 1),
                             "max_ms": round(max(times) * 1000, 1)}
    every = [o.seconds for o in outcomes if o.at >= 0]
    errors = Counter(o.kind for o in outcomes if o.kind not in ("ok", "handed_away"))
    sentences = Counter(f"{o.kind}: {o.sentence}" for o in outcomes if o.kind != "ok")
    return {"use_cases": by_case, "actions": len(every),
            "warmup": {"calls": len(warmup),
                       "p95_ms": round(percentile(warmup, 95) * 1000, 1) if warmup else None,
                       "p99_ms": round(percentile(warmup, 99) * 1000, 1) if warmup else None},
            "p95_ms": round(percentile(every, 95) * 1000, 1) if every else None,
            "p99_ms": round(percentile(every, 99) * 1000, 1) if every else None,
            "errors": {kind: errors.get(kind, 0) for kind in ERROR_KINDS},
            "handed_away": sum(1 for o in outcomes if o.kind == "handed_away"),
            "unexplained": sum(1 for o in outcomes if o.kind != "ok" and o.sentence is None),
            "sentences": dict(sentences.most_common(10))}




def run_load(url: str, enrolled: dict, *, seconds: float, mean_gap_s: float, processes: int, seed: int = 15,
             caseworkers: int | None = None, warmup_s: float = 0.0) -> dict:
    """Run the simulated caseworkers against ``url`` (as each's own login), count, summarise."""
    logins = enrolled["logins"][:caseworkers] if caseworkers else enrolled["logins"]
    teams = {leader: [m for m in team if m in logins] for leader, team in enrolled["teams"].items() if leader in logins}
    teams = {leader: team for leader, team in teams.items() if len(team) > 1}
    shares = max(1, processes)
    groups = [logins[i::shares] for i in range(shares)]
    deadlocks_before = server_deadlocks(url)
    # Each process starts an interpreter and imports enplan (about 1.5 s of CPU, the processes sharing
    # the cores), then opens its caseworkers' databases and first caseloads.
    setup_allowance = 2 + 0.3 * len(logins) / shares + 1.5 * shares / (os.cpu_count() or 1)
    start_at = time.time() + setup_allowance + warmup_s
    plans = [Plan({login: _as(url, login) for login in group}, {l: teams[l] for l in group if l in teams}, start_at,
                  seconds, mean_gap_s, seed + i, warmup_s) for i, group in enumerate(groups) if group]
    t0 = time.perf_counter()
    busy = _machine_busy_s()
    if processes <= 0:
        results = [run_worker(plans[0])]
    else:
        with cf.ProcessPoolExecutor(len(plans), mp_context=multiprocessing.get_context("spawn")) as pool:
            results = list(pool.map(run_worker, plans))
    wall = time.perf_counter() - t0
    busy = _machine_busy_s() - busy
    outcomes = [o for r in results for o in r.outcomes]
    attempted = [a for r in results for a in r.attempted]
    late = [s for r in results for s in r.late_s]
    check_gone(url, outcomes)
    summary = summarise(outcomes)
    counted = count_lost_writes(url, outcomes, attempted)
    summary.update(
        caseworkers=len(logins), teams=len(teams), seconds=seconds, warmup_s=warmup_s, mean_gap_s=mean_gap_s,
        processes=processes,
        wall_s=round(wall, 1), actions_per_s=round(summary["actions"] / seconds, 1),
        server_deadlocks_retried=server_deadlocks(url) - deadlocks_before,
        late_starts=len(late), late_p95_s=round(percentile(late, 95), 3) if late else 0.0,
        setup_s=round(max(r.setup_s for r in results), 1), lost=counted,
        client_cpu_s=round(sum(r.cpu_s for r in results), 1), machine_busy_cpu_s=round(busy, 1),
        machine_cpu_s=round(wall * (os.cpu_count() or 1), 1),
        worst_p95_ms=max(c["p95_ms"] for c in summary["use_cases"].values()),
        worst_p99_ms=max(c["p99_ms"] for c in summary["use_cases"].values()))
    summary["error_count"] = sum(summary["errors"].values())
    return summary


def prepare(server, sqlite_db: Path, name: str = "load", *, prefix: str = "", caseworkers: int | None = None,
            template: bool = False) -> tuple[str, dict]:
    """A database on ``server`` with the generated caseload, enrolled; (URL as the owner, enrolment)."""
    from .sync import load_into_postgres

    url = server.create_database(name)
    if template:
        server.migrate_from_template(url)
    seconds = load_into_postgres(sqlite_db, url)
    print(f"loaded {sqlite_db.name} into PostgreSQL in {seconds:.1f} s")
    enrolled = enrol(url, prefix=prefix, caseworkers=caseworkers)
    import psycopg

    with psycopg.connect(_libpq(url), autocommit=True) as c:
        c.execute("VACUUM ANALYZE")
        c.execute("CHECKPOINT")  # the load's writes on disk now, not in a checkpoint during the run
    return url, enrolled


def write_results(summary: dict, rls: dict, out: Path, bypass: bool = False) -> dict:
    """Add the load figures to ``out`` (bench/results.json), keeping every other key."""
    results = json.loads(out.read_text()) if out.exists() else {}
    meta = results.setdefault("_meta", {})
    figures = {
        "load_p95_ms": (summary["worst_p95_ms"], summary["worst_p95_ms"] / 1000),
        "load_p99_ms": (summary["worst_p99_ms"], summary["worst_p99_ms"] / 1000),
        "load_errors": (summary["error_count"], None),
        "load_lost_writes": (summary["lost"]["lost_writes"], None),
    }
    for key, (value, secs) in figures.items():
        results[key] = {"value": value, "target": LOAD_TARGETS[key], "ok": value <= LOAD_TARGETS[key],
                        "raw_seconds": None if secs is None else round(secs, 4)}
    key = "rls_worklist_overhead_ratio"
    if "ratio" in rls:
        results[key] = {"value": round(rls["ratio"], 3), "target": LOAD_TARGETS[key],
                        "ok": rls["ratio"] <= LOAD_TARGETS[key], "raw_seconds": round(rls["with_s"], 4)}
    else:
        results[key] = {"value": None, "target": LOAD_TARGETS[key], "ok": None, "raw_seconds": None,
                        "skipped": rls["skipped"]}
    meta["load"] = {**summary, "rls": rls, "bypass_rls": bypass, "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
                    "python": sys.version.split()[0]}
    results["_meta"] = results.pop("_meta")  # the figures first, as bench/run.py writes them
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return results


def report(summary: dict, rls: dict) -> None:
    print(f"{summary['caseworkers']} caseworkers ({summary['teams']} teams), {summary['seconds']:.0f} s, "
          f"{summary['actions']} timed calls ({summary['actions_per_s']}/s), {summary['processes']} processes")
    print(f"{'use case':<16}{'count':>7}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}  ms")
    for case, c in summary["use_cases"].items():
        print(f"{case:<16}{c['count']:>7}{c['p50_ms']:>8}{c['p95_ms']:>8}{c['p99_ms']:>8}{c['max_ms']:>8}")
    print(f"{'all':<16}{summary['actions']:>7}{'':>8}{summary['p95_ms']:>8}{summary['p99_ms']:>8}")
    warm = summary["warmup"]
    if warm["calls"]:
        print(f"{'warm-up (all)':<16}{warm['calls']:>7}{'':>8}{warm['p95_ms']:>8}{warm['p99_ms']:>8}  "
              f"(the first {summary['warmup_s']:.0f} s, every connection new; not in the figures)")
    print(f"errors {summary['errors']} (unexplained {summary['unexplained']}); deadlocks the server broke and "
          f"enplan retried: {summary['server_deadlocks_retried']}")
    for sentence, n in summary["sentences"].items():
        print(f"  {n} × {sentence}")
    lost = summary["lost"]
    print(f"lost writes {lost['lost_writes']} {lost['by_kind'] or ''} of acknowledged {lost['acknowledged']}; "
          f"failed writes that left something: {lost['half_written']}")
    for example in lost["examples"]:
        print(f"  {example}")
    print(f"late starts {summary['late_starts']} (p95 {summary['late_p95_s']} s behind schedule); CPU: the "
          f"simulated caseworkers {summary['client_cpu_s']} s, the machine busy {summary['machine_busy_cpu_s']} s of "
          f"{summary['machine_cpu_s']} s (its {os.cpu_count()} cores over {summary['wall_s']} s, setup included)")
    print(f"handed over meanwhile (a citizen gone from a caseload already read): {summary['handed_away']}")
    if "ratio" in rls:
        print(f"row-level security on the worklist: {rls['with_s'] * 1000:.1f} ms with, {rls['without_s'] * 1000:.1f} "
              f"ms without, ratio {rls['ratio']:.3f} ({rls['ratio_min']:.2f}–{rls['ratio_max']:.2f})")
    else:
        print(f"row-level security figure skipped: {rls['skipped']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--caseworkers", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=120, help="the measured window")
    parser.add_argument("--warmup", type=float, default=60,
                        help="seconds the caseworkers work before the measured window (errors and lost writes count)")
    parser.add_argument("--mean-gap", type=float, default=5.0, help="mean seconds between a caseworker's actions")
    parser.add_argument("--processes", type=int, default=4, help="client processes (0: threads in this one)")
    parser.add_argument("--max-connections", type=int, default=300)
    parser.add_argument("--bypass-rls", action="store_true",
                        help="every caseworker's login BYPASSRLS: the same run without the row-level security policies")
    parser.add_argument("--smoke", action="store_true", help="the tiny generated database (bench/cache/smoke.db)")
    parser.add_argument("--out", type=Path, default=None, help="default bench/results.json (smoke: none)")
    parser.add_argument("--cache", type=Path, default=HERE / "cache")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from tests.pg import private_server

    from .run import database

    sqlite_db, _counts = database(args.smoke, False, args.cache)
    # A real deployment writes to disk: fsync and synchronous commit on (the tests' server has them off).
    settings = f"-c max_connections={args.max_connections} -c fsync=on -c synchronous_commit=on -c full_page_writes=on"
    with private_server(options=settings) as server:
        url, enrolled = prepare(server, sqlite_db, caseworkers=args.caseworkers)
        print(f"{len(enrolled['logins'])} login roles in {len(enrolled['teams'])} teams")
        if args.bypass_rls:
            bypass_policies(url, enrolled["logins"])
        summary = run_load(url, enrolled, seconds=args.seconds, mean_gap_s=args.mean_gap, processes=args.processes,
                           caseworkers=args.caseworkers, warmup_s=args.warmup)
        rls = ({"skipped": "--bypass-rls: no caseworker's login is bound by the policies"} if args.bypass_rls
               else measure_rls(url, enrolled["logins"][1], enrolled["bypass"]))
    report(summary, rls)
    out = args.out or (None if args.smoke or args.bypass_rls else HERE / "results.json")
    if out is not None:
        write_results(summary, rls, out, args.bypass_rls)
        print(f"written to {out}")
    ok = summary["error_count"] == 0 and summary["lost"]["lost_writes"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
