"""Records of the demo caseload: employers, citizens, plans, CTI courses,
check-ins and meetings (generate.py adds placements and runs the checks)."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import Counter
from zoneinfo import ZoneInfo

from stdnum.dk import cvr as stdnum_cvr

from enplan.domain import cti as cti_rules
from enplan.domain.dates import add_months, is_working_day, roll_forward
from enplan.domain.enums import Cadence, TargetGroup
from enplan.domain.work_texts import CTI_NINE_MONTH, NO_SHOW_CONTACT, written
from enplan.store import exchange
from enplan.store.tables import ENTITY_TABLES

try:
    from . import texts as T
except ImportError:  # run as a script from sample_data/
    import texts as T  # type: ignore[no-redef]

ANCHOR = dt.date(2026, 1, 15)
CASEWORKER = "mette"
NAMESPACE = uuid.UUID("6f1c2a8e-5d7b-4c1e-9a3f-2b8d0e4c6a10")
CPH = ZoneInfo("Europe/Copenhagen")
DAY = dt.timedelta(days=1)
NO_CPR = {26}  # a citizen whose CPR number the caseworker has not recorded
CLOSED = 20
CONSENT_WITHDRAWN = 15
# The rules (domain/rules): these citizens' benefit started lately (days before the
# anchor), so the worklist shows an interview series; for the others it is not recorded.
RECENT_BENEFIT_START = {6: 10, 14: 50, 7: 30}
BACK_WITHIN_26_WEEKS = {7}  # sick-listed, back within 26 weeks: no follow-up reminders
NO_EMPLOYER_CONTACT = {2}  # a praktik ending soon with no employer follow-up since it started
MARKUP = 10
# citizen index -> (CTI stage, state of the next contact on the anchor date)
CTI = {0: ("p2", "overdue"), 1: ("p1", "today"), 2: ("contact", "soon"), 3: ("p3", "ontrack"),
       4: ("p1", "overdue"), 10: ("contact", "today"), 11: ("p2", "soon"), 13: ("p3", "overdue"),
       18: ("p1", "ontrack"), 21: ("ended", None), 24: ("p2", "ontrack"), 27: ("contact", "overdue"),
       29: ("p3", "soon"), CLOSED: ("early", None)}
# citizen -> [(employer, kind, weeks since start, weeks planned or None, status, extended, hours, purpose)]
PLACEMENTS = {
    0: [(1, "virksomhedspraktik", 6, 12, "active", False, 15, "Afprøve tømrerfaget og mødestabilitet")],
    1: [(2, "virksomhedspraktik", 15, None, "active", False, 12, "Køkkenarbejde, gradvis optrapning")],
    3: [(9, "virksomhedspraktik", 20, 24, "active", True, 10, "Skærmet praktik i genbrugsbutik")],
    4: [(8, "virksomhedspraktik", -2, 8, "planned", False, 10, "Værkstedspraktik med mentor")],
    5: [(5, "smaajob", 10, None, "active", False, 8, "Ordinære timer på lageret ved siden af uddannelseshjælp")],
    6: [(3, "ordinary_job", 6, None, "active", False, 37, "Fast stilling som chauffør")],
    8: [(6, "virksomhedspraktik", 14, 10, "ended", False, 12, "Arbejdsprøvning, let rengøring")],
    9: [(4, "fleksjob", 4, None, "active", False, 15, "Fleksjob som aktivitetsmedarbejder")],
    2: [(5, "virksomhedspraktik", 6, 7, "active", False, 20, "Praktik på lageret i Kærvang: mødestabilitet")],
    11: [(7, "loentilskud", 9, 26, "active", False, 30, "Løntilskud i produktionskøkken")],
    12: [(5, "fleksjob", 100, None, "active", False, 12, "Fleksjob i frugt og grønt")],
    14: [(3, "virksomhedspraktik", 5, 7, "active", False, 30, "Lagerpraktik før truckcertifikat")],
    16: [(1, "virksomhedspraktik", 12, 3, "ended", False, 30, "Snusepraktik før smedeuddannelsen")],
    18: [(0, "ips_job", 14, None, "active", False, 20, "IPS-job som gartnermedhjælper")],
    22: [(1, "loentilskud", 13, 26, "active", False, 37, "Løntilskud som tømrerarbejdsmand")],
    24: [(0, "virksomhedspraktik", 16, 12, "ended", False, 20, "Praktik i gartneriet"),
         (0, "ordinary_job", 1, None, "active", False, 25, "Ordinær ansættelse efter praktikken")],
    26: [(7, "smaajob", 30, None, "active", False, 6, "Småjob med at rense garn")],
    28: [(6, "fleksjob", 40, None, "active", False, 14, "Fleksjob som rengøringsassistent")],
    29: [(9, "ips_job", 3, None, "active", False, 15, "IPS-job i butikken")],
}
# due dates (days from the anchor) of each citizen's open next step
OPEN_OFFSETS = [-14, 0, 3, -6, 12, 5, -2, 25, 0, 1, -20, 6, 40, -4, 2, 18, 0, 9, -9, 4]


def stamp(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=CPH).astimezone(dt.timezone.utc)


def working(day: dt.date, back: bool = False) -> dt.date:
    while not is_working_day(day):
        day -= DAY if back else -DAY
    return day


class Builder:
    def __init__(self) -> None:
        self.rng = random.Random(20260115)
        self.lists: dict[str, list[dict]] = {name: [] for name in exchange.ORDER}
        self.serial: Counter = Counter()

    def add(self, entity: str, at: dt.datetime, *, done_at: dt.datetime | None = None, **values) -> dict:
        self.serial[entity] += 1
        rec = {"id": str(uuid.uuid5(NAMESPACE, f"{entity}/{self.serial[entity]}")),
               "created_at": at.isoformat(), "updated_at": (done_at or at).isoformat(), "deleted_at": None,
               "version": 2 if done_at else 1, "updated_by": CASEWORKER, **values}
        fields = [f for f in ENTITY_TABLES[entity].model_fields if f not in exchange.DERIVED]
        assert set(rec) == set(fields), (entity, set(rec) ^ set(fields))
        self.lists[entity].append({f: rec[f] for f in fields})
        return self.lists[entity][-1]

    def follow_up(self, citizen: dict, title: str | dict, due: dt.date, source: str, source_id: str | None,
                  created: dt.date, done: dt.date | None = None, owner: str = CASEWORKER) -> dict:
        """``title``: typed text, or ``written(...)`` for one enplan writes (what, what_values, title)."""
        if done is not None:
            done = min(done, ANCHOR - DAY)
        words = title if isinstance(title, dict) else {"title": title, "what": "", "what_values": {}}
        return self.add("follow_ups", stamp(created, 16), done_at=stamp(done, 15) if done else None,
                        citizen_id=citizen["id"], **words, due_on=due.isoformat(), owner=owner,
                        done_on=done.isoformat() if done else None, source=source, source_id=source_id)

    def done_or_open(self, due: dt.date, p_open: float = 0.0) -> dt.date | None:
        if due >= ANCHOR or ((ANCHOR - due).days <= 40 and self.rng.random() < p_open):
            return None  # open: not yet due, or recently forgotten
        return due + self.rng.choice([-2, -1, 0, 0, 0, 1, 3]) * DAY

    # -- employers -------------------------------------------------------------
    def employers(self) -> list[dict]:
        out = []
        for i, (name, industry, contact, address) in enumerate(T.EMPLOYERS):
            slug = name.split()[0].lower().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}))
            out.append(self.add("employers", stamp(ANCHOR - (700 - 40 * i) * DAY, 9), name=name,
                                cvr=None if i == 9 else self.cvr(), contact_person=contact,
                                phone=self.phone(), email=f"{contact.split()[0].lower()}@{slug}.example.dk",
                                address=address, industry=industry))
        return out

    def cvr(self) -> str:
        while True:
            digits = str(self.rng.randint(1_000_000, 9_999_999))
            for check in "0123456789":
                if stdnum_cvr.is_valid(digits + check):
                    return digits + check

    def phone(self) -> str:
        return f"{self.rng.choice([20, 22, 26, 28, 30, 40, 42, 50, 60, 61])} " + " ".join(
            f"{self.rng.randint(10, 99)}" for _ in range(3))

    # -- citizens and plans ----------------------------------------------------
    def citizen(self, i: int, name: str, born: str, group: str, own_goal: str, address: str) -> tuple[dict, list]:
        rng = self.rng
        birth = dt.date.fromisoformat(born)
        intake = working(ANCHOR - rng.randint(150, 420) * DAY)
        cti = CTI.get(i)
        if cti and cti[0] in ("ended", "early", "p3"):
            intake = working(ANCHOR - 470 * DAY)
        email = name.lower().replace(" ", ".").translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}))
        citizen = self.add(
            "citizens", stamp(intake, 9, 30), name=name,
            cpr=None if i in NO_CPR else f"{birth:%d%m%y}00{i + 1:02d}", target_group=group,
            phone=self.phone(), email="" if i % 4 == 3 else f"{email}@example.dk", address=address,
            caseworker=CASEWORKER, status="closed" if i == CLOSED else "active", closed_on=None, closed_reason="",
            benefit_start_on=(ANCHOR - RECENT_BENEFIT_START[i] * DAY).isoformat() if i in RECENT_BENEFIT_START else None,
            back_within_26_weeks=i in BACK_WITHIN_26_WEEKS)
        consent = intake + rng.randint(0, 10) * DAY if i % 5 != 4 else None
        plan = self.add(
            "plans", stamp(intake, 9, 45), citizen_id=citizen["id"], own_goal=own_goal,
            consent_given_on=consent.isoformat() if consent else None,
            consent_scope=("Jobcenter, socialforvaltning, egen læge og misbrugsbehandling må udveksle "
                           "oplysninger til planen.") if consent else "",
            consent_withdrawn_on=(ANCHOR - 20 * DAY).isoformat() if i == CONSENT_WITHDRAWN else None,
            review_on=add_months(intake, 6 * (1 + (ANCHOR - intake).days // 180)).isoformat()
            if i % 6 else (ANCHOR - 9 * DAY).isoformat())
        areas = list(T.GOALS)
        rng.shuffle(areas)
        if rng.random() < 0.8:
            areas.remove("uddannelse_beskaeftigelse")
            areas.insert(0, "uddannelse_beskaeftigelse")
        goals = []
        for position, area in enumerate(areas[: rng.choice([1, 2, 2, 3, 3, 4])]):
            title, actions = rng.choice(T.GOALS[area])
            goal = self.add("goals", stamp(intake, 10, position), plan_id=plan["id"], life_area=area,
                            title=title, status="active", last_progress=None, position=position)
            goals.append(goal)
            for n, (text, provider) in enumerate(actions):
                due = working(intake + rng.randint(14, 260) * DAY)
                status = ("done" if due < ANCHOR - 14 * DAY else "in_progress" if due < ANCHOR + 14 * DAY
                          else "planned")
                if rng.random() < 0.07:
                    status = "cancelled"
                self.add("plan_actions", stamp(intake, 10, 30 + n), goal_id=goal["id"], description=text,
                         provider=provider, status=status, due_on=due.isoformat())
        return citizen, goals

    # -- CTI ---------------------------------------------------------------------
    def cti(self, citizen: dict, goals: list[dict], stage: str, state: str | None) -> tuple[dt.date, str]:
        rng = self.rng
        reached = {"contact": 0, "p1": 1, "p2": 2, "p3": 3, "ended": 3, "early": 2}[stage]
        if stage == "contact":
            start = working(ANCHOR - rng.randint(14, 24) * DAY, back=True)
        elif stage == "ended":
            start = working(add_months(ANCHOR - 40 * DAY, -10))
        elif stage == "early":
            start = working(add_months(ANCHOR - 50 * DAY, -4))
        else:
            start = working(add_months(ANCHOR - rng.randint(40, 70) * DAY - 28 * DAY, -3 * (reached - 1)), back=True)
        cadence = {2: Cadence.WEEKLY} if citizen["name"].startswith("Mikkel") else None
        planned = cti_rules.plan_phases(start, cadence=cadence)
        actual = [start] + [working(p.planned_start + rng.randint(0, 4) * DAY) for p in planned[1:reached + 1]]
        ended = None
        if stage == "ended":
            ended = working(add_months(actual[1], 9) + rng.randint(1, 10) * DAY)
        elif stage == "early":
            ended = working(actual[2] + 20 * DAY)
        course = self.add(
            "cti_courses", stamp(start, 9), done_at=stamp(ended, 14) if ended else None,
            citizen_id=citizen["id"], start_on=start.isoformat(),
            follow_up_on=cti_rules.follow_up_date(actual[1] if reached else planned[1].planned_start).isoformat(),
            ended_on=ended.isoformat() if ended else None,
            end_reason="Borgeren er flyttet til en anden kommune." if stage == "early" else "",
            closing_note=("Borgeren har et stabilt netværk og fast job; bostøtten fortsætter." if stage == "ended"
                          else "Overdraget til den nye kommunes jobcenter med borgerens samtykke." if ended else ""))
        # the nine-month mark is a follow-up, as start_cti makes it (CTI has no hard stop)
        self.follow_up(citizen, written(CTI_NINE_MONTH), dt.date.fromisoformat(course["follow_up_on"]), "checkin",
                       course["id"], start, ended)
        areas = [g["life_area"] for g in goals] + ["netvaerk", "daglige_aktiviteter"]
        for p in planned:
            is_reached = p.phase <= reached
            a_end = None
            if p.phase < reached:
                a_end = actual[p.phase + 1] - DAY
            elif is_reached and ended:
                a_end = ended
            focus = list(dict.fromkeys(rng.sample(areas, rng.randint(1, 3)))) if is_reached else []
            self.add("cti_phases", stamp(start, 9, 5 + p.phase), done_at=stamp(a_end, 12) if a_end else None,
                     course_id=course["id"], phase=p.phase, planned_start=p.planned_start.isoformat(),
                     planned_end=p.planned_end.isoformat(),
                     actual_start=actual[p.phase].isoformat() if is_reached else None,
                     actual_end=a_end.isoformat() if a_end else None, focus_areas=focus, cadence=p.cadence.value)
        phases = [(actual[n], planned[n].cadence, self.lists["cti_phases"][-4 + n]["focus_areas"])
                  for n in range(reached + 1)]
        self.checkins(citizen, course, phases, ended, state)
        return start, course["id"]

    def checkins(self, citizen: dict, course: dict, phases: list, ended: dt.date | None, state: str | None) -> None:
        rng = self.rng
        running = phases[-1]
        last = None
        if state is not None:  # the last check-in decides the state of the next contact
            interval = {Cadence.WEEKLY: 7, Cadence.BIWEEKLY: 14, Cadence.MONTHLY: 0}[running[1]]
            due = ANCHOR + {"overdue": -rng.randint(4, 9), "today": 0, "soon": rng.randint(3, 6),
                            "ontrack": 8}[state] * DAY
            last = working(add_months(due, -1) if not interval else due - interval * DAY, back=True)
            last = max(last, running[0])
            due = cti_rules.next_contact_due(last, running[1])
            got = cti_rules.cadence_state(due, ANCHOR).value
            assert got == {"today": "due_today", "soon": "due_soon"}.get(state, got), (citizen["name"], state, got)
            assert (got == "overdue") == (state == "overdue"), (citizen["name"], state, got)
        stop = (last - 2 * DAY) if last else ended
        days, day = [], phases[0][0] + rng.randint(0, 3) * DAY
        while day < stop:
            days.append(working(day))
            cadence = next(c for s, c, _f in reversed(phases) if s <= day)
            step = add_months(day, 1) - day if cadence is Cadence.MONTHLY else dt.timedelta(
                days=7 if cadence is Cadence.WEEKLY else 14)
            late = rng.randint(3, 9) if rng.random() < 0.15 else rng.randint(-1, 1)
            day = working(day + step + late * DAY)
        days = [d for d in dict.fromkeys(days) if d < stop] + ([last] if last else [])
        checkin = None
        for day in days:
            focus = next(f for s, _c, f in reversed(phases) if s <= day)
            form = rng.choice(["community", "community", "home_visit", "phone", "personal", "video"])
            area_notes = {}
            if focus and rng.random() < 0.5:
                area = rng.choice(focus)
                area_notes[area] = T.AREA_NOTES[area]
            notes = T.MARKUP_NOTE if citizen["name"].startswith("Mikkel") and day == days[-1] else rng.choice(
                T.CHECKIN_NOTES)
            checkin = self.add("cti_checkins", stamp(day, 15, rng.randint(0, 59)), course_id=course["id"],
                     held_on=day.isoformat(), form=form, in_community=form in ("community", "home_visit"),
                     with_whom="supports" if rng.random() < 0.2 else "citizen", notes=notes, area_notes=area_notes)
        if days and rng.random() < 0.6:
            due = roll_forward(days[-1] + 10 * DAY)
            self.follow_up(citizen, "Følg op på aftalen fra CTI-kontakten", due, "checkin", checkin["id"],
                           days[-1], self.done_or_open(due, 0.3))

    # -- meetings ----------------------------------------------------------------
    def meetings(self, i: int, citizen: dict, goals: list[dict], cti_start: dt.date | None,
                 until: dt.date = ANCHOR) -> None:
        rng = self.rng
        intake = dt.datetime.fromisoformat(citizen["created_at"]).date()
        group = TargetGroup(citizen["target_group"])
        types = {TargetGroup.JOBPARAT: ["jobsamtale", "jobsamtale", "opfoelgningssamtale"],
                 TargetGroup.SYGEDAGPENGE: ["opfoelgningssamtale", "netvaerksmoede", "other"]}.get(
            group, ["opfoelgningssamtale", "netvaerksmoede", "jobsamtale", "other"])
        if cti_start:
            types = types + ["cti_samtale", "cti_samtale"]
        if i in PLACEMENTS:
            types.append("virksomhedsbesoeg")
        count = rng.randint(3, 6)
        span = (until - DAY - intake).days
        days = sorted({working(intake + rng.randint(5, span) * DAY, back=True) for _ in range(count)})
        days = [d for d in days if d < until]
        plan = [("tvaerfagligt_opstartsmoede", cti_start)] if cti_start else []
        plan += [(rng.choice(types), d) for d in days]
        if i in PLACEMENTS:  # visits to the workplace start shortly before the first placement
            first = ANCHOR - PLACEMENTS[i][0][2] * 7 * DAY - 21 * DAY
            plan = [("opfoelgningssamtale" if k == "virksomhedsbesoeg" and d < first else k, d) for k, d in plan]
        plan.sort(key=lambda x: x[1])
        last_held = len(plan) - 1  # the latest meeting was held and left an open next step
        for n, (kind, day) in enumerate(plan):
            outcome = "held"
            if n not in (0, last_held) and rng.random() < 0.2:
                outcome = rng.choice(["no_show", "no_show", "cancelled"])
            self.meeting(i, n, n == last_held, citizen, goals, kind, day, outcome)
        if until < ANCHOR:  # a closed case: everything was wrapped up when it closed
            for f in self.lists["follow_ups"]:
                if f["citizen_id"] == citizen["id"] and f["done_on"] is None:
                    f["done_on"], f["version"] = until.isoformat(), 2
                    f["updated_at"] = stamp(until, 15).isoformat()

    def meeting(self, i: int, n: int, last: bool, citizen: dict, goals: list[dict], kind: str, day: dt.date,
                outcome: str) -> None:
        rng = self.rng
        form = ("personal" if kind == "tvaerfagligt_opstartsmoede" else "community" if kind == "cti_samtale"
                else "personal" if kind == "virksomhedsbesoeg" else rng.choice(
                    ["personal", "personal", "phone", "video", "home_visit", "community"]))
        begin = stamp(day, rng.choice([9, 10, 11, 13, 14]), rng.choice([0, 15, 30]))
        extra = {"tvaerfagligt_opstartsmoede": ", Jan (socialrådgiver), Hanne (CTI-medarbejder)",
                 "netvaerksmoede": ", søster, bostøttemedarbejder Lone",
                 "virksomhedsbesoeg": ", leder og mentor på arbejdspladsen"}.get(kind, "")
        notes = {"no_show": "Borgeren mødte ikke op. Ringede uden svar; sendt sms.",
                 "cancelled": "Aflyst af borgeren samme morgen (sygdom)."}.get(
            outcome, rng.choice(T.MEETING_NOTES[kind]))
        if i == MARKUP and last:
            notes = T.MARKUP_NOTE
        location = rng.choice(T.LOCATIONS[form])
        if kind == "virksomhedsbesoeg":
            location = "På arbejdspladsen"
        meeting = self.add(
            "meetings", begin + dt.timedelta(hours=2), citizen_id=citizen["id"], type=kind, form=form,
            starts_at=begin.isoformat(),
            ends_at=(begin + dt.timedelta(minutes=rng.choice([30, 45, 60, 90]))).isoformat()
            if outcome == "held" else None,
            location=location, participants=f"Borger, Mette (koordinerende sagsbehandler){extra}",
            outcome=outcome, notes=notes)
        if outcome != "held":
            due = roll_forward(day + 7 * DAY)
            self.follow_up(citizen, written(NO_SHOW_CONTACT), due, "meeting", meeting["id"], day,
                           self.done_or_open(due, 0.2))
            return
        for goal in rng.sample(goals, min(len(goals), rng.randint(1, 2))):
            if goal["status"] != "active":
                continue
            progress = rng.choices(["progress", "no_change", "setback", "achieved"], [5, 3, 2, 0.6])[0]
            self.add("meeting_goal_notes", begin + dt.timedelta(hours=2, minutes=5), meeting_id=meeting["id"],
                     goal_id=goal["id"], progress=progress, note=rng.choice(T.GOAL_NOTES[progress]))
            goal["last_progress"], goal["version"] = progress, goal["version"] + 1
            goal["updated_at"] = (begin + dt.timedelta(hours=2, minutes=5)).isoformat()
            if progress == "achieved":
                goal["status"] = "achieved"
        steps = 1 if last else rng.randint(0, 2)
        for s in range(steps):
            if last and s == 0:
                due = ANCHOR + OPEN_OFFSETS[i % len(OPEN_OFFSETS)] * DAY
                if due <= day + 3 * DAY:  # agreed before this meeting: a follow-up made by hand
                    self.follow_up(citizen, rng.choice(T.MANUAL_FOLLOW_UPS), due, "manual", None, due - 12 * DAY)
                    continue
                done = None
            else:
                due = working(day + rng.randint(7, 21) * DAY)
                done = self.done_or_open(due, 0.15)
            self.follow_up(citizen, rng.choice(T.NEXT_STEPS), due, "meeting", meeting["id"], day, done)
