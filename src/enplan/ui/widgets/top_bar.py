"""The top line of every screen: where you are, the app's today and who you are.

On a laptop it also always says so, with the sync state ("LAPTOP · offline
· 7 changes waiting · last synced 10:42"); on any database it names open
conflicts and refused changes with the key that lists them ("2 conflicts
(K)"). The state comes from the app (``ui/sync.py``), which tells every top
bar when it changes. When the line is too narrow, the sync part gets shorter
first, then the caseworker's name and the app's name make room, and last the
time of the last sync (a Danish laptop at 80 columns).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.widgets import Static

from ...domain.clock import local_time
from ...i18n import _, ngettext
from ..actions import BY_ID, key_display
from ..text import date_text, today_text, visible


class TopBar(Static):
    DEFAULT_CSS = """
    TopBar { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    def __init__(self, title: str, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.title = title

    def on_mount(self) -> None:
        signal = getattr(self.app, "sync_changed", None)
        if signal is not None:
            signal.subscribe(self, self._sync_changed)
        self.refresh_text()

    def _sync_changed(self, _state: Any) -> None:  # noqa: ANN401
        self.refresh_text()

    def on_resize(self) -> None:
        self.refresh_text()

    def set_title(self, title: str) -> None:
        self.title = title
        self.refresh_text()

    def refresh_text(self) -> None:
        app = self.app
        width = self.size.width - 2
        parts = [today_text(app.today)]
        if getattr(app, "caseworker", ""):
            parts.append(visible(app.caseworker))
        if getattr(app, "demo", False):
            parts.append(_("DEMO DATA"))
        state = getattr(app, "sync_state", None)
        sync_long, sync_short, sync_tiny, sync_bare = (
            sync_text(app, state, short=level > 0, keys=level < 2, synced=level < 3) for level in range(4))
        lean = [p for p in parts if p != parts[1]] if len(parts) > 1 and getattr(app, "caseworker", "") else parts
        leaner = [date_text(app.today), *lean[1:]]  # without the caseworker's name, then the weekday
        name, title = Text.assemble(("enplan", "bold"), " · ", self.title), Text(self.title)
        candidates = ((name, sync_long, parts), (name, sync_short, parts), (name, sync_short, lean),
                      (title, sync_short, lean), (title, sync_short, leaner), (title, sync_tiny, leaner),
                      (title, sync_bare, leaner))
        for left, sync, right in candidates:
            line = _line(left, sync, Text(" · ".join(right)), width)
            if line.cell_len <= width or width <= 0:  # not laid out yet (mounting): the whole line
                break
        self.update(line)


def _line(left: Text, sync: Text, right: Text, width: int) -> Text:
    if sync:
        left = Text.assemble(left, "  ", sync)
    gap = max(1, width - left.cell_len - right.cell_len)
    return Text.assemble(left, " " * gap, right)


def sync_text(app: Any, state: Any, *, short: bool = False, keys: bool = True,  # noqa: ANN401
              synced: bool = True) -> Text:
    """The sync part of the line (``state``: the app's SyncState): a laptop's state, and conflicts and
    refused changes with the keys that list them (left out only when nothing else fits; without
    ``synced``, the time of the last sync too, the last to go: "offline" and the counts stay)."""
    out = Text()
    if state is None:
        return out
    style = app.theme_style
    parts: list[tuple[str, str]] = []
    status = state.status
    if state.laptop:
        parts.append((_("LAPTOP"), "bold"))
        if state.running:
            parts.append((_("syncing…"), ""))
        elif status is not None:
            parts += _laptop_parts(app, status, short, synced)
    if state.conflicts:
        n = state.conflicts
        text = ngettext("{n} conflict", "{n} conflicts", n).format(n=n)
        parts.append((_with_key(app, text, "conflicts", keys), style("bold $error")))
    if state.quarantined:
        n = state.quarantined
        text = ngettext("{n} refused", "{n} refused", n) if short else \
            ngettext("{n} change refused", "{n} changes refused", n)
        parts.append((_with_key(app, text.format(n=n), "refused_changes", keys), style("bold $error")))
    for i, (part, part_style) in enumerate(parts):
        if i:
            out.append(" · ")
        out.append(part, style=part_style)
    return out


def _laptop_parts(app: Any, status: Any, short: bool,  # noqa: ANN401
                  synced: bool = True) -> list[tuple[str, str]]:
    style = app.theme_style
    parts: list[tuple[str, str]] = []
    if status.state == "synced" and synced:
        parts.append((_("synced {time}").format(time=_when(app, status.last_synced)), style("$success")))
    elif status.state == "offline":
        parts.append((_("offline"), style("bold $warning")))
    if status.waiting:
        n = status.waiting
        text = ngettext("{n} waiting", "{n} waiting", n) if short else \
            ngettext("{n} change waiting", "{n} changes waiting", n)
        parts.append((text.format(n=n), ""))
    elif status.state != "synced" and status.last_synced is None:
        parts.append((_("not synced yet"), ""))
    if status.state != "synced" and status.last_synced is not None and not short:
        parts.append((_("last synced {time}").format(time=_when(app, status.last_synced)), ""))
    return parts


def _when(app: Any, stamp: dt.datetime | None) -> str:  # noqa: ANN401
    """10:42 today (Danish time), else 21-11 10:42."""
    if stamp is None:
        return "–"
    local = local_time(stamp)
    return local.strftime("%H:%M") if local.date() == app.now().date() else local.strftime("%d-%m %H:%M")


def _with_key(app: Any, text: str, action_id: str, keys: bool) -> str:  # noqa: ANN401
    """"2 conflicts (K)": the first key of the action that lists them (as remapped)."""
    key = key_display(app, BY_ID[action_id], getattr(app, "keymap", {})).split(" ")[0] if keys else ""
    return _("{text} ({key})").format(text=text, key=key) if key else text
