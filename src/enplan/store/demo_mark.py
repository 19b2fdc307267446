"""What makes a database, or an export document, demo data (issue 14).

A demo database holds one ``demo_mark`` row, written in the transaction
that fills it from ``sample_data/`` (``enplan demo``), and its export says
``"demo": true``. Demo records also have fixed ids (uuid5 in
``sample_data/builder.py``), so a document holding any of them is demo data
even when the marker was edited out. Demo data and real data never meet: an
import, a laptop setup or a sync across the two is refused (the callers say
so in one sentence); an empty database takes either kind and becomes it.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from importlib import resources
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from . import tables as t  # first: the metadata's naming convention
from .types import UTCDateTime, utcnow

SOURCE = "demo sample data"  # the mark's source, and the audit entry's of the demo import


class DemoMark(SQLModel, table=True):
    """One row in a demo database, none in a real one."""

    __tablename__ = "demo_mark"
    id: int = Field(default=1, primary_key=True)
    marked_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    source: str = Field(default=SOURCE, max_length=120)


def is_demo(conn: Any) -> bool:  # noqa: ANN401 - a Session or a Connection
    """Whether the database holds demo data (one row read). A file read as
    it is, older than the mark (a read-only export), is known as the
    migration knows it: by its demo import's audit entry."""
    if not isinstance(conn, sa.Connection):
        conn = conn.connection()
    if sa.inspect(conn).has_table(DemoMark.__tablename__):
        return conn.execute(sa.select(DemoMark.id).limit(1)).first() is not None
    imports = conn.execute(sa.select(t.AuditEvent.changes).where(
        t.AuditEvent.action == "import", t.AuditEvent.entity == "database")).scalars()
    return any(isinstance(c, dict) and c.get("source") == SOURCE for c in imports)


def mark_demo(conn: Any) -> None:  # noqa: ANN401
    if not is_demo(conn):
        conn.execute(sa.insert(DemoMark).values(id=1, marked_at=utcnow(), source=SOURCE))


def is_empty(conn: Any) -> bool:  # noqa: ANN401
    """No citizen, employer or erased citizen: the database holds no data of either kind yet."""
    return all(conn.execute(sa.select(table.id).limit(1)).first() is None
               for table in (t.Citizen, t.Employer, t.Erasure))


@lru_cache(maxsize=1)
def demo_ids() -> frozenset[str]:
    """Every record id of the shipped demo caseload (as text, lower case)."""
    text = resources.files("enplan.sample_data").joinpath("caseload.json").read_text(encoding="utf-8")
    doc = json.loads(text)
    return frozenset(str(obj["id"]).lower() for items in doc.values() if isinstance(items, list)
                     for obj in items if isinstance(obj, dict) and "id" in obj)


def holds_demo_ids(ids: Any) -> bool:  # noqa: ANN401 - uuids or text
    known = demo_ids()
    return any(str(i).lower() in known for i in ids)


def document_is_demo(doc: dict) -> bool:
    """A document says it is demo data, or holds a record of the demo caseload."""
    if doc.get("demo") is True:
        return True
    return holds_demo_ids(obj.get("id") for items in doc.values() if isinstance(items, list)
                          for obj in items if isinstance(obj, dict))
