"""The cache runs no code and crashes nothing: a row or blob that anyone wrote or damaged is a miss.

Whoever can write the user's cache folder must not be able to run code through it, and a cache
that parses but holds wrong values must cost a re-clean or a rebuild, never a traceback: through
the real commands (in a subprocess, ``XDG_CACHE_HOME`` in ``tmp_path``) and through
``build_corpus`` and the index loaders.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import sqlite3
import subprocess
import sys
import zlib
from array import array
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from corpusreader.corpus.loading import cache as cache_module
from corpusreader.corpus.loading import indexes
from corpusreader.corpus.loading.pipeline import build_corpus
from corpusreader.corpus.model import Document
from corpusreader.corpus.search import stored as search_stored
from corpusreader.corpus.search.index import SearchIndex
from corpusreader.corpus.search.vocabulary import Vocabulary
from corpusreader.corpus.terms import stored as terms_stored
from corpusreader.corpus.terms.index import TermIndex

PAGE = """Talks with Sergei Lavrov, number {i}

Moscow, {day} June 2021

Vladimir Putin met Sergei Lavrov, Minister of Foreign Affairs, before the OSCE meeting {i}.

The Organization for Security and Co-operation in Europe (OSCE) met in Vienna; NATO was not there.

Share this page on social networks
"""
DOCUMENTS = 16  # at least one a row field, so that one run damages every field
COMMANDS = {
    "export": ["export", "--format", "json"],
    "terms": ["terms", "--format", "json"],
    "search": ["search", "--format", "json", "Lavrov OSCE"],
}
SLOW = settings(max_examples=3, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _text_or_none(value: object) -> bool:
    return value is None or type(value) is str


def _list_of(kind: type):
    return lambda value: type(value) is list and all(type(item) is kind for item in value)


def _shaped(*checks):
    """A list of lists, each of len(checks) items passing its check."""
    return lambda value: type(value) is list and all(
        type(item) is list and len(item) == len(checks) and all(map(lambda c, v: c(v), checks, item))
        for item in value)


def _is_int(value: object) -> bool:
    return type(value) is int


def _int_or_none(value: object) -> bool:
    return value is None or type(value) is int


def _is_text(value: object) -> bool:
    return type(value) is str


# What each field of a document row may hold (corpus/model.py's Document, Removed and Card).
ROW_FIELDS = {
    "title": _text_or_none, "date": _text_or_none, "place": _text_or_none, "speaker": _text_or_none,
    "source_url": _text_or_none, "site": _text_or_none,
    "paragraphs": _list_of(str), "paragraph_lines": _list_of(int), "title_line": _int_or_none,
    "removed": _shaped(_is_int, _is_text, _is_text, _int_or_none, _int_or_none),
    "cards": _shaped(_is_text, _text_or_none, _is_text, _is_int),
    "encoding": _is_text, "size": _is_int, "truncated": lambda value: type(value) is bool,
}
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=12,
)
# Near misses too: lists of the right length whose items are arbitrary.
NEAR = st.lists(st.lists(JSON, min_size=4, max_size=5), min_size=1, max_size=3)


def wrong(field: str) -> st.SearchStrategy:
    """JSON values that the field may not hold."""
    return (JSON | NEAR).filter(lambda value: not ROW_FIELDS[field](value))


WRONG_ROW = st.fixed_dictionaries({field: wrong(field) for field in ROW_FIELDS})
THE_ISSUES_ROW = {field: [None, 5, {}] for field in ROW_FIELDS}


class RunsTouch:
    """Unpickled, it runs ``touch marker`` (as a crafted blob did)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (subprocess.call, (["touch", str(self.marker)],))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(DOCUMENTS):
        (folder / f"d{i:02}.txt").write_text(PAGE.format(i=i, day=i % 28 + 1))
    return folder


def environment(cache_home: Path) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONHASHSEED": "0"}


