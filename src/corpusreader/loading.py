"""The reader's background work: loading the corpus and building its indexes, in thread workers.

Each function here is the body of a thread worker the app starts; it talks to
the app only by posting the messages below (Textual delivers them on the app's
own thread). The engine is imported inside the workers, so that none of it
weighs on the app's start.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import get_current_worker

from .corpus.model import Document, LoadProblem, Source

BATCH_SECONDS = 0.25  # each batch repaints the list: fewer, larger batches leave the cleaner more time


class Read(Message):
    """The files are read: the keys the state is kept under (resolved file paths) by the
    documents' paths, and the files that could not be read."""

    def __init__(self, keys: dict[str, str], problems: list[LoadProblem]) -> None:
        super().__init__()
        self.keys, self.problems = keys, problems


class Loaded(Message):
    """A batch of cleaned documents."""

    def __init__(self, documents: list[Document]) -> None:
        super().__init__()
        self.documents = documents


class Progress(Message):
    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done, self.total = done, total


class LoadEnded(Message):
    def __init__(self, cancelled: bool, error: str | None = None) -> None:
        super().__init__()
        self.cancelled, self.error = cancelled, error


class IndexBuilt(Message):
    """A search or term index (``kind``), or the one-line reason it could not be built."""

    def __init__(self, kind: str, index=None, error: str | None = None) -> None:
        super().__init__()
        self.kind, self.index, self.error = kind, index, error


def state_key(file: Path) -> str:
    """The key a document's reading position is kept under: its resolved path."""
    try:
        return str(file.resolve())
    except (OSError, RuntimeError):
        return str(file.absolute())


def load_documents(target: MessagePump, sources: list[Source], use_cache: bool = True) -> None:
    """Read every source, then clean them one by one, posting batches as they are ready.

    A bug in the engine ends the load with its one-line description; what was
    loaded stays.
    """
    try:
        _load(target, sources, use_cache)
    except Exception as error:
        target.post_message(LoadEnded(cancelled=False, error=f"{type(error).__name__}: {error}"))


def _load(target: MessagePump, sources: list[Source], use_cache: bool) -> None:
    from .corpus.loading.pipeline import iter_documents, read_sources

    worker = get_current_worker()
    total = len(sources)

    def progress(done: int, _: int) -> None:
        if done % 50 == 0:
            target.post_message(Progress(done, total * 2))

    keys = {source.path: state_key(source.file) for source in sources}
    raws, problems = read_sources(sources, progress, stop=lambda: worker.is_cancelled)
    target.post_message(Read(keys, problems))
    if worker.is_cancelled:
        target.post_message(LoadEnded(cancelled=True))
        return
    batch: list[Document] = []
    last = time.monotonic()
    for number, document in enumerate(iter_documents(raws, use_cache), 1):
        if worker.is_cancelled:
            break
        batch.append(document)
        if number == 1 or time.monotonic() - last > BATCH_SECONDS:
            target.post_message(Loaded(batch))
            target.post_message(Progress(total + number, total * 2))
            batch, last = [], time.monotonic()
    if batch:
        target.post_message(Loaded(batch))
    target.post_message(LoadEnded(cancelled=worker.is_cancelled))


def build_search_index(target: MessagePump, documents: list[Document], partial: bool, use_cache: bool) -> None:
    """Build (or take from the cache) the search index; a partial corpus is never cached."""
    from .corpus.loading.indexes import search_index

    _post_index(target, "search", lambda: search_index(documents, use_cache=use_cache and not partial))


def build_term_index(target: MessagePump, documents: list[Document], use_cache: bool) -> None:
    from .corpus.loading.indexes import term_index

    _post_index(target, "terms", lambda: term_index(documents, use_cache=use_cache))


def _post_index(target: MessagePump, kind: str, build: Callable[[], object]) -> None:
    worker = get_current_worker()
    try:
        index = build()
    except Exception as error:  # a bug in the engine: say so, the reader goes on without it
        target.post_message(IndexBuilt(kind, error=f"{type(error).__name__}: {error}"))
        return
    if not worker.is_cancelled:
        target.post_message(IndexBuilt(kind, index))
