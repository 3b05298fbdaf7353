"""``corpusreader terms`` a second time prints its output from the cache (issue 15): the output is
kept under the corpus's fingerprint and the term index blob it was made from; a cached output that
is damaged or holds a control character is made again, never printed."""

from __future__ import annotations

import zlib

import pytest

from corpusreader.commands.terms_cmd import _cached_report
from corpusreader.corpus.loading import cache as cache_module
from corpusreader.corpus.loading.indexes import TERMS, fingerprint, term_index
from corpusreader.corpus.model import Document

DOCUMENTS = [Document(path="a.txt", title="A", paragraphs=["The CSTO met in Minsk."]),
             Document(path="b.txt", title="B", paragraphs=["The CSTO met again."])]


def maker(text: str, calls: list[str], documents=DOCUMENTS):
    def make() -> str:
        term_index(documents)  # as the command does: the index blob is in the cache after a make
        calls.append(text)
        return text
    return make


def output_blobs() -> list[bytes]:
    store = cache_module.Cache()
    try:
        db = store._connect()
        assert db is not None
        return [row[0] for row in db.execute("SELECT data FROM blobs WHERE kind = 'terms-text'")]
    finally:
        store.close()


def put(kind: str, key: str, blob: bytes) -> None:
    store = cache_module.Cache()
    store.put_blob(kind, key, blob)
    store.close()


def test_the_second_run_prints_the_output_made_by_the_first():
    calls: list[str] = []
    assert _cached_report("text", DOCUMENTS, maker("report\nline ⇆ Лавров", calls)) == "report\nline ⇆ Лавров"
    assert _cached_report("text", DOCUMENTS, maker("never made", calls)) == "report\nline ⇆ Лавров"
    assert calls == ["report\nline ⇆ Лавров"]


def test_another_corpus_or_another_index_blob_makes_it_again():
    calls: list[str] = []
    _cached_report("text", DOCUMENTS, maker("one", calls))
    other = [*DOCUMENTS, Document(path="c.txt", title="C", paragraphs=["More."])]
    assert _cached_report("text", other, maker("two", calls, other)) == "two"
    _cached_report("text", DOCUMENTS, maker("three", calls))
    put(TERMS, fingerprint(DOCUMENTS), b"a damaged index blob")
    assert _cached_report("text", DOCUMENTS, maker("four", calls)) == "four"
    assert calls == ["one", "two", "three", "four"]


@pytest.mark.parametrize("damage", [lambda good: b"not zlib", lambda good: zlib.compress(b"report \x1b[2J"),
                                    lambda good: zlib.compress(b"\xff\xfe"), lambda good: good[:-3]])
def test_a_damaged_or_unsafe_output_is_never_printed(damage):
    calls: list[str] = []
    _cached_report("text", DOCUMENTS, maker("first", calls))
    store = cache_module.Cache()
    db = store._connect()
    assert db is not None
    with db:
        key, good = db.execute("SELECT key, data FROM blobs WHERE kind = 'terms-text'").fetchone()
    store.close()
    put("terms-text", key, damage(good))
    assert _cached_report("text", DOCUMENTS, maker("made again", calls)) == "made again"
    assert output_blobs() == [zlib.compress(b"made again", 1)]
