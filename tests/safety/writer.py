"""Stand-ins for enplan processes writing to one database, forked from a warm
"zygote" so each costs milliseconds instead of a Python start-up (which is
seconds on a busy machine).

    python writer.py URL

reads commands on stdin, one per line, and answers each with one line:

``run OUT SEED``
    fork a writer that writes through the services until killed; answers its pid.
``stream OUT LABEL STOPFILE``
    fork an app-like writer (a read between writes) that stops once STOPFILE
    exists (after at least 20 writes); answers its pid.
``cli OUT ARG...``
    fork a process that runs ``enplan ARG...`` (the real CLI entry point);
    answers its pid.
``kill PID``
    SIGKILL that child and reap it; ``wait PID``: reap it. Both answer how it
    ended ("signal 9", "exit 0"). Children are only ever signalled before they
    are reaped, so a pid always still names our own child.

Every write is acknowledged in OUT (the child's stdout) *after* its
transaction committed: "citizen <id>" or "follow_up <id>". The child's
stderr goes to OUT.err.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sys
import time
from pathlib import Path

import enplan.commands  # noqa: F401 - warm up everything a child may need
import enplan.store.exchange  # noqa: F401
from enplan.cli import main as enplan_main
from enplan.domain.enums import TargetGroup
from enplan.services import CitizenInput, Services
from enplan.store.opening import open_database

TODAY = dt.date(2026, 11, 22)


def _services(url: str, actor: str) -> Services:
    return Services(open_database(url, daily_backup=False), today=TODAY, actor=actor)


def _ack(line: str) -> None:
    os.write(1, (line + "\n").encode())  # unbuffered: on record the moment the commit returned


def _write_one(services: Services, rng: random.Random, label: str, n: int, citizens: list) -> None:
    if citizens and rng.random() < 0.5:
        cid = rng.choice(citizens)
        fid = services.add_follow_up(cid, f"{label} follow-up {n}", TODAY + dt.timedelta(days=n % 30))
        _ack(f"follow_up {fid}")
    else:
        cid = services.create_citizen(CitizenInput(name=f"{label} citizen {n}", target_group=TargetGroup.JOBPARAT,
                                                   phone=str(n)))
        citizens.append(cid)
        _ack(f"citizen {cid}")


def killable(url: str, seed: int) -> int:
    rng = random.Random(seed)
    services = _services(url, "writer")
    if seed % 3 == 0:
        # Small WAL: checkpoints run often, so some kills land inside one.
        from sqlalchemy import event

        event.listen(services.db.engine, "connect", lambda c, _r: c.execute("PRAGMA wal_autocheckpoint=8"))
        services.db.engine.dispose()
    _ack("open")
    citizens: list = []
    n = 0
    while True:
        n += 1
        _write_one(services, rng, f"t{seed}", n, citizens)


def stream(url: str, label: str, stop_file: str) -> int:
    services = _services(url, label)
    rng = random.Random(label)
    citizens: list = []
    n = 0
    while not Path(stop_file).exists() or n < 20:
        n += 1
        _write_one(services, rng, label, n, citizens)
        services.caseload()  # a read between writes, as the app does
        time.sleep(rng.uniform(0, 0.01))
    services.db.dispose()
    return 0


def _fork(out: str, job) -> int:  # noqa: ANN001
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        os.dup2(os.open(out, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600), 1)
        os.dup2(os.open(out + ".err", os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600), 2)
        sys.stdout = os.fdopen(1, "w", buffering=1)
        sys.stderr = os.fdopen(2, "w", buffering=1)
        code = job()
    except BaseException:  # noqa: BLE001 - report; never return into the zygote's loop
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code if isinstance(code, int) else 1)


def _ended(status: int) -> str:
    return f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit {os.WEXITSTATUS(status)}"


def zygote(url: str) -> None:
    for line in sys.stdin:
        cmd, *args = line.split()
        if cmd == "run":
            print(_fork(args[0], lambda: killable(url, int(args[1]))), flush=True)
        elif cmd == "stream":
            print(_fork(args[0], lambda: stream(url, args[1], args[2])), flush=True)
        elif cmd == "cli":
            print(_fork(args[0], lambda: enplan_main(args[1:])), flush=True)
        elif cmd in ("kill", "wait"):
            pid = int(args[0])
            if cmd == "kill":
                os.kill(pid, signal.SIGKILL)  # our own child, not yet reaped
            print(_ended(os.waitpid(pid, 0)[1]), flush=True)


if __name__ == "__main__":
    zygote(sys.argv[1])
