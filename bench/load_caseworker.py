"""The load test's simulated caseworkers (bench/load.py): each one enplan's own
services on a Database of its own, acting on a random schedule with the mix
of MIX (a team leader also hands citizens over), every service call timed and
every failure counted by kind with the sentence the user would read."""

from __future__ import annotations

import datetime as dt
import random
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .load_server import TODAY

ROOT = Path(__file__).parent.parent
USE_CASES = ("open_caseload", "open_citizen", "record_meeting", "follow_up_done", "open_worklist", "reassign")
# A caseworker's actions and their weights (percent); a team leader's: half handovers, half these.
MIX = {"open_caseload": 25, "open_citizen": 30, "record_meeting": 15, "follow_up_done": 15, "open_worklist": 15}
LEADER_HANDOVER_SHARE = 0.5
ERROR_KINDS = ("deadlock", "conflict", "timeout", "gone", "other")


@dataclass
class Plan:
    """What one worker process runs: the caseworkers' logins, their teams, when to start."""

    urls: dict[str, str]  # login -> database URL as that login
    teams: dict[str, list[str]]  # leader login -> the team's logins (leader first)
    start_at: float  # time.time() of the common start of the measured window
    seconds: float
    mean_gap_s: float
    seed: int
    warmup_s: float = 0.0  # the caseworkers already at work this long before start_at (not timed into the figures)


@dataclass
class Outcome:
    use_case: str
    at: float  # seconds since the start of the measured window (negative: during the warm-up)
    seconds: float
    kind: str = "ok"  # or one of ERROR_KINDS
    sentence: str | None = None
    ack: dict | None = None  # what an acknowledged write stored, for the count afterwards
    login: str = ""
    subject: str | None = None  # the citizen acted on


@dataclass
class WorkerResult:
    outcomes: list[Outcome] = field(default_factory=list)
    attempted: list[dict] = field(default_factory=list)  # writes that failed: must have left nothing
    late_s: list[float] = field(default_factory=list)  # how far behind its schedule an action started
    setup_s: float = 0.0
    cpu_s: float = 0.0  # the client process's CPU time while its caseworkers acted


# -- failures -----------------------------------------------------------------------------------
def classify(exc: BaseException) -> tuple[str, str | None]:
    """The kind of a failure and the one sentence the user would read (None: unexplained)."""
    from enplan.failures import describe
    from enplan.services import ConflictError, NotFoundError

    sentence = describe(exc)
    if isinstance(exc, ConflictError):
        return "conflict", sentence
    if isinstance(exc, NotFoundError):
        return "gone", sentence
    orig = getattr(exc, "orig", None) or exc
    state = getattr(orig, "sqlstate", None)
    names = {cls.__name__ for cls in type(orig).__mro__} | {cls.__name__ for cls in type(exc).__mro__}
    if state in ("40P01", "40001"):
        return "deadlock", sentence
    if state in ("55P03", "57014") or names & {"NoAnswer", "ConnectionTimeout", "CancellationTimeout", "TimeoutError"}:
        return "timeout", sentence
    return "other", sentence or f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"


