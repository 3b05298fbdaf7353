"""What a stored document keeps in memory (issue 12, 100,000 pages): its head only, small and without
any paragraph's text; and a warm check that finds every file as listed reads none of them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from corpusreader.corpus.loading import cache as cache_module
from corpusreader.corpus.loading import manifest, pipeline
from corpusreader.corpus.loading.files import discover
from corpusreader.corpus.loading.stored import BodyCache, StoredDocument
from corpusreader.corpus.model import Document

PROSE = "The ministers discussed international information security and agreed on a plan of work number {}."
BODY = {"paragraphs", "paragraph_lines", "title_line", "removed", "cards", "paragraph_kinds", "source_url"}


def corpus(folder: Path, count: int, paragraphs: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        body = "\n\n".join(PROSE.format(f"{number}-{p} " + "and more words " * 40) for p in range(paragraphs))
        (folder / f"d{number}.txt").write_text(f"Title number {number}\n\nMay 12, 2013\n\n{body}\n")
    return folder


def loaded(folder: Path, store: cache_module.Cache) -> list[StoredDocument]:
    sources = discover([str(folder)])[0]
    return [d for _, d in pipeline.load_stored(sources, store) if isinstance(d, StoredDocument)]


def head_values(document: StoredDocument) -> list[object]:
    """What the document holds in memory, read without reading its text from the store."""
    names = [n for n in (*Document.__slots__, *StoredDocument.__slots__) if n not in BODY and n != "_bodies"]
    return [object.__getattribute__(document, name) for name in names]


def test_a_stored_head_holds_no_paragraph_text_and_stays_small(tmp_path):
    store = cache_module.Cache(tmp_path / "store.sqlite3")
    small = loaded(corpus(tmp_path / "small", 6, paragraphs=2), store)
    large = loaded(corpus(tmp_path / "large", 6, paragraphs=120), store)
    for short, long in zip(small, large):
        texts = [value for value in head_values(long) if isinstance(value, str)]
        assert not any("ministers discussed" in text for text in texts)
        held = sum(map(sys.getsizeof, head_values(long)))
        # 60 times the text, 4 bytes more a paragraph (its length, for the stored indexes)
        assert held - sum(map(sys.getsizeof, head_values(short))) <= 4 * 120 + 64
        assert held - 4 * len(long.lengths) < 1000  # (None and shared strings counted in full)
    assert large[0]._bodies.reads == 0
    assert large[0].paragraphs[0].startswith("The ministers") and large[0].source_url is None
    assert large[0]._bodies.reads == 1


def test_metadata_repeated_across_documents_is_one_string(tmp_path):
    documents = loaded(corpus(tmp_path / "c", 5), cache_module.Cache(tmp_path / "store.sqlite3"))
    assert all(d.encoding is documents[0].encoding for d in documents)
    assert all(d.date is documents[0].date for d in documents)
    assert all(d.display_title is d.title for d in documents)  # the title shown is the title's string
    assert all(d.file is d.path for d in documents)


def test_a_head_round_trips_and_refuses_what_it_did_not_write(tmp_path):
    document = loaded(corpus(tmp_path / "c", 1, paragraphs=4), cache_module.Cache(tmp_path / "s.sqlite3"))[0]
    full = cache_module.document_from_row(document.path, document._bodies.store.get_row(document.key))
    head = cache_module.head_from_text(cache_module.document_head(full))
    assert head[0] == full.title and list(head[-1]) == [len(p) for p in full.paragraphs]
    for text in ("{}", "[]", '["t", null, null, null, null, null, null, null, "utf-8", 1, false, "abc"]',
                 '[null, null, null, null, null, null, null, null, "utf-8", 1, false, ""]', "not json"):
        with pytest.raises(ValueError):
            cache_module.head_from_text(text)


def test_a_warm_check_that_finds_every_file_as_listed_reads_none(tmp_path, monkeypatch):
    folder = corpus(tmp_path / "c", 8)
    store = cache_module.Cache(tmp_path / "store.sqlite3")
    manifest.save(store, "corpus", loaded(folder, store), {})
    listed = manifest.listed(store, "corpus", BodyCache(store))
    assert listed.current and [d.title for d in listed.documents] == [f"Title number {n}" for n in range(8)]
    assert all(d.template is listed.documents[0].template for d in listed.documents)  # one table of them
    sources = discover([str(folder)])[0]
    real_scan = pipeline.scan

    def no_scan(*args, **kwargs):
        raise AssertionError("a file was read")

    monkeypatch.setattr(pipeline, "scan", no_scan)
    again = [d for _, d in pipeline.load_stored(sources, store, listed=listed)]
    assert all(a is b for a, b in zip(again, listed.documents)) and len(again) == 8
    (folder / "d3.txt").write_text("Title number three, changed\n\nA new text.\n")
    monkeypatch.setattr(pipeline, "scan", real_scan)
    again = [d for _, d in pipeline.load_stored(sources, store, listed=listed)]
    assert again[3].title == "Title number three, changed" and again[3].key != listed.documents[3].key
    assert [d.title for d in again[:3]] == [d.title for d in listed.documents[:3]] and len(again) == 8


def test_a_manifest_another_engine_wrote_lists_but_is_checked_file_by_file(tmp_path, monkeypatch):
    folder = corpus(tmp_path / "c", 5)
    store = cache_module.Cache(tmp_path / "store.sqlite3")
    manifest.save(store, "corpus", loaded(folder, store), {})
    monkeypatch.setattr(cache_module, "engine", lambda: "another engine")
    listed = manifest.listed(store, "corpus", BodyCache(store))
    assert listed.documents and not listed.current
    assert pipeline.unchanged(discover([str(folder)])[0], listed) is None
