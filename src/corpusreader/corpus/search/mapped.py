"""The search index as a file read through ``mmap``: nothing of it is copied onto the heap.

A warm start opens the file (its checksum read in chunks, its structure
checked) and searches it in place: a word's postings are a slice of the file,
the vocabulary is looked up by binary search, and the words of one length (what
the typo lookup compares a query word with) are decoded when first asked for and
kept in a small cache. Only the pages a search touches are read.

Layout: ``MAGIC``, the format number and the header's length (``<HI``), the
header (JSON: byte order, counts, each section's offset and length, each word
length's place in the buckets), the sections (each padded to 8 bytes), and
the CRC-32 of the sections (``<I``). Sections: the words (UTF-8, sorted, laid
end to end) and where each starts (``Q``); each word's number of paragraphs
(``I``) and where its postings are (``q``: the first of its ids in the ids
section, or ``-1 - k`` for the k-th bitmap); the ids (``I``); the bitmaps
(``paragraphs // 8 + 1`` bytes each, little-endian); each paragraph's number
of words (``H``); the buckets: the words of each length in sorted order, one a
line, and their ids (``I``); each document's digest (16 bytes, what an update
recognises it by) and number of paragraph ids (``I``). A file that is damaged,
of another format or machine, or that does not fit the documents is refused
(``ValueError``); ids and bitmaps are checked when read, so a file crafted with
a good checksum gives wrong hits at worst, never an error.
"""

from __future__ import annotations

import json
import mmap
import os
import struct
import sys
import tempfile
import threading
import zlib
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .bits import bits_of, ids_of
from .stored import read_header
from .vocabulary import Words

MAGIC = b"CRSEARCHMAP"
FORMAT = 1
_FIXED = struct.Struct("<HI")
_CRC = struct.Struct("<I")
SECTIONS = ("words", "starts", "counts", "places", "ids", "bitmaps", "para_len", "bucket_text", "bucket_ids",
            "digests", "doc_counts")
_TYPES = {"starts": "Q", "counts": "I", "places": "q", "ids": "I", "para_len": "H", "bucket_ids": "I",
          "doc_counts": "I"}
DIGEST = 16               # bytes of a document's digest
BUCKETS_KEPT = 48 << 20   # characters of decoded buckets kept in memory at most
_EMPTY: tuple = ()


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:  # only in a crafted file: never an error for the reader
        return data.decode("utf-8", "replace")


