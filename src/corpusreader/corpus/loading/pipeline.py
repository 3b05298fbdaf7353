"""From paths named by the user to a cleaned ``Corpus`` whose documents live in the store.

Two passes over the files, each in worker processes when there are enough
files to pay for them, each streaming its results back in order:

1. *scan*: each file not seen before with this size and modification time is
   read, and only its text's hash and the hashes of its line keys come back
   (``line_hashes``); the template is counted from those hashes;
2. *clean*: each document whose key (text, template lines in it) has no row
   in the store is read again and cleaned in a worker; its row goes into the
   store and a ``StoredDocument`` (head only) comes back.

The parent never holds the corpus's texts: at most ``IN_FLIGHT`` chunks of
results are on their way at once, and a document's text is read from the store
when it is asked for (``stored.BodyCache``). Without the cache, the store is a
private temporary file, removed at exit.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..cleaning.cleaner import template_from
from ..html.dispatch import cache_text, clean_raw, unit_keys
from ..model import Corpus, Document, LoadProblem, RawDocument, Source
from . import cache as cache_module
from .files import discover, read
from .line_hashes import HashedTemplate, hashes_of, page_template_key, template_hashes
from .manifest import Listed, corpus_id, open_store  # noqa: F401 (the store's, said here too)
from .stored import BodyCache, StoredDocument
from .workers import Chunked

PARALLEL_FROM = 150
"""Files to handle before a second process pays for its start (about 0.3 s)."""
CHUNK = 40

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: stage is "scan" or "clean"."""


@dataclass(slots=True)
class Entry:
    """A source as the scan found it: its text's hash and line hashes, or why it cannot be read."""

    source: Source
    text_key: str = ""
    hashes: array | None = None
    problem: LoadProblem | None = None


