"""Corpus-wide results built once and kept in the cache: the term and search indexes.

Both take seconds on a large corpus, so they are cached under a fingerprint of
the cleaned corpus (paths, titles, paragraphs and cards, the engine's
version). A cached blob that cannot be read, or does not fit the documents,
is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import TypeVar

from ..model import Document
from ..search.index import SearchIndex
from ..terms.index import TermIndex
from ..terms.stored import terms_from_bytes, terms_to_bytes
from . import cache as cache_module

TERMS = "terms"
Index = TypeVar("Index")
SEARCH = "search"


def fingerprint(documents: Sequence[Document]) -> str:
    """A digest of everything the derived indexes read from the documents."""
    digest = hashlib.sha256(cache_module.engine().encode())
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


def term_index(documents: list[Document], use_cache: bool = True) -> TermIndex:
    """The corpus's term index, from the cache when this very corpus was seen before."""
    return _cached(TERMS, documents, use_cache, lambda: TermIndex.build(documents),
                   lambda index: terms_to_bytes(index.terms),
                   lambda blob: TermIndex(documents, terms_from_bytes(blob, documents)))


def search_index(documents: Sequence[Document], use_cache: bool = True) -> SearchIndex:
    """The corpus's search index, from the cache when this very corpus was seen before."""
    return _cached(SEARCH, documents, use_cache, lambda: SearchIndex.build(documents), SearchIndex.to_bytes,
                   lambda blob: SearchIndex.from_bytes(blob, documents))
