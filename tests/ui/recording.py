"""Helpers for the recording tests: a key driver that counts the keys that
are not typed text (the keystroke budget), and small shortcuts into forms."""

from __future__ import annotations

from tests.ui.conftest import settle

CHAR_KEYS = {" ": "space"}


class Keys:
    """Presses keys through Pilot; ``count`` is every key that is not text."""

    def __init__(self, pilot) -> None:  # noqa: ANN001
        self.pilot = pilot
        self.count = 0
        self.log: list[str] = []

    async def __call__(self, *keys: str) -> None:
        for key in keys:
            self.count += 1
            self.log.append(key)
            await self.pilot.press(key)
            await settle(self.pilot)

    async def type(self, text: str) -> None:
        """Typed text: not counted (it is the content, not navigation)."""
        for char in text:
            await self.pilot.press(CHAR_KEYS.get(char, char))
        await settle(self.pilot)


async def type_text(pilot, text: str) -> None:  # noqa: ANN001
    await Keys(pilot).type(text)


def form(app):  # noqa: ANN001, ANN201
    """The form on top (asserts there is one)."""
    from enplan.ui.forms import FormModal

    screen = app.screen
    assert isinstance(screen, FormModal), type(screen).__name__
    return screen


def field_error(app, name: str) -> str | None:  # noqa: ANN001
    return form(app).field(name).error


def focused_field(app) -> str | None:  # noqa: ANN001
    from enplan.ui.widgets.fields import FormField

    node = app.focused
    while node is not None and not isinstance(node, FormField):
        node = node.parent
    return node.name if node is not None else None
