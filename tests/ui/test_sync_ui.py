"""Laptop sync in the app (issue 11): the top bar in every state, syncing in
the background (keys answered meanwhile), "Sync now", the conflicts screen
(each way of resolving, on a laptop and on a desk) and the refused changes
(retry; discard asked twice), on a real PostgreSQL team server and laptop
files (tests/sync/conftest.py). Snapshots: tests/ui/test_sync_snapshots.py."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
import sqlalchemy as sa
from textual.command import CommandList, CommandPalette

from enplan.services import Services
from enplan.store.sync_tables import SyncLaptop
from enplan.ui.app import EnplanApp
from enplan.ui.modals.confirm import ConfirmModal
from enplan.ui.modals.conflict_value import ConflictValueForm
from enplan.ui.screens.caseload import CaseloadScreen
from enplan.ui.screens.conflicts import ConflictsScreen
from enplan.ui.screens.help import HelpScreen
from enplan.ui.screens.refused import RefusedScreen
from enplan.ui.screens.worklist import WorklistScreen
from enplan.ui.widgets.top_bar import TopBar
from tests.sync.conftest import laptop, team  # noqa: F401 - the fixtures
from tests.ui.conftest import notifications, press, settle, shown_text
from tests.ui.recording import type_text

pytestmark = pytest.mark.postgres

DUE = dt.date(2026, 11, 25)
CLOSED_PORT = "postgresql+psycopg://enplan@127.0.0.1:9/enplan?connect_timeout=2"
CLOCK = r"(\d\d-\d\d )?\d\d:\d\d"  # today's time, or another day's date and time


@pytest.fixture(autouse=True)
def _no_timed_sync(monkeypatch):
    """Syncs only when a test asks (one test shortens the timer instead)."""
    monkeypatch.setattr(EnplanApp, "SYNC_AFTER_START", 3600.0)


def bar(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one(TopBar).render())


def url_of(services) -> str:  # noqa: ANN001
    return str(services.db.url)


async def until(pilot, condition, seconds: float = 10.0) -> None:  # noqa: ANN001
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
        await settle(pilot)
    raise AssertionError("still not so after %s s" % seconds)


async def check(pilot) -> None:  # noqa: ANN001
    """The app reads the sync state again (as after a write or a sync)."""
    pilot.app.check_sync(desk_too=True)
    await settle(pilot)


def conflict_on(team, mine, cid: str, title: str, *, laptop_title: str, server_title: str) -> str:  # noqa: ANN001
    """A follow-up retitled differently on the laptop and on the server (a conflict at the next sync)."""
    fid = next(f.id for f in team.services().follow_ups(cid) if f.title == title)
    mine.update_follow_up(fid, title=laptop_title, due_on=DUE, owner="")
    team.services("jonas").update_follow_up(fid, title=server_title, due_on=DUE, owner="")
    return str(fid)


def refuse_one(team, mine, cid: str) -> str:  # noqa: ANN001
    """A laptop edit of a follow-up that vanished from the server meanwhile: the server refuses it."""
    fid = team.services("mette").add_follow_up(cid, "Ring til jobcentret", DUE)
    mine.sync()
    mine.update_follow_up(fid, title="Ring til jobcentret igen", due_on=DUE, owner="")
    with team.services().db.write() as s:  # gone without a trace, as by a DBA
        s.connection().exec_driver_sql(f"DELETE FROM follow_up WHERE id = '{fid}'")
    assert mine.sync().quarantined == 1
    return str(fid)


def titles(services, cid: str) -> set[str]:  # noqa: ANN001
    return {f.title for f in services.follow_ups(cid)}


async def test_the_top_bar_says_laptop_and_the_sync_state(team, laptop, make_app):  # noqa: F811
    cid = team.citizen("Åse Østergaard")
    team.services("mette").add_follow_up(cid, "Ring til lægen", DUE)
    mine = laptop("mette")
    app = make_app(url_of(mine))
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        assert re.search(rf"enplan · Caseload  LAPTOP · synced {CLOCK} +Sun 22-11-2026 · mette$", bar(app)), bar(app)

        mine.add_follow_up(cid, "Skrevet offline", DUE)
        mine.add_follow_up(cid, "Også offline", DUE)
        await check(pilot)
        assert re.search(rf"LAPTOP · 2 changes waiting · last synced {CLOCK} ", bar(app)), bar(app)

        conflict_on(team, mine, cid, "Ring til lægen", laptop_title="Ring i morgen", server_title="Ring nu")
        refuse_one(team, mine, cid)  # syncs the waiting changes and the conflict too
        await check(pilot)
        assert re.search(rf"LAPTOP · synced {CLOCK} · 1 conflict \(K\) · 1 change refused \(Q\) ", bar(app)), bar(app)

        with mine.db.write(sync_apply=True) as s:  # the server moved away
            s.execute(sa.update(SyncLaptop).values(server_url=CLOSED_PORT))
        mine.add_follow_up(cid, "Efter flytningen", DUE)
        await press(pilot, "ctrl+y")
        assert any("cannot be reached" in n for n in notifications(app)), notifications(app)
        assert "Traceback" not in shown_text(app)
        assert re.search(rf"LAPTOP · offline · 1 change waiting · last synced {CLOCK} · 1 conflict \(K\) · 1 change "
                         r"refused \(Q\)", bar(app)), bar(app)
        assert mine.sync_status().problem.startswith("The database server cannot be reached")


async def test_the_count_of_waiting_changes_follows_every_save(team, laptop, make_app):  # noqa: F811
    cid = team.citizen("Åse Østergaard")
    team.services("mette").add_follow_up(cid, "Ring til lægen", dt.date(2026, 11, 20))  # overdue: on the worklist
    mine = laptop("mette")
    app = make_app(url_of(mine))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "w", "x")  # a one-key write
        assert re.search(r"LAPTOP · 1 change waiting", bar(app)), bar(app)
        app.open_citizen(cid)  # logs a view: who viewed a record offline travels too (the audit log)
        await settle(pilot)
        await press(pilot, "f")
        await type_text(pilot, "Skrevet offline")
        await press(pilot, "tab")
        await type_text(pilot, "+1w")
        await press(pilot, "ctrl+s")  # a form: the bar follows when the citizen shows again
        assert re.search(r"LAPTOP · 3 changes waiting", bar(app)), bar(app)


async def test_a_narrow_top_bar_keeps_the_sync_state_and_the_date(team, laptop, make_app):  # noqa: F811
    cid = team.citizen("Åse Østergaard")
    team.services("mette").add_follow_up(cid, "Ring til lægen", DUE)
    mine = laptop("mette")
    conflict_on(team, mine, cid, "Ring til lægen", laptop_title="Ring i morgen", server_title="Ring nu")
    refuse_one(team, mine, cid)
    mine.add_follow_up(cid, "Skrevet offline", DUE)
    app = make_app(url_of(mine))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert re.fullmatch(r"Caseload  LAPTOP · 1 waiting · 1 conflict \(K\) · 1 refused \(Q\) +(Sun )?22-11-2026",
                            bar(app)), bar(app)
        await press(pilot, "K")
        assert bar(app).startswith("Conflicts  LAPTOP · 1 waiting · 1 conflict (K) · 1 refused (Q)")


async def test_sync_now_runs_in_the_background_and_the_caseload_shows_what_came(team, laptop, make_app,  # noqa: F811
                                                                               monkeypatch):
    team.citizen("Åse Østergaard")
    mine = laptop("mette")
    team.citizen("Ny Borger")  # on the server only, until the laptop syncs
    gate, real = threading.Event(), Services.sync

    def slow_sync(self):  # noqa: ANN001, ANN202 - a sync that takes as long as the test says
        assert threading.current_thread() is not threading.main_thread()
        gate.wait(30)
        return real(self)

    monkeypatch.setattr(Services, "sync", slow_sync)
    app = make_app(url_of(mine))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#caseload").row_count == 1
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert re.search(r"LAPTOP · syncing… +Sun", bar(app)), bar(app)
        await pilot.press("ctrl+y")  # a second press while it runs starts no second sync
        await pilot.pause()
        assert "A sync is already running." in notifications(app)
        await pilot.press("w")  # keys are answered while the sync runs
        await pilot.pause()
        assert isinstance(app.screen, WorklistScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen) and "syncing…" in bar(app)
        gate.set()
        await settle(pilot)
        assert [r.name for r in app.screen.rows if r.name == "Ny Borger"] == ["Ny Borger"]
        assert app.screen.query_one("#caseload").row_count == 2
        assert re.search(rf"LAPTOP · synced {CLOCK} ", bar(app)), bar(app)
        assert any(n.startswith("Synced: 0 changes sent, ") for n in notifications(app)), notifications(app)


async def test_the_app_syncs_shortly_after_start_and_then_on_a_timer(team, laptop, make_app,  # noqa: F811
                                                                    monkeypatch):
    team.citizen("Åse Østergaard")
    mine = laptop("mette")
    runs, real = [], Services.sync
    monkeypatch.setattr(Services, "sync", lambda self: runs.append(1) or real(self))
    monkeypatch.setattr(EnplanApp, "SYNC_AFTER_START", 0.05)
    monkeypatch.setattr(EnplanApp, "SYNC_EVERY", 0.3)
    app = make_app(url_of(mine))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await until(pilot, lambda: runs)
        first = len(runs)
        team.citizen("Ny Borger")  # no key pressed: the next timed sync brings it
        await until(pilot, lambda: len(runs) > first and {r.name for r in app.screen.rows} == {
            "Åse Østergaard", "Ny Borger"})
        assert not [n for n in notifications(app) if n.startswith("Synced")]  # only "Sync now" says so


async def test_resolving_conflicts_on_a_laptop_each_way(team, laptop, make_app, services_for):  # noqa: F811
    cid = team.citizen("Åse Østergaard")
    desk = team.services("mette")
    for title in ("Ring til lægen", "Send CV", "Book møde"):
        desk.add_follow_up(cid, title, DUE)
    mine = laptop("mette")
    conflict_on(team, mine, cid, "Ring til lægen", laptop_title="Ring til lægen i morgen", server_title="Ring nu")
    conflict_on(team, mine, cid, "Send CV", laptop_title="Send CV til Netto", server_title="Send CV til Føtex")
    conflict_on(team, mine, cid, "Book møde", laptop_title="Book møde mandag", server_title="Book møde fredag")
    mine.sync()
    ids = {c.server: c.id for c in mine.conflicts()}
    app = make_app(url_of(mine))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "3 conflicts (K)" in bar(app)
        await press(pilot, "K")
        screen = app.screen
        assert isinstance(screen, ConflictsScreen) and screen.table.row_count == 3
        shown = shown_text(app)
        for words in ("Changed on the laptop and on the server to different values", "Started as",
                      "Ring til lægen", "Ring nu", "jonas", "Ring til lægen i morgen", "mette",
                      "s keeps the server's value · l takes the laptop's · t types another"):
            assert words in shown, words

        screen.table.move_to_key(ids["Ring nu"])
        await press(pilot, "s")
        assert "Resolved: the server's version stays." in notifications(app)
        screen.table.move_to_key(ids["Send CV til Føtex"])
        await press(pilot, "l")
        assert "Resolved: the laptop's version is used." in notifications(app)
        screen.table.move_to_key(ids["Book møde fredag"])
        await press(pilot, "t")
        assert isinstance(app.screen, ConflictValueForm)
        assert "Laptop: Book møde mandag" in shown_text(app)
        await press(pilot, "ctrl+a", "ctrl+k", "ctrl+s")  # an empty title cannot be stored: said at the field
        assert isinstance(app.screen, ConflictValueForm) and "cannot be stored" in shown_text(app)
        await type_text(pilot, "Book møde tirsdag kl. 10")
        await press(pilot, "ctrl+s")
        assert app.screen is screen and screen.table.row_count == 0
        assert "No open conflicts." in shown_text(app) and "Nothing to choose" in shown_text(app)
        assert "conflict" not in bar(app)
        assert titles(services_for(url_of(mine)), cid) == {"Ring nu", "Send CV til Netto", "Book møde tirsdag kl. 10"}
        await press(pilot, "ctrl+y")  # the choices reach the server like any change
        assert titles(team.services(), cid) == {"Ring nu", "Send CV til Netto", "Book møde tirsdag kl. 10"}
        assert team.services().conflicts() == []
        resolved = {c.server: (c.resolution, c.resolved_by) for c in team.services().conflicts(resolved=True)}
        assert resolved == {"Ring nu": ("server", "mette"), "Send CV til Føtex": ("laptop", "mette"),
                            "Book møde fredag": ("value", "mette")}
        await press(pilot, "escape")
        assert isinstance(app.screen, CaseloadScreen)


async def test_a_desk_lists_and_resolves_its_conflicts_and_offers_no_sync(team, laptop, make_app):  # noqa: F811
    cid = team.citizen("Åse Østergaard")
    for title in ("Ring til lægen", "Send CV"):
        team.services("mette").add_follow_up(cid, title, DUE)
    mine = laptop("mette")
    conflict_on(team, mine, cid, "Ring til lægen", laptop_title="Ring i morgen", server_title="Ring nu")
    mine.sync()
    app = make_app(team.url, caseworker="mette")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert bar(app).startswith("enplan · Caseload  1 conflict (K) ") and "LAPTOP" not in bar(app)
        assert app.check_action("sync_now", ()) is False and app.check_action("show_refused", ()) is False
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        offered = {str(o.prompt).splitlines()[0] for o in app.screen.query_one(CommandList).options}
        assert "Sync: conflicts" in offered
        assert not {"Sync: sync now", "Sync: refused changes"} & offered
        await press(pilot, "escape", "Q", "ctrl+y")
        assert isinstance(app.screen, CaseloadScreen) and not app.sync_state.running
        conflict_on(team, mine, cid, "Send CV", laptop_title="Send CV i dag", server_title="Send CV nu")
        mine.sync()  # a conflict that came after the start: counted when the list is opened
        await press(pilot, "K")
        assert isinstance(app.screen, ConflictsScreen) and "Recorded on a laptop" not in shown_text(app)
        assert app.screen.table.row_count == 2 and "2 conflicts (K)" in bar(app)
        await press(pilot, "l", "l")
        assert titles(team.services(), cid) == {"Ring i morgen", "Send CV i dag"}
        assert "conflict" not in bar(app)


async def test_a_change_moved_to_another_caseworker_is_explained(team, laptop, make_app):  # noqa: F811
    cid = team.citizen("Åse Østergaard")
    mine = laptop("mette")
    mine.add_follow_up(cid, "Skrevet offline", DUE)
    leader = team.services("leder")
    c = leader.citizen_detail(cid).citizen
    from enplan.domain.enums import TargetGroup
    from enplan.services import CitizenInput

    leader.update_citizen(cid, CitizenInput(name=c.name, target_group=TargetGroup(c.target_group), phone=c.phone,
                                            email=c.email, address=c.address, caseworker="jonas"))
    mine.sync()
    app = make_app(team.url, caseworker="jonas")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "K")
        shown = " ".join(shown_text(app).split())
        assert "Recorded on a laptop after the citizen moved to you." in shown
        assert "new: what: Skrevet offline" in shown and "due: 25-11-2026" in shown
        assert "t Type value" not in shown  # a whole record is applied or not, never typed
        await press(pilot, "t")
        assert isinstance(app.screen, ConflictsScreen)
        await press(pilot, "l")
        assert titles(team.services(), cid) == {"Skrevet offline"}


async def test_refused_changes_are_sent_again_or_discarded_after_two_questions(team, laptop, make_app):  # noqa: F811
    cid = team.citizen("Åse Østergaard")
    mine = laptop("mette")
    refuse_one(team, mine, cid)
    app = make_app(url_of(mine))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "1 change refused (Q)" in bar(app)
        await press(pilot, "Q")
        assert isinstance(app.screen, RefusedScreen)
        shown = shown_text(app)
        for words in ("1 change the server refused", "Why the server refused it: This record is no longer on the",
                      "Follow-up (changed)", "Recorded on this laptop", "by mette", "Åse Østergaard"):
            assert words in shown, words

        await press(pilot, "r")  # sent again at the next sync
        assert "The change will be sent again at the next sync." in notifications(app)
        assert [(c.entity, c.state) for c in mine.queued_changes(quarantined_only=False)] == [
            ("follow_up", "waiting"), ("audit_event", "waiting")]  # the change, and who sent it again
        assert "No refused changes." in shown_text(app)
        assert re.search(r"LAPTOP · 2 waiting ", bar(app)) and "refused" not in bar(app), bar(app)
        await press(pilot, "ctrl+y")  # the server still lacks the record: refused again
        assert app.screen.table.row_count == 1 and re.search(r"1 (change )?refused \(Q\)", bar(app)), bar(app)

        for answers in (("n",), ("y", "n"), ("escape",), ("y", "escape")):
            await press(pilot, "d")
            assert isinstance(app.screen, ConfirmModal)
            await press(pilot, *answers)
            assert isinstance(app.screen, RefusedScreen) and len(mine.queued_changes()) == 1, answers
        await press(pilot, "d")
        assert "A discarded change is gone for good" in shown_text(app)
        await press(pilot, "y")
        assert isinstance(app.screen, ConfirmModal) and app.screen.title_text == "Discard it for good?"
        assert app.screen.message.startswith("This is lost: Follow-up (changed) for Åse Østergaard (what), recorded ")
        await press(pilot, "y")
        assert mine.queued_changes() == [] and "The change was discarded." in notifications(app)
        assert "refused" not in bar(app)
    assert [e.actor for e in mine.audit_log(cid) if e.action == "sync_discard"] == ["mette"]


async def test_help_lists_the_sync_keys_and_escape_goes_back(team, laptop, make_app):  # noqa: F811
    team.citizen("Åse Østergaard")
    mine = laptop("mette")
    app = make_app(url_of(mine))
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await press(pilot, "f1")
        assert re.search(r"\^y +Sync now", shown_text(app)) and re.search(r" K +Conflicts", shown_text(app))
        await press(pilot, "escape", "K", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = shown_text(app)
        for key, words in (("s", "Keep server's"), ("l", "Take laptop's"), ("t", "Type value"),
                           ("esc", "Back"), ("Q", "Refused changes")):
            assert re.search(rf" {re.escape(key)} +{re.escape(words)}", help_text), words
        await press(pilot, "escape", "Q", "f1")
        help_text = shown_text(app)
        assert re.search(r" r +Send again", help_text) and re.search(r" d +Discard", help_text)
        await press(pilot, "escape")
        assert isinstance(app.screen, RefusedScreen)
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, CaseloadScreen)

