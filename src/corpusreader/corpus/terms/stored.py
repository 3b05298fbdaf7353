"""The terms of a ``TermIndex`` as a cache blob: plain data, checked when read.

A blob is ``MAGIC``, the format number, then, compressed with zlib, the length
of a compact JSON text, the text, and the occurrences packed: four little-endian
32-bit integers each (document, paragraph, start, end), every term's in turn. The
JSON holds one list per term, ``[key, term, kind, expansion, aliases, role, roles,
occurrences, stated]``, where ``occurrences`` is how many of the packed ones are
its own and ``stated`` holds two integers per document that states a person's post
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
import sys
import zlib
from array import array
from collections.abc import Sequence
from itertools import islice
from operator import add, le, lt

from ..model import Document
from .term import KINDS, Occurrences, Term

MAGIC = b"CRTERMS"
FORMAT = 3                # raise when the layout below changes (2: the posts documents state; 3: places packed)
_VERSION = struct.Struct("<H")
_TEXT_LENGTH = struct.Struct("<Q")
_PLACE = "i"              # 32-bit: a document number, a paragraph, offsets in a paragraph of a file of at most 8 MB
LIMIT = 1 << 30           # the most a blob may inflate to (a crafted one may expand a thousandfold)


def terms_to_bytes(terms: Sequence[Term]) -> bytes:
    """The blob of ``terms`` (``terms_from_bytes`` reads it back)."""
    records = [[t.key, t.term, t.kind, t.expansion, t.aliases, t.role, t.roles, len(t.occurrences),
                [value for doc, role in t.stated.items() for value in (doc, t.roles.index(role))]]
               for t in terms]
    text = json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    places = array(_PLACE)
    for t in terms:
        if isinstance(t.occurrences, Occurrences):
            places.extend(t.occurrences.places)
        else:
            places.extend([value for o in t.occurrences for value in (o.doc, o.paragraph, o.start, o.end)])
    if sys.byteorder == "big":
        places.byteswap()
    body = _TEXT_LENGTH.pack(len(text)) + text + places.tobytes()
    return MAGIC + _VERSION.pack(FORMAT) + zlib.compress(body, 1)


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
        body = inflater.decompress(blob[head:], LIMIT)
        if inflater.unconsumed_tail or inflater.unused_data or not inflater.eof:
            raise ValueError("a damaged or oversized terms blob")
        (length,) = _TEXT_LENGTH.unpack_from(body)
        places = array(_PLACE)
        places.frombytes(body[_TEXT_LENGTH.size + length :])  # ValueError unless whole numbers
        if sys.byteorder == "big":
            places.byteswap()
        records = json.loads(body[_TEXT_LENGTH.size : _TEXT_LENGTH.size + length].decode("utf-8", "surrogatepass"))
        if type(records) is not list:
            raise ValueError("not a list of terms")
        counts = [record[7] if type(record) is list and len(record) == 9 else -1 for record in records]
        if not all(type(count) is int and count >= 0 for count in counts) or 4 * sum(counts) != len(places):
            raise ValueError("occurrences of another shape")
        found = _Places(documents)
        found.check(places)
        terms, at = [], 0
        for record, count in zip(records, counts):
            terms.append(_term(record, found.occurrences(places[at : at + 4 * count]), found.dates))
            at += 4 * count
        return terms
    except (ValueError, TypeError, IndexError, OverflowError, RecursionError, zlib.error, struct.error) as error:
        raise ValueError(f"unusable terms blob: {error}") from None
    finally:
        if collecting:
            gc.enable()


class _Places:
    """Where occurrences may stand in the documents; checks and makes occurrences with loops
    in C (a large corpus has hundreds of thousands)."""

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

    def check(self, places: array) -> None:
        """ValueError unless each occurrence of ``[doc, paragraph, start, end, ...]`` stands inside its text
        (paragraph -1: the title)."""
        docs, paragraphs, starts, ends = (places[i::4] for i in range(4))
        if not docs:
            return
        if min(docs) < 0 or max(docs) >= len(self.counts) or min(paragraphs) < -1 or min(starts) < 0:
            raise ValueError("an occurrence outside the documents")
        slots = map(add, map(self.first.__getitem__, docs), paragraphs)
        if not (all(map(lt, paragraphs, map(self.counts.__getitem__, docs))) and all(map(le, starts, ends))
                and all(map(le, ends, map(self.lengths.__getitem__, slots)))):
            raise ValueError("an occurrence outside its text")

    def occurrences(self, places: array) -> Occurrences:
        """A term's occurrences of ``[doc, paragraph, start, end, ...]`` (checked); ValueError unless
        in the order of their documents."""
        docs = places[0::4]
        if not all(map(le, docs, islice(docs, 1, None))):
            raise ValueError("occurrences out of order")
        return Occurrences(places, self.paths)


def _term(record: list, occurrences: Occurrences, dates: Sequence[str | None]) -> Term:
    key, name, kind, expansion, aliases, role, roles, _, stated = record
    if not (type(key) is str and type(name) is str and kind in KINDS and _is_text_or_none(expansion)
            and _is_texts(aliases) and _is_text_or_none(role) and _is_texts(roles)
            and type(stated) is list and len(stated) % 2 == 0 and all(type(v) is int for v in stated)):
        raise ValueError("a term field of another type")
    term = Term(key, name, kind, expansion, aliases, role, roles, occurrences)
    if stated:
        docs = set(term.documents)
        if not all(d in docs and 0 <= k < len(roles) for d, k in zip(stated[::2], stated[1::2])):
            raise ValueError("a post stated outside the term")
        term.stated = {d: roles[k] for d, k in zip(stated[::2], stated[1::2])}
    if kind == "person":
        term.date_posts(dates)
    return term


def _is_text_or_none(value: object) -> bool:
    return value is None or type(value) is str


def _is_texts(value: object) -> bool:
    return type(value) is list and all(type(item) is str for item in value)
