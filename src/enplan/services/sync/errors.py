"""Why a sync did not happen, in one sentence each (failures.describe shows them)."""

from __future__ import annotations

from ...domain.phrases import N_


class SyncRefusal(Exception):
    """Sync refused or could not run; nothing was lost: changes stay waiting on the laptop."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


NOT_A_LAPTOP = N_("This database is not a laptop copy; set one up with `enplan laptop setup --server URL`.")
NOT_POSTGRES = N_("The server must be a PostgreSQL address (postgresql://user@host/database); nothing was changed.")
NO_SCHEMA = N_("The server has no enplan database yet; ask whoever runs it to run `enplan migrate` there first.")
SERVER_OLDER = N_("The server's enplan database is older than this laptop's enplan; nothing was sent. Ask whoever "
                  "runs the server to run `enplan migrate`, then sync again.")
SERVER_NEWER = N_("The server runs a newer enplan than this laptop; nothing was sent. Update enplan here, "
                  "then sync again.")
COPIED_LAPTOP = N_("This laptop database is a copy of another laptop's (two laptops with one identity); nothing "
                   "was sent. Keep using the original, or set this one up again with `enplan laptop setup`.")
LAPTOP_EXISTS = N_("That laptop file already holds a database; choose a new file with --db, or move the old one "
                   "away first.")
DEMO_DATA = N_("A demo database never syncs with a real server, and real data never goes into a demo.")
