"""Snapshots of the recording forms at 80×24 on the seeded caseload (today
2026-11-22, the clock at 10:07, cursor blink off: see conftest).

Regenerate deliberately: `pytest tests/ui/test_form_snapshots.py --snapshot-update`,
after looking at snapshot_report.html (never committed).
"""

from __future__ import annotations

from tests.ui.conftest import press, settle
from tests.ui.recording import type_text

SIZE = (80, 24)


def citizen(which: str, *keys: str, text: tuple[tuple[int, str], ...] = (), tab: str = "plan"):  # noqa: ANN201
    """Open a seeded citizen, press keys; ``text`` types (after key number i, text)."""

    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        ids = pilot.app.seeded_ids
        pilot.app.open_citizen(getattr(ids, which), tab)
        await settle(pilot)
        typed = dict(text)
        for i, key in enumerate(keys):
            await press(pilot, key)
            if i in typed:
                await type_text(pilot, typed[i])
        await settle(pilot)

    return run_before


def snap(snap_compare, seeded, make_app, run_before) -> bool:  # noqa: ANN001
    url, ids = seeded
    app = make_app(url)
    app.seeded_ids = ids
    return snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_meeting_details(snap_compare, seeded, make_app):
    assert snap(snap_compare, seeded, make_app, citizen("ase", "m"))


def test_meeting_goal_page(snap_compare, seeded, make_app):
    assert snap(snap_compare, seeded, make_app, citizen(
        "ase", "m", "ctrl+down", "shift+tab", "1", text=((1, "Har set to lejligheder [bold]i Valby[/]"),)))


def test_meeting_next_steps(snap_compare, seeded, make_app):
    assert snap(snap_compare, seeded, make_app, citizen(
        "ase", "m", "ctrl+down", "ctrl+down", "ctrl+down", "tab", "tab", "tab", "ctrl+s",
        text=((3, "Ring til lægen"), (4, "+1w"), (5, "Åse"), (6, "Søg praktik"), (7, "31-02-2026"))))


def test_no_show(snap_compare, seeded, make_app):
    assert snap(snap_compare, seeded, make_app, citizen("carl", "n"))


def test_cti_check_in(snap_compare, seeded, make_app, services_for):
    url, ids = seeded
    services = services_for(url)
    phase1 = next(p for p in services.citizen_detail(ids.ase).cti.phases if p.phase == 1)
    services.set_focus_areas(phase1.id, ["bolig", "netvaerk"])
    assert snap(snap_compare, seeded, make_app, citizen("ase", "c", text=((0, "Har fået svar fra boligselskabet"),)))


def test_end_cti_early(snap_compare, seeded, make_app):
    assert snap(snap_compare, seeded, make_app, citizen("ase", "C", "x", "ctrl+s"))


def test_employer_follow_up(snap_compare, seeded, make_app):
    assert snap(snap_compare, seeded, make_app, citizen("bjorn", "e", text=((0, "Det går godt"),)))


def test_follow_up_with_a_bad_date(snap_compare, seeded, make_app):
    assert snap(snap_compare, seeded, make_app, citizen(
        "carl", "f", "tab", "ctrl+s", text=((0, "Ring til a-kassen"), (1, "garbage"))))


def test_plan_editor(snap_compare, seeded, make_app):
    assert snap(snap_compare, seeded, make_app, citizen("ase", "p", "j"))


def test_new_citizen(snap_compare, seeded, make_app):
    async def run_before(pilot) -> None:  # noqa: ANN001
        await settle(pilot)
        await press(pilot, "n")
        await type_text(pilot, "Ærlig Østergård")
        await press(pilot, "tab", "tab")
        await type_text(pilot, "3102901234")

    assert snap(snap_compare, seeded, make_app, run_before)


def test_leaving_a_changed_form(snap_compare, seeded, make_app):
    assert snap(snap_compare, seeded, make_app, citizen("carl", "f", "escape", text=((0, "Noget vigtigt"),)))