def cli(cache_home: Path, command: str | list[str], corpus: Path, *extra: str) -> subprocess.CompletedProcess:
    """The command's run (a name of ``COMMANDS`` or its arguments); its output without the
    search's timing (which differs from run to run)."""
    arguments = COMMANDS[command] if isinstance(command, str) else command
    result = subprocess.run([sys.executable, "-m", "corpusreader", *arguments, str(corpus), *extra],
                            check=False, capture_output=True, text=True, env=environment(cache_home), timeout=300)
    result.stdout = re.sub(r'"elapsed_ms": [0-9.e+-]+', '"elapsed_ms": 0', result.stdout)
    return result


def database(cache_home: Path) -> Path:
    return cache_home / "corpusreader" / cache_module.CACHE_FILE


def rows(cache_home: Path) -> list[tuple[str, object]]:
    with sqlite3.connect(database(cache_home)) as db:
        return db.execute("SELECT key, data FROM documents ORDER BY key").fetchall()


def replace_rows(cache_home: Path, data: list[object]) -> None:
    """Put ``data[i]`` in the i-th row (by key), and forget the outputs ``terms`` kept (made from
    the rows before: with one, ``terms`` reads no row, so nothing would read the damaged ones)."""
    keys = [key for key, _ in rows(cache_home)]
    assert len(keys) >= len(data)
    with sqlite3.connect(database(cache_home)) as db:
        db.executemany("UPDATE documents SET data = ? WHERE key = ?", list(zip(data, keys)))
        db.execute("DELETE FROM blobs WHERE kind LIKE 'terms-%'")


def replace_blob(cache_home: Path, kind: str, data: object) -> None:
    with sqlite3.connect(database(cache_home)) as db:
        assert db.execute("UPDATE blobs SET data = ? WHERE kind = ?", (data, kind)).rowcount == 1


def blob(cache_home: Path, kind: str) -> object:
    with sqlite3.connect(database(cache_home)) as db:
        return db.execute("SELECT data FROM blobs WHERE kind = ?", (kind,)).fetchone()[0]


def row_of(fields: dict) -> bytes:
    return zlib.compress(json.dumps(fields).encode())


def with_field(row: bytes, field: str, value: object) -> bytes:
    data = json.loads(zlib.decompress(row))
    data[field] = value
    return row_of(data)


def assert_every_row_reads_back(cache_home: Path, corpus: Path | None = None) -> None:
    """The damaged rows were cleaned again and rewritten (a text is read when it is needed:
    with ``corpus``, an export reads them all first)."""
    if corpus is not None:
        assert cli(cache_home, COMMANDS["export"], corpus).returncode == 0
    for _key, data in rows(cache_home):
        cache_module.document_from_row("any", data)


# -- code in the cache -----------------------------------------------------------------


@pytest.mark.parametrize("command", ["export", "terms", "search"])
def test_a_pickle_in_the_cache_is_never_run(tmp_path, corpus, command):
    control = tmp_path / "control"
    pickle.loads(pickle.dumps(RunsTouch(control)))  # the blob below would run code if unpickled
    assert control.exists()
    cache_home, marker = tmp_path / "cache", tmp_path / "marker"
    expected = cli(tmp_path / "unused", command, corpus, "--no-cache")
    assert expected.returncode == 0, expected.stderr
    assert cli(cache_home, command, corpus).returncode == 0
    kind = indexes.SEARCH if command == "search" else indexes.TERMS
    crafted = pickle.dumps(RunsTouch(marker))
    replace_blob(cache_home, kind, crafted)
    replace_rows(cache_home, [crafted, zlib.compress(crafted)])
    result = cli(cache_home, command, corpus)
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    assert result.stdout == expected.stdout
    assert blob(cache_home, kind) != crafted  # rebuilt and written again
    assert_every_row_reads_back(cache_home, corpus)


# -- damaged document rows ---------------------------------------------------------------


def damaged_rows(good: bytes, values: dict) -> list[bytes]:
    """One row a field, each with that field's value from ``values``."""
    return [with_field(good, field, value) for field, value in values.items()]


_PREPARED: dict[tuple[str, str], tuple[str, Path]] = {}


