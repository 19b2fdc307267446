"""Generate a municipality-scale enplan database, fast.

The schema comes from the real migrations (`open_database`); rows go in with
plain sqlite3 `executemany` in one transaction, because one million ORM
objects would measure SQLAlchemy, not enplan. Values use the exact storage
forms SQLAlchemy uses on SQLite (UUID hex, ISO text dates).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from .progress_data import progress_rows

TARGET_GROUPS = ["aktivitetsparat_kontanthjaelp", "jobparat_kontanthjaelp", "uddannelseshjaelp", "ressourceforloeb",
                 "jobafklaring", "sygedagpenge", "ledighedsydelse", "fleksjob", "other"]
FIRST = ["Søren", "Åse", "Bjørn", "Mette", "Jens", "Lærke", "Mads", "Ida", "Ole", "Karen", "Anders", "Sofie",
         "Niels", "Ærenlund", "Signe", "Torben", "Jørgen", "Malene", "Frederik", "Birthe"]
LAST = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Østergaard", "Ærbo", "Sørensen", "Rasmussen",
        "Kjærgaard", "Møller", "Holm", "Åberg", "Lund", "Thomsen", "Dahl"]
MEETING_TYPES = ["jobsamtale", "opfoelgningssamtale", "tvaerfagligt_opstartsmoede", "cti_samtale",
                 "netvaerksmoede", "virksomhedsbesoeg"]
FORMS = ["personal", "phone", "video", "home_visit", "community"]
KINDS = ["virksomhedspraktik", "loentilskud", "smaajob", "fleksjob", "ordinary_job", "ips_job"]
AREAS = ["bolig", "psykisk_helbred", "oekonomi", "netvaerk", "misbrug", "uddannelse_beskaeftigelse"]
BIG_CASEWORKER = "cw-big"      # 500 citizens: the key-latency caseload
HEAVY_NAME = "Tidslinje Tung"  # one citizen with 2,000 timeline entries
HEAVY_CASEWORKER = "cw-heavy"  # whose caseload holds only that citizen
HEAVY_GOAL = "Jeg vil holde fast i mit job i Brugsen"
GENERATOR_VERSION = 5  # a cached database of another version is made again (3: the rules' facts; 4: measures; 5: their index)


@dataclass(frozen=True)
class Scale:
    citizens: int = 10_000
    caseworkers: int = 200
    meetings_per: int = 40
    checkins_per: int = 50       # for the half of citizens in CTI
    employer_fu_per: int = 10
    follow_ups_per: int = 32
    heavy_entries: int = 2_000
    big_caseload: int = 500
    employers: int = 800


SMOKE = Scale(citizens=60, caseworkers=3, meetings_per=3, checkins_per=3, employer_fu_per=1, follow_ups_per=3,
              heavy_entries=50, big_caseload=20, employers=10)


def _u() -> str:
    return uuid.uuid4().hex


def _ts(day: dt.date, hour: int = 9) -> str:
    return f"{day.isoformat()} {hour:02d}:00:00.000000"


def _base(day: dt.date) -> tuple:
    stamp = _ts(day)
    return (stamp, stamp, None, 1, "bench")


BASE_COLS = "id, created_at, updated_at, deleted_at, version, updated_by"


def _insert(conn: sqlite3.Connection, table: str, cols: str, rows: list[tuple]) -> None:
    marks = ", ".join("?" * (len(cols.split(",")) + 6))
    conn.executemany(f"INSERT INTO {table} ({BASE_COLS}, {cols}) VALUES ({marks})", rows)


def generate(path: Path, today: dt.date, scale: Scale = Scale(), seed: int = 7) -> dict:
    """Create ``path`` (must not exist) and fill it; returns row counts and seconds."""
    from enplan.domain.text import danish_key
    from enplan.store.opening import open_database

    started = time.perf_counter()
    open_database(f"sqlite:///{path}", daily_backup=False).dispose()
    rnd = random.Random(seed)
    start = today - dt.timedelta(days=5 * 365)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")  # bulk load of a throwaway file
    conn.execute("BEGIN")
    counts = dict.fromkeys(["citizens", "meetings", "checkins", "employer_follow_ups", "follow_ups", "measures"], 0)

    employers = [(_u(), f"Virksomhed {i} ApS") for i in range(scale.employers)]
    _insert(conn, "employer", "name, name_key, cvr, contact_person, phone, email, address, industry",
            [(e, *_base(start), n, danish_key(n), None, "Kontakt", "", "", "", "Service") for e, n in employers])

    citizens = []
    for i in range(scale.citizens):
        if i == 0:
            name, worker = HEAVY_NAME, HEAVY_CASEWORKER
        elif i <= scale.big_caseload:
            name, worker = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}", BIG_CASEWORKER
        else:
            name, worker = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}", f"cw-{i % scale.caseworkers}"
        citizens.append((_u(), name, worker, rnd.choice(TARGET_GROUPS)))
    # Benefit starts over the last two years: the legal contact rules count from them (domain/rules).
    _insert(conn, "citizen", "name, name_key, cpr, target_group, phone, email, address, caseworker, status, closed_on, "
            "closed_reason, benefit_start_on",
            [(c, *_base(start), n, danish_key(n), None, tg, "", "", "", w, "active", None, "",
              (today - dt.timedelta(days=rnd.randrange(0, 730))).isoformat()) for c, n, w, tg in citizens])
    counts["citizens"] = len(citizens)

    plans, goals, meetings, courses, phases, checkins, placements, efus, fus, starts = ([] for _ in range(10))
    for index, (cid, _name, worker, _tg) in enumerate(citizens):
        heavy = index == 0
        opened = start + dt.timedelta(days=rnd.randrange(0, 4 * 365))
        pid = _u()
        plans.append((pid, *_base(opened), cid, HEAVY_GOAL if heavy else "Jeg vil have et arbejde", None, "", None, None))
        for k in range(3):
            goals.append((_u(), *_base(opened), pid, rnd.choice(AREAS), f"Mål {k + 1}", "active", None, k))
        n_meet = scale.heavy_entries // 2 if heavy else scale.meetings_per
        for _ in range(n_meet):
            day = opened + dt.timedelta(days=rnd.randrange(0, max(1, (today - opened).days)))
            meetings.append((_u(), *_base(day), cid, rnd.choice(MEETING_TYPES), rnd.choice(FORMS), _ts(day, 10),
                             _ts(day, 11), "Jobcentret", "", "held" if rnd.random() > 0.1 else "no_show", "Noter fra mødet."))
        if heavy or index % 2 == 0:
            course = _u()
            c_start = today - dt.timedelta(days=rnd.randrange(10, 300))
            courses.append((course, *_base(c_start), cid, c_start.isoformat(), None, None, "", ""))
            for ph in range(4):
                p_start = c_start + dt.timedelta(days=30 + 91 * (ph - 1)) if ph else c_start
                reached = p_start <= today
                phases.append((_u(), *_base(c_start), course, ph, p_start.isoformat(),
                               (p_start + dt.timedelta(days=90)).isoformat(), p_start.isoformat() if reached else None,
                               None, json.dumps([rnd.choice(AREAS)]), ["weekly", "weekly", "biweekly", "monthly"][ph]))
            # fix actual_end for phases followed by a reached phase
            starts.append((cid, c_start, worker, heavy))
            n_chk = scale.heavy_entries // 4 if heavy else scale.checkins_per
            for _ in range(n_chk):
                day = c_start + dt.timedelta(days=rnd.randrange(0, max(1, (today - c_start).days)))
                checkins.append((_u(), *_base(day), course, day.isoformat(), rnd.choice(FORMS), rnd.random() > 0.5,
                                 "citizen", "Check-in.", "{}"))
        else:
            starts.append((cid, opened, worker, heavy))  # no CTI course: the plan's day starts them
        place = _u()
        employer = rnd.choice(employers)[0]
        p_start = today - dt.timedelta(days=rnd.randrange(0, 700))
        # Half the placements have an end date, so the placement follow-up rules have work to do.
        p_end = (p_start + dt.timedelta(days=rnd.randrange(28, 200))).isoformat() if rnd.random() < 0.5 else None
        placements.append((place, *_base(p_start), cid, employer, rnd.choice(KINDS), "Afklaring", 15.0,
                           p_start.isoformat(), p_end, "active", 0))
        n_efu = scale.heavy_entries // 4 if heavy else scale.employer_fu_per
        for _ in range(n_efu):
            day = p_start + dt.timedelta(days=rnd.randrange(0, max(1, (today - p_start).days)))
            efus.append((_u(), *_base(day), employer, place, cid, day.isoformat(), "Kontakt", rnd.random() > 0.5, "OK",
                         "", None))
        for _ in range(scale.follow_ups_per):
            due = start + dt.timedelta(days=rnd.randrange(0, 5 * 365 + 60))
            done = due.isoformat() if due < today - dt.timedelta(days=20) and rnd.random() > 0.05 else None
            fus.append((_u(), *_base(due), cid, "Opfølgning", due.isoformat(), "bench", done, "manual", None))

    measures, first_year = progress_rows(starts, placements, [e for e, _ in employers], today, seed, _base, _u,
                                         {BIG_CASEWORKER, HEAVY_CASEWORKER, "cw-1"})
    placements += first_year
    _insert(conn, "plan", "citizen_id, own_goal, consent_given_on, consent_scope, consent_withdrawn_on, review_on", plans)
    _insert(conn, "goal", "plan_id, life_area, title, status, last_progress, position", goals)
    _insert(conn, "meeting", "citizen_id, type, form, starts_at, ends_at, location, participants, outcome, notes", meetings)
    _insert(conn, "cti_course", "citizen_id, start_on, follow_up_on, ended_on, end_reason, closing_note", courses)
    _insert(conn, "cti_phase", "course_id, phase, planned_start, planned_end, actual_start, actual_end, focus_areas, cadence", phases)
    conn.execute("""UPDATE cti_phase SET actual_end = (SELECT date(n.actual_start, '-1 day') FROM cti_phase n
                    WHERE n.course_id = cti_phase.course_id AND n.phase = cti_phase.phase + 1 AND n.actual_start IS NOT NULL)""")
    _insert(conn, "cti_checkin", "course_id, held_on, form, in_community, with_whom, notes, area_notes", checkins)
    _insert(conn, "placement", "citizen_id, employer_id, kind, purpose, hours_per_week, start_on, end_on, status, extended", placements)
    _insert(conn, "employer_follow_up", "employer_id, placement_id, citizen_id, held_on, contact_person, face_to_face, "
            "outcome, notes, next_due_on", efus)
    _insert(conn, "follow_up", "citizen_id, title, due_on, owner, done_on, source, source_id", fus)
    _insert(conn, "measure", "citizen_id, instrument, measured_on, value, answers, source, source_id, note", measures)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    counts.update(meetings=len(meetings), checkins=len(checkins), employer_follow_ups=len(efus), follow_ups=len(fus),
                  measures=len(measures))
    counts["records"] = counts["meetings"] + counts["checkins"] + counts["employer_follow_ups"] + counts["follow_ups"]
    counts["seconds"] = time.perf_counter() - started
    counts["generator"] = GENERATOR_VERSION
    counts["heavy_citizen_id"] = str(uuid.UUID(citizens[0][0]))
    return counts
