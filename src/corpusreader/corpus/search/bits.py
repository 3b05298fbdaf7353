"""Sets of paragraph ids as bitmaps (Python ints): bit ``i`` set means paragraph ``i`` is in.

Union, intersection and counting of bitmaps run in C over machine words, a
thousand times faster than the same on Python sets of 100,000 ids, and a
bitmap of 130,000 paragraphs takes 16 KB. The search index keeps the postings
of frequent words as bitmaps, of rare words as arrays, and works on bitmaps.
"""

from __future__ import annotations

from collections.abc import Iterable


def bits_of(ids: Iterable[int], size: int) -> int:
    """The bitmap of ``ids`` (each below ``size``)."""
    buffer = bytearray((size >> 3) + 1)
    for pid in ids:
        buffer[pid >> 3] |= 1 << (pid & 7)
    return int.from_bytes(buffer, "little")


def ids_of(bits: int, limit: int) -> list[int]:
    """Up to ``limit`` ids of ``bits``, lowest first."""
    if limit <= 0 or bits <= 0:
        return []
    digits = format(bits, "b")  # the highest bit first: bit i is at digits[last - i]
    last = len(digits) - 1
    found: list[int] = []
    end = len(digits)
    while len(found) < limit:
        at = digits.rfind("1", 0, end)
        if at < 0:
            break
        found.append(last - at)
        end = at
    return found


class Members:
    """Fast membership tests on one bitmap: ``pid in Members(bits)``."""

    __slots__ = ("_digits", "_last")

    def __init__(self, bits: int) -> None:
        self._digits = format(bits, "b") if bits > 0 else ""
        self._last = len(self._digits) - 1

    def __contains__(self, pid: int) -> bool:
        return 0 <= pid <= self._last and self._digits[self._last - pid] == "1"

    def among(self, ids: list[int]) -> list[int]:
        """Those of ``ids`` (each >= 0) that are members."""
        digits, last = self._digits, self._last
        return [pid for pid in ids if pid <= last and digits[last - pid] == "1"]
