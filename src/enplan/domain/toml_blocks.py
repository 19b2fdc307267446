"""Where a TOML file's array-of-tables blocks and their keys are, for messages
that name a line: tomllib parses without positions. Used by the rule files
and the tour files, which both refuse a wrong entry with "file, line N: reason"."""

from __future__ import annotations

import re


class TomlBlocks:
    """The line numbers of each ``header`` block (e.g. ``[[rule]]``), in order."""

    def __init__(self, text: str, header: str) -> None:
        self.lines = text.splitlines()
        self.starts = [i + 1 for i, line in enumerate(self.lines) if line.strip().startswith(header)]
        self.table = header.strip("[]")

    def of(self, index: int | None, key: str | None = None) -> int:
        """The line of block ``index`` (1 when unknown), or of ``key`` within it."""
        if index is None or index >= len(self.starts):
            return 1
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.lines) + 1
        if key:
            pattern = re.compile(rf"^\s*(\[{re.escape(self.table)}\.)?{re.escape(key)}\b")
            for n in range(start, end):
                if pattern.match(self.lines[n - 1]):
                    return n
        return start