def write(path: Path, size: int, para_len: array, words: list[str], postings: Sequence[Sequence[int] | int],
          digests: bytes, doc_counts: array) -> None:
    """Write an index of ``size`` paragraphs: sorted ``words`` with their postings (ascending ids
    or bitmaps, stored as the denser of the two), atomically (a temporary file, then renamed)."""
    dense_from = max(1, size // 32)
    width = (size >> 3) + 1
    counts, places = array("I"), array("q")
    sparse_total = bitmaps = 0
    for found in postings:
        count = found.bit_count() if isinstance(found, int) else len(found)
        counts.append(count)
        if count >= dense_from:
            places.append(-1 - bitmaps)
            bitmaps += 1
        else:
            places.append(sparse_total)
            sparse_total += count
    encoded = [word.encode("utf-8", "surrogatepass") for word in words]
    starts = array("Q", [0])
    for word in encoded:
        starts.append(starts[-1] + len(word))
    buckets, text, bucket_ids = _buckets(words, encoded)
    lengths = {"words": starts[-1], "starts": len(starts) * 8, "counts": len(counts) * 4, "places": len(places) * 8,
               "ids": sparse_total * 4, "bitmaps": bitmaps * width, "para_len": len(para_len) * 2,
               "bucket_text": len(text), "bucket_ids": len(bucket_ids) * 4, "digests": len(digests),
               "doc_counts": len(doc_counts) * 4}
    offsets, offset = {}, 0
    for name in SECTIONS:
        offsets[name] = [offset, lengths[name]]
        offset += _padded(lengths[name])
    header = json.dumps({"byteorder": sys.byteorder, "paragraphs": size, "words": len(words),
                         "documents": len(doc_counts), "sections": offsets, "total": offset,
                         "buckets": {str(k): v for k, v in buckets.items()}}).encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    plain: dict[str, Any] = {"starts": starts, "counts": counts, "places": places, "para_len": para_len,
                             "bucket_text": text, "bucket_ids": bucket_ids, "digests": digests,
                             "doc_counts": doc_counts}
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".search-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC + _FIXED.pack(FORMAT, len(header)) + header)
            crc = 0

            def emit(data: bytes | memoryview | array) -> None:
                nonlocal crc
                crc = zlib.crc32(data, crc)
                out.write(data)

            for name in SECTIONS:
                if name == "words":
                    emit(b"".join(encoded))
                elif name == "ids":
                    for found in postings:
                        if not isinstance(found, int) and len(found) < dense_from:
                            emit(array("I", found))
                        elif isinstance(found, int) and found.bit_count() < dense_from:
                            emit(array("I", ids_of(found, found.bit_count())))
                elif name == "bitmaps":
                    for found in postings:
                        count = found.bit_count() if isinstance(found, int) else len(found)
                        if count >= dense_from:
                            bits = found if isinstance(found, int) else bits_of(found, size)
                            emit(bits.to_bytes(width, "little"))
                else:
                    emit(plain[name])
                emit(bytes(_padded(lengths[name]) - lengths[name]))
            out.write(_CRC.pack(crc))
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _buckets(words: list[str], encoded: list[bytes]) -> tuple[dict[int, list[int]], bytes, array]:
    """The words of each length in sorted order, one a line: where each length's lines and ids are,
    the text, the ids."""
    order = sorted(range(len(words)), key=lambda i: (len(words[i]), words[i]))
    buckets: dict[int, list[int]] = {}  # length -> [text start, text end, first id, end of ids] in the buckets
    text_parts: list[bytes] = []
    at = 0
    for position, i in enumerate(order):
        bucket = buckets.get(len(words[i]))
        if bucket is None:
            at += 1 if text_parts else 0  # a newline between two buckets, outside both
            text_parts.append(b"\n" if text_parts else b"")
            buckets[len(words[i])] = bucket = [at, at, position, position]
        else:
            text_parts.append(b"\n")
            at += 1
        text_parts.append(encoded[i])
        at += len(encoded[i])
        bucket[1], bucket[3] = at, position + 1
    return buckets, b"".join(text_parts), array("I", order)


def _padded(length: int) -> int:
    return (length + 7) & ~7


class MappedFile:
    """An index file, checked and mapped; its sections as memoryviews of machine integers."""

    def __init__(self, path: Path) -> None:
        try:
            with open(path, "rb") as handle:
                self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as error:
            raise ValueError(f"unusable search index file: {error}") from None
        try:
            self._check(path)
        except (TypeError, KeyError, IndexError, OverflowError, RecursionError, struct.error, AttributeError) as error:
            self.close()
            raise ValueError(f"unusable search index file: {error}") from None
        except ValueError:
            self.close()
            raise

    def _check(self, path: Path) -> None:
        data = self._map
        header, base = read_header(data, MAGIC, FORMAT, "search index file")
        total = header["total"]
        if type(total) is not int or base + total + _CRC.size != len(data):
            raise ValueError("a search index file of another length")
        crc = 0
        with open(path, "rb") as handle:  # read, not through the map: the pages stay out of this process
            handle.seek(base)
            left = total
            while left > 0:
                chunk = handle.read(min(left, 1 << 20))
                if not chunk:
                    raise ValueError("a search index file of another length")
                crc = zlib.crc32(chunk, crc)
                left -= len(chunk)
        if _CRC.unpack_from(data, base + total)[0] != crc:
            raise ValueError("a damaged search index file")
        view = memoryview(data)
        self.header = header
        self.paragraphs, self.word_count, self.documents = header["paragraphs"], header["words"], header["documents"]
        if not all(type(n) is int and n >= 0 for n in (self.paragraphs, self.word_count, self.documents)):
            raise ValueError("a search index file header of another shape")
        self.sections: dict[str, memoryview] = {}
        for name in SECTIONS:
            offset, length = header["sections"][name]
            if not (type(offset) is int and type(length) is int and 0 <= offset and 0 <= length
                    and offset + length <= total):
                raise ValueError("a search index file section out of place")
            section = view[base + offset : base + offset + length]
            self.sections[name] = section.cast(_TYPES[name]) if name in _TYPES else section  # type: ignore[call-overload]
        expected = {"starts": self.word_count + 1, "counts": self.word_count, "places": self.word_count,
                    "para_len": self.paragraphs, "bucket_ids": self.word_count, "doc_counts": self.documents}
        if any(len(self.sections[name]) != n for name, n in expected.items()):
            raise ValueError("a search index file section of another length")
        if len(self.sections["digests"]) != DIGEST * self.documents:
            raise ValueError("a search index file section of another length")
        if self.word_count and (max(self.sections["bucket_ids"]) >= self.word_count
                                or self.sections["starts"][-1] != len(self.sections["words"])):
            raise ValueError("search index file words of another shape")
        if sum(self.sections["doc_counts"]) != self.paragraphs:
            raise ValueError("a search index file of other documents")
        self.buckets: dict[int, list[int]] = {int(k): v for k, v in header["buckets"].items()}

    def close(self) -> None:
        self.sections = {}
        try:
            self._map.close()
        except BufferError:  # a memoryview of it still alive: closed with the last of them
            pass


class MappedVocabulary(Words):
    """The vocabulary of a ``MappedFile``: words and postings read from the file when asked for."""

    def __init__(self, file: MappedFile) -> None:
        self.file = file
        self.size = file.paragraphs
        sections = file.sections
        self._words, self._starts = sections["words"], sections["starts"]
        self._counts, self._places = sections["counts"], sections["places"]
        self._ids, self._bitmaps = sections["ids"], sections["bitmaps"]
        self._bucket_text, self._bucket_ids = sections["bucket_text"], sections["bucket_ids"]
        self._width = (self.size >> 3) + 1
        self._decoded: OrderedDict[int, list[str]] = OrderedDict()
        self._decoded_chars = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self.file.word_count

    def word(self, i: int) -> str:
        return _text(bytes(self._words[self._starts[i] : self._starts[i + 1]]))

    def _bisect(self, word: str, low: int = 0) -> int:
        high = len(self)
        while low < high:
            middle = (low + high) // 2
            if self.word(middle) < word:
                low = middle + 1
            else:
                high = middle
        return low

    def find(self, word: str) -> int | None:
        at = self._bisect(word)
        return at if at < len(self) and self.word(at) == word else None

    def prefixed(self, prefix: str) -> range:
        low = self._bisect(prefix)
        return range(low, self._bisect(prefix + "\U0010ffff", low))

    def bucket(self, length: int, initial: str | None) -> tuple[Sequence[str], Sequence[int]]:
        place = self.file.buckets.get(length)
        if place is None:
            return _EMPTY, _EMPTY
        words = self._bucket_words(length, place)
        ids = self._bucket_ids[place[2] : place[3]]
        if len(words) != len(ids):
            return _EMPTY, _EMPTY
        if initial is None:
            return words, ids
        low = bisect_left(words, initial)
        high = bisect_left(words, chr(ord(initial) + 1), low) if ord(initial) < sys.maxunicode else len(words)
        return words[low:high], ids[low:high]

    def _bucket_words(self, length: int, place: list[int]) -> list[str]:
        with self._lock:
            found = self._decoded.get(length)
            if found is not None:
                self._decoded.move_to_end(length)
                return found
        found = _text(bytes(self._bucket_text[place[0] : place[1]])).split("\n") if place[1] > place[0] else []
        with self._lock:
            self._decoded[length] = found
            self._decoded_chars += length * len(found)
            while len(self._decoded) > 1 and self._decoded_chars > BUCKETS_KEPT:
                gone_length, gone = self._decoded.popitem(last=False)
                self._decoded_chars -= gone_length * len(gone)
        return found

    def frequency(self, i: int) -> int:
        return self._counts[i]

    def posting(self, i: int) -> Sequence[int] | int:
        place, count = self._places[i], self._counts[i]
        if place < 0:
            at = (-1 - place) * self._width
            bits = int.from_bytes(self._bitmaps[at : at + self._width], "little")
            return bits if bits.bit_length() <= self.size else 0
        found = self._ids[place : place + count]
        return found if not found or found[-1] < self.size else _EMPTY
