"""The reader's background work: loading the corpus and building its indexes, in thread workers.

Each function here is the body of a thread worker the app starts; it talks to
the app only by posting the messages below (Textual delivers them on the app's
own thread). The engine is imported inside the workers, so that none of it
weighs on the app's start.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import get_current_worker

from .corpus.model import Document, LoadProblem, Source

if TYPE_CHECKING:
    from .corpus.loading.stored import StoredDocument

BATCH_SECONDS = 0.25  # each batch repaints the list: fewer, larger batches leave the cleaner more time
SHOWN_WAIT = 2.0  # at most this long, the files' check waits for the list from the store to be on screen


class Read(Message):
    """The files are read: the keys the state is kept under (resolved file paths) by the
    documents' paths, and the files that could not be read."""

    def __init__(self, keys: dict[str, str], problems: list[LoadProblem]) -> None:
        super().__init__()
        self.keys, self.problems = keys, problems


class Found(Message):
    """The sources were found (the files named and those of the folders), and these problems."""

    def __init__(self, sources: list[Source], problems: list[LoadProblem]) -> None:
        super().__init__()
        self.sources, self.problems = sources, problems


class Loaded(Message):
    """A batch of cleaned documents (``checking``: listed from the store, their files still to check)."""

    def __init__(self, documents: list[Document], checking: bool = False) -> None:
        super().__init__()
        self.documents, self.checking = documents, checking


class Replaced(Message):
    """Listed document ``index`` changed on disk: here it is cleaned again."""

    def __init__(self, index: int, document: Document) -> None:
        super().__init__()
        self.index, self.document = index, document


class Progress(Message):
    """``done`` of ``total`` files (``stage``: "scan", read for the template; "clean"), after ``elapsed`` s."""

    def __init__(self, done: int, total: int, stage: str = "clean", elapsed: float = 0.0) -> None:
        super().__init__()
        self.done, self.total, self.stage, self.elapsed = done, total, stage, elapsed

    @property
    def line(self) -> str:
        """``1,204 / 7,235 pages · 18 s left``."""
        left = self.elapsed / self.done * (self.total - self.done) if self.done else 0.0
        what = "pages checked" if self.stage == "scan" else "pages"
        return f"{self.done:,} / {self.total:,} {what}" + (f" · {left:.0f} s left" if self.done else "")


class LoadEnded(Message):
    """The load is over (``gone``: listed documents whose files are no longer there)."""

    def __init__(self, cancelled: bool, error: str | None = None, gone: int = 0) -> None:
        super().__init__()
        self.cancelled, self.error, self.gone = cancelled, error, gone


class IndexBuilt(Message):
    """A search or term index (``kind``), or the one-line reason it could not be built."""

    def __init__(self, kind: str, index=None, error: str | None = None) -> None:
        super().__init__()
        self.kind, self.index, self.error = kind, index, error


def state_key(file: Path) -> str:
    """The key a document's reading position is kept under: its resolved path (``Path.resolve``'s,
    made without its objects: a corpus has many)."""
    try:
        return os.path.realpath(file)
    except (OSError, ValueError):
        return os.path.abspath(file)


def load_documents(target: MessagePump, sources: list[Source] | None, use_cache: bool = True,
                   paths: list[str] | None = None, shown: threading.Event | None = None) -> None:
    """List the corpus from the store if it was loaded before, then check and clean the files,
    posting batches (and, for a listed document whose file changed, its replacement).

    Without ``sources``, the files are found here (``Found``), after a list from the store
    is posted: listing 100,000 files takes seconds. A list from the store is on screen
    before the files are checked: the check waits
    for ``shown`` (set by the app once it painted the list), so that it does not take
    the interpreter from the painting.

    A bug in the engine ends the load with its one-line description; what was
    loaded stays.
    """
    try:
        _load(target, sources, use_cache, paths or [], shown)
    except Exception as error:
        target.post_message(LoadEnded(cancelled=False, error=f"{type(error).__name__}: {error}"))


