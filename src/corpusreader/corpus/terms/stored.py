"""The terms of a ``TermIndex`` as a cache blob: plain data, checked when read.

A blob is ``MAGIC``, the format number, then compact JSON compressed with
zlib: one list per term, ``[key, term, kind, expansion, aliases, role, roles,
places, stated]``, where ``places`` holds four integers per occurrence (document,
paragraph, start, end) and ``stated`` two per document that states a person's post
(document, the post's place in ``roles``); an occurrence's path is its document's,
a person's posts by date come from ``stated`` and the documents' dates. Reading
checks every value's type and every occurrence against the documents (the
paragraph exists, the offsets fall inside its text), so a blob that anyone
else wrote or damaged is refused (``ValueError``) and never runs code.
"""

from __future__ import annotations

import gc
import json
import struct
import zlib
from array import array
from collections.abc import Sequence
from functools import partial
from operator import add, le, lt

from ..model import Document
from .term import KINDS, Occurrence, Term

MAGIC = b"CRTERMS"
FORMAT = 2                # raise when the layout below changes (2: the posts documents state)
_VERSION = struct.Struct("<H")
LIMIT = 1 << 30           # the most a blob may inflate to (a crafted one may expand a thousandfold)


def terms_to_bytes(terms: Sequence[Term]) -> bytes:
    """The blob of ``terms`` (``terms_from_bytes`` reads it back)."""
    records = [[t.key, t.term, t.kind, t.expansion, t.aliases, t.role, t.roles,
                [value for o in t.occurrences for value in (o.doc, o.paragraph, o.start, o.end)],
                [value for doc, role in t.stated.items() for value in (doc, t.roles.index(role))]]
               for t in terms]
    text = json.dumps(records, ensure_ascii=False, separators=(",", ":"))
    return MAGIC + _VERSION.pack(FORMAT) + zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def terms_from_bytes(blob: bytes, documents: Sequence[Document]) -> list[Term]:
    """The terms ``terms_to_bytes`` wrote for these ``documents``; ValueError for
    any other blob (another format, damaged, of other documents, a wrong type)."""
    head = len(MAGIC) + _VERSION.size
    if not isinstance(blob, bytes) or blob[: len(MAGIC)] != MAGIC or len(blob) < head:
        raise ValueError("not a terms blob")
    if _VERSION.unpack_from(blob, len(MAGIC))[0] != FORMAT:
        raise ValueError("a terms blob of another format")
    collecting = gc.isenabled()
    gc.disable()  # 200,000 new tuples, no cycles: the collector's passes would double the time
    try:
        inflater = zlib.decompressobj()
        text = inflater.decompress(blob[head:], LIMIT)
        if inflater.unconsumed_tail or inflater.unused_data or not inflater.eof:
            raise ValueError("a damaged or oversized terms blob")
        records = json.loads(text.decode("utf-8", "surrogatepass"))
        if type(records) is not list:
            raise ValueError("not a list of terms")
        places = _Places(documents)
        return [_term(record, places) for record in records]
    except (ValueError, TypeError, IndexError, OverflowError, RecursionError, zlib.error) as error:
        raise ValueError(f"unusable terms blob: {error}") from None
    finally:
        if collecting:
            gc.enable()


class _Places:
    """Where occurrences may stand in the documents; checks and makes a term's
    occurrences with loops in C (a large corpus has hundreds of thousands)."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.paths = [document.path for document in documents]
        self.dates = [document.date for document in documents]
        self.counts = [len(document.paragraphs) for document in documents]
        self.first: list[int] = []  # document -> where its paragraph 0 stands in lengths
        self.lengths: list[int] = []  # each document's title (-1 for none), then each paragraph
        for document in documents:
            self.lengths.append(len(document.title) if document.title else -1)
            self.first.append(len(self.lengths))
            self.lengths.extend(map(len, document.paragraphs))

    def occurrences(self, places: list) -> list[Occurrence]:
        """The occurrences of ``[doc, paragraph, start, end, ...]``; ValueError unless each is
        an integer and each stands inside its text (paragraph -1: the title)."""
        values = array("q", places)  # TypeError unless all are integers
        if len(values) % 4:
            raise ValueError("occurrences of another shape")
        docs, paragraphs, starts, ends = (values[i::4] for i in range(4))
        if not docs:
            return []
        if min(docs) < 0 or max(docs) >= len(self.counts) or min(paragraphs) < -1 or min(starts) < 0:
            raise ValueError("an occurrence outside the documents")
        slots = map(add, map(self.first.__getitem__, docs), paragraphs)
        if not (all(map(lt, paragraphs, map(self.counts.__getitem__, docs))) and all(map(le, starts, ends))
                and all(map(le, ends, map(self.lengths.__getitem__, slots)))):
            raise ValueError("an occurrence outside its text")
        paths = map(self.paths.__getitem__, docs)
        return list(map(_new_occurrence, zip(docs, paths, paragraphs, starts, ends)))


_new_occurrence = partial(tuple.__new__, Occurrence)  # Occurrence._make without its Python frame


def _term(record: object, places: _Places) -> Term:
    if type(record) is not list or len(record) != 9:
        raise ValueError("a term of another shape")
    key, name, kind, expansion, aliases, role, roles, occurrences, stated = record
    if not (type(key) is str and type(name) is str and kind in KINDS and _is_text_or_none(expansion)
            and _is_texts(aliases) and _is_text_or_none(role) and _is_texts(roles) and type(occurrences) is list
            and type(stated) is list and len(stated) % 2 == 0 and all(type(v) is int for v in stated)):
        raise ValueError("a term field of another type")
    term = Term(key, name, kind, expansion, aliases, role, roles, places.occurrences(occurrences))
    if stated:
        docs = set(term.documents)
        if not all(d in docs and 0 <= k < len(roles) for d, k in zip(stated[::2], stated[1::2])):
            raise ValueError("a post stated outside the term")
        term.stated = {d: roles[k] for d, k in zip(stated[::2], stated[1::2])}
    if kind == "person":
        term.date_posts(places.dates)
    return term


def _is_text_or_none(value: object) -> bool:
    return value is None or type(value) is str


def _is_texts(value: object) -> bool:
    return type(value) is list and all(type(item) is str for item in value)