# -- one simulated caseworker -------------------------------------------------------------------
class Caseworker:
    def __init__(self, login: str, url: str, team: list[str] | None, rnd: random.Random, result: WorkerResult,
                 t0: float) -> None:
        from enplan.services import Services
        from enplan.store.opening import open_database

        self.login, self.team, self.rnd, self.result, self.t0 = login, team, rnd, result, t0
        self.db = open_database(url, daily_backup=False)
        self.services = Services(self.db, today=TODAY, actor=login)
        self.caseload = [row.citizen_id for row in self.services.caseload_view(login)[0]]  # the app's first screen

    def close(self) -> None:
        self.db.dispose()

    def _timed(self, use_case: str, call, ack=None, subject=None):  # noqa: ANN001, ANN202
        """Run one service call, timed; None when it failed (counted by kind)."""
        started = time.perf_counter()
        about = None if subject is None else str(subject)
        try:
            value = call()
        except Exception as exc:  # noqa: BLE001 - every failure is counted by kind, none ends the run
            kind, sentence = classify(exc)
            self.result.outcomes.append(Outcome(use_case, started - self.t0, time.perf_counter() - started, kind,
                                                sentence, login=self.login, subject=about))
            if ack is not None:
                self.result.attempted.append(ack(None))
            return None
        took = time.perf_counter() - started
        self.result.outcomes.append(Outcome(use_case, started - self.t0, took, ack=None if ack is None else ack(value),
                                            login=self.login, subject=about))
        return value

    # the actions
    def open_caseload(self, login: str | None = None) -> list:
        view = self._timed("open_caseload", lambda: self.services.caseload_view(login or self.login))
        if view is None:
            return []
        ids = [row.citizen_id for row in view[0]]
        if login is None:
            self.caseload = ids
        return ids

    def open_citizen(self, citizen_id: uuid.UUID | None = None):  # noqa: ANN201 - CitizenDetail | None
        if citizen_id is None:
            if not self.caseload:
                return None
            citizen_id = self.rnd.choice(self.caseload)

        # What the citizen screen's first load does.
        return self._timed("open_citizen", lambda: self.services.view_citizen(citizen_id, history_limit=10),
                           subject=citizen_id)

    def record_meeting(self) -> None:
        from enplan.domain.enums import ContactForm, GoalProgress, MeetingType
        from enplan.domain.followups import WorkKind
        from enplan.services import GoalNoteInput, MeetingInput, NextStep

        detail = self.open_citizen()
        if detail is None:
            return
        marker = f"load {uuid.uuid4()}"
        goals = [g for g in (detail.plan.goals if detail.plan else ()) if g.status.value == "active"]
        goal = self.rnd.choice(goals) if goals else None
        handled = [i.id for i in detail.open_items if i.kind == WorkKind.FOLLOW_UP][:1]
        starts = dt.datetime.combine(TODAY, dt.time(9 + self.rnd.randrange(7)), tzinfo=dt.timezone.utc)
        data = MeetingInput(
            type=MeetingType.OPFOELGNINGSSAMTALE, form=ContactForm.PERSONAL, starts_at=starts,
            ends_at=starts + dt.timedelta(minutes=45), location="Jobcentret", notes=marker,
            goal_notes=(GoalNoteInput(goal.id, self.rnd.choice([GoalProgress.PROGRESS, GoalProgress.NO_CHANGE]),
                                      "Godt på vej."),) if goal else (),
            next_steps=(NextStep("Ring og hør hvordan det går", TODAY + dt.timedelta(days=14)),))
        citizen = detail.citizen.id
        self._timed("record_meeting", lambda: self.services.record_meeting(citizen, data, done_follow_up_ids=tuple(handled)),
                    ack=lambda meeting_id: {"what": "meeting", "marker": marker, "id": str(meeting_id) if meeting_id else None,
                                            "goal_note": goal is not None, "handled": [str(h) for h in handled],
                                            "citizen": str(citizen)}, subject=citizen)

    def follow_up_done(self) -> None:
        from enplan.domain.followups import WorkKind

        items = self.open_worklist()
        open_ones = [i for i in items or () if i.kind == WorkKind.FOLLOW_UP and not i.done]
        if not open_ones:
            return
        item = self.rnd.choice(open_ones[:20])  # the top of the list: overdue and due first
        self._timed("follow_up_done", lambda: self.services.set_follow_up_done(item.ref_id, True),
                    ack=lambda _none: {"what": "follow_up_done", "id": str(item.ref_id)}, subject=item.citizen_id)

    def open_worklist(self):  # noqa: ANN201
        return self._timed("open_worklist", lambda: self.services.worklist(self.login, include_done_since=TODAY))

    def reassign(self) -> None:
        """A team leader hands one of a caseworker's citizens over to another caseworker of the team."""
        giver, taker = self.rnd.sample(self.team, 2)
        citizens = self.open_caseload(giver)
        if not citizens:
            return
        detail = self.open_citizen(self.rnd.choice(citizens))
        if detail is None or detail.citizen.caseworker != giver:
            return
        call = _reassign_call(self.services, detail, taker)
        before = len(self.result.outcomes)
        self._timed("reassign", call, ack=lambda _none: {"what": "reassign", "citizen": str(detail.citizen.id),
                                                          "to": taker, "at": time.time()},
                    subject=detail.citizen.id)
        if giver == self.login and self.result.outcomes[before:] and self.result.outcomes[-1].kind == "ok":
            self.caseload = [c for c in self.caseload if c != detail.citizen.id]  # as the leader's own screen shows

    def act(self) -> None:
        if self.team and self.rnd.random() < LEADER_HANDOVER_SHARE:
            return self.reassign()
        action = self.rnd.choices(list(MIX), weights=list(MIX.values()))[0]
        getattr(self, action)()
        return None


def _reassign_call(services, detail, taker: str):  # noqa: ANN001, ANN202
    """The handover (services/team.py, issue 15) when it is there, else the citizen edit."""
    if hasattr(services, "hand_over"):
        return lambda: services.hand_over([detail.citizen.id], taker, "Overdraget under belastningstesten.")
    from enplan.services import CitizenInput

    c = detail.citizen
    data = CitizenInput(name=c.name, target_group=c.target_group, phone=c.phone, email=c.email, address=c.address,
                        caseworker=taker)
    return lambda: services.update_citizen(c.id, data, expected_version=c.version)


def run_worker(plan: Plan) -> WorkerResult:
    """One process: a thread per caseworker of ``plan``, all at work from ``plan.warmup_s`` before
    ``plan.start_at`` until ``plan.seconds`` after it."""
    sys.path.insert(0, str(ROOT))
    from enplan.runtime import tune_gc

    tune_gc()  # as every enplan process does at its start (cli.main)
    result = WorkerResult()
    leaders = {leader: team for leader, team in plan.teams.items()}
    t_setup = time.perf_counter()
    caseworkers: list[Caseworker] = []
    rnd = random.Random(plan.seed)
    # Before the start: open every caseworker's database and first caseload (the app starting).
    t0_perf = time.perf_counter() + (plan.start_at - time.time())
    for login, url in plan.urls.items():
        caseworkers.append(Caseworker(login, url, leaders.get(login), random.Random(rnd.random()), result, t0_perf))
    result.setup_s = time.perf_counter() - t_setup
    end = t0_perf + plan.seconds
    lock = threading.Lock()

    def life(cw: Caseworker) -> None:
        mine = WorkerResult()
        cw.result = mine
        due = t0_perf - plan.warmup_s + cw.rnd.expovariate(1 / plan.mean_gap_s)
        while due < end:
            now = time.perf_counter()
            if due > now:
                time.sleep(due - now)
            elif due >= t0_perf:  # behind schedule in the measured window
                mine.late_s.append(now - due)
            cw.act()
            due += cw.rnd.expovariate(1 / plan.mean_gap_s)
        with lock:
            result.outcomes.extend(mine.outcomes)
            result.attempted.extend(mine.attempted)
            result.late_s.extend(mine.late_s)

    threads = [threading.Thread(target=life, args=(cw,), name=cw.login) for cw in caseworkers]
    cpu = time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.cpu_s = time.process_time() - cpu
    for cw in caseworkers:
        cw.close()
    return result
