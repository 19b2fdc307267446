"""The demo caseload as real data, for tests of real databases (issue 14):
a demo document is refused by a real database, so tests that need a big,
realistic real document take the sample with every id replaced."""

from __future__ import annotations

import uuid

NAMESPACE = uuid.UUID("6f0d7c52-3a51-4c0e-9d3e-2a1f8f1b7c11")


def as_real(doc: dict) -> dict:
    """``doc`` with every record id (and every reference to one) replaced by
    another fixed id, and without the demo marker: no longer demo data."""
    ids = {obj["id"] for items in doc.values() if isinstance(items, list) for obj in items if "id" in obj}
    new = {i: str(uuid.uuid5(NAMESPACE, i)) for i in ids}
    out = {k: v for k, v in doc.items() if k != "demo"}
    for name, items in out.items():
        if isinstance(items, list):
            out[name] = [{k: new.get(v, v) if isinstance(v, str) else v for k, v in obj.items()} for obj in items]
    return out
