"""Persistence: SQLModel tables, engine and pragmas, migrations, import/export."""
