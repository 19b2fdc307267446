"""The worklist as an iCalendar file: the renderer on read models, and
`enplan calendar` on the seeded caseload, read back with icalendar the way
Outlook and Google Calendar read it: one event per line with a stable UID,
all-day due dates, a SEQUENCE that grows when a line changes, done
follow-ups cancelled, and no CPR number, notes or full names."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from enplan import cli
from enplan.documents import calendar
from enplan.domain.enums import ContactForm
from enplan.domain.followups import WorkItem, WorkKind
from enplan.i18n import set_language
from enplan.services import CheckinInput, Services
from enplan.store import tables as t
from tests.conftest import TODAY
from tests.safety.helpers import run_cli, today_arg
from tests.ui.seed import CPR_FULL, HOSTILE_NOTE, seed

MADE = dt.datetime(2026, 11, 22, 8, 30, 15, 123456, tzinfo=dt.timezone.utc)
DAY = dt.timedelta(days=1)


def events(data: bytes) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def item(kind: WorkKind = WorkKind.FOLLOW_UP, what: str = "Ring til lægen", name: str = "Åse Marie Østergaard",
         **more) -> WorkItem:  # noqa: ANN003
    values = {"ref_id": uuid.UUID(int=7), "citizen_id": uuid.UUID(int=8), "due": TODAY, "revision": 3,
              "changed_at": dt.datetime(2026, 11, 20, 9, 15, tzinfo=dt.timezone.utc)} | more
    return WorkItem(kind, values.pop("ref_id"), values.pop("citizen_id"), name, what, values.pop("due"), **values)


@pytest.fixture
def english():
    yield
    set_language("en")


# -- the renderer -----------------------------------------------------------------------------
def test_an_event_per_line_all_day_private_and_free(english):
    ics = calendar.render([item(), item(WorkKind.CTI_CONTACT, "CTI contact (phase 2)", phase=2,
                                        ref_id=uuid.UUID(int=9))], made_at=MADE)
    cal = Calendar.from_ical(ics)
    assert str(cal["method"]) == "PUBLISH" and str(cal["version"]) == "2.0"
    got = events(ics)
    follow_up = got[f"follow-up-{uuid.UUID(int=7)}@enplan"]
    assert str(follow_up["summary"]) == "Follow-up: Ring til lægen – Å.M.Ø."
    assert follow_up.decoded("dtstart") == TODAY and follow_up["dtstart"].params["VALUE"] == "DATE"
    assert follow_up.decoded("dtend") == TODAY + DAY
    assert follow_up["sequence"] == 2  # revision 3: the record's third version
    assert follow_up.decoded("last-modified") == dt.datetime(2026, 11, 20, 9, 15, tzinfo=dt.timezone.utc)
    assert follow_up.decoded("dtstamp") == MADE.replace(microsecond=0)
    assert (str(follow_up["status"]), str(follow_up["transp"]), str(follow_up["class"])) == \
        ("CONFIRMED", "TRANSPARENT", "PRIVATE")
    assert str(got[f"cti-contact-{uuid.UUID(int=9)}@enplan"]["summary"]) == "CTI contact (phase 2) – Å.M.Ø."
    assert b"\r\n" in ics and all(len(line) <= 75 for line in ics.split(b"\r\n"))


def test_a_done_follow_up_is_a_cancelled_event(english):
    done = events(calendar.render([item(done=True, revision=4)], made_at=MADE))[f"follow-up-{uuid.UUID(int=7)}@enplan"]
    assert str(done["status"]) == "CANCELLED" and done["sequence"] == 3
    assert str(done["summary"]) == "Done: Follow-up: Ring til lægen – Å.M.Ø."


@pytest.mark.parametrize(("style", "shown"), [("initials", "Å.M.Ø."), ("first", "Åse"),
                                               ("full", "Åse Marie Østergaard"), ("none", "")])
def test_citizens_are_named_as_asked(style, shown, english):
    summary = str(next(iter(events(calendar.render([item()], made_at=MADE, names=style)).values()))["summary"])
    assert summary == ("Follow-up: Ring til lægen" + (f" – {shown}" if shown else ""))


def test_titles_are_in_danish_with_danish(english):
    set_language("da")
    ics = calendar.render([item(WorkKind.CTI_CONTACT, "CTI contact (phase 1)", phase=1), item(done=True,
                           ref_id=uuid.UUID(int=5))], made_at=MADE)
    summaries = {str(e["summary"]) for e in events(ics).values()}
    assert "CTI-kontakt (fase 1) – Å.M.Ø." in summaries
    assert any(s.startswith("Udført: ") for s in summaries)
    assert "Arbejdsliste" in str(Calendar.from_ical(ics)["x-wr-calname"])


def test_every_kind_of_worklist_line_has_a_uid_and_a_title():
    """Rule items (a later issue) must say how they become events before they reach a calendar."""
    assert set(calendar.KINDS) == set(WorkKind)
    prefixes = [kind.uid_prefix for kind in calendar.KINDS.values()]
    assert len(set(prefixes)) == len(prefixes)


def test_the_cli_offers_the_name_styles_the_renderer_knows():
    assert cli.NAME_STYLES == calendar.NAME_STYLES


def test_typed_text_becomes_one_short_safe_line(english):
    from tests import hostile

    for name, text in hostile.TEXTS.items():
        if name in hostile.REFUSED_TEXT:
            continue
        ics = calendar.render([item(what=text)], made_at=MADE)
        summary = str(next(iter(events(ics).values()))["summary"])
        assert not re.search(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", summary), name
        assert len(summary) <= len("Follow-up: ") + calendar.TITLE_LIMIT + len(" – Å.M.Ø."), name
        assert not re.search(rb"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]", ics), name  # only CRLF line ends
    long = str(next(iter(events(calendar.render([item(what=hostile.ONE_MB_NOTE)], made_at=MADE)).values()))["summary"])
    assert long.endswith("… – Å.M.Ø.")


# -- on the seeded caseload -----------------------------------------------------------------------
@pytest.fixture
def seeded(sqlite_services, sqlite_url, english):
    return sqlite_services, seed(sqlite_services), sqlite_url


def export(capsys, url: str, *more: str) -> bytes:
    code, out, err = run_cli(capsys, "calendar", "--db", url, today_arg(), "--caseworker", "mette", *more)
    assert code == 0, err
    return out.encode("utf-8")


def test_the_calendar_holds_no_cpr_no_notes_and_no_full_names(seeded, capsys):
    services, ids, url = seeded
    ics = export(capsys, url)
    got = events(ics)
    summaries = {str(e["summary"]) for e in got.values()}
    assert "Follow-up: Ring til lægen – Å.Ø." in summaries and "CTI contact (phase 1) – Å.Ø." in summaries
    assert f"follow-up-{ids.ase_follow_up}@enplan" in got
    text = ics.decode("utf-8").replace("\r\n ", "")  # unfolded
    for secret in (CPR_FULL, "010190-1234", "Østergaard", "Godt møde om boligen", "Kort snak", "Ny ansøgning",
                   "Har set to lejligheder", "Says", HOSTILE_NOTE, "Not mette's"):
        assert secret not in text, secret
    assert "\x1b" not in text  # the hostile follow-up title's escape sequence is a symbol


def test_a_second_export_updates_the_same_events(seeded, capsys):
    services, ids, url = seeded
    first = events(export(capsys, url))
    cti_uid = next(u for u in first if u.startswith("cti-contact-"))
    course_id = cti_uid.removeprefix("cti-contact-").removesuffix("@enplan")
    services.record_checkin(course_id, CheckinInput(held_on=TODAY, form=ContactForm.PHONE))  # the contact moves
    services.reschedule_follow_up(ids.carl_follow_up, TODAY + 10 * DAY)
    services.set_follow_up_done(ids.ase_follow_up, True)
    second = events(export(capsys, url))
    assert set(second) == set(first)  # nothing new, nothing lost: the same UIDs
    moved = second[cti_uid]
    assert moved.decoded("dtstart") > first[cti_uid].decoded("dtstart")
    assert moved["sequence"] > first[cti_uid]["sequence"]
    carl = f"follow-up-{ids.carl_follow_up}@enplan"
    assert second[carl].decoded("dtstart") == TODAY + 10 * DAY and second[carl]["sequence"] > first[carl]["sequence"]
    ase = f"follow-up-{ids.ase_follow_up}@enplan"
    assert str(second[ase]["status"]) == "CANCELLED" and second[ase]["sequence"] > first[ase]["sequence"]
    assert str(first[ase]["status"]) == "CONFIRMED"
    third = events(export(capsys, url))
    assert {u: (e["sequence"], e.decoded("dtstart")) for u, e in third.items()} == \
        {u: (e["sequence"], e.decoded("dtstart")) for u, e in second.items()}  # nothing changed: nothing moves


def test_follow_ups_done_long_ago_are_left_out(seeded, capsys):
    services, ids, url = seeded
    old = services.add_follow_up(ids.zoe, "Længe siden", TODAY - 200 * DAY)
    Services(services.db, today=TODAY - (calendar.DONE_SHOWN_DAYS + 1) * DAY, actor="mette") \
        .set_follow_up_done(old, True)
    got = events(export(capsys, url))
    assert f"follow-up-{old}@enplan" not in got
    assert any(str(e["status"]) == "CANCELLED" for e in got.values())  # Carl's, done in the seed, is there


def test_danish_titles_and_full_names_on_request(seeded, capsys):
    _services, _ids, url = seeded
    summaries = {str(e["summary"]) for e in events(export(capsys, url, "--lang", "da", "--names", "full")).values()}
    assert "CTI-kontakt (fase 1) – Åse Østergaard" in summaries
    assert any(s.startswith("Udført: ") and s.endswith("– Carl Nielsen") for s in summaries)


def test_a_calendar_file_is_private_and_logged(seeded, capsys, tmp_path):
    services, _ids, url = seeded
    target = tmp_path / "mette.ics"
    code, out, err = run_cli(capsys, "calendar", "--db", url, today_arg(), "--caseworker", "mette", "-o", str(target))
    assert code == 0 and out == f"Wrote {target}.\n", err
    written = events(target.read_bytes())
    assert target.stat().st_mode & 0o777 == 0o600 and len(written) == 10
    assert sum(uid.startswith("rule-") for uid in written) == 1  # Åse's plan review, from the rules
    assert sum(uid.startswith("measure-") for uid in written) == 1  # Carl's first measures
    with services.db.read() as s:
        logged = s.execute(sa.select(t.AuditEvent.actor, t.AuditEvent.entity, t.AuditEvent.changes)
                           .where(t.AuditEvent.action == "calendar")).all()
    assert logged == [("mette", "worklist", {"file": "mette.ics", "caseworker": "mette", "entries": 10,
                                             "names": "initials"})]


def test_the_worklist_knows_how_often_its_lines_changed(services):
    """On both backends: a CTI contact's revision is its records' versions added up, and grows."""
    from enplan.domain.enums import TargetGroup
    from enplan.services import CitizenInput

    cid = services.create_citizen(CitizenInput(name="Bo Berg", target_group=TargetGroup.JOBPARAT))
    course = services.start_cti(cid, TODAY - 20 * DAY)
    follow_up = services.add_follow_up(cid, "Ring", TODAY)

    def lines():  # noqa: ANN202
        return {i.ref_id: i for i in services.worklist()}

    before = lines()
    assert before[follow_up].revision == 1 and before[follow_up].changed_at is not None
    services.record_checkin(course, CheckinInput(held_on=TODAY - DAY, form=ContactForm.PHONE))
    services.reschedule_follow_up(follow_up, TODAY + DAY)
    after = lines()
    assert after[course].kind is WorkKind.CTI_CONTACT and after[course].revision == before[course].revision + 1
    assert after[course].changed_at >= before[course].changed_at and after[course].due > before[course].due
    assert after[follow_up].revision == 2 and after[follow_up].changed_at >= before[follow_up].changed_at
