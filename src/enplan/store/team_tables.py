"""Teams on a shared server (issue 15): who is in which team, in which role,
and who was a citizen's caseworker when (handovers).

``team_member.login`` is the caseworker's PostgreSQL login role (on SQLite,
their caseworker name): a citizen's ``caseworker`` names a login, and the
team follows from it. The row-level security policies (store/policies.py)
read these tables to decide who may see which citizen.
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from . import tables as t  # first: the metadata's naming convention
from .types import UTCDateTime, utcnow

MAX_LOGIN = 63  # PostgreSQL's longest role name
ROLES = ("caseworker", "leader")


class Team(SQLModel, table=True):
    __tablename__ = "team"
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=120, sa_column_kwargs={"unique": True})
    # Caseworkers of the team may see each other's citizens (a shared caseload); off: their own only.
    shares_caseloads: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TeamMember(SQLModel, table=True):
    """A login in a team: a caseworker or the team's leader. Removed members keep
    their row (``removed_at``) so the history of who had a citizen stays readable."""

    __tablename__ = "team_member"
    login: str = Field(max_length=MAX_LOGIN, primary_key=True)
    team_id: uuid.UUID = Field(sa_column_args=(sa.ForeignKey("team.id"),), index=True)
    role: str = Field(default="caseworker", max_length=20)
    added_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    removed_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)


class CaseworkerAssignment(t.Record, table=True):
    """Who was a citizen's caseworker from when to when; a handover's note for
    the new caseworker, shown first when they open the citizen until read."""

    __tablename__ = "caseworker_assignment"
    citizen_id: uuid.UUID = Field(sa_column_args=(sa.ForeignKey("citizen.id", ondelete="CASCADE"),), index=True)
    caseworker: str = Field(max_length=120)
    started_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    ended_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    note: str = Field(default="")
    note_read_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    handed_over_by: str = Field(default="", max_length=120)
