"""A laptop's sync that is killed (SIGKILL) at a chosen moment: the child of
tests/sync/test_kills.py.

    python -m tests.sync.killed_sync LAPTOP_FILE WHERE N

WHERE is where the process kills itself, at the N-th time it gets there:
``laptop`` (a laptop transaction of the sync, just before it commits),
``server`` (the server transaction, just before it commits: the server
rolls it back) or ``answered`` (just after the server committed, before
the laptop hears of it); ``none`` syncs to the end (the parent may kill it
at a random moment). Batches are two changes, so one sync has many of each.
"""

from __future__ import annotations

import os
import signal
import sys

from sqlalchemy import event


def _kill_on(sessions, hook: str, counter: list[int]) -> None:  # noqa: ANN001
    def maybe_kill(*_args) -> None:  # noqa: ANN002
        counter[0] -= 1
        if counter[0] == 0:
            os.kill(os.getpid(), signal.SIGKILL)

    event.listen(sessions, hook, maybe_kill)


def main() -> None:
    path, where, nth = sys.argv[1], sys.argv[2], int(sys.argv[3])
    from enplan.services import Services
    from enplan.services.sync import laptop as laptop_sync
    from enplan.store.opening import open_database

    laptop_sync.BATCH = 2
    counter = [nth]
    db = open_database(f"sqlite:///{path}", daily_backup=False)
    if where == "laptop":
        _kill_on(db._write, "before_commit", counter)
    original = laptop_sync.open_server

    def open_server(url: str):  # noqa: ANN202
        server = original(url)
        if where == "server":
            _kill_on(server._write, "before_commit", counter)
        elif where == "answered":
            _kill_on(server._write, "after_commit", counter)
        return server

    laptop_sync.open_server = open_server
    print("READY", flush=True)
    Services(db, actor="mette").sync()
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
