"""Apply the shipped Alembic migrations; refuse databases newer than this app."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

import sqlalchemy as sa


class NewerDatabaseError(RuntimeError):
    """The database was written by a newer enplan."""


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "enplan.store:migrations")
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


_SCRIPT: ScriptDirectory | None = None


def _script() -> ScriptDirectory:
    global _SCRIPT
    if _SCRIPT is None:
        _SCRIPT = ScriptDirectory.from_config(alembic_config())
    return _SCRIPT


def is_known_revision(rev: str) -> bool:
    """True when this version of enplan ships migration ``rev`` (exact id:
    Alembic's own lookup also accepts prefixes)."""
    return rev in {script.revision for script in _script().walk_revisions()}


def head_revision() -> str:
    return _script().get_current_head()


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(engine: sa.Engine) -> bool:
    """True when the database is behind; raises NewerDatabaseError when ahead."""
    current = current_revision(engine)
    script = _script()  # read once per process: opening a database reads no migration files again
    if current is None:
        return True
    if not _known(script, current):
        raise NewerDatabaseError(
            "This database was created by a newer version of enplan; upgrade enplan to open it."
        )
    return current != script.get_current_head()


def _known(script: ScriptDirectory, rev: str) -> bool:
    try:
        return script.get_revision(rev) is not None
    except Exception:  # noqa: BLE001 - alembic raises several kinds for unknown ids
        return False


MIGRATION_LOCK = 0x656E706C616E  # "enplan": the advisory lock a server migration holds


def upgrade(engine: sa.Engine) -> None:
    cfg = alembic_config()
    with engine.connect() as conn:
        sqlite = engine.dialect.name == "sqlite"
        # BEGIN IMMEDIATE: a second process starting at the same moment waits
        # for the write lock instead of failing when its read turns into a write.
        conn.execution_options(enplan_write=True)
        if sqlite:
            # PRAGMA foreign_keys is a no-op inside a transaction, and batch
            # table rebuilds with it ON would cascade-delete child rows; so set
            # it on the raw connection before SQLAlchemy begins one.
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        else:
            # Two `enplan migrate` at once: the second waits here, then finds the
            # schema current (READ COMMITTED: Alembic reads the version after the lock).
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        if not sqlite:
            from . import policies

            policies.install(conn)  # the access rules follow the schema (issue 15)
        conn.commit()
        if sqlite:
            raw = conn.connection.driver_connection
            problems = raw.execute("PRAGMA foreign_key_check").fetchall()
            raw.execute("PRAGMA foreign_keys=ON")
            if problems:
                raise RuntimeError(f"Migration left {len(problems)} broken references; restore the backup.")


def install_policies(engine: sa.Engine) -> list[str]:
    """`enplan migrate` on a server, also when the schema is current: create or
    upgrade the row-level security policies and grants (store/policies.py).
    Notes for the person running it; nothing on SQLite."""
    if engine.dialect.name == "sqlite":
        return []
    from . import policies

    with engine.begin() as conn:
        return policies.install(conn)
