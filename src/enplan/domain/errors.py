"""Errors the domain raises for bad input. Messages are plain sentences for people."""


class ValidationError(ValueError):
    """A value failed a domain rule. ``field`` names the field when known."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class Refusal(Exception):
    """enplan will not do what was asked; the message says why and what to do (exit code 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message  # a Phrase stays one, so failures.describe translates it
