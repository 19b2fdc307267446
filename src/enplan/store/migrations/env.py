"""Alembic environment. Runs on a connection handed over by enplan
(``config.attributes["connection"]``) or on the URL in the config."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from enplan.store import demo_mark, sync_tables, tables, team_tables  # noqa: F401  (registers every table on the metadata)

config = context.config
target_metadata = SQLModel.metadata


def _configure(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        # All steps in one transaction, on SQLite too (Alembic's default there is
        # one per step): between two steps another process starting at the same
        # moment could take the write lock and run the next step a second time.
        transactional_ddl=True,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        user_module_prefix="sqlmodel.sql.sqltypes.",
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
