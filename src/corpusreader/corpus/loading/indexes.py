"""Corpus-wide results built once and kept in the cache: the term and search indexes.

Both take seconds on a large corpus, so they are cached under a fingerprint of
the cleaned corpus (paths, titles, paragraphs and cards, the engine's
version). A cached blob that cannot be read, or does not fit the documents,
is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar, cast

from ..model import Document
from ..search.index import SearchIndex
from ..terms.index import TermIndex
from ..terms.stored import terms_from_bytes, terms_to_bytes
from . import cache as cache_module
from .stored import StoredDocument

TERMS = "terms"
Index = TypeVar("Index")
SEARCH = "search"


def fingerprint(documents: Sequence[Document]) -> str:
    """A digest of everything the derived indexes read from the documents: for documents
    in the store, their paths and keys (a key stands for the cleaned document), so the
    digest reads no text."""
    digest = hashlib.sha256(cache_module.engine().encode())
    if documents and all(isinstance(document, StoredDocument) for document in documents):
        digest.update(b"stored\0")
        for document in documents:
            digest.update(f"{document.path}\0{document.key}\0".encode("utf-8", "surrogatepass"))  # type: ignore[attr-defined]
        return digest.hexdigest()
    for document in documents:
        digest.update("\0\1".join([document.path, document.title or "", *document.paragraphs]).encode(
            "utf-8", "surrogatepass"))
        digest.update(b"\0\2")
        for card in document.cards:
            digest.update(f"{card.name}\0{card.role}\0{card.kind}\0{card.paragraph}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _cached(kind: str, documents: Sequence[Document], use_cache: bool, build: Callable[[], Index],
            dump: Callable[[Index], bytes], load: Callable[[bytes], Index]) -> Index:
    """``build()``, or what the cache holds for this very corpus (``load(blob)``)."""
    if not use_cache:
        return build()
    store = cache_module.Cache()
    try:
        key = fingerprint(documents)
        blob = store.get_blob(kind, key)
        if blob is not None:
            try:
                return load(blob)
            except Exception:  # a blob of another shape, damaged, or for other documents: build again
                pass
        index = build()
        store.put_blob(kind, key, dump(index))
        return index
    finally:
        store.close()


@dataclass(slots=True)
class _Shape:
    """What a stored index is checked against, without a document's text: its title, date
    and path, and its paragraphs as ranges of their lengths (``len`` is all that is asked)."""

    path: str
    title: str | None
    date: str | None
    paragraphs: list[range]


def shapes(documents: Sequence[Document]) -> Sequence[Document]:
    """Documents in the store as their shapes (their texts stay in the store); others as they are."""
    if not all(isinstance(document, StoredDocument) for document in documents):
        return documents
    stored = cast("list[StoredDocument]", documents)
    return cast("list[Document]", [_Shape(d.path, d.title, d.date, [range(n) for n in d.lengths]) for d in stored])


def _search_from_blob(blob: bytes, documents: Sequence[Document]) -> SearchIndex:
    index = SearchIndex.from_bytes(blob, shapes(documents))
    index.documents = documents
    return index


def term_index(documents: list[Document], use_cache: bool = True) -> TermIndex:
    """The corpus's term index, from the cache when this very corpus was seen before."""
    return _cached(TERMS, documents, use_cache, lambda: TermIndex.build(documents),
                   lambda index: terms_to_bytes(index.terms),
                   lambda blob: TermIndex(documents, terms_from_bytes(blob, shapes(documents))))


def search_index(documents: Sequence[Document], use_cache: bool = True) -> SearchIndex:
    """The corpus's search index, from the cache when this very corpus was seen before."""
    return _cached(SEARCH, documents, use_cache, lambda: SearchIndex.build(documents), SearchIndex.to_bytes,
                   lambda blob: _search_from_blob(blob, documents))
