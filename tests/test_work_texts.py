"""Follow-ups enplan writes itself say what they are (``what``, ``what_values``)
and are worded in the reader's language: the domain function, every place that
writes one, editing one, and the 0005 backfill of older databases."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import sqlalchemy as sa
from alembic import command

from enplan import i18n
from enplan.domain.enums import ContactForm, FollowUpSource, MeetingType, PlacementKind, TargetGroup
from enplan.domain.followups import WorkKind
from enplan.domain.phrases import Phrase
from enplan.domain.work_texts import KEYS, RETENTION_TEXTS, follow_up_text, written
from enplan.services import CitizenInput, EmployerFollowUpInput, EmployerInput, PlacementInput
from enplan.store import tables as t
from enplan.store.migrate import alembic_config
from enplan.store.types import UTCDateTime
from tests.conftest import TODAY

D = dt.date
CPH = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def in_language(language: str, text: str) -> str:
    i18n.set_language(language)
    return i18n.shown(text)


# -- the words ------------------------------------------------------------------------------
WORDED = [
    ("retention_check", {"step": "1w", "employer": "Føtex"}, "Retention check 1 week: Føtex",
     "Fastholdelsesopfølgning efter 1 uge: Føtex"),
    ("retention_check", {"step": "1m", "employer": "Føtex"}, "Retention check 1 month: Føtex",
     "Fastholdelsesopfølgning efter 1 måned: Føtex"),
    ("retention_check", {"step": "3m", "employer": "Føtex"}, "Retention check 3 months: Føtex",
     "Fastholdelsesopfølgning efter 3 måneder: Føtex"),
    ("retention_check", {"step": "6m", "employer": "Føtex"}, "Retention check 6 months: Føtex",
     "Fastholdelsesopfølgning efter 6 måneder: Føtex"),
    ("retention_check", {"step": "12m", "employer": "Føtex"}, "Retention check 12 months: Føtex",
     "Fastholdelsesopfølgning efter 12 måneder: Føtex"),
    ("employer_follow_up", {"employer": "Netto Vesterbro"}, "Employer follow-up: Netto Vesterbro",
     "Virksomhedsopfølgning: Netto Vesterbro"),
    ("cti_nine_month", {}, "CTI nine-month follow-up: decide on further support",
     "CTI-opfølgning efter ni måneder: tag stilling til videre støtte"),
    ("no_show_contact", {}, "New contact after no-show", "Ny kontakt efter udeblivelse"),
]


@pytest.mark.parametrize(("what", "values", "english", "danish"), WORDED)
def test_every_key_in_english_and_danish(what, values, english, danish):
    text = follow_up_text(what, values, "stored title")
    assert isinstance(text, Phrase) and text == english
    assert in_language("en", text) == english
    assert in_language("da", text) == danish
    assert written(what, **values) == {"what": what, "what_values": values, "title": english}


def test_the_table_covers_every_key_and_retention_step():
    from enplan.domain.placements import RETENTION_STEPS

    assert {w for w, *_rest in WORDED} == KEYS
    assert set(RETENTION_TEXTS) == set(RETENTION_STEPS)


@pytest.mark.parametrize(("what", "values"), [
    ("", {}),  # typed by a person
    ("", {"employer": "Føtex"}),
    ("rule_item_from_a_newer_version", {"employer": "Føtex"}),
    ("Retention_Check", {"step": "1w", "employer": "Føtex"}),
    ("retention_check", {"employer": "Føtex"}),  # no step
    ("retention_check", {"step": "2w", "employer": "Føtex"}),  # a step this version does not know
    ("retention_check", {"step": "1 week", "employer": "Føtex"}),
    ("retention_check", {"step": ["1w"], "employer": "Føtex"}),
    ("retention_check", {"step": "1w"}),  # no employer
    ("employer_follow_up", {}),
    ("employer_follow_up", {"employer": None}),
    ("employer_follow_up", {"employer": 42}),
    ("employer_follow_up", {"employer": {"name": "Føtex"}}),
    ("employer_follow_up", None),
    ("employer_follow_up", ["Føtex"]),
    ("employer_follow_up", "Føtex"),
    (None, {}),
    (7, {}),
])
def test_unknown_keys_and_missing_or_odd_values_show_the_stored_title(what, values):
    assert follow_up_text(what, values, "Ring til Føtex") == "Ring til Føtex"
    assert type(follow_up_text(what, values, "Ring til Føtex")) is str
    assert in_language("da", follow_up_text(what, values, "Ring til Føtex")) == "Ring til Føtex"


@pytest.mark.parametrize("hostile", ["[bold]x[/]", "[@click=app.quit]Gem[/]", "\x1b[2J\x1b[H", "a\x00b\rc\nd",
                                     "{employer}", "{0}", "{step!r:>99}", "%(x)s %s", "\u202eevil"])
def test_hostile_values_stay_literal_in_both_languages(hostile):
    text = follow_up_text("retention_check", {"step": "6m", "employer": hostile}, "")
    assert text == f"Retention check 6 months: {hostile}"
    assert in_language("da", text) == f"Fastholdelsesopfølgning efter 6 måneder: {hostile}"
    assert in_language("da", follow_up_text("employer_follow_up", {"employer": hostile}, "")) == \
        f"Virksomhedsopfølgning: {hostile}"


def test_a_typed_title_is_never_looked_up_in_the_catalogue():
    i18n.set_language("da")
    assert i18n._("Caseload") == "Sagsstamme"
    assert i18n.shown("Caseload") == "Caseload"  # a person's words, even when they are a msgid
    assert i18n.shown(follow_up_text("", {}, "New contact after no-show")) == "New contact after no-show"


def test_written_refuses_a_key_without_words():
    with pytest.raises(ValueError):
        written("no_such_key")
    with pytest.raises(ValueError):
        written("employer_follow_up")  # its employer is missing


# -- every place that writes one -------------------------------------------------------------
def rows(services, citizen_id) -> list[tuple]:
    with services.db.read() as s:
        return [tuple(r) for r in s.execute(
            sa.select(t.FollowUp.source, t.FollowUp.what, t.FollowUp.what_values, t.FollowUp.title)
            .where(t.FollowUp.citizen_id == citizen_id).order_by(t.FollowUp.due_on))]


def citizen(services) -> uuid.UUID:
    return services.create_citizen(CitizenInput(name="Søren Åbjerg", target_group=TargetGroup.JOBPARAT,
                                                caseworker="mette"))


def test_a_job_start_writes_its_retention_checks(services):
    cid = citizen(services)
    employer = services.create_employer(EmployerInput(name="Grønnegården ApS"))
    services.create_placement(cid, PlacementInput(employer, PlacementKind.ORDINARY_JOB, D(2026, 11, 24)))
    assert rows(services, cid) == [
        (FollowUpSource.RETENTION, "retention_check", {"step": step, "employer": "Grønnegården ApS"},
         f"Retention check {label}: Grønnegården ApS")
        for step, label in (("1w", "1 week"), ("1m", "1 month"), ("3m", "3 months"), ("6m", "6 months"),
                            ("12m", "12 months"))]
    i18n.set_language("da")
    assert [i18n.shown(f.title) for f in services.citizen_detail(cid).follow_ups][:2] == [
        "Fastholdelsesopfølgning efter 1 uge: Grønnegården ApS",
        "Fastholdelsesopfølgning efter 1 måned: Grønnegården ApS"]


def test_an_employer_follow_up_writes_the_next_one(services):
    cid = citizen(services)
    employer = services.create_employer(EmployerInput(name="Netto Vesterbro"))
    praktik = services.create_placement(cid, PlacementInput(employer, PlacementKind.VIRKSOMHEDSPRAKTIK,
                                                            D(2026, 11, 2)))
    services.record_employer_follow_up(EmployerFollowUpInput(held_on=TODAY, placement_id=praktik,
                                                             next_due_on=D(2026, 12, 7)))
    assert rows(services, cid) == [(FollowUpSource.EMPLOYER, "employer_follow_up", {"employer": "Netto Vesterbro"},
                                    "Employer follow-up: Netto Vesterbro")]


def test_a_cti_course_writes_its_nine_month_follow_up_and_moves_it(services):
    cid = citizen(services)
    course = services.start_cti(cid, D(2026, 9, 1))
    [(source, what, values, title)] = rows(services, cid)
    assert (source, what, values, title) == (FollowUpSource.CHECKIN, "cti_nine_month", {},
                                             "CTI nine-month follow-up: decide on further support")
    before = services.citizen_detail(cid).follow_ups[0].due_on
    services.advance_phase(course, D(2026, 10, 5))  # phase 1 starts later: the follow-up moves with it
    assert services.citizen_detail(cid).follow_ups[0].due_on > before


def test_a_no_show_writes_the_new_contact(services):
    cid = citizen(services)
    services.record_no_show(cid, dt.datetime(2026, 11, 20, 10, tzinfo=CPH), MeetingType.JOBSAMTALE,
                            ContactForm.PERSONAL, new_contact_on=D(2026, 11, 27))
    assert rows(services, cid) == [(FollowUpSource.MEETING, "no_show_contact", {}, "New contact after no-show")]


def test_a_typed_follow_up_says_nothing_of_itself(services):
    cid = citizen(services)
    services.add_follow_up(cid, "New contact after no-show", D(2026, 11, 27))  # typed, even if it reads the same
    assert rows(services, cid) == [(FollowUpSource.MANUAL, "", {}, "New contact after no-show")]
    i18n.set_language("da")
    assert [i18n.work_item_text(i) for i in services.worklist() if i.kind is WorkKind.FOLLOW_UP] == [
        "New contact after no-show"]


def test_editing_keeps_enplans_words_unless_a_person_rewrites_them(services):
    cid = citizen(services)
    services.record_no_show(cid, dt.datetime(2026, 11, 20, 10, tzinfo=CPH), MeetingType.JOBSAMTALE,
                            ContactForm.PERSONAL, new_contact_on=D(2026, 11, 27))
    f = services.citizen_detail(cid).follow_ups[0]
    services.update_follow_up(f.id, title=f.title, due_on=D(2026, 11, 30), owner="")  # the form, text unchanged
    assert rows(services, cid)[0][1:] == ("no_show_contact", {}, "New contact after no-show")
    f = services.citizen_detail(cid).follow_ups[0]
    services.update_follow_up(f.id, title="Ring og aftal ny tid", due_on=D(2026, 11, 30), owner="")
    assert rows(services, cid)[0][1:] == ("", {}, "Ring og aftal ny tid")
    i18n.set_language("da")
    assert i18n.shown(services.citizen_detail(cid).follow_ups[0].title) == "Ring og aftal ny tid"


def test_the_worklist_carries_the_words_in_the_readers_language(services):
    cid = citizen(services)
    employer = services.create_employer(EmployerInput(name="Føtex"))
    services.create_placement(cid, PlacementInput(employer, PlacementKind.IPS_JOB, TODAY - dt.timedelta(days=10)))
    first = next(i for i in services.overdue() if i.kind is WorkKind.FOLLOW_UP)
    assert first.what == "Retention check 1 week: Føtex" and hash(first) == hash(first)  # English; still hashable
    i18n.set_language("da")
    assert i18n.work_item_text(first) == "Fastholdelsesopfølgning efter 1 uge: Føtex"


# -- older databases: the 0005 backfill ---------------------------------------------------------
CITIZEN = sa.table("citizen", *(sa.column(n, ty) for n, ty in (
    ("id", sa.Uuid()), ("created_at", UTCDateTime()), ("updated_at", UTCDateTime()), ("version", sa.Integer()),
    ("updated_by", sa.String()), ("name", sa.String()), ("name_key", sa.String()), ("target_group", sa.String()),
    ("phone", sa.String()), ("email", sa.String()), ("address", sa.String()), ("caseworker", sa.String()),
    ("status", sa.String()), ("closed_reason", sa.String()))))
FOLLOW_UP = sa.table("follow_up", *(sa.column(n, ty) for n, ty in (
    ("id", sa.Uuid()), ("created_at", UTCDateTime()), ("updated_at", UTCDateTime()), ("version", sa.Integer()),
    ("updated_by", sa.String()), ("citizen_id", sa.Uuid()), ("title", sa.String()), ("due_on", sa.Date()),
    ("owner", sa.String()), ("source", sa.String()))))
OLD_ROWS = [  # (source, title) -> (what, what_values) after the upgrade
    (("retention", "Retention check 1 week: Føtex"), ("retention_check", {"step": "1w", "employer": "Føtex"})),
    (("retention", "Retention check 12 months: A: B [x]"),
     ("retention_check", {"step": "12m", "employer": "A: B [x]"})),
    (("employer", "Employer follow-up: Netto Vesterbro"), ("employer_follow_up", {"employer": "Netto Vesterbro"})),
    (("checkin", "CTI nine-month follow-up: decide on further support"), ("cti_nine_month", {})),
    (("meeting", "New contact after no-show"), ("no_show_contact", {})),
    # anything else is left alone
    (("retention", "Retention check 2 weeks: Føtex"), ("", {})),
    (("retention", "retention check 1 week: Føtex"), ("", {})),
    (("retention", "Retention check 1 week:Føtex"), ("", {})),
    (("manual", "Retention check 1 week: Føtex"), ("", {})),
    (("employer", "Employer follow-up: "), ("", {})),
    (("employer", "Employer follow-up"), ("", {})),
    (("meeting", "Employer follow-up: Netto"), ("", {})),
    (("checkin", "CTI nine-month follow-up: decide on further support!"), ("", {})),
    (("meeting", "New contact after no-show "), ("", {})),
    (("manual", "New contact after no-show"), ("", {})),
    (("meeting", "Ring til lægen"), ("", {})),
]


def test_the_upgrade_fills_in_what_older_follow_ups_are(db_url):
    cfg = alembic_config(db_url)
    command.upgrade(cfg, "0004")
    engine = sa.create_engine(db_url)
    now = dt.datetime(2026, 11, 1, 9, tzinfo=dt.timezone.utc)
    stamps = {"created_at": now, "updated_at": now, "version": 1, "updated_by": "mette"}
    cid = uuid.uuid4()
    ids = [uuid.uuid4() for _ in OLD_ROWS]
    try:
        with engine.begin() as conn:
            conn.execute(CITIZEN.insert().values(id=cid, name="Åse", name_key="åse", target_group="other", phone="",
                                                 email="", address="", caseworker="mette", status="active",
                                                 closed_reason="", **stamps))
            conn.execute(FOLLOW_UP.insert(), [
                {"id": fid, "citizen_id": cid, "source": source, "title": title, "due_on": D(2026, 12, 1),
                 "owner": "mette", **stamps} for fid, ((source, title), _after) in zip(ids, OLD_ROWS)])
        command.upgrade(cfg, "head")
        with engine.connect() as conn:
            got = {r.id: (r.what, r.what_values, r.title, r.version) for r in conn.execute(
                sa.select(t.FollowUp.id, t.FollowUp.what, t.FollowUp.what_values, t.FollowUp.title,
                          t.FollowUp.version))}
    finally:
        engine.dispose()
    assert [got[fid] for fid in ids] == [(*after, title, 1) for (_source, title), after in OLD_ROWS]
    i18n.set_language("da")
    assert in_language("da", follow_up_text(*got[ids[0]][:3])) == "Fastholdelsesopfølgning efter 1 uge: Føtex"
