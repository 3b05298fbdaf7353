"""Damaged cache rows of every column (``documents.key``/``data``, ``blobs.kind``/``key``/``data``),
with values of every SQLite type and near misses (a truncated or another row's value): each is a
miss, and the output is the same as without a cache."""

from __future__ import annotations

import re
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .harness import OK, Workspace, check_invariants, snapshot, write_corpus

DOCUMENTS = 12
CACHE = Path("cache") / "corpusreader" / "corpus.sqlite3"
RUNS = {"export": ("export", "c", "--format", "json", "-o", "out.json"),
        "search": ("search", "delegation ministers", "c", "--format", "json")}
FEW = settings(max_examples=3, deadline=None, derandomize=True, database=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def kinds_of_values(row: int, valid: object, other: object) -> object:
    """The row-th of: NULL, an integer, a real, text, bytes, an empty blob, half the value, another row's."""
    half = valid[: len(valid) // 2] if isinstance(valid, (bytes, str)) else valid
    values = [None, -(2 ** 63), 3.5, "\x00Ω text", b"\x78\x9c\xff garbage", b"", half, other]
    return values[row % len(values)]


VALUE = st.one_of(st.none(), st.integers(-(2 ** 63), 2 ** 63 - 1), st.floats(allow_nan=True),
                  st.text(max_size=20), st.binary(max_size=40))


@pytest.fixture(scope="module")
def primed(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """A workspace whose cache holds every row and both blobs, and what each run writes without it."""
    ws = Workspace(tmp_path_factory.mktemp("primed"))
    write_corpus(ws.work / "c", DOCUMENTS)
    expected = {}
    for name, args in RUNS.items():
        result = ws.run(*args, "--no-cache")
        assert result.status == OK, result.stderr
        expected[name] = (ws.work / "out.json").read_bytes() if name == "export" else untimed(result.stdout)
        (ws.work / "out.json").unlink(missing_ok=True)
        assert ws.run(*args).status == OK
        (ws.work / "out.json").unlink(missing_ok=True)
    with sqlite3.connect(ws.home / CACHE) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == DOCUMENTS
        assert {r[0] for r in db.execute("SELECT kind FROM blobs")} == {"terms", "search"}
    return ws.root, expected


def untimed(stdout: bytes) -> bytes:
    return re.sub(rb'"elapsed_ms": [0-9.e+-]+', b'"elapsed_ms": 0', stdout)


def damaged_copy(primed_root: Path, root: Path) -> Workspace:
    shutil.copytree(primed_root, root, dirs_exist_ok=True, symlinks=True)
    ws = Workspace(root)
    (ws.work / "out.json").unlink(missing_ok=True)
    return ws


def damage(database: Path, table: str, column: str, value_of) -> None:
    """Set ``column`` of each row of ``table`` to ``value_of(row, its value, the next row's)``; the
    table loses its constraints first (NULL data, duplicate keys: as another program might write it)."""
    with sqlite3.connect(database) as db:
        db.execute(f"CREATE TABLE loose AS SELECT * FROM {table}")
        db.execute(f"DROP TABLE {table}")
        db.execute(f"ALTER TABLE loose RENAME TO {table}")
        rowids = [r[0] for r in db.execute(f"SELECT rowid FROM {table} ORDER BY rowid")]
        values = [db.execute(f"SELECT {column} FROM {table} WHERE rowid = ?", (r,)).fetchone()[0] for r in rowids]
        for i, rowid in enumerate(rowids):
            new = value_of(i, values[i], values[(i + 1) % len(values)])
            db.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", (new, rowid))
    database.with_name(database.name + "-wal").unlink(missing_ok=True)


def run_and_check(ws: Workspace, expected: dict[str, bytes]) -> None:
    for name, args in RUNS.items():
        before = snapshot(ws.work)
        result = ws.run(*args)
        output = "out.json" if name == "export" else None
        check_invariants(result, before, snapshot(ws.work), statuses={OK}, output=output,
                         complete={".": expected["export"]})
        if name == "export":
            assert (ws.work / "out.json").exists()
            (ws.work / "out.json").unlink()
        else:
            assert untimed(result.stdout) == expected[name]


@pytest.mark.parametrize("column", ["key", "data"])
def test_every_kind_of_damaged_document_row_is_a_miss(tmp_path, primed, column):
    ws = damaged_copy(primed[0], tmp_path)
    damage(ws.home / CACHE, "documents", column, kinds_of_values)
    run_and_check(ws, primed[1])
    run_and_check(ws, primed[1])  # and the rows rewritten read back


@pytest.mark.parametrize("pair", range(4))
@pytest.mark.parametrize("column", ["kind", "key", "data"])
def test_every_kind_of_damaged_blob_is_a_miss(tmp_path, primed, column, pair):
    ws = damaged_copy(primed[0], tmp_path)
    damage(ws.home / CACHE, "blobs", column, lambda row, valid, other: kinds_of_values(2 * pair + row, valid, other))
    run_and_check(ws, primed[1])


@FEW
@given(values=st.lists(VALUE, min_size=DOCUMENTS, max_size=DOCUMENTS))
def test_any_value_in_the_document_rows_is_a_miss(primed, values):
    with tempfile.TemporaryDirectory(prefix="faults-cache-") as root:
        ws = damaged_copy(primed[0], Path(root))
        damage(ws.home / CACHE, "documents", "data", lambda row, valid, other: values[row])
        run_and_check(ws, primed[1])
