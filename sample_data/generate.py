"""Build sample_data/caseload.json: the fictitious demo caseload of "mette".

Deterministic (a seeded random.Random and uuid5 ids): running it again gives
the same file byte for byte. Dates are written relative to ``anchor_date``
(2026-01-15); `enplan demo` moves every date by (today - anchor), so the
caseload always has overdue, due-today and upcoming work.

    .venv/bin/python sample_data/generate.py

The document is the export format of docs/data-format.md plus the top-level
``anchor_date``. CPR numbers are clearly fictitious: the birth date followed
by the serial 00NN (NN = the citizen's number in texts.CITIZENS).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

try:
    from . import texts as T
    from .builder import ANCHOR, CLOSED, CPH, CTI, DAY, NO_EMPLOYER_CONTACT, PLACEMENTS, Builder, stamp, working
except ImportError:  # run as a script from sample_data/
    import texts as T  # type: ignore[no-redef]
    from builder import (  # type: ignore[no-redef]
        ANCHOR, CLOSED, CPH, CTI, DAY, NO_EMPLOYER_CONTACT, PLACEMENTS, Builder, stamp, working)

from enplan.demo import shift_document
from enplan.domain import cti as cti_rules
from enplan.domain.dates import add_months, roll_forward
from enplan.domain.enums import (
    ContactForm,
    FollowUpSource,
    MeetingOutcome,
    MeetingType,
    PlacementKind,
    TargetGroup,
)
from enplan.domain.placements import RETENTION_KINDS, praktik_warning, retention_schedule
from enplan.domain.work_texts import EMPLOYER_FOLLOW_UP, RETENTION_CHECK, written
from enplan.store import exchange
from enplan.store.tables import ENTITY_TABLES

OUT = Path(__file__).with_name("caseload.json")


def placements(b: Builder, citizen: dict, i: int, employers: list[dict]) -> None:
    rng = b.rng
    for emp_ix, kind, since, weeks, status, extended, hours, purpose in PLACEMENTS.get(i, []):
        employer = employers[emp_ix]
        start = working(ANCHOR - since * 7 * DAY)
        end = start + (weeks * 7 - 1) * DAY if weeks else None
        placement = b.add("placements", stamp(min(start, ANCHOR) - 7 * DAY, 11),
                          done_at=stamp(end, 15) if status == "ended" else None,
                          citizen_id=citizen["id"], employer_id=employer["id"], kind=kind, purpose=purpose,
                          hours_per_week=float(hours), start_on=start.isoformat(),
                          end_on=end.isoformat() if end else None, status=status, extended=extended)
        if status == "planned":
            continue
        if PlacementKind(kind) in RETENTION_KINDS:
            for step, due in retention_schedule(start):
                b.follow_up(citizen, written(RETENTION_CHECK, step=step, employer=employer["name"]), due, "retention",
                            placement["id"], start, b.done_or_open(due, 0.25))
        if i in NO_EMPLOYER_CONTACT:
            continue  # nobody has called the employer: the rules put it on the worklist
        horizon = min(end or ANCHOR, ANCHOR - DAY)
        day = working(max(start + 7 * DAY, ANCHOR - 365 * DAY))
        days = []
        while day <= horizon:
            days.append(day)
            day = working(day + (56 if since > 52 else rng.randint(14, 28)) * DAY)
        for n, day in enumerate(days):
            last = n == len(days) - 1
            next_due = None if last and status == "ended" else roll_forward(day + rng.randint(10, 28) * DAY)
            efu = b.add("employer_follow_ups", stamp(day, 13, rng.randint(0, 59)), employer_id=employer["id"],
                        placement_id=placement["id"], citizen_id=citizen["id"], held_on=day.isoformat(),
                        contact_person=employer["contact_person"], face_to_face=rng.random() < 0.6,
                        outcome=rng.choice(T.EFU_OUTCOMES), notes=rng.choice(T.EFU_NOTES),
                        next_due_on=next_due.isoformat() if next_due else None)
            if next_due:
                b.follow_up(citizen, written(EMPLOYER_FOLLOW_UP, employer=employer["name"]), next_due, "employer",
                            efu["id"], day, None if last else days[n + 1])


def job_development(b: Builder, employers: list[dict]) -> None:
    """Visits to employers that are not about one placement (no follow-up row)."""
    for employer in employers[::2]:
        day = working(ANCHOR - b.rng.randint(10, 150) * DAY)
        b.add("employer_follow_ups", stamp(day, 10), employer_id=employer["id"], placement_id=None, citizen_id=None,
              held_on=day.isoformat(), contact_person=employer["contact_person"], face_to_face=True,
              outcome="Virksomheden er åben for nye praktikanter og småjob i foråret.",
              notes="Jobudviklingsbesøg: rundvisning og snak om opgaver, der passer til vores borgere.",
              next_due_on=roll_forward(day + 90 * DAY).isoformat())


def measures(b: Builder, citizen: dict, i: int) -> None:
    """Trivsel, belief and paid hours at intake, at each CTI phase change and
    quarterly; WHO-5 every other sitting. A separate random stream, so the rest
    of the caseload stays as it was. Every fifth citizen missed the last sitting:
    their next measure is on the worklist."""
    rng = random.Random(f"measures/{i}")
    intake = dt.datetime.fromisoformat(citizen["created_at"]).astimezone(CPH).date()
    until = dt.date.fromisoformat(citizen["closed_on"]) if citizen["closed_on"] else ANCHOR - 5 * DAY
    courses = {c["id"] for c in b.lists["cti_courses"] if c["citizen_id"] == citizen["id"]}
    changes = sorted(dt.date.fromisoformat(p["actual_start"]) for p in b.lists["cti_phases"]
                     if p["course_id"] in courses and p["phase"] > 0 and p["actual_start"])
    days, day = [], intake
    while day <= until:
        days.append(day)
        quarter = add_months(day, 3)
        day = next((c for c in changes if day < c <= quarter), quarter)
    if i % 5 == 2 and len(days) > 1:
        days.pop()
    hours = {p["start_on"]: p["hours_per_week"] for p in b.lists["placements"]
             if p["citizen_id"] == citizen["id"] and p["kind"] in ("smaajob", "ordinary_job", "fleksjob")}
    trivsel, belief = rng.randint(30, 60), rng.randint(1, 3)
    for n, day in enumerate(days):
        worked = sum(h for start, h in hours.items() if start <= day.isoformat())
        values = {"trivsel": trivsel, "belief": belief, "hours": worked}
        if n % 2 == 0:
            answers = [max(0, min(5, round(trivsel / 20) + rng.randint(-1, 1))) for _ in range(5)]
            b.add("measures", stamp(day, 11, 5), citizen_id=citizen["id"], instrument="who5",
                  measured_on=day.isoformat(), value=float(4 * sum(answers)), answers=answers, source="own",
                  source_id=None, note="")
        for key, value in values.items():
            b.add("measures", stamp(day, 11), citizen_id=citizen["id"], instrument=key, measured_on=day.isoformat(),
                  value=float(value), answers=[], source="own", source_id=None,
                  note=rng.choice(T.MEASURE_NOTES) if key == "trivsel" and rng.random() < 0.3 else "")
        trivsel = max(1, min(100, trivsel + rng.randint(-4, 9)))
        belief = max(1, min(5, belief + rng.choice([0, 0, 0, 1, -1])))


def build() -> dict:
    b = Builder()
    employers = b.employers()
    citizens = []
    for i, row in enumerate(T.CITIZENS):
        citizen, goals = b.citizen(i, *row)
        citizens.append(citizen)
        cti_start, until = None, ANCHOR
        if i in CTI:
            cti_start, _course = b.cti(citizen, goals, *CTI[i])
        if i == CLOSED:
            until = dt.date.fromisoformat(b.lists["cti_courses"][-1]["ended_on"])
            citizen.update(closed_on=until.isoformat(), closed_reason="Fraflyttet kommunen.", version=2,
                           updated_at=stamp(until, 15).isoformat())
        b.meetings(i, citizen, goals, cti_start, until)
        placements(b, citizen, i, employers)
        if i != CLOSED and b.rng.random() < 0.5:
            due = working(ANCHOR + b.rng.randint(-30, 45) * DAY)
            b.follow_up(citizen, b.rng.choice(T.MANUAL_FOLLOW_UPS), due, "manual", None, due - 14 * DAY,
                        b.done_or_open(due, 0.4))
        if i == 10:
            b.follow_up(citizen, T.MARKUP_FOLLOW_UP, ANCHOR - 3 * DAY, "manual", None, ANCHOR - 10 * DAY)
    job_development(b, employers)
    for i, citizen in enumerate(citizens):
        measures(b, citizen, i)
    return {"format_version": exchange.FORMAT_VERSION, "anchor_date": ANCHOR.isoformat(), **b.lists}


def check(doc: dict) -> dict[str, int]:
    """Fail loudly unless the document is valid and has what the demo needs."""
    plain = {k: v for k, v in doc.items() if k != "anchor_date"}
    exchange.validate_document(plain, ANCHOR)
    shifted = shift_document(doc, ANCHOR + 311 * DAY)
    exchange.validate_document(shifted, ANCHOR + 311 * DAY)
    for name in exchange.ORDER:  # the shift moves dates and timestamps, nothing else
        fields = ENTITY_TABLES[name].model_fields
        for before, after in zip(plain[name], shifted[name], strict=True):
            moved = {k for k in before if before[k] != after[k]}
            assert all("date" in str(fields[k].annotation) for k in moved), (name, moved)
    c = {name: doc[name] for name in exchange.ORDER}
    names = " ".join(x["name"] for x in c["citizens"])
    assert len(c["citizens"]) >= 28 and all(ch in names for ch in "æøåÅØ")
    assert {x["target_group"] for x in c["citizens"]} == {g.value for g in TargetGroup}
    assert len(c["employers"]) >= 8
    assert {x["kind"] for x in c["placements"]} == {k.value for k in PlacementKind}
    assert {x["type"] for x in c["meetings"]} == {k.value for k in MeetingType}
    assert {x["form"] for x in c["meetings"]} == {k.value for k in ContactForm}
    assert {x["outcome"] for x in c["meetings"]} == {k.value for k in MeetingOutcome}
    assert {x["source"] for x in c["follow_ups"]} == {k.value for k in FollowUpSource}
    events = len(c["meetings"]) + len(c["cti_checkins"]) + len(c["employer_follow_ups"])
    assert events >= 150, events
    open_due = [dt.date.fromisoformat(f["due_on"]) for f in c["follow_ups"] if f["done_on"] is None]
    bands = {"overdue": sum(d < ANCHOR for d in open_due), "today": sum(d == ANCHOR for d in open_due),
             "week": sum(0 < (d - ANCHOR).days <= 7 for d in open_due),
             "later": sum((d - ANCHOR).days > 7 for d in open_due)}
    assert all(n >= 2 for n in bands.values()), bands
    assert any(f["done_on"] for f in c["follow_ups"])
    cti = cti_states(c)
    assert {"0", "1", "2", "3", "ended"} <= set(cti["phases"]) and cti["overdue"] >= 2 and cti["today"] >= 1, cti
    groups = {x["id"]: TargetGroup(x["target_group"]) for x in c["citizens"]}
    warnings = [p for p in c["placements"] if p["status"] != "planned" and praktik_warning(
        PlacementKind(p["kind"]), groups[p["citizen_id"]], dt.date.fromisoformat(p["start_on"]),
        dt.date.fromisoformat(p["end_on"]) if p["end_on"] else None, ANCHOR, p["extended"])]
    assert len(warnings) >= 2, warnings
    assert sum(1 for p in c["plans"] if p["consent_withdrawn_on"]) == 1
    assert any("[bold]" in m["notes"] for m in c["meetings"])
    assert {x["instrument"] for x in c["measures"]} == {"trivsel", "who5", "belief", "hours"}
    return {"events": events, **bands, "cti_overdue": cti["overdue"], "cti_today": cti["today"],
            **{k: len(v) for k, v in c.items()}}


def cti_states(c: dict) -> dict:
    phases: dict[str, list] = {}
    for p in c["cti_phases"]:
        phases.setdefault(p["course_id"], []).append(p)
    last: dict[str, str] = {}
    for k in c["cti_checkins"]:
        last[k["course_id"]] = max(last.get(k["course_id"], ""), k["held_on"])
    out = {"phases": [], "overdue": 0, "today": 0}
    for course in c["cti_courses"]:
        if course["ended_on"]:
            out["phases"].append("ended")
            continue
        running = max((p for p in phases[course["id"]] if p["actual_start"] and not p["actual_end"]),
                      key=lambda p: p["phase"])
        out["phases"].append(str(running["phase"]))
        anchor = max(filter(None, (last.get(course["id"]), running["actual_start"])))
        due = cti_rules.next_contact_due(dt.date.fromisoformat(anchor), cti_rules.Cadence(running["cadence"]))
        out["overdue"] += due < ANCHOR
        out["today"] += due == ANCHOR
    return out


def main() -> None:
    doc = build()
    stats = check(doc)
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: " + ", ".join(f"{k}={v}" for k, v in stats.items()))


if __name__ == "__main__":
    main()
