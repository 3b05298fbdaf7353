"""Corpus-wide results built once and kept in the cache: the term and search indexes.

Both take seconds on a large corpus, so they are cached under a fingerprint of
the cleaned corpus (paths, titles, paragraphs and cards, the engine's
version). A cached blob that cannot be read, or does not fit the documents,
is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

from ..model import Document
from ..search import mapped, update
from ..search.index import SearchIndex
from ..terms.index import TermIndex
from ..terms.stored import terms_from_bytes, terms_to_bytes
from . import cache as cache_module
from .stored import StoredDocument

TERMS = "terms"
Index = TypeVar("Index")
SEARCH = "search"
_INDEX_NAME = re.compile(r"[0-9a-f]{32}\.idx")


def fingerprint(documents: Sequence[Document]) -> str:
    """A digest of everything the derived indexes read from the documents: for documents
    in the store, their paths and keys (a key stands for the cleaned document), so the
    digest reads no text."""
    digest = hashlib.sha256(cache_module.index_engine().encode())
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
    return cast("list[Document]", [_Shape(d.path, d.title, d.date, _Lengths(d.lengths)) for d in stored])  # type: ignore[arg-type]


class _Lengths:
    """A document's paragraphs as far as their lengths go: each a ``range`` of its length, made when asked
    for (a corpus of 100,000 pages has more than a million paragraphs)."""

    __slots__ = ("lengths",)

    def __init__(self, lengths: Sequence[int]) -> None:
        self.lengths = lengths

    def __len__(self) -> int:
        return len(self.lengths)

    def __getitem__(self, i: int) -> range:
        return range(self.lengths[i])

    def __iter__(self) -> Iterator[range]:
        return map(range, self.lengths)


def term_index(documents: list[Document], use_cache: bool = True) -> TermIndex:
    """The corpus's term index, from the cache when this very corpus was seen before."""
    return _cached(TERMS, documents, use_cache, lambda: TermIndex.build(documents),
                   lambda index: terms_to_bytes(index.terms),
                   lambda blob: TermIndex(documents, terms_from_bytes(blob, shapes(documents))))


def search_index(documents: Sequence[Document], use_cache: bool = True) -> SearchIndex:
    """The corpus's search index: with the cache, a file mapped (``search.mapped``), nothing of it on the
    heap: this very corpus's file, else the kept file updated for what changed (``search.update``), else
    one built; without the cache, built in memory."""
    if not use_cache:
        return SearchIndex.build(documents)
    store = cache_module.Cache()
    try:
        if not store.usable():
            return SearchIndex.build(documents)
        return _mapped_search_index(store, documents)
    finally:
        store.close()


def _mapped_search_index(store: cache_module.Cache, documents: Sequence[Document]) -> SearchIndex:
    key = fingerprint(documents)
    folder = store.search_folder
    light = _light(documents)
    name = f"{key[:32]}.idx"
    if store.get_blob(SEARCH, key) == _pointer(name):
        try:
            return _opened(folder / name, documents, light)
        except ValueError:  # gone, damaged, or not for these documents: made again
            pass
    digests = _digests(documents)
    built = None
    try:
        kept = store.get_kept_blob(SEARCH)
        base = _pointed(folder, kept[1]) if kept else None
        if base is None or not _updated(base, documents, light, digests, folder / name):
            built = SearchIndex.build(documents)
            built.save(folder / name, digests)
        index = _opened(folder / name, documents, light)
    except (OSError, ValueError):  # the folder cannot be written: the index stays in memory
        return built or SearchIndex.build(documents)
    store.put_blob(SEARCH, key, _pointer(name))
    _remove_others(folder, name)
    return index


def _pointer(name: str) -> bytes:
    """The blob that names a corpus's search index file, and the engine that made it: a file another version
    of the search code wrote is never opened, nor updated into this one's (its postings would be stale)."""
    return json.dumps({"format": mapped.FORMAT, "file": name, "engine": cache_module.index_engine()}).encode()


def _pointed(folder: Path, blob: object) -> Path | None:
    """The file a pointer blob names, if it is one and the name is one of ours."""
    try:
        name = json.loads(blob)["file"]  # type: ignore[arg-type]
    except (ValueError, TypeError, KeyError, RecursionError):
        return None
    if not (isinstance(name, str) and _INDEX_NAME.fullmatch(name) and blob == _pointer(name)):
        return None
    return folder / name


def _opened(path: Path, documents: Sequence[Document], light: Sequence[Document]) -> SearchIndex:
    index = SearchIndex.open(path, light)
    index.documents = documents
    return index


def _updated(base: Path, documents: Sequence[Document], light: Sequence[Document], digests: list[bytes],
             path: Path) -> bool:
    """Whether the index at ``base`` could be updated into ``path`` for these documents."""
    try:
        file = mapped.MappedFile(base)
    except ValueError:
        return False
    try:
        return update.update(file, documents, light, digests, path)
    finally:
        file.close()


STALE_WRITE = 600.0
"""Seconds after which a half-written index file (a writer killed on its way) is removed."""


def _remove_others(folder: Path, keep: str) -> None:
    """Only one search index file is kept, as only one pointer is (``Cache.put_blob``); a file a killed writer
    left half-written goes too, once no writer can still be on its way."""
    try:
        for part in folder.iterdir():
            if part.name != keep and _INDEX_NAME.fullmatch(part.name):
                part.unlink()
            elif part.name.startswith(".search-") and part.suffix == ".tmp":
                if time.time() - part.stat().st_mtime > STALE_WRITE:
                    part.unlink()
    except OSError:
        pass


def _digests(documents: Sequence[Document]) -> list[bytes]:
    """What an update recognises each document by: its key (for documents in the store: it stands for the
    cleaned text, wherever the file is shown from), else its texts."""
    digests = []
    for document in documents:
        if isinstance(document, StoredDocument):
            text = document.key
        else:
            text = "\0".join([document.title or "", *document.paragraphs])
        digests.append(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=mapped.DIGEST).digest())
    return digests


@dataclass(slots=True)
class _Light:
    """A document as the search index's layout sees it: its title, and how many paragraphs it has."""

    title: str | None
    paragraphs: Sequence[int]


def _light(documents: Sequence[Document]) -> Sequence[Document]:
    return cast("list[Document]", [_Light(d.title, d.lengths) if isinstance(d, StoredDocument) else d
                                   for d in documents])
