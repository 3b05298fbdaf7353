"""The search index with the cache (issue 12): a file mapped, not a copy on the heap; updated for files
added, removed or changed without indexing the others again; a damaged file made again."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpusreader.corpus.loading import cache as cache_module
from corpusreader.corpus.loading import indexes
from corpusreader.corpus.loading.pipeline import build_corpus
from corpusreader.corpus.search import mapped
from corpusreader.corpus.search.index import SearchIndex

PROSE = ("The ministers discussed international information security and agreed on a plan of work. "
         "Delegations from {place} raised the question of critical infrastructure.")
PLACES = ["Vienna", "Geneva", "Moscow", "Minsk", "Astana", "Baku", "Yerevan", "Tashkent", "Bishkek", "Dushanbe"]
QUERIES = ["informaton securty", "Vienna", "critical infrastructre", "ministers plan", "Zanzibar", "quokka", "Ta"]


def page(number: int, extra: str = "") -> str:
    place = PLACES[number % len(PLACES)]
    return f"Statement number {number}\n\n{PROSE.format(place=place)}\n\nParagraph {number} of the page. {extra}\n"


def corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"d{number:03d}.txt").write_text(page(number))
    return folder


def hits(index: SearchIndex) -> list:
    return [[hit.to_json() for hit in index.search(query, 50, typing=typing)]
            for query in QUERIES for typing in (True, False)]


def loaded(folder: Path):
    return build_corpus([str(folder)])[0].documents


def index_files() -> list[Path]:
    return sorted(cache_module.Cache().search_folder.glob("*.idx"))


def test_with_the_cache_the_index_is_a_mapped_file_with_the_same_hits(tmp_path):
    documents = loaded(corpus(tmp_path / "c", 12))
    in_memory = indexes.search_index(documents, use_cache=False)
    first = indexes.search_index(documents)
    again = indexes.search_index(documents)
    assert first.mapped is not None and again.mapped is not None
    assert len(index_files()) == 1
    assert hits(first) == hits(again) == hits(in_memory)
    assert again.to_bytes() == in_memory.to_bytes()


@pytest.mark.parametrize("change", ["added", "removed", "changed", "all three"])
def test_files_added_removed_or_changed_update_the_index_without_a_rebuild(tmp_path, monkeypatch, change):
    folder = corpus(tmp_path / "c", 30)
    indexes.search_index(loaded(folder))
    if change in ("added", "all three"):
        for number in (30, 31):
            (folder / f"e{number}.txt").write_text(page(number, "A quokka was seen in Zanzibar."))
    if change in ("removed", "all three"):
        (folder / "d010.txt").unlink()
        (folder / "d000.txt").unlink()
    if change in ("changed", "all three"):
        (folder / "d020.txt").write_text(page(20, "Now it speaks of Zanzibar.\n\nAnd of a second paragraph."))
    documents = loaded(folder)
    bodies = documents[0]._bodies
    before = bodies.reads

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the whole index was built again")

    with monkeypatch.context() as patched:
        patched.setattr(SearchIndex, "build", no_rebuild)
        updated = indexes.search_index(documents)
    # the texts read from the store: only the new or changed documents'
    assert bodies.reads - before == {"added": 2, "removed": 0, "changed": 1, "all three": 3}[change]
    expected = indexes.search_index(loaded(folder), use_cache=False)
    assert updated.mapped is not None
    assert hits(updated) == hits(expected)
    assert updated.to_bytes() == expected.to_bytes()
    assert len(index_files()) == 1  # the old file is gone with its pointer
    fresh = tmp_path / "fresh.idx"
    expected.save(fresh, indexes._digests(documents))
    assert index_files()[0].read_bytes() == fresh.read_bytes()  # the very file a full build writes


def test_an_update_that_would_keep_too_little_builds_anew(tmp_path):
    folder = corpus(tmp_path / "c", 10)
    indexes.search_index(loaded(folder))
    for number in range(10):
        (folder / f"d{number:03d}.txt").write_text(page(number + 100, "All new."))
    documents = loaded(folder)
    assert hits(indexes.search_index(documents)) == hits(indexes.search_index(documents, use_cache=False))


def test_a_damaged_or_missing_index_file_is_made_again(tmp_path):
    documents = loaded(corpus(tmp_path / "c", 12))
    expected = hits(indexes.search_index(documents, use_cache=False))
    indexes.search_index(documents)
    path = index_files()[0]
    good = path.read_bytes()
    for damaged in (good[: len(good) // 2], good[:100] + bytes([good[100] ^ 1]) + good[101:],
                    good[:-5] + bytes([good[-5] ^ 0x40]) + good[-4:], b""):
        path.write_bytes(damaged)
        assert hits(indexes.search_index(documents)) == expected
        assert path.read_bytes() == good
    path.unlink()
    assert hits(indexes.search_index(documents)) == expected and path.exists()


def test_a_file_that_does_not_fit_the_documents_is_refused(tmp_path):
    documents = loaded(corpus(tmp_path / "c", 6))
    path = tmp_path / "index.idx"
    SearchIndex.build(documents).save(path, indexes._digests(documents))
    with pytest.raises(ValueError):
        SearchIndex.open(path, documents[:-1])
    with pytest.raises(ValueError):
        mapped.MappedFile(tmp_path / "missing.idx")


def test_a_pointer_to_a_file_elsewhere_is_never_followed(tmp_path):
    documents = loaded(corpus(tmp_path / "c", 6))
    indexes.search_index(documents)
    outside = tmp_path / "outside.idx"
    SearchIndex.build(documents[:3]).save(outside, indexes._digests(documents[:3]))
    folder = cache_module.Cache().search_folder
    for name in (str(outside), "../outside.idx", "0" * 32 + ".idx/.."):
        assert indexes._pointed(folder, indexes._pointer(name)) is None


def test_a_second_folder_named_updates_the_index_though_the_paths_shown_change(tmp_path, monkeypatch):
    first = corpus(tmp_path / "a", 20)
    indexes.search_index(loaded(first))
    second = tmp_path / "b"
    second.mkdir()
    (second / "extra.txt").write_text(page(50, "A quokka was seen in Zanzibar."))
    documents = build_corpus([str(first), str(second)])[0].documents

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the whole index was built again")

    with monkeypatch.context() as patched:
        patched.setattr(SearchIndex, "build", no_rebuild)
        updated = indexes.search_index(documents)
    assert [hit.doc for hit in updated.search("quokka")] == [20]
    assert hits(updated) == hits(indexes.search_index(documents, use_cache=False))


def test_a_file_another_version_of_the_search_code_wrote_is_built_anew_not_updated(tmp_path, monkeypatch):
    """Postings from an older tokenizer would stay in an updated file: a new engine builds its own."""
    folder = corpus(tmp_path / "c", 12)
    indexes.search_index(loaded(folder))
    (folder / "e99.txt").write_text(page(99, "A quokka was seen in Zanzibar."))
    builds = []
    build = SearchIndex.build

    def counted(*args, **kwargs):
        builds.append(1)
        return build(*args, **kwargs)

    monkeypatch.setattr(cache_module, "index_engine", lambda: "the search code of a later version")
    monkeypatch.setattr(SearchIndex, "build", counted)
    index = indexes.search_index(loaded(folder))
    assert builds == [1] and index.mapped is not None
    assert hits(index) == hits(indexes.search_index(loaded(folder), use_cache=False))
    assert len(builds) == 2  # the in-memory one just above; the mapped one is opened again, not rebuilt
    assert indexes.search_index(loaded(folder)).mapped is not None and len(builds) == 2


def test_a_half_written_file_a_killed_writer_left_goes_once_it_is_old(tmp_path):
    import os
    import time

    folder = corpus(tmp_path / "c", 6)
    indexes.search_index(loaded(folder))
    search_folder = cache_module.Cache().search_folder
    old, fresh = search_folder / ".search-old.tmp", search_folder / ".search-fresh.tmp"
    for leftover in (old, fresh):
        leftover.write_bytes(b"half")
    long_ago = time.time() - indexes.STALE_WRITE - 60
    os.utime(old, (long_ago, long_ago))
    (folder / "e7.txt").write_text(page(7, "One more."))
    indexes.search_index(loaded(folder))
    assert not old.exists() and fresh.exists()  # a writer may still be on its way with the fresh one