def prepared(tmp_path_factory, corpus: Path, command: str) -> tuple[str, Path]:
    """The command's output without the cache, and a cache it filled (once for all examples)."""
    if (str(corpus), command) not in _PREPARED:
        expected = cli(tmp_path_factory.mktemp("unused"), command, corpus, "--no-cache")
        assert expected.returncode == 0, expected.stderr
        template = tmp_path_factory.mktemp("template")
        assert cli(template, command, corpus).returncode == 0
        _PREPARED[str(corpus), command] = expected.stdout, template
    return _PREPARED[str(corpus), command]


@pytest.mark.parametrize("command", ["export", "terms", "search"])
@SLOW
@example(values=THE_ISSUES_ROW)
@given(values=WRONG_ROW)
def test_rows_with_a_field_of_another_type_are_misses_for_the_commands(tmp_path_factory, corpus, command, values):
    expected, template = prepared(tmp_path_factory, corpus, command)
    cache_home = tmp_path_factory.mktemp("cache")
    shutil.copytree(template, cache_home, dirs_exist_ok=True)
    replace_rows(cache_home, damaged_rows(rows(cache_home)[0][1], values))
    result = cli(cache_home, command, corpus)
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected
    assert_every_row_reads_back(cache_home, corpus)


def structurally_damaged(good: bytes) -> list[object]:
    """Rows that are not a document row at all, one kind of damage each."""
    data = json.loads(zlib.decompress(good))
    missing = {key: value for key, value in data.items() if key != "paragraphs"}
    return [
        b"", b"not zlib at all", good[: len(good) // 2], good[:-1] + bytes([good[-1] ^ 0xFF]),
        good + b"trailing", zlib.compress(b"{not json"), zlib.compress(b"\xff\xfe invalid utf-8"),
        zlib.compress(json.dumps([data]).encode()), zlib.compress(b"null"),
        row_of(missing), row_of({**data, "extra": 1}),
        zlib.compress(b"[" * 100_000 + b"]" * 100_000),  # nesting beyond the parser's recursion
        "a row as text", 42, 1.5,
    ]


@pytest.mark.parametrize("command", ["export", "terms", "search"])
def test_rows_that_are_no_document_are_misses_for_the_commands(tmp_path, corpus, command):
    cache_home = tmp_path / "cache"
    expected = cli(tmp_path / "unused", command, corpus, "--no-cache")
    assert cli(cache_home, command, corpus).returncode == 0
    replace_rows(cache_home, structurally_damaged(rows(cache_home)[0][1]))
    result = cli(cache_home, command, corpus)
    assert result.returncode == 0, result.stderr
    assert result.stdout == expected.stdout
    assert_every_row_reads_back(cache_home, corpus)


@FAST
@example(field="paragraphs", value=[None, 5, {}])
@given(field=st.sampled_from(sorted(ROW_FIELDS)), value=JSON | NEAR)
def test_a_row_with_a_field_of_another_type_is_cleaned_again_by_build_corpus(corpus, field, value):
    fresh, _ = build_corpus([str(corpus)], use_cache=False)
    build_corpus([str(corpus)])
    if ROW_FIELDS[field](value):
        return  # a value of the right type: the row is valid (if wrong), not damaged
    cache_home = Path(os.environ["XDG_CACHE_HOME"])
    keys = [key for key, _ in rows(cache_home)]
    replace_rows(cache_home, [with_field(data, field, value) for _, data in rows(cache_home)])
    again, _ = build_corpus([str(corpus)])
    assert again.documents == fresh.documents
    assert [key for key, _ in rows(cache_home)] == keys
    assert_every_row_reads_back(cache_home)


def test_rows_that_are_no_document_are_cleaned_again_by_build_corpus(corpus):
    fresh, _ = build_corpus([str(corpus)], use_cache=False)
    build_corpus([str(corpus)])
    cache_home = Path(os.environ["XDG_CACHE_HOME"])
    replace_rows(cache_home, structurally_damaged(rows(cache_home)[0][1]))
    again, _ = build_corpus([str(corpus)])
    assert again.documents == fresh.documents
    assert_every_row_reads_back(cache_home)


def test_a_row_that_inflates_beyond_the_limit_is_a_miss(monkeypatch):
    row = cache_module.document_to_row(Document("a.txt", paragraphs=["word " * 1000]))
    assert cache_module.document_from_row("a.txt", row).paragraphs == ["word " * 1000]
    monkeypatch.setattr(cache_module, "ROW_LIMIT", 1000)
    with pytest.raises(ValueError):
        cache_module.document_from_row("a.txt", row)


# -- damaged index blobs ------------------------------------------------------------------


def damaged_blobs(good: bytes) -> list[object]:
    """The blob the program wrote, damaged in ways a disk or another program might."""
    flipped = []
    for fraction in (0.02, 0.3, 0.5, 0.7, 0.9, 0.999):
        at = int(len(good) * fraction)
        flipped.append(good[:at] + bytes([good[at] ^ 0x5A]) + good[at + 1:])
    return [*flipped, good[: len(good) // 2], good + b"x", b"", b"\0" * len(good), "text", 7]


def terms_of(index: TermIndex) -> list[dict]:
    return index.to_json()


def hits_of(index: SearchIndex) -> list:
    return [hit.to_json() for query in ("Lavrov", "osce vienna", "minster foreign", "nato")
            for hit in index.search(query, 50, typing=False)]


@pytest.mark.parametrize("kind, load, answers", [
    (indexes.TERMS, indexes.term_index, terms_of),
    (indexes.SEARCH, indexes.search_index, hits_of),
])
def test_a_damaged_index_blob_is_rebuilt(corpus, kind, load, answers):
    documents = build_corpus([str(corpus)])[0].documents
    expected = answers(load(documents, use_cache=False))
    load(documents)
    cache_home = Path(os.environ["XDG_CACHE_HOME"])
    good = blob(cache_home, kind)
    for damaged in damaged_blobs(good):
        replace_blob(cache_home, kind, damaged)
        assert answers(load(documents)) == expected, repr(damaged)[:80]
        assert blob(cache_home, kind) != damaged  # written again


@pytest.mark.parametrize("kind", [indexes.TERMS, indexes.SEARCH])
def test_a_damaged_index_blob_is_rebuilt_by_the_commands(tmp_path, corpus, kind):
    queries = tmp_path / "queries.txt"  # every word of the pages: damage to any posting shows
    queries.write_text("\n".join(sorted(set(re.findall(r"\w+", PAGE)))) + "\n")
    search = ["search", "--format", "json", "--queries", str(queries)]
    command = COMMANDS["terms"] if kind == indexes.TERMS else search
    cache_home = tmp_path / "cache"
    expected = cli(tmp_path / "unused", command, corpus, "--no-cache")
    assert expected.returncode == 0, expected.stderr
    assert cli(cache_home, command, corpus).returncode == 0
    good = blob(cache_home, kind)
    for damaged in damaged_blobs(good)[1:4]:
        replace_blob(cache_home, kind, damaged)
        result = cli(cache_home, command, corpus)
        assert result.returncode == 0, result.stderr
        assert result.stdout == expected.stdout
        assert blob(cache_home, kind) != damaged  # written again


# -- the blob formats themselves ------------------------------------------------------------


def test_the_blobs_read_back_as_the_indexes_they_were_made_of(corpus):
    documents = build_corpus([str(corpus)], use_cache=False)[0].documents
    search = SearchIndex.build(documents)
    again = SearchIndex.from_bytes(search.to_bytes(), documents)
    assert hits_of(again) == hits_of(search)
    assert again.to_bytes() == search.to_bytes()
    terms = TermIndex.build(documents)
    assert terms_stored.terms_from_bytes(terms_stored.terms_to_bytes(terms.terms), documents) == terms.terms


def test_blobs_of_another_format_or_other_documents_are_refused(corpus):
    documents = build_corpus([str(corpus)], use_cache=False)[0].documents
    search_blob = SearchIndex.build(documents).to_bytes()
    at = len(search_stored.MAGIC)
    other_version = search_blob[:at] + bytes([search_blob[at] + 1]) + search_blob[at + 1:]
    for refused in (other_version, b"CRSEARCH", search_blob[:at]):
        with pytest.raises(ValueError):
            SearchIndex.from_bytes(refused, documents)
    with pytest.raises(ValueError):
        SearchIndex.from_bytes(search_blob, documents[:-1])
    terms_blob = terms_stored.terms_to_bytes(TermIndex.build(documents).terms)
    at = len(terms_stored.MAGIC)
    other_version = terms_blob[:at] + bytes([terms_blob[at] + 1]) + terms_blob[at + 1:]
    for refused in (other_version, terms_blob[:at], b"CRTERMS"):
        with pytest.raises(ValueError):
            terms_stored.terms_from_bytes(refused, documents)
    with pytest.raises(ValueError):
        terms_stored.terms_from_bytes(terms_blob, documents[:1])


def test_a_search_blob_with_a_good_checksum_but_ids_outside_the_paragraphs_is_refused():
    sparse = Vocabulary({"word": array("I", [99])}, 64)  # an id beyond the 64 paragraphs
    dense = Vocabulary({"word": array("I")}, 64)
    dense.postings = [1 << 70]  # a bitmap bit beyond them
    for vocabulary in (sparse, dense):
        blob_bytes = search_stored.pack(array("H", [1] * 64), vocabulary)
        with pytest.raises(ValueError):
            search_stored.unpack(blob_bytes, 64)
    fitting = search_stored.pack(array("H", [1] * 64), Vocabulary({"word": array("I", [3])}, 64))
    assert search_stored.unpack(fitting, 64)[1].postings == [array("I", [3])]


def _terms_records(blob_bytes: bytes) -> list:
    """A terms blob's records, each with its occurrences' packed numbers as a list in place of their count."""
    body = zlib.decompress(blob_bytes[len(terms_stored.MAGIC) + 2:])
    length = int.from_bytes(body[:8], "little")
    places = array("i", body[8 + length:]).tolist()
    records = json.loads(body[8:8 + length])
    at = 0
    for record in records:
        record[7], at = places[at:at + 4 * record[7]], at + 4 * record[7]
    return records


def _terms_blob(records: list) -> bytes:
    """The blob of such records (a count that is not a list of numbers is written as it is)."""
    places: list = []
    for record in records:
        if len(record) > 7 and type(record[7]) is list:
            places += record[7]
            record[7] = len(record[7]) // 4
    text = json.dumps(records).encode()
    body = len(text).to_bytes(8, "little") + text + array("i", places).tobytes()
    return terms_stored.MAGIC + terms_stored.FORMAT.to_bytes(2, "little") + zlib.compress(body)


@pytest.mark.parametrize("change", [
    lambda r: r.__setitem__(2, "not a kind"),
    lambda r: r.__setitem__(3, 5),
    lambda r: r.__setitem__(4, ["alias", None]),
    lambda r: r.__setitem__(6, "roles"),
    lambda r: r[7].__setitem__(0, 10_000),   # no such document
    lambda r: r[7].__setitem__(0, -1),
    lambda r: r[7].__setitem__(1, 99),       # no such paragraph
    lambda r: r[7].__setitem__(3, 10**6),    # past the end of its text
    lambda r: r[7].__setitem__(2, r[7][3] + 1),  # starts after it ends
    lambda r: r.__setitem__(7, 1.5),         # a count of occurrences that is not one
    lambda r: r.__setitem__(7, "3"),
    lambda r: r.__setitem__(7, -1),
    lambda r: r[7].pop(),                    # packed numbers that are not whole occurrences
    lambda r: r.pop(),
])
def test_a_terms_blob_with_a_wrong_value_is_refused(corpus, change):
    documents = build_corpus([str(corpus)], use_cache=False)[0].documents
    blob_bytes = terms_stored.terms_to_bytes(TermIndex.build(documents).terms)
    remade = _terms_blob(_terms_records(blob_bytes))  # the helpers write what terms_to_bytes does
    assert terms_stored.terms_from_bytes(remade, documents) == terms_stored.terms_from_bytes(blob_bytes, documents)
    records = _terms_records(blob_bytes)
    change(records[0])
    crafted = _terms_blob(records)
    with pytest.raises(ValueError):
        terms_stored.terms_from_bytes(crafted, documents)
