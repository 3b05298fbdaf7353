"""The search index as a cache blob: arrays of machine integers behind a small header.

Layout: ``MAGIC``, the format number and the header's length (``<HI``), the
header (JSON: byte order, paragraph and word counts, each section's length in
bytes, the CRC-32 of them all), then the sections: the words (UTF-8, one a
line, sorted), the paragraphs' word counts (``H``), each word's posting kind
(``i``: its number of paragraph ids, or -1 for a bitmap), the ids of all
sparse postings in word order (``I``), and the bitmaps (little-endian,
``paragraphs // 8 + 1`` bytes each). What maps paragraphs to documents is not
stored: it follows from the documents. Reading checks the checksum, every
count and every bound, so a blob that anyone else wrote or damaged is refused
(``ValueError``) and never runs code; it loads faster than a pickle of the
same index did.
"""

from __future__ import annotations

import gc
import json
import mmap
import operator
import struct
import sys
import zlib
from array import array
from collections.abc import Sequence
from functools import partial
from itertools import accumulate, chain, compress, count, islice, repeat
from typing import Any

from ..model import Document
from .vocabulary import Vocabulary

MAGIC = b"CRSEARCH"
FORMAT = 2                # raise when the layout changes (1 was a pickle)
_FIXED = struct.Struct("<HI")
_SECTIONS = 5
_NO_IDS = array("I")


def paragraph_layout(documents: Sequence[Document]) -> tuple[array, array]:
    """Paragraph id -> document index, and -> paragraph index (-1: the title), as ``build`` numbers them."""
    para_doc, para_num = array("I"), array("i")
    for number, document in enumerate(documents):
        first = -1 if document.title else 0
        texts = len(document.paragraphs) - first
        para_doc.extend([number] * texts)
        para_num.extend(range(first, first + texts))
    return para_doc, para_num


def pack(para_len: array, vocabulary: Vocabulary) -> bytes:
    """The blob of an index's word counts and vocabulary."""
    paragraphs = vocabulary.size
    width = (paragraphs >> 3) + 1
    kinds, sparse, dense = array("i"), array("I"), bytearray()
    for found in vocabulary.postings:
        if isinstance(found, int):
            kinds.append(-1)
            dense += found.to_bytes(width, "little")
        else:
            kinds.append(len(found))
            sparse.extend(found)
    words = "\n".join(vocabulary.words).encode("utf-8", "surrogatepass")
    sections = [words, para_len.tobytes(), kinds.tobytes(), sparse.tobytes(), bytes(dense)]
    checksum = 0
    for section in sections:
        checksum = zlib.crc32(section, checksum)
    header = json.dumps({"byteorder": sys.byteorder, "paragraphs": paragraphs, "words": len(vocabulary),
                         "sections": [len(section) for section in sections], "crc32": checksum}).encode()
    return b"".join([MAGIC, _FIXED.pack(FORMAT, len(header)), header, *sections])


def unpack(blob: bytes, paragraphs: int) -> tuple[array, Vocabulary]:
    """The word counts and vocabulary ``pack`` wrote for an index of ``paragraphs``
    paragraphs; ValueError for any other blob."""
    collecting = gc.isenabled()
    gc.disable()  # 100,000 new objects, no cycles: the collector's passes would double the time
    try:
        return _unpack(blob, paragraphs)
    except (TypeError, KeyError, IndexError, OverflowError, RecursionError, struct.error) as error:
        raise ValueError(f"unusable search index: {error}") from None
    finally:
        if collecting:
            gc.enable()


def read_header(data: bytes | mmap.mmap, magic: bytes, version: int, what: str) -> tuple[dict[str, Any], int]:
    """The JSON header of a search index written as ``magic``, format, header length, header (this module's
    blobs and ``mapped``'s files), and where the data after it starts; ValueError for one not ours, of another
    format or written on a machine of the other byte order."""
    if not isinstance(data, (bytes, mmap.mmap)) or data[: len(magic)] != magic:
        raise ValueError(f"not a {what}")
    found, header_length = _FIXED.unpack_from(data, len(magic))
    if found != version:
        raise ValueError(f"a {what} of another format")
    start = len(magic) + _FIXED.size
    header = json.loads(data[start : start + header_length])
    if type(header) is not dict or header.get("byteorder") != sys.byteorder:
        raise ValueError(f"a {what} of another machine")
    return header, start + header_length


