"""The command palette (`ctrl+p`): every registry action that has a command
title and applies to the screen the palette was opened from, named like
"Citizen: open" or "Go: worklist", with its key shown as help."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..i18n import _
from .actions import APP, LIST, Action, key_display, palette_actions


class ActionsProvider(Provider):
    def _commands(self) -> list[tuple[str, str, Action]]:
        screen = self.screen
        # PALETTE_SCOPES: a screen may offer more commands than keys (the citizen
        # runs the CTI menu's actions directly); by default the help scopes.
        scopes = getattr(screen, "PALETTE_SCOPES", None) or getattr(screen, "HELP_SCOPES", (APP,))
        app = self.app
        out = []
        for scope, action in palette_actions(scopes):
            if not app.offers(action.id):
                continue  # not on this database ("Sync: sync now" on a desk)
            if APP not in action.scopes and screen.check_action(action.action.split("(")[0], ()) is False:
                continue  # not here now (a team leader reading a colleague's citizen: no forms)
            keys = key_display(app, action, app.keymap)
            help_text = f"{keys} · {_(action.description)}" if keys else _(action.description)  # demo_reset: no key
            out.append((_(action.command), help_text, action))
        return out

    def _run(self, action: Action) -> None:
        if APP in action.scopes:
            self.app.call_next(self.app.run_action, action.action)
            return
        target = self.screen
        if action.scopes == (LIST,) and self.screen.focused is not None:
            target = self.screen.focused
        self.app.call_next(target.run_action, action.action)

    async def discover(self) -> Hits:
        for title, help_text, action in self._commands():
            yield DiscoveryHit(title, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action), text=title, help=help_text)
