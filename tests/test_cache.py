"""The cache of processed documents: reuse, change, corruption, versions, two writers, --no-cache."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from corpusreader.corpus.loading import cache as cache_module
from corpusreader.corpus.loading import pipeline
from corpusreader.corpus.loading.cache import Cache
from corpusreader.corpus.loading.pipeline import build_corpus

PAGE = "Title number {i}\n\nMoscow, 1 June 2021\n\nThe text of document {i} says something of its own here.\n"


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(6):
        (folder / f"d{i}.txt").write_text(PAGE.format(i=i))
    return folder


@pytest.fixture
def counted(monkeypatch):
    """Count the documents actually cleaned (not taken from the cache)."""
    calls = []
    real = pipeline._clean_rows

    def counting(raws, template):
        calls.extend(r.path for r in raws)
        return real(raws, template)

    monkeypatch.setattr(pipeline, "_clean_rows", counting)
    return calls


def test_second_run_reuses_everything_and_gives_the_same_documents(corpus_dir, counted):
    first, _ = build_corpus([str(corpus_dir)])
    assert len(counted) == 6
    second, _ = build_corpus([str(corpus_dir)])
    assert len(counted) == 6
    assert [d.to_json() for d in first.documents] == [d.to_json() for d in second.documents]
    assert first.documents[0].paragraph_lines == second.documents[0].paragraph_lines
    assert cache_module.default_path().exists()
    assert not list(corpus_dir.glob("*.sqlite3")) and len(list(corpus_dir.iterdir())) == 6


def test_a_changed_file_is_reprocessed_alone(corpus_dir, counted):
    build_corpus([str(corpus_dir)])
    (corpus_dir / "d3.txt").write_text(PAGE.format(i=3) + "\nA new closing line of text.\n")
    corpus, _ = build_corpus([str(corpus_dir)])
    assert counted[6:] == [f"{corpus_dir}/d3.txt"]
    assert corpus.documents[3].paragraphs[-1] == "A new closing line of text."


def test_a_moved_file_keeps_its_cache_and_takes_its_new_path(corpus_dir, tmp_path, counted):
    build_corpus([str(corpus_dir)])
    moved = tmp_path / "moved"
    corpus_dir.rename(moved)
    corpus, _ = build_corpus([str(moved)])
    assert len(counted) == 6
    assert corpus.documents[0].path == f"{moved}/d0.txt"


def test_no_cache_neither_reads_nor_writes(corpus_dir, counted):
    build_corpus([str(corpus_dir)], use_cache=False)
    assert not cache_module.default_path().exists()
    build_corpus([str(corpus_dir)])
    assert len(counted) == 12


@pytest.mark.parametrize("damage", ["garbage", "foreign", "truncated"])
def test_a_broken_cache_is_set_aside_and_rebuilt(corpus_dir, counted, damage):
    build_corpus([str(corpus_dir)])
    path = cache_module.default_path()
    if damage == "garbage":
        path.write_bytes(b"this is not a database at all" * 100)
    elif damage == "foreign":
        path.unlink()
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE documents (key TEXT, data BLOB)")
        db.execute("INSERT INTO documents VALUES ('x', 'y')")
        db.commit()
        db.close()
    else:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    corpus, _ = build_corpus([str(corpus_dir)])
    assert len(corpus.documents) == 6 and len(counted) == 12
    build_corpus([str(corpus_dir)])
    assert len(counted) == 12  # the rebuilt cache serves the third run


def test_a_bad_row_is_cleaned_again(corpus_dir, counted):
    build_corpus([str(corpus_dir)])
    db = sqlite3.connect(cache_module.default_path())
    db.execute("UPDATE documents SET data = x'00ff'")
    db.commit()
    db.close()
    corpus, _ = build_corpus([str(corpus_dir)])
    assert len(corpus.documents) == 6 and len(counted) == 6  # the list needs only the heads
    assert [d.paragraphs[-1] for d in corpus.documents] == [
        f"The text of document {i} says something of its own here." for i in range(6)]
    assert len(counted) == 12  # each text, asked for, was cleaned again and its row rewritten
    again, _ = build_corpus([str(corpus_dir)])
    assert [d.to_json() for d in again.documents] == [d.to_json() for d in corpus.documents]
    assert len(counted) == 12


def test_a_new_version_does_not_read_the_old_entries(corpus_dir, counted, monkeypatch):
    build_corpus([str(corpus_dir)])
    monkeypatch.setattr(cache_module, "__version__", "99.0.0")
    build_corpus([str(corpus_dir)])
    assert len(counted) == 12


def test_two_programs_at_once_do_not_corrupt_it(corpus_dir, tmp_path):
    script = ("import sys; from corpusreader.corpus.loading.pipeline import build_corpus; "
              "c, _ = build_corpus([sys.argv[1]]); print(len(c.documents))")
    runs = [subprocess.Popen([sys.executable, "-c", script, str(corpus_dir)], stdout=subprocess.PIPE, text=True)
            for _ in range(3)]
    assert [run.communicate(timeout=120)[0].strip() for run in runs] == ["6"] * 3
    db = sqlite3.connect(cache_module.default_path())
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 6


def test_clear_removes_the_file(corpus_dir):
    build_corpus([str(corpus_dir)])
    Cache().clear()
    assert not cache_module.default_path().exists()


def test_cli_flags(corpus_dir):
    binary = Path(sys.executable).with_name("corpusreader")
    run = subprocess.run([str(binary), "export", str(corpus_dir), "--format", "jsonl", "--no-cache"],
                         capture_output=True, text=True)
    assert run.returncode == 0 and len(run.stdout.splitlines()) == 6
    assert not cache_module.default_path().exists()
    subprocess.run([str(binary), "export", str(corpus_dir), "--format", "jsonl"], capture_output=True)
    assert cache_module.default_path().exists()
    cleared = subprocess.run([str(binary), "--clear-cache"], capture_output=True, text=True)
    assert cleared.returncode == 0 and not cache_module.default_path().exists()


def test_parallel_cleaning_gives_what_serial_cleaning_gives(tmp_path, monkeypatch):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(30):
        (folder / f"d{i:02}.txt").write_text(PAGE.format(i=i))
    serial, _ = build_corpus([str(folder)], use_cache=False)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 10)
    monkeypatch.setattr(pipeline, "CHUNK", 7)
    parallel, _ = build_corpus([str(folder)], use_cache=False)
    assert [d.to_json() for d in serial.documents] == [d.to_json() for d in parallel.documents]


def test_the_term_index_is_cached_with_the_corpus(corpus_dir, monkeypatch):
    from corpusreader.corpus.loading import indexes
    from corpusreader.corpus.terms.index import TermIndex

    corpus, _ = build_corpus([str(corpus_dir)])
    first = indexes.term_index(corpus.documents)
    built = []
    real = TermIndex.build.__func__
    monkeypatch.setattr(TermIndex, "build", classmethod(lambda cls, docs: built.append(1) or real(cls, docs)))
    second = indexes.term_index(corpus.documents)
    assert built == [] and second.to_json() == first.to_json()
    (corpus_dir / "d0.txt").write_text(PAGE.format(i=0) + "\nThe CSTO met again.\n")
    changed, _ = build_corpus([str(corpus_dir)])
    indexes.term_index(changed.documents)
    assert built == [1]


def test_the_search_index_is_cached_with_the_corpus(corpus_dir, monkeypatch):
    from corpusreader.corpus.loading import indexes
    from corpusreader.corpus.search.index import SearchIndex

    corpus, _ = build_corpus([str(corpus_dir)])
    first = indexes.search_index(corpus.documents)
    monkeypatch.setattr(SearchIndex, "build", classmethod(lambda cls, docs: pytest.fail("built again")))
    second = indexes.search_index(corpus.documents)
    assert [h.to_json() for h in second.search("documnet")] == [h.to_json() for h in first.search("documnet")]
    assert second.search("documnet")
