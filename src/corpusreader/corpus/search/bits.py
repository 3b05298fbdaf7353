"""Sets of paragraph ids as bitmaps (Python ints): bit ``i`` set means paragraph ``i`` is in.

Union, intersection and counting of bitmaps run in C over machine words, a
thousand times faster than the same on Python sets of 100,000 ids, and a
bitmap of 130,000 paragraphs takes 16 KB. The search index keeps the postings
of frequent words as bitmaps, of rare words as arrays, and works on bitmaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def bits_of(ids: Iterable[int], size: int) -> int:
    """The bitmap of ``ids`` (each below ``size``)."""
    buffer = bytearray((size >> 3) + 1)
    for pid in ids:
        buffer[pid >> 3] |= 1 << (pid & 7)
    return int.from_bytes(buffer, "little")


_SET_BITS = [tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256)]
_NONZERO = re.compile(rb"[^\x00]")


def _little_bytes(bits: int) -> bytes:
    return bits.to_bytes((bits.bit_length() + 7) >> 3, "little")


def ids_of(bits: int, limit: int) -> list[int]:
    """Up to ``limit`` ids of ``bits``, lowest first (a scan in C for the bytes that hold any:
    the cost goes with the ids found, not with the bitmap's length)."""
    if limit <= 0 or bits <= 0:
        return []
    data = _little_bytes(bits)
    found: list[int] = []
    for match in _NONZERO.finditer(data):
        at = match.start()
        base = at << 3
        found.extend([base + bit for bit in _SET_BITS[data[at]]])
        if len(found) >= limit:
            return found[:limit]
    return found


class Members:
    """Fast membership tests on one bitmap: ``pid in Members(bits)``."""

    __slots__ = ("_data", "_end")

    def __init__(self, bits: int) -> None:
        self._data = _little_bytes(bits) if bits > 0 else b""
        self._end = len(self._data) << 3

    def __contains__(self, pid: int) -> bool:
        return 0 <= pid < self._end and self._data[pid >> 3] >> (pid & 7) & 1 == 1

    def among(self, ids: list[int]) -> list[int]:
        """Those of ``ids`` (each >= 0) that are members."""
        data, end = self._data, self._end
        return [pid for pid in ids if pid < end and data[pid >> 3] >> (pid & 7) & 1]