def _load(target: MessagePump, sources: list[Source] | None, use_cache: bool, paths: list[str],
          shown_event: threading.Event | None) -> None:
    from .corpus.loading import manifest
    from .corpus.loading.stored import BodyCache

    worker = get_current_worker()
    store = manifest.open_store(use_cache)
    bodies = BodyCache(store, remake=_remake)
    corpus = manifest.corpus_id(paths)
    listed = manifest.listed(store, corpus, bodies) if use_cache else manifest.NOTHING
    shown = listed.documents
    if shown:  # a warm start: the list as it was, before any file is read
        target.post_message(Read(listed.state_keys, []))
        target.post_message(Loaded(list(shown), checking=True))
        if shown_event is not None:
            shown_event.wait(SHOWN_WAIT)
    from .corpus.loading.pipeline import load_stored  # the cleaner's modules: after a list from the store

    if sources is None:
        from .corpus.loading.files import discover

        sources, named, inner = discover(paths)
        target.post_message(Found(sources, named + inner))
    listed_files = {d.file: d.file for d in shown}  # a state key that is a listed file shares its string
    keys = {}
    for source in sources:
        key = state_key(source.file)
        keys[source.path] = listed_files.get(key, key)
    target.post_message(Read(keys, []))
    listing = Listing(target, list(shown))
    problems: list[LoadProblem] = []

    def progress(stage: str, done: int, total: int) -> None:
        listing.progress(stage, done, total)

    for _, result in load_stored(sources, store, progress, stop=lambda: worker.is_cancelled, bodies=bodies,
                                 listed=listed if shown else None):
        if worker.is_cancelled:
            break
        if isinstance(result, LoadProblem):
            problems.append(result)
        else:
            listing.came(result)
    listing.flush()
    target.post_message(Read(keys, problems))
    if not worker.is_cancelled and use_cache and (listing.changed() or keys != listed.state_keys):
        manifest.save(store, corpus, listing.documents(), keys)
    target.post_message(LoadEnded(cancelled=worker.is_cancelled, gone=listing.gone()))


def _remake(document: StoredDocument) -> Document:
    """A stored document cleaned again from its file (``pipeline.remake``, imported when first needed)."""
    from .corpus.loading.pipeline import remake

    return remake(document)


class Listing:
    """What the load posts: new documents in batches, listed ones whose key changed one by one."""

    def __init__(self, target: MessagePump, shown: list) -> None:
        self.target = target
        self.shown = shown
        self.by_path = {document.path: number for number, document in enumerate(shown)}
        self.seen: set[int] = set()
        self.replaced = False
        self.added: list = []
        self.batch: list = []
        self.first_batch_sent = bool(shown)
        self.last = time.monotonic()
        self.started = time.monotonic()

    def came(self, document) -> None:
        number = self.by_path.get(document.path)
        if number is not None:
            self.seen.add(number)
            if self.shown[number].key != document.key:
                self.shown[number] = document
                self.replaced = True
                self.target.post_message(Replaced(number, document))
            return
        self.batch.append(document)
        self.added.append(document)
        if not self.first_batch_sent or time.monotonic() - self.last > BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            self.target.post_message(Loaded(self.batch))
            self.batch, self.last = [], time.monotonic()
            self.first_batch_sent = True

    def progress(self, stage: str, done: int, total: int) -> None:
        if done % 50 == 0 or done == total:
            elapsed = time.monotonic() - self.started
            self.target.post_message(Progress(done, total, stage, elapsed))

    def documents(self) -> list:
        """The documents in the order the session lists them (those gone kept out)."""
        return [d for n, d in enumerate(self.shown) if n in self.seen] + self.added

    def changed(self) -> bool:
        """Whether the list differs from the one shown first (a document added, replaced or gone)."""
        return bool(self.added or self.replaced or self.gone())

    def gone(self) -> int:
        return len(self.shown) - len(self.seen)


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
