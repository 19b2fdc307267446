"""enplan: one plan per citizen, for Danish caseworkers.

Kept import-free on purpose: importing ``enplan`` must not pull in Textual or
the database layer (start-up time, and the domain/store stay UI-free).
"""

__version__ = "0.1.0"