def _unpack(blob: bytes, paragraphs: int) -> tuple[array, Vocabulary]:
    header, offset = read_header(blob, MAGIC, FORMAT, "search index")
    if header.get("paragraphs") != paragraphs or type(paragraphs) is not int:
        raise ValueError("a search index of other documents")
    word_count, lengths = header.get("words"), header.get("sections")
    if not (type(word_count) is int and type(lengths) is list and len(lengths) == _SECTIONS
            and all(type(length) is int and length >= 0 for length in lengths)):
        raise ValueError("a search index header of another shape")
    if offset + sum(lengths) != len(blob):
        raise ValueError("a search index of another length")
    view, sections = memoryview(blob), []
    if zlib.crc32(view[offset:]) != header.get("crc32"):
        raise ValueError("a damaged search index")
    for length in lengths:
        sections.append(view[offset : offset + length])
        offset += length
    words_bytes, para_len_bytes, kinds_bytes, sparse_bytes, dense = sections
    words = _words(bytes(words_bytes), word_count)
    para_len = _array("H", para_len_bytes, paragraphs)
    kinds = _array("i", kinds_bytes, word_count)
    sparse = _array("I", sparse_bytes, None)
    postings = _postings(kinds, sparse, dense, paragraphs)
    vocabulary = Vocabulary(dict.fromkeys(words, _NO_IDS), paragraphs)  # indexes the words...
    vocabulary.postings = postings  # ...whose postings are the stored ones
    return para_len, vocabulary


def _words(data: bytes, count: int) -> list[str]:
    """``count`` distinct non-empty words in sorted order, or ValueError."""
    words = data.decode("utf-8", "surrogatepass").split("\n") if count else []
    if len(words) != count or (words and not words[0]) or not all(map(operator.lt, words, islice(words, 1, None))):
        raise ValueError("search index words of another shape")
    return words


def _array(typecode: str, data: memoryview, count: int | None) -> array:
    """The array of ``data`` (exactly ``count`` items when given), or ValueError."""
    items = array(typecode)
    if len(data) % items.itemsize:
        raise ValueError("a search index section of another length")
    items.frombytes(data)
    if count is not None and len(items) != count:
        raise ValueError("a search index section of another length")
    return items


def _postings(kinds: array, sparse: array, dense: memoryview, paragraphs: int) -> list[array | int]:
    """Each word's paragraph ids (an array) or bitmap (an int), all below ``paragraphs``
    (loops in C: a corpus has a hundred thousand words)."""
    width = (paragraphs >> 3) + 1
    bitmaps = kinds.count(-1)
    if (kinds and min(kinds) < -1) or sum(kinds) + bitmaps != len(sparse) or len(dense) != bitmaps * width:
        raise ValueError("search index postings of another shape")
    if sparse and max(sparse) >= paragraphs:
        raise ValueError("a search index posting outside the paragraphs")
    ends = list(accumulate(map(max, kinds, repeat(0))))
    postings: list[array | int] = list(map(sparse.__getitem__, map(slice, chain((0,), ends), ends)))
    at_bitmaps = list(compress(count(), map(operator.lt, kinds, repeat(0))))
    chunks = map(dense.__getitem__, map(slice, range(0, len(dense), width), range(width, len(dense) + 1, width)))
    bits = list(map(partial(int.from_bytes, byteorder="little"), chunks))
    if bits and max(map(int.bit_length, bits)) > paragraphs:
        raise ValueError("a search index bitmap outside the paragraphs")
    for at, found in zip(at_bitmaps, bits):
        postings[at] = found
    return postings
