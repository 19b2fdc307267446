"""Keys in a burst go where they would go if typed slowly.

Textual hands each key from the terminal to the focused widget's message
queue at once. When ``abc``, ``tab``, ``+1w`` arrive together (a fast
typist, a paste through tmux), all seven are queued on the first field
before it has handled ``tab``, so ``+1w`` lands there too and the due date
stays empty.

``KeyOrder`` lets one key travel at a time: a key from the terminal is
forwarded, and the next waits until the first has been handled by the
focused widget, by each widget it bubbled through, and by the app's
bindings (each queue handles messages in order, so a callback queued on
each in turn runs after the key). A key that waits longer than
``PATIENCE`` seconds (a busy widget) is let go, so nothing is ever held.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump

PATIENCE = 0.5  # seconds a key may wait for the one before it


class KeyOrder:
    def __init__(self, app: App) -> None:
        self.app = app
        self._travelling: events.Key | None = None
        self._waiting: deque[events.Key] = deque()
        self._tasks: set[asyncio.Task] = set()

    def admit(self, event: events.Key) -> bool:
        """Whether the app may forward ``event`` now; False: it waits its turn."""
        if self._travelling is None or self._travelling is event:
            self._travelling = event
            return True
        self._waiting.append(event)
        return False

    def sent(self, event: events.Key) -> None:
        """``event`` was forwarded (or handled by a priority binding): follow it, then let the next one go."""
        task = asyncio.get_running_loop().create_task(self._follow(self.app.focused or self.app.screen, event))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _follow(self, node: MessagePump | None, event: events.Key) -> None:
        try:
            async with asyncio.timeout(PATIENCE):
                while node is not None:
                    await _handled_so_far(node)
                    node = node._parent  # the focused widget, its ancestors, the screen, the app
        except TimeoutError:
            pass
        finally:
            self._next(event)

    def _next(self, event: events.Key) -> None:
        if self._travelling is not event:
            return
        self._travelling = self._waiting.popleft() if self._waiting else None
        if self._travelling is not None:
            self.app.post_message(self._travelling)


async def _handled_so_far(node: MessagePump) -> None:
    """Return once ``node`` has handled every message queued on it until now."""
    if not node.is_running or node._closing:
        return
    done = asyncio.Event()
    node.call_later(done.set)
    await done.wait()
