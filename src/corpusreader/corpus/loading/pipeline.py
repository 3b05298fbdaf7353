"""From paths named by the user to a cleaned ``Corpus``: load, count templates, clean.

Cleaned documents come from the cache where their key is known; the rest are
cleaned, in two processes when there are enough of them to pay for it, and
put in the cache.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext

from ..cleaning.cleaner import template_from
from ..html.dispatch import cache_text, clean_raw, unit_keys
from ..model import Corpus, Document, LoadProblem, RawDocument, Source
from . import cache as cache_module
from .files import discover, read
from .workers import end_with_parent

PARALLEL_FROM = 150
"""Documents to clean before a second process pays for its start (about 0.3 s)."""
CHUNK = 40


def read_sources(
    sources: Sequence[Source],
    progress: Callable[[int, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> tuple[list[RawDocument], list[LoadProblem]]:
    """Read each source: the raw documents, and the problems of the files that cannot be read.

    ``progress(done, total)`` is called after each file; reading ends early
    once ``stop()`` says so (the reader's Esc).
    """
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


def _clean_rows(raws: list[RawDocument], template: frozenset[str]) -> list[bytes]:
    return [cache_module.document_to_row(clean_raw(raw, template)) for raw in raws]


def _worker_count(todo: int) -> int:
    if todo < PARALLEL_FROM:
        return 1
    return max(1, min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def process(raws: list[RawDocument], use_cache: bool = True) -> Iterator[tuple[int, Document]]:
    """Each raw document's index and cleaned document, cached ones first (``use_cache=False``:
    neither read nor write the cache)."""
    store = cache_module.Cache() if use_cache else None
    try:
        yield from _process(raws, store)
    finally:
        if store:
            store.close()


def _process(raws: list[RawDocument], store: cache_module.Cache | None) -> Iterator[tuple[int, Document]]:
    keys_of = [unit_keys(raw) for raw in raws]
    template = template_from(keys_of)
    keys = [cache_module.document_key(cache_text(raw), k & template) for raw, k in zip(raws, keys_of)]
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
        for chunk in chunks:
            yield from _store(chunk, _clean_rows([raws[i] for i in chunk], template), raws, keys, store)
        return
    yield from _in_processes(chunks, workers, raws, template, keys, store)


def _in_processes(chunks: list[list[int]], workers: int, raws: list[RawDocument], template: frozenset[str],
                  keys: list[str], store: cache_module.Cache | None) -> Iterator[tuple[int, Document]]:
    """Clean chunks in worker processes, a few in flight at a time, so that
    stopping early (the reader's Esc) stops at once instead of finishing all.
    If the workers cannot run, the rest is cleaned here."""
    pool = _pool(workers)
    done = 0
    try:
        waiting = iter(chunks)
        in_flight: deque = deque()

        def submit() -> None:
            chunk = next(waiting, None)
            if chunk is not None:
                in_flight.append((chunk, pool.submit(_clean_rows, [raws[i] for i in chunk], template)))

        for _ in range(workers * 2):
            submit()
        while in_flight:
            chunk, future = in_flight.popleft()
            rows = future.result()
            submit()
            done += 1
            yield from _store(chunk, rows, raws, keys, store)
    except BrokenProcessPool:
        for chunk in chunks[done:]:
            yield from _store(chunk, _clean_rows([raws[i] for i in chunk], template), raws, keys, store)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _pool(workers: int) -> ProcessPoolExecutor:
    """Forked workers where this process has no other thread (fast, and no
    re-import of the main script); spawned ones inside the app, whose threads
    make forking unsafe."""
    context: BaseContext
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
    else:
        _start_resource_tracker()
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=end_with_parent,
                               initargs=(os.getpid(),))


def _start_resource_tracker() -> None:
    """Start multiprocessing's helper process with the real standard error: a
    terminal app (Textual) replaces ``sys.stderr`` with an object without a
    file descriptor, which the helper's start would refuse."""
    from multiprocessing import resource_tracker

    saved = sys.stderr
    try:
        try:
            usable = saved.fileno() >= 0
        except (AttributeError, OSError, ValueError):
            usable = False
        if not usable:
            sys.stderr = sys.__stderr__
        if sys.stderr is not None and sys.stderr.fileno() >= 0:
            resource_tracker.ensure_running()
    except (AttributeError, OSError, ValueError):
        pass
    finally:
        sys.stderr = saved


def _store(chunk: list[int], rows: list[bytes], raws: list[RawDocument], keys: list[str],
           store: cache_module.Cache | None) -> Iterator[tuple[int, Document]]:
    if store:
        store.put_documents((keys[i], row) for i, row in zip(chunk, rows))
    for i, row in zip(chunk, rows):
        yield i, cache_module.document_from_row(raws[i].path, row)


def iter_documents(raws: list[RawDocument], use_cache: bool = True) -> Iterator[Document]:
    """Clean each document (or take it from the cache), as soon as it is ready."""
    for _, document in process(raws, use_cache):
        yield document


def build_corpus(
    paths: Iterable[str],
    progress: Callable[[int, int], None] | None = None,
    use_cache: bool = True,
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
