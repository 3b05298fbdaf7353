"""Documents whose text stays in the store until it is read.

A ``StoredDocument`` is a ``Document`` that holds only its head (path, title,
date, site, size and the other metadata: what the list, its filter and the
search's fields need) and the key of its row in the store. Its paragraphs,
removed pieces, cards and source URL are read from
the store when first asked for, and dropped again when memory needs it: a
``BodyCache`` keeps the last few documents read, shared by all of a corpus.
A row that cannot be read back (damaged, set aside) is made again from the
file (``remake``), never an error for the reader.
"""

from __future__ import annotations

import sys
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ..model import Card, Document, Removed
from . import cache as cache_module

KEPT = 64
"""Documents whose text stays in memory after it was read (the open one, the last search hits...)."""

_BODY = ("paragraphs", "paragraph_lines", "title_line", "removed", "cards", "paragraph_kinds", "source_url")


class BodyCache:
    """The texts of the last ``kept`` documents read, over one store; counts what it reads."""

    def __init__(self, store: cache_module.Cache, kept: int | None = None,
                 remake: Callable[[StoredDocument], Document] | None = None) -> None:
        self.store = store
        self.kept = kept or KEPT
        self.remake = remake
        self.template: frozenset[int] | None = None  # the corpus's template hashes, once counted
        self.reads = 0  # rows read from the store
        self.most_held = 0  # the most document texts held at once
        self._held: OrderedDict[str, Document] = OrderedDict()
        self._lock = threading.Lock()

    def body(self, document: StoredDocument) -> Document:
        with self._lock:
            found = self._held.get(document.key)
            if found is not None:
                self._held.move_to_end(document.key)
                return found
        row = self.store.get_row(document.key)
        full: Document | None = None
        if row is not None:
            try:
                full = cache_module.document_from_row(document.path, row)
            except ValueError:
                full = None
            if full is not None and (full.title != document.title or len(full.paragraphs) != len(document.lengths)):
                full = None  # a row that is not this head's document: made again
        if full is None:
            if self.remake is None:
                full = Document(document.path)
            else:
                full = self.remake(document)
        with self._lock:
            self.reads += 1
            self._held[document.key] = full
            while len(self._held) > self.kept:
                self._held.popitem(last=False)
            self.most_held = max(self.most_held, len(self._held))
        return full

    def forget(self) -> None:
        with self._lock:
            self._held.clear()


class StoredDocument(Document):
    """A document whose head is here and whose text is read from the store when asked for.

    Small, as a corpus may list 100,000 of them: metadata that repeats across documents (date, site,
    place, speaker...) is interned, the title it shows is its title's string unless they differ, its
    file is its path's string when they are the same, and the source URL is read with the text."""

    __slots__ = ("key", "file", "template", "shown", "lengths", "_bodies")

    def __init__(self, path: str, key: str, head: cache_module.Head, bodies: BodyCache, file: str = "",
                 template: bytes = b"") -> None:
        title, date, place, speaker, site, language, notice, shown, encoding, size, truncated, lengths = head
        self.path = path
        self.title = title
        self.date, self.place, self.speaker, self.site = _shared(date), _shared(place), _shared(speaker), _shared(site)
        self.language, self.notice, self.encoding = _shared(language), _shared(notice), sys.intern(encoding)
        self.size, self.truncated = size, truncated
        self.key = key
        self.file = path if file == path else file  # where it was read from, to make it again if its row is lost
        self.template = template  # the template hashes it holds (line_hashes.page_template_key)
        self.shown: str = shown if shown is not None else title or ""  # (a head has one or the other)
        self.lengths: array = lengths  # each paragraph's length, for the stored indexes
        self._bodies = bodies

    def _body(self) -> Document:
        return self._bodies.body(self)

    @property
    def display_title(self) -> str:
        return self.shown

    def __repr__(self) -> str:
        return f"StoredDocument({self.path!r}, key={self.key[:12]!r})"


def _shared(value: str | None) -> str | None:
    """One string object for all the documents that hold this value (``sys.intern``)."""
    return value if value is None else sys.intern(value)


def _body_field(name: str) -> property:
    def get(self: StoredDocument) -> Any:
        return getattr(self._body(), name)

    def set_(self: StoredDocument, value: Any) -> None:
        raise AttributeError(f"a stored document's {name} is read from the store")

    return property(get, set_, doc=f"The document's {name}, read from the store when asked for.")


for _name in _BODY:
    setattr(StoredDocument, _name, _body_field(_name))

__all__ = ["BodyCache", "Card", "Removed", "StoredDocument"]
