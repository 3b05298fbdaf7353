"""From paths named by the user to a cleaned ``Corpus``: load, count templates, clean.

Cleaned documents come from the cache where their key is known; the rest are
cleaned, in two processes when there are enough of them to pay for it, and
put in the cache.
"""

from __future__ import annotations

import multiprocessing
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from . import cache as cache_module
from .clean import clean, line_keys, template_from
from .load import discover, read
from .model import Corpus, Document, LoadProblem, RawDocument, Source

PARALLEL_FROM = 150
"""Documents to clean before a second process pays for its start (about 0.3 s)."""
CHUNK = 40
USE_CACHE = True
"""Whether commands use the cache by default (``--no-cache`` turns it off)."""


def read_sources(sources: Iterable[Source]) -> tuple[list[RawDocument], list[LoadProblem]]:
    raws: list[RawDocument] = []
    problems: list[LoadProblem] = []
    for source in sources:
        result = read(source)
        (problems if isinstance(result, LoadProblem) else raws).append(result)
    return raws, problems


def _clean_rows(raws: list[RawDocument], template: frozenset[str]) -> list[bytes]:
    return [cache_module.document_to_row(clean(raw, template)) for raw in raws]


def _worker_count(todo: int) -> int:
    if todo < PARALLEL_FROM:
        return 1
    return max(1, min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def process(raws: list[RawDocument], use_cache: bool | None = None) -> Iterator[tuple[int, Document]]:
    """Each raw document's index and cleaned document, cached ones first."""
    use_cache = USE_CACHE if use_cache is None else use_cache
    store = cache_module.Cache() if use_cache else None
    try:
        yield from _process(raws, store)
    finally:
        if store:
            store.close()


def _process(raws: list[RawDocument], store: cache_module.Cache | None) -> Iterator[tuple[int, Document]]:
    keys_of = [line_keys(raw) for raw in raws]
    template = template_from(keys_of)
    keys = [cache_module.document_key(raw.text, k & template) for raw, k in zip(raws, keys_of)]
    del keys_of
    cached = store.get_documents(keys) if store else {}
    todo: list[int] = []
    for i, raw in enumerate(raws):
        row = cached.pop(keys[i], None)
        if row is None:
            todo.append(i)
            continue
        try:
            yield i, cache_module.document_from_row(raw.path, row)
        except (ValueError, TypeError, KeyError, zlib.error):  # a row of another shape: clean it again
            todo.append(i)
    chunks = [todo[start : start + CHUNK] for start in range(0, len(todo), CHUNK)]
    workers = _worker_count(len(todo))
    if workers == 1:
        results: Iterable[list[bytes]] = (_clean_rows([raws[i] for i in chunk], template) for chunk in chunks)
        yield from _store(results, chunks, raws, keys, store)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        results = pool.map(_clean_rows, ([raws[i] for i in chunk] for chunk in chunks), [template] * len(chunks))
        yield from _store(results, chunks, raws, keys, store)


def _store(results, chunks, raws, keys, store) -> Iterator[tuple[int, Document]]:
    for chunk, rows in zip(chunks, results):
        if store:
            store.put_documents((keys[i], row) for i, row in zip(chunk, rows))
        for i, row in zip(chunk, rows):
            yield i, cache_module.document_from_row(raws[i].path, row)


def iter_documents(raws: list[RawDocument], use_cache: bool | None = None) -> Iterator[Document]:
    """Clean each document (or take it from the cache), as soon as it is ready."""
    for _, document in process(raws, use_cache):
        yield document


def build_corpus(
    paths: Iterable[str],
    progress: Callable[[int, int], None] | None = None,
    use_cache: bool | None = None,
) -> tuple[Corpus, list[LoadProblem]]:
    """Load and clean everything named. Returns the corpus, in the order of
    the files, and the problems with the command-line paths themselves
    (which the contract makes fatal)."""
    sources, named_problems, inner_problems = discover(paths)
    raws, read_problems = read_sources(sources)
    documents: list[Document | None] = [None] * len(raws)
    for done, (i, document) in enumerate(process(raws, use_cache), 1):
        documents[i] = document
        if progress:
            progress(done, len(raws))
    corpus = Corpus([d for d in documents if d is not None], inner_problems + read_problems)
    return corpus, named_problems
