"""The reader's Session (what is loaded, in one place) and the cache option passed down to the app."""

from __future__ import annotations

from pathlib import Path

from corpusreader.app import CorpusReaderApp
from corpusreader.corpus.loading import pipeline
from corpusreader.corpus.loading.files import discover, read
from corpusreader.corpus.loading.indexes import search_index
from corpusreader.corpus.loading.pipeline import iter_documents, read_sources
from corpusreader.corpus.model import Document
from corpusreader.loading import state_key
from corpusreader.session import Session

SIZE = (120, 36)
PROSE = "The ministers discussed international information security and agreed on a plan of work."


def corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"d{number}.txt").write_text(f"Title {number}\n\n{PROSE}\n\n{PROSE} {number}\n", encoding="utf-8")
    return folder


def session_and_documents(folder: Path, tmp_path: Path) -> tuple[Session, list[Document]]:
    """A session with its keys (as the app's loader gives them) and the documents still to add."""
    session = Session([str(folder)], discover([str(folder)])[0], state_path=tmp_path / "state.json", use_cache=False)
    session.keys = {source.path: state_key(source.file) for source in session.sources}
    raws, problems = read_sources(session.sources)
    assert not problems
    return session, list(iter_documents(raws, use_cache=False))


def test_the_document_read_last_is_opened_when_it_comes_not_the_first(tmp_path):
    session, documents = session_and_documents(corpus(tmp_path / "c", 4), tmp_path)
    session.state.last_document = session.key_of(documents[2])
    assert session.add(documents[:2]) == 0
    assert session.to_open(0) is None  # the one read last is still to come: wait for it
    assert session.add(documents[2:]) == 2
    assert session.to_open(2) == 2
    assert session.has(3) and not session.has(4) and not session.has(-1)


def test_without_a_document_read_last_among_them_the_first_is_opened(tmp_path):
    session, documents = session_and_documents(corpus(tmp_path / "c", 3), tmp_path)
    session.state.last_document = str(tmp_path / "elsewhere.txt")
    session.add(documents[:1])
    assert session.to_open(0) == 0
    session.add(documents[1:])
    assert session.to_open(1) is None  # a later batch opens nothing by itself


def test_a_search_index_is_wanted_again_when_more_came_during_the_load(tmp_path):
    session, documents = session_and_documents(corpus(tmp_path / "c", 3), tmp_path)
    session.add(documents[:1])
    assert session.search_index_wanted()
    session.search_index, session.search_size = search_index(documents[:1], use_cache=False), 1
    assert not session.search_index_wanted()
    session.add(documents[1:])
    assert session.search_index_wanted()  # built on fewer than are loaded now
    session.loading = False
    assert not session.search_index_wanted()  # the app builds it again itself when the load ends


def test_reading_stops_when_asked_and_reports_progress(tmp_path):
    folder = corpus(tmp_path / "c", 5)
    session = Session([str(folder)], discover([str(folder)])[0], state_path=tmp_path / "state.json")
    seen: list[tuple[int, int]] = []
    raws, problems = read_sources(session.sources, lambda done, total: seen.append((done, total)),
                                  stop=lambda: len(seen) == 3)
    assert len(raws) == 3 and not problems and seen == [(1, 5), (2, 5), (3, 5)]
    assert [r.path for r in raws] == [r.path for r in (read(s) for s in session.sources[:3])]


def test_the_cache_option_has_no_module_switch():
    assert not hasattr(pipeline, "USE_CACHE")


async def test_the_app_without_the_cache_writes_none_and_with_it_does(tmp_path, monkeypatch):
    folder = corpus(tmp_path / "c", 2)
    for use_cache in (False, True):
        cache = tmp_path / f"cache-{use_cache}"
        monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
        app = CorpusReaderApp([str(folder)], state_path=tmp_path / "state.json", use_cache=use_cache)
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(600):
                session = app.session
                if not session.loading and session.search_index is not None and session.term_index is not None:
                    break
                await pilot.pause(0.05)
            assert len(app.session.documents) == 2 and app.session.term_index is not None
        written = [p for p in cache.rglob("*") if p.is_file()]
        assert bool(written) == use_cache, written
