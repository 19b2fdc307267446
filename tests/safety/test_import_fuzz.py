"""Property tests of `enplan import` through the command line: arbitrary
bytes, arbitrary JSON-shaped documents (deep, huge numbers, NaN, control
characters) and mutations of a valid document. Each ends with exit code 0
or 2, never a traceback or a crash report, and a refused import leaves the
database exactly as it was (its export is the same before and after)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from enplan.paths import data_dir
from enplan.store import exchange
from enplan.store.opening import open_database
from tests.safety.helpers import make_db, run_cli, today_arg
from tests.test_fuzz import DOC

FUZZ = settings(max_examples=80, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

HUGE = st.sampled_from([2**31, 2**63, 2**64, 2**70, -(2**63) - 1, 10**400, int("9" * 4000)])
TEXT = st.text(st.characters(codec=None), max_size=20)  # controls, NUL, lone surrogates, …
SCALARS = (st.none() | st.booleans() | st.integers() | HUGE | st.floats() | TEXT)
JSON_VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
                           max_leaves=12)
ENTITIES = st.sampled_from(exchange.ORDER)


class Importer:
    """One database for a whole property test; its export is the yardstick of "unchanged"."""

    def __init__(self, folder: Path, capsys) -> None:  # noqa: ANN001
        self.db, self.file, self.capsys = folder / "enplan.db", folder / "in.json", capsys
        make_db(self.db, citizens=2)
        self.reader = open_database(f"sqlite:///{self.db}", daily_backup=False)
        self.before = self.export()

    def export(self) -> dict:
        """What `enplan export --include-cpr` writes (read directly: the command would log every read)."""
        with self.reader.read() as session:
            return exchange.export_document(session, include_cpr=True)

    def run(self, content: bytes) -> None:
        self.file.write_bytes(content)
        code, out, err = run_cli(self.capsys, "import", str(self.file), "--db", str(self.db), today_arg())
        assert code in (0, 2), (code, err)
        assert "Traceback" not in err and err.count("\n") <= 1, err
        assert not (data_dir() / "crash-reports").exists(), err
        after = self.export()
        if code == 2:
            assert err.startswith("enplan: ") and out == "", err
            assert after == self.before, err
        self.before = after


@pytest.fixture
def importer(tmp_path, capsys) -> Iterator[Importer]:
    importer = Importer(tmp_path, capsys)
    yield importer
    importer.reader.dispose()


def dumped(value: object) -> bytes:
    """JSON text as a careless writer makes it: NaN and Infinity left in, lone surrogates kept."""
    return json.dumps(value, allow_nan=True).encode("utf-8", "surrogatepass")


@FUZZ
@given(content=st.binary(max_size=400) | st.builds(b"\xef\xbb\xbf".__add__, st.binary(max_size=100)))
@example(content=b"\xef\xbb\xbf{\"format_version\": 1}")
@example(content=b"[" * 100_000 + b"]" * 100_000)
@example(content=b"\xff\xfe{\x00}\x00")
def test_arbitrary_bytes(importer, content):
    importer.run(content)


@FUZZ
@given(value=JSON_VALUES, entity=ENTITIES, wrap=st.sampled_from(["bare", "list", "record"]))
@example(value=2**70, entity="citizens", wrap="record")
@example(value=float("nan"), entity="placements", wrap="record")
@example(value="\x1b]0;pwned\x07\u0301\x00", entity="meetings", wrap="record")
def test_arbitrary_json_shaped_documents(importer, value, entity, wrap):
    doc = value if wrap == "bare" else {"format_version": 1, entity: value if wrap == "list" else [value]}
    importer.run(dumped(doc))


@FUZZ
@given(data=st.data(), entity=ENTITIES, value=JSON_VALUES,
       how=st.sampled_from(["replace a field", "drop a field", "add a field", "replace the list", "duplicate"]))
def test_mutations_of_a_valid_document(importer, data, entity, value, how):
    doc = copy.deepcopy(DOC)
    records = doc[entity]
    if records and how != "replace the list":
        index = data.draw(st.integers(0, len(records) - 1))
        field = data.draw(st.sampled_from(sorted(records[index])))
        if how == "replace a field":
            records[index][field] = value
        elif how == "drop a field":
            del records[index][field]
        elif how == "add a field":
            records[index][data.draw(TEXT)] = value
        else:
            records.append(copy.deepcopy(records[index]))
    else:
        doc[entity] = value
    importer.run(dumped(doc))