def read_sources(
    sources: Sequence[Source],
    progress: Callable[[int, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> tuple[list[RawDocument], list[LoadProblem]]:
    """Read each source: the raw documents, and the problems of the files that cannot be read."""
    raws: list[RawDocument] = []
    problems: list[LoadProblem] = []
    for done, source in enumerate(sources, 1):
        if stop is not None and stop():
            break
        result = read(source)
        if isinstance(result, LoadProblem):
            problems.append(result)
        else:
            raws.append(result)
        if progress:
            progress(done, len(sources))
    return raws, problems


def iter_documents(raws: list[RawDocument], use_cache: bool = False) -> Iterator[Document]:
    """Raw documents already in memory, cleaned here with their corpus's template (small corpora, tests)."""
    template = template_from([unit_keys(raw) for raw in raws])
    for raw in raws:
        yield clean_raw(raw, template)


# -- the work done in the workers (or here, for a few files) --------------------------------------


def _stat(file: Path) -> tuple[int, int]:
    try:
        info = file.stat()
    except OSError:
        return -1, -1
    return info.st_size, info.st_mtime_ns


def scan_files(sources: list[Source]) -> list[tuple[int, int, str, bytes] | LoadProblem]:
    """Each file's size, mtime, text hash and line hashes (or why it cannot be read)."""
    out: list[tuple[int, int, str, bytes] | LoadProblem] = []
    for source in sources:
        size, mtime = _stat(source.file)
        raw = read(source)
        if isinstance(raw, LoadProblem):
            out.append(raw)
            continue
        out.append((size, mtime, cache_module.text_key(cache_text(raw)), hashes_of(unit_keys(raw)).tobytes()))
    return out


def _clean_rows(raws: list[RawDocument], template: frozenset[str]) -> list[tuple[str, bytes]]:
    """Each raw document cleaned: its head and its row."""
    rows = []
    for raw in raws:
        document = clean_raw(raw, template)
        rows.append((cache_module.document_head(document), cache_module.document_to_row(document)))
    return rows


def clean_files(sources: list[Source], template: frozenset[int]) -> list[tuple[str, bytes] | LoadProblem]:
    """Each file read again and cleaned with the corpus's template (as hashes)."""
    hashed = HashedTemplate(template)
    out: list[tuple[str, bytes] | LoadProblem] = []
    for source in sources:
        raw = read(source)
        out.append(raw if isinstance(raw, LoadProblem) else _clean_rows([raw], hashed)[0])
    return out


# -- the passes ------------------------------------------------------------------------------


def _workers(todo: int) -> int:
    if todo < PARALLEL_FROM:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(2, cores))


def _in_chunks(function: Callable, items: list, extra: tuple, workers: Chunked | None) -> Iterator:
    """``function(chunk, *extra)`` over chunks of items, in order, one result an item."""
    chunks = [items[start : start + CHUNK] for start in range(0, len(items), CHUNK)]
    results = workers.map(function, chunks, extra) if workers else (function(c, *extra) for c in chunks)
    for result in results:
        yield from result


def scan(sources: Sequence[Source], store: cache_module.Cache, pool: Chunked | None,
         progress: Progress | None = None, stop: Callable[[], bool] | None = None) -> list[Entry]:
    """Every source's text hash and line hashes: from the store for a file of the same size and
    mtime, else read (in the workers). Ends early, with what it has, once ``stop()`` says so."""
    entries = [Entry(source) for source in sources]
    known = store.get_files([str(source.file) for source in sources])
    todo: list[int] = []
    for number, entry in enumerate(entries):
        row = known.get(str(entry.source.file))
        if row is not None and row[:2] == _stat(entry.source.file) and len(row[3]) % 8 == 0:
            entry.text_key, entry.hashes = row[2], array("Q", row[3])
        else:
            todo.append(number)
    rows: list[tuple[str, int, int, str, bytes]] = []
    results = _in_chunks(scan_files, [entries[i].source for i in todo], (), pool)
    for done, (number, result) in enumerate(zip(todo, results), 1):
        entry = entries[number]
        if isinstance(result, LoadProblem):
            entry.problem = result
        else:
            size, mtime, entry.text_key, hashes = result
            entry.hashes = array("Q", hashes)
            rows.append((str(entry.source.file), size, mtime, entry.text_key, hashes))
        if len(rows) >= 500:
            store.put_files(rows)
            rows = []
        if progress:
            progress("scan", done, len(todo))
        if stop is not None and stop():
            break
    store.put_files(rows)
    return entries


def clean(entries: list[Entry], store: cache_module.Cache, bodies: BodyCache, pool: Chunked | None,
          progress: Progress | None = None) -> Iterator[tuple[int, StoredDocument | LoadProblem]]:
    """Each scanned entry's document, in order: its head from the store, or cleaned (in the
    workers) and stored. ``(number, problem)`` for a file that cannot be read."""
    template = bodies.template = template_hashes(e.hashes for e in entries if e.hashes is not None)
    keys: dict[int, tuple[str, bytes]] = {}
    shared: dict[bytes, bytes] = {}  # pages of one site hold the same template lines: one bytes object for them
    for number, entry in enumerate(entries):
        if entry.hashes is not None:
            own = page_template_key(entry.hashes, template)
            own = shared.setdefault(own, own)
            keys[number] = (cache_module.document_key(entry.text_key, own), own)
            entry.hashes = None  # counted
    present = store.stored_keys([key for key, _ in keys.values()])
    todo = [n for n, (key, _) in keys.items() if key not in present]
    cleaned = _in_chunks(clean_files, [entries[n].source for n in todo], (template,), pool)
    waiting = set(todo)
    done = 0
    rows: list[tuple[str, str, bytes]] = []  # stored a chunk at a time: one transaction each
    made: dict[str, str] = {}  # the heads of the chunk's documents cleaned here, by key
    ready: list[tuple[int, LoadProblem | tuple[Entry, str, bytes]]] = []
    for number, entry in enumerate(entries):
        if number not in keys:
            if entry.problem is not None:
                ready.append((number, entry.problem))
            continue
        key, own = keys[number]
        if number in waiting:
            result = next(cleaned)
            done += 1
            if isinstance(result, LoadProblem):  # changed between the passes
                ready.append((number, result))
                continue
            rows.append((key, *result))
            made[key] = result[0]
        ready.append((number, (entry, key, own)))
        if len(rows) >= CHUNK or len(ready) >= CHUNK:
            store.put_documents(rows)  # before the documents go out: their texts are read from there
            if progress and rows:
                progress("clean", done, len(todo))
            rows = []
            yield from _documents(ready, made, store, bodies, template)
            ready, made = [], {}
    store.put_documents(rows)
    yield from _documents(ready, made, store, bodies, template)


def _documents(ready: list[tuple[int, LoadProblem | tuple[Entry, str, bytes]]], made: dict[str, str],
               store: cache_module.Cache, bodies: BodyCache,
               template: frozenset[int]) -> Iterator[tuple[int, StoredDocument | LoadProblem]]:
    """A chunk's documents, their heads read from the store in one query (those just cleaned: as made)."""
    wanted = [item[1] for _, item in ready if isinstance(item, tuple) and item[1] not in made]
    heads = store.get_heads(wanted) if wanted else {}
    heads.update(made)
    for number, item in ready:
        if isinstance(item, LoadProblem):
            yield number, item
            continue
        entry, key, own = item
        try:
            parsed = cache_module.head_from_text(heads.get(key, ""))  # two same files: one key
        except ValueError:
            parsed = cache_module.head_from_text(_remade_head(entry, key, template, store))
        yield number, StoredDocument(entry.source.path, key, parsed, bodies, str(entry.source.file), own)


def _remade_head(entry: Entry, key: str, template: frozenset[int], store: cache_module.Cache) -> str:
    """A head that would not read back: clean the file again here and store it anew."""
    result = clean_files([entry.source], template)[0]
    if isinstance(result, LoadProblem):
        raise ValueError(result.reason)
    store.put_documents([(key, *result)])
    return result[0]


def remake(document: StoredDocument) -> Document:
    """A stored document whose row is lost or damaged, cleaned again from its file."""
    raw = read(Source(document.path, Path(document.file)))
    if isinstance(raw, LoadProblem):
        return Document(document.path, title=document.title, notice=raw.reason)
    template = document._bodies.template  # the corpus's, once counted; until then the hashes the page holds
    head, row = _clean_rows([raw], HashedTemplate(array("Q", document.template) if template is None else template))[0]
    document._bodies.store.put_documents([(document.key, head, row)])
    return cache_module.document_from_row(document.path, row)


# -- the store -------------------------------------------------------------------------------


def unchanged(sources: Sequence[Source], listed: Listed,
              stop: Callable[[], bool] | None = None) -> list[StoredDocument] | None:
    """The listed documents in the sources' order, when the corpus is the one listed file for file (the
    same paths shown, each file of the size and mtime it had when it was read, keys this engine made):
    its template and every document's key are then what they were, and nothing needs reading. None
    when anything differs (or ``stop()`` says so)."""
    documents = listed.documents
    if not listed.current or len(sources) != len(documents):
        return None
    by_file = {document.file: number for number, document in enumerate(documents)}
    if len(by_file) != len(documents):
        return None
    found = []
    for count, source in enumerate(sources):
        number = by_file.get(str(source.file))
        if number is None or documents[number].path != source.path:
            return None
        if _stat(source.file) != (listed.sizes[number], listed.mtimes[number]):
            return None
        found.append(documents[number])
        if count % 1000 == 999 and stop is not None and stop():
            return None
    return found


def load_stored(sources: Sequence[Source], store: cache_module.Cache, progress: Progress | None = None,
                stop: Callable[[], bool] | None = None, bodies: BodyCache | None = None,
                listed: Listed | None = None) -> Iterator[tuple[int, StoredDocument | LoadProblem]]:
    """Scan and clean ``sources``: each one's document (or problem), in order, as it is ready. With the
    corpus as a manifest ``listed`` it, if no file changed: the listed documents, nothing read."""
    same = unchanged(sources, listed, stop) if listed is not None else None
    if same is not None:
        yield from enumerate(same)
        return
    bodies = bodies or BodyCache(store, remake=remake)
    workers = _workers(len(sources))
    pool = Chunked(workers) if workers > 1 else None
    try:
        entries = scan(sources, store, pool, progress, stop)
        if stop is not None and stop():
            return
        yield from clean(entries, store, bodies, pool, progress)
    finally:
        if pool is not None:
            pool.close()
        store.close()  # reopened when a document's text is first asked for


def build_corpus(
    paths: Iterable[str],
    progress: Callable[[int, int], None] | None = None,
    use_cache: bool = True,
) -> tuple[Corpus, list[LoadProblem]]:
    """Load and clean everything named. Returns the corpus, in the order of the files (its
    documents' texts in the store, read when asked for), and the problems with the
    command-line paths themselves (which the contract makes fatal)."""
    sources, named_problems, inner_problems = discover(paths)
    store = open_store(use_cache)
    documents: list[Document] = []
    problems: list[LoadProblem] = []

    def report(stage: str, done: int, total: int) -> None:
        if progress and stage == "clean":
            progress(done, total)

    for _, result in load_stored(sources, store, report):
        if isinstance(result, LoadProblem):
            problems.append(result)
        else:
            documents.append(result)
    return Corpus(documents, inner_problems + problems), named_problems
