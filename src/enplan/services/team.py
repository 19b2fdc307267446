"""A team leader's use cases (issue 15): the team overview, handing citizens
over to a colleague with a note, the note read first, and the weekly digest.

Who acts: on PostgreSQL the login (``current_user``), on SQLite the configured
caseworker; their ``team_member`` row says their team and role. Where no teams
are set up (a single SQLite file) there is one team of everyone with citizens.
Reads go through the normal session, so under the row-level security policies
a leader simply sees their own team's rows.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable

import sqlalchemy as sa
from sqlmodel import col, select

from ..domain import team as tm
from ..domain.enums import CitizenStatus, PlacementStatus
from ..domain.errors import ValidationError
from ..domain.followups import WorkKind, is_overdue
from ..domain.outcomes import Caseload
from ..domain.phrases import N_, Phrase
from ..store import tables as t
from ..store.team_tables import CaseworkerAssignment, Team, TeamMember
from ..store.types import utcnow
from .base import ServiceBase, _uuid


def open_spell(service: ServiceBase, s, citizen: t.Citizen, to: str, *, note: str = "",  # noqa: ANN001
               by: str = "") -> CaseworkerAssignment:
    """End the citizen's open caseworker spell (if any) and open one for ``to``.
    A citizen with no history yet gets one for their caseworker so far first."""
    now = utcnow()
    current = s.exec(select(CaseworkerAssignment).where(
        CaseworkerAssignment.citizen_id == citizen.id, col(CaseworkerAssignment.ended_at).is_(None),
        col(CaseworkerAssignment.deleted_at).is_(None))).all()
    for spell in current:
        service._update(s, spell, {"ended_at": now}, citizen_id=citizen.id)  # noqa: SLF001
    if not current and citizen.caseworker and citizen.caseworker != to:
        service._create(s, CaseworkerAssignment(citizen_id=citizen.id, caseworker=citizen.caseworker,  # noqa: SLF001
                                                started_at=citizen.created_at, ended_at=now), citizen.id)
    spell = CaseworkerAssignment(citizen_id=citizen.id, caseworker=to, started_at=now, note=note, handed_over_by=by)
    return service._create(s, spell, citizen.id, logged=("caseworker", "handed_over_by"))  # noqa: SLF001


class TeamServices(ServiceBase):
    # -- who acts ----------------------------------------------------------------------------
    def _login(self, s) -> str:  # noqa: ANN001
        if s.get_bind().dialect.name == "postgresql":
            return s.execute(sa.text("SELECT current_user")).scalar_one()
        return self.actor

    @staticmethod
    def _member(s, login: str) -> TeamMember | None:  # noqa: ANN001
        row = s.get(TeamMember, login)
        return row if row is not None and row.removed_at is None else None

    @staticmethod
    def _teams_exist(s) -> bool:  # noqa: ANN001
        return s.execute(sa.select(TeamMember.login).limit(1)).first() is not None

    def _team_logins(self, s, team: str | None) -> tuple[str, list[tuple[str, str]]]:  # noqa: ANN001
        """(team name, [(login, role)]) for ``team``, or the acting login's team, or everyone."""
        if team:
            found = s.exec(select(Team).where(Team.name == team)).first()
            if found is None:
                raise ValidationError(Phrase("There is no team called {team}.", team=team), "team")
            return found.name, self._members_of(s, found.id)
        if self._teams_exist(s):
            login = self._login(s)
            me = self._member(s, login)
            if me is None:
                raise ValidationError(Phrase("Your login {login} is in no team; an administrator adds it with "
                                             "enplan admin caseworker add.", login=login), "team")
            return s.get(Team, me.team_id).name, self._members_of(s, me.team_id)
        return "", self._everyone(s)

    @staticmethod
    def _members_of(s, team_id: uuid.UUID) -> list[tuple[str, str]]:  # noqa: ANN001
        return [tuple(r) for r in s.execute(sa.select(TeamMember.login, TeamMember.role).where(
            TeamMember.team_id == team_id, col(TeamMember.removed_at).is_(None)).order_by(TeamMember.login))]

    # -- the team screen -----------------------------------------------------------------------
    def team_overview(self, team: str | None = None) -> tm.TeamOverview:
        """Each caseworker of the team: caseload against 35–55, CTI against ≤ 20, what is overdue,
        placements ending with no employer contact lately, and the oldest overdue item."""
        today = self.today
        with self.db.read() as s:
            name, members = self._team_logins(s, team)
            loads = {c.caseworker: c for c in self._caseloads(s)}
            ending = self._ending_without_follow_up(s, [login for login, _role in members])
        overdue = defaultdict(list)
        if name or len(members) <= 12:  # a team: each caseworker's own worklist (bounded, whatever the database)
            for login, _role in members:
                overdue[login] = [i for i in self.worklist(login) if is_overdue(i.due, today, i.done)]
        else:  # no teams set up: one worklist of everyone, told apart by each citizen's caseworker
            with self.db.read() as s:
                whose = dict(s.execute(sa.select(t.Citizen.id, t.Citizen.caseworker)).all())
            for i in self.worklist(None):
                if is_overdue(i.due, today, i.done):
                    overdue[whose.get(i.citizen_id, "")].append(i)
        rows = []
        for login, role in members:
            items = overdue[login]
            oldest = min(items, key=lambda i: (i.due, i.citizen_name), default=None)
            rows.append(tm.CaseworkerLoad(
                login, role, loads.get(login, Caseload(login, 0, 0)),
                sum(i.kind is WorkKind.FOLLOW_UP for i in items), sum(i.kind is WorkKind.CTI_CONTACT for i in items),
                ending.get(login, 0),
                oldest))
        return tm.TeamOverview(name, today, tuple(rows))

    def _ending_without_follow_up(self, s, logins: list[str]) -> dict[str, int]:  # noqa: ANN001
        if not logins:
            return {}
        today = self.today
        recent = (sa.select(t.EmployerFollowUp.id).where(
            t.EmployerFollowUp.placement_id == t.Placement.id, col(t.EmployerFollowUp.deleted_at).is_(None),
            t.EmployerFollowUp.held_on >= today - dt.timedelta(days=tm.EMPLOYER_CONTACT_DAYS)))
        query = (sa.select(t.Citizen.caseworker, sa.func.count())
                 .join(t.Placement, t.Placement.citizen_id == t.Citizen.id)
                 .where(col(t.Citizen.caseworker).in_(logins), col(t.Citizen.deleted_at).is_(None),
                        t.Citizen.status == CitizenStatus.ACTIVE, col(t.Placement.deleted_at).is_(None),
                        t.Placement.status == PlacementStatus.ACTIVE,
                        col(t.Placement.end_on).between(today, today + dt.timedelta(days=tm.ENDING_DAYS)),
                        ~recent.exists())
                 .group_by(t.Citizen.caseworker))
        return dict(s.execute(query).all())

    def team_citizens(self, caseworker: str) -> list[tuple[uuid.UUID, str]]:
        """A caseworker's active citizens (id, name) by name: what a handover chooses from."""
        return [(r.citizen_id, r.name) for r in self.caseload(caseworker)]

    def colleagues(self) -> list[str]:
        """The logins a citizen may be handed over to: the acting login's team, or everyone with citizens."""
        with self.db.read() as s:
            if self._teams_exist(s):
                me = self._member(s, self._login(s))
                return [login for login, _role in self._members_of(s, me.team_id)] if me else []
            return [login for login, _role in self._team_logins(s, None)[1]]

    # -- handover ----------------------------------------------------------------------------------
    def hand_over(self, citizen_ids: Iterable[uuid.UUID | str], to: str, note: str = "") -> tm.HandoverResult:
        """Give citizens a new caseworker, with a note they see first; their open follow-ups owned by
        the old caseworker move along. All or nothing; refused in one sentence (ValidationError)."""
        ids = sorted(dict.fromkeys(_uuid(i) for i in citizen_ids), key=str)
        to = to.strip()
        if not ids:
            raise ValidationError(N_("Choose at least one citizen to hand over."), "citizens")
        if not to:
            raise ValidationError(N_("Choose the colleague who takes over."), "to")
        note = tm.check_handover_note(note)
        if self.db.laptop is not None:
            raise ValidationError(N_("Hand citizens over on the team server: a laptop copy holds only your own "
                                     "citizens, and follows the handover at its next sync."), "to")
        moved = 0
        with self.db.write() as s:
            acting = self._login(s)
            rows = [self._get(s, t.Citizen, cid) for cid in ids]
            self._check_handover(s, acting, rows, to)
            for citizen in rows:
                old = citizen.caseworker
                open_spell(self, s, citizen, to, note=note, by=acting)
                self._update(s, citizen, {"caseworker": to}, citizen_id=citizen.id)
                if old:
                    for fu in s.exec(select(t.FollowUp).where(
                            t.FollowUp.citizen_id == citizen.id, t.FollowUp.owner == old,
                            col(t.FollowUp.done_on).is_(None), col(t.FollowUp.deleted_at).is_(None))).all():
                        self._update(s, fu, {"owner": to}, citizen_id=citizen.id)
                        moved += 1
        return tm.HandoverResult(to, len(ids), moved)

    def _check_handover(self, s, acting: str, rows: list[t.Citizen], to: str) -> None:  # noqa: ANN001
        if self._teams_exist(s):
            target, me = self._member(s, to), self._member(s, acting)
            if target is None:
                raise ValidationError(Phrase("{login} is not a caseworker in any team, so nothing was handed over.",
                                             login=to), "to")
            if me is None:
                raise ValidationError(Phrase("Your login {login} is in no team, so you cannot hand citizens over.",
                                             login=acting), "to")
            if target.team_id != me.team_id:
                raise ValidationError(Phrase("{login} is not in your team; a team leader hands over within the "
                                             "team only, so nothing was changed.", login=to), "to")
            team = {login for login, _role in self._members_of(s, me.team_id)}
            for citizen in rows:
                if me.role != "leader" and citizen.caseworker != acting:
                    raise ValidationError(Phrase("Only the team leader hands over a colleague's citizens, and "
                                                 "{name} is not yours; nothing was changed.", name=citizen.name),
                                          "citizens")
                if citizen.caseworker and citizen.caseworker not in team:
                    raise ValidationError(Phrase("{name} is not a citizen of your team; nothing was changed.",
                                                 name=citizen.name), "citizens")
        elif s.execute(sa.select(t.Citizen.id).where(t.Citizen.caseworker == to,
                                                     col(t.Citizen.deleted_at).is_(None)).limit(1)).first() is None:
            raise ValidationError(Phrase("There is no caseworker called {login}; nothing was handed over.",
                                         login=to), "to")
        for citizen in rows:
            if citizen.caseworker == to:
                raise ValidationError(Phrase("{login} is already the caseworker of {name}; nothing was changed.",
                                             login=to, name=citizen.name), "to")

    def mark_handover_note_read(self, assignment_id: uuid.UUID | str) -> None:
        """The new caseworker has read the handover note (kept, with when it was read)."""
        with self.db.write() as s:
            spell = self._get(s, CaseworkerAssignment, _uuid(assignment_id))
            # Only the caseworker it was written for reads it: a leader looking at the citizen does not.
            if spell.note_read_at is None and spell.caseworker in (self.actor, self._login(s)):
                self._update(s, spell, {"note_read_at": utcnow()}, citizen_id=spell.citizen_id)

    # -- the weekly digest ----------------------------------------------------------------------------
    def digest(self, *, caseworker: str | None = None, team: str | None = None) -> tm.Digest:
        """For the week holding today, per caseworker: what is overdue, what was done this week,
        what falls due next week (follow-ups, CTI contacts, rule items and measures)."""
        today = self.today
        start = tm.week_of(today)
        next_start, next_end = start + dt.timedelta(days=7), start + dt.timedelta(days=13)
        name = ""
        if caseworker:
            logins = [caseworker]
        else:
            with self.db.read() as s:
                name, members = self._team_logins(s, team) if team else ("", self._everyone(s))
            logins = [login for login, _role in members]
        people = []
        for login in logins:
            items = self.worklist(login, include_done_since=start)
            people.append(tm.CaseworkerDigest(
                login, tuple(i for i in items if is_overdue(i.due, today, i.done)), tuple(i for i in items if i.done),
                tuple(i for i in items if not i.done and next_start <= i.due <= next_end)))
        return tm.Digest(name, today, start, tuple(people))

    @staticmethod
    def _everyone(s) -> list[tuple[str, str]]:  # noqa: ANN001
        logins = s.execute(sa.select(t.Citizen.caseworker).distinct().where(
            col(t.Citizen.deleted_at).is_(None), t.Citizen.status == CitizenStatus.ACTIVE,
            t.Citizen.caseworker != "")).scalars()
        return [(login, "") for login in sorted(logins)]


def spells_of(s, citizen_id: uuid.UUID) -> tuple[tm.CaseworkerSpell, ...]:  # noqa: ANN001
    """A citizen's caseworkers over time, oldest first, each with the one before."""
    rows = s.exec(select(CaseworkerAssignment).where(
        CaseworkerAssignment.citizen_id == citizen_id, col(CaseworkerAssignment.deleted_at).is_(None))
        .order_by(CaseworkerAssignment.started_at, CaseworkerAssignment.created_at)).all()
    out, previous = [], ""
    for r in rows:
        out.append(tm.CaseworkerSpell(r.id, r.caseworker, r.started_at, r.ended_at, r.handed_over_by, r.note,
                                      r.note_read_at, previous))
        previous = r.caseworker
    return tuple(out)

