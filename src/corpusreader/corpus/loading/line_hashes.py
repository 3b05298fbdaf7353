"""The corpus template counted from hashes of lines, not from the lines themselves.

Template lines are the short lines (or HTML blocks) that stand on many pages of
a corpus. Counting them needs a pass over every page before any is cleaned;
that pass keeps, for each page, only a sorted array of 64-bit hashes of its
line keys, so it stays light however large the pages are. The cleaner asks
the template one question, ``key in template``: ``HashedTemplate`` answers it
from the hashes (a 64-bit collision, about one chance in 10^8 for a million
distinct keys, would only make one more line template).
"""

from __future__ import annotations

import hashlib
import math
from array import array
from collections import Counter
from collections.abc import Iterable

SHARE = 0.01
"""As ``cleaner.template_from``: a key on at least this share of the pages (and 3) is template."""


def key_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def hashes_of(keys: Iterable[str]) -> array:
    """A page's line keys as a sorted array of distinct 64-bit hashes."""
    return array("Q", sorted({key_hash(key) for key in keys}))


def template_hashes(pages: Iterable[array], share: float = SHARE) -> frozenset[int]:
    """The hashes on many pages, as ``cleaner.template_from`` counts keys (fewer than 4 pages: none)."""
    counts: Counter[int] = Counter()
    total = 0
    for hashes in pages:
        counts.update(hashes)
        total += 1
    if total < 4:
        return frozenset()
    threshold = max(3, math.ceil(total * share))
    return frozenset(h for h, count in counts.items() if count >= threshold)


class HashedTemplate(frozenset):
    """A template that holds hashes and answers ``key in template`` for line keys."""

    def __new__(cls, hashes: Iterable[int] = ()) -> HashedTemplate:
        return super().__new__(cls, hashes)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and frozenset.__contains__(self, key_hash(key))


def page_template_key(hashes: array, template: frozenset[int]) -> bytes:
    """The template hashes a page holds, as bytes: with its text, what its cleaning depends on."""
    return array("Q", [h for h in hashes if h in template]).tobytes()
