"""Documents live in the store (issue 12): a warm start lists the corpus before reading any file,
changed files are cleaned again in place, and the parent holds a bounded number of texts."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from corpusreader.app import CorpusReaderApp
from corpusreader.corpus.loading import pipeline, stored
from corpusreader.corpus.loading.pipeline import build_corpus
from corpusreader.corpus.loading.stored import StoredDocument
from corpusreader.corpus.loading.workers import Chunked
from corpusreader.corpus.search.index import SearchIndex

SIZE = (120, 36)
PROSE = "The ministers discussed international information security and agreed on a plan of work."


def corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"d{number}.txt").write_text(f"Title number {number}\n\n{PROSE}\n\n{PROSE} {number}\n")
    return folder


async def until_loaded(pilot, app: CorpusReaderApp) -> None:
    for _ in range(600):
        if not app.session.loading and app.session.search_index is not None and app.session.term_index is not None:
            return
        await pilot.pause(0.05)
    raise AssertionError("loading did not end")


async def run_once(folder: Path, tmp_path: Path) -> CorpusReaderApp:
    app = CorpusReaderApp([str(folder)], state_path=tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await until_loaded(pilot, app)
    return app


async def test_a_warm_start_lists_the_corpus_before_reading_any_file(tmp_path, monkeypatch):
    folder = corpus(tmp_path / "c", 6)
    await run_once(folder, tmp_path)
    release = threading.Event()

    def held(real):
        def hold(*args, **kwargs):  # the files are not even looked at until the test says so
            assert release.wait(30)
            return real(*args, **kwargs)
        return hold

    monkeypatch.setattr(pipeline, "scan", held(pipeline.scan))
    monkeypatch.setattr(pipeline, "unchanged", held(pipeline.unchanged))  # the check when no file changed
    app = CorpusReaderApp([str(folder)], state_path=tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(1200):  # up to a minute on a busy machine
            if app.session.documents:
                break
            await pilot.pause(0.05)
        session = app.session
        assert session.checking and session.loading
        assert [d.title for d in session.documents] == [f"Title number {n}" for n in range(6)]
        assert all(isinstance(d, StoredDocument) for d in session.documents)
        await pilot.pause(0.2)
        assert app.reader_screen.document_list.table.row_count == 6
        assert app.reader_screen.document is not None  # readable while the files are checked
        assert app.reader_screen.document.paragraphs[0] == PROSE
        release.set()
        await until_loaded(pilot, app)
        assert not session.checking and len(session.documents) == 6


async def test_a_file_changed_on_disk_is_cleaned_again_and_its_row_updated(tmp_path):
    folder = corpus(tmp_path / "c", 6)
    await run_once(folder, tmp_path)
    (folder / "d4.txt").write_text(f"A new title for four\n\n{PROSE}\n\nA closing line that was not there.\n")
    app = CorpusReaderApp([str(folder)], state_path=tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await until_loaded(pilot, app)
        document = app.session.documents[4]
        assert document.title == "A new title for four"
        assert document.paragraphs[-1] == "A closing line that was not there."
        table = app.reader_screen.document_list.table
        assert str(app.reader_screen.document_list._cells_at(4)[0]).startswith("A new title for four")
        assert table.row_count == 6
        assert [d.title for d in app.session.documents[:4]] == [f"Title number {n}" for n in range(4)]
        for _ in range(1200):  # (up to a minute on a busy machine) the index listed from the store first, then the one updated for the change
            hits = app.session.search_index.search("closing line")
            if hits and hits[0].doc == 4:
                break
            await pilot.pause(0.05)
        assert hits and hits[0].doc == 4  # the indexes were built again with it


async def test_a_removed_file_is_reported_and_an_added_one_listed(tmp_path):
    folder = corpus(tmp_path / "c", 6)
    await run_once(folder, tmp_path)
    (folder / "d1.txt").unlink()
    (folder / "e9.txt").write_text(f"An added page\n\n{PROSE}\n")
    app = CorpusReaderApp([str(folder)], state_path=tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await until_loaded(pilot, app)
        titles = [d.title for d in app.session.documents]
        assert titles[-1] == "An added page" and len(titles) == 7  # the gone one stays listed until the next start
    app = CorpusReaderApp([str(folder)], state_path=tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await until_loaded(pilot, app)
        titles = [d.title for d in app.session.documents]
        assert "Title number 1" not in titles and len(titles) == 6


def test_the_parent_holds_a_bounded_number_of_texts(tmp_path, monkeypatch):
    folder = corpus(tmp_path / "c", 40)
    monkeypatch.setattr(stored, "KEPT", 5)
    documents, _ = build_corpus([str(folder)], use_cache=False)
    documents = documents.documents
    assert all(isinstance(d, StoredDocument) for d in documents)
    raws, _ = pipeline.read_sources(pipeline.discover([str(folder)])[0])
    assert [d.to_json() for d in documents] == [d.to_json() for d in pipeline.iter_documents(raws)]
    bodies = documents[0]._bodies
    assert bodies.reads == 40 and bodies.most_held <= 5


def test_chunks_come_back_in_order():
    pool = Chunked(2)
    try:
        results = pool.map(sorted, [[number] for number in range(20)])
        first = next(results)
        assert first == [0]
        assert [r[0] for r in results] == list(range(1, 20))
    finally:
        pool.close()


def test_no_cache_keeps_the_texts_in_a_private_store_outside_the_cache(tmp_path):
    folder = corpus(tmp_path / "c", 3)
    result, _ = build_corpus([str(folder)], use_cache=False)
    store = result.documents[0]._bodies.store
    assert "corpusreader-store-" in str(store.path)
    assert not (tmp_path / "home" / "cache").exists() or not list((tmp_path / "home" / "cache").rglob("*.sqlite3"))


async def test_a_warm_start_maps_the_cached_search_index_and_an_added_file_updates_it(tmp_path, monkeypatch):
    folder = corpus(tmp_path / "c", 8)
    await run_once(folder, tmp_path)

    def no_build(*args, **kwargs):
        raise AssertionError("the search index was built again from every text")

    monkeypatch.setattr(SearchIndex, "build", no_build)
    app = await run_once(folder, tmp_path)
    index = app.session.search_index
    assert app.session.documents[0]._bodies.reads <= 2  # the open document's text, not every one's
    assert index.mapped is not None and index.search("informaton securty")
    (folder / "e9.txt").write_text(f"An added page\n\n{PROSE}\n\nA quokka was seen in Vienna.\n")
    app = CorpusReaderApp([str(folder)], state_path=tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await until_loaded(pilot, app)
        for _ in range(1200):  # (up to a minute on a busy machine) the index listed from the store first, then the one updated for the new file
            hits = app.session.search_index.search("quokka")
            if hits:
                break
            await pilot.pause(0.05)
        assert [hit.doc for hit in hits] == [8] and app.session.search_index.mapped is not None


def test_cleaning_imports_neither_search_nor_terms(tmp_path):
    """A change to search/ or terms/ keeps the cleaned documents (``cache.NOT_CLEANING``): the cleaning,
    in the parent and in the workers, must not import them."""
    folder = corpus(tmp_path / "c", 50)  # enough for worker processes
    script = ("import sys\nfrom corpusreader.corpus.loading.pipeline import build_corpus\n"
              f"build_corpus([{str(folder)!r}], use_cache=False)\n"
              "from corpusreader.corpus.loading import cache\n"
              "names = tuple('corpusreader.corpus.' + f.removesuffix('.py').rstrip('/').replace('/', '.')"
              " for f in cache.NOT_CLEANING)\n"
              "print(sorted(m for m in sys.modules if m.startswith(names)))")
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
    workers = subprocess.run([sys.executable, "-c", "import sys; from corpusreader.corpus.loading import workers, "
                              "pipeline; print(sorted(m for m in sys.modules if '.search' in m or '.terms' in m or 'indexes' in m))"],
                             capture_output=True, text=True, check=True)
    assert workers.stdout.strip() == "[]"
