"""The 0005 upgrade of an older database: employer follow-ups on a placement
get the placement's citizen (the citizen's file and the rules find them by it);
one about no placement keeps no citizen. Real SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import command

from enplan.store import tables as t
from enplan.store.migrate import alembic_config
from enplan.store.types import UTCDateTime

STAMPS = (("id", sa.Uuid()), ("created_at", UTCDateTime()), ("updated_at", UTCDateTime()), ("version", sa.Integer()),
          ("updated_by", sa.String()))


def _table(name: str, *columns: tuple[str, sa.types.TypeEngine]) -> sa.TableClause:
    return sa.table(name, *(sa.column(n, ty) for n, ty in (*STAMPS, *columns)))


S = sa.String()
CITIZEN = _table("citizen", *((n, S) for n in ("name", "name_key", "target_group", "phone", "email", "address",
                                               "caseworker", "status", "closed_reason")))
EMPLOYER = _table("employer", *((n, S) for n in ("name", "name_key", "contact_person", "phone", "email", "address",
                                                 "industry")))
PLACEMENT = _table("placement", ("citizen_id", sa.Uuid()), ("employer_id", sa.Uuid()), ("kind", S), ("purpose", S),
                   ("hours_per_week", sa.Float()), ("start_on", sa.Date()), ("status", S), ("extended", sa.Boolean()))
EFU = _table("employer_follow_up", ("employer_id", sa.Uuid()), ("placement_id", sa.Uuid()), ("held_on", sa.Date()),
             ("contact_person", S), ("face_to_face", sa.Boolean()), ("outcome", S), ("notes", S))


def test_the_upgrade_gives_employer_follow_ups_their_placements_citizen(db_url):
    cfg = alembic_config(db_url)
    command.upgrade(cfg, "0004")
    engine = sa.create_engine(db_url)
    now = dt.datetime(2026, 11, 1, 9, tzinfo=dt.timezone.utc)
    stamps = {"created_at": now, "updated_at": now, "version": 1, "updated_by": "mette"}
    cid, eid, pid, on_placement, about_no_one = (uuid.uuid4() for _ in range(5))
    try:
        with engine.begin() as conn:
            conn.execute(CITIZEN.insert().values(id=cid, name="Åse", name_key="ase", target_group="other", phone="",
                                                 email="", address="", caseworker="mette", status="active",
                                                 closed_reason="", **stamps))
            conn.execute(EMPLOYER.insert().values(id=eid, name="Kærvang", name_key="kaervang", contact_person="",
                                                  phone="", email="", address="", industry="", **stamps))
            conn.execute(PLACEMENT.insert().values(id=pid, citizen_id=cid, employer_id=eid, kind="virksomhedspraktik",
                                                   purpose="", hours_per_week=10.0, start_on=dt.date(2026, 11, 2),
                                                   status="active", extended=False, **stamps))
            conn.execute(EFU.insert(), [
                {"id": efu, "employer_id": eid, "placement_id": placement, "held_on": dt.date(2026, 11, 9),
                 "contact_person": "", "face_to_face": False, "outcome": "", "notes": "", **stamps}
                for efu, placement in ((on_placement, pid), (about_no_one, None))])
        command.upgrade(cfg, "head")
        with engine.connect() as conn:
            got = dict(conn.execute(sa.select(t.EmployerFollowUp.id, t.EmployerFollowUp.citizen_id)).all())
    finally:
        engine.dispose()
    assert got == {on_placement: cid, about_no_one: None}
