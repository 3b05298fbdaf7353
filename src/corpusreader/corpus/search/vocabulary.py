"""The vocabulary of a search index: folded words, their postings, and typo-tolerant lookup.

A query word matches vocabulary words within an edit distance (OSA, a swap of
two letters counts as one: none for words of up to 3 letters, 1 up to 6, 2
beyond), looked up with rapidfuzz only among words of similar length (and of
the same first letter, for a word still being typed); a prefix also matches
the words it begins (3 letters or more, the 200 most frequent completions).
Postings are an array of paragraph ids per word, or a bitmap for a frequent
word (``search.bits``).
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from collections.abc import Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .bits import bits_of

MAX_FUZZY_LENGTH = 40     # longer words are looked up exactly only
MIN_PREFIX = 3            # a word shorter than this is not completed
MAX_COMPLETIONS = 200     # the most frequent completions of a prefix


def allowed_edits(length: int) -> int:
    """How many typos a query word of ``length`` letters may carry."""
    return 0 if length <= 3 else 1 if length <= 6 else 2


def similarity(edits: int) -> float:
    return 1.0 - 0.15 * edits


class Words:
    """What a vocabulary answers, however it is held: sorted folded words (ids in sorted order),
    each word's postings over ``size`` paragraphs. Subclasses give the words and postings."""

    size: int

    def __len__(self) -> int:
        raise NotImplementedError

    def word(self, i: int) -> str:
        raise NotImplementedError

    def find(self, word: str) -> int | None:
        """The id of ``word``, or None."""
        raise NotImplementedError

    def prefixed(self, prefix: str) -> range:
        """The ids of the words that begin with ``prefix``."""
        raise NotImplementedError

    def bucket(self, length: int, initial: str | None) -> tuple[Sequence[str], Sequence[int]]:
        """The words of ``length`` letters (beginning with ``initial`` if given), sorted, and their ids."""
        raise NotImplementedError

    def posting(self, i: int) -> Sequence[int] | int:
        """Word ``i``'s paragraph ids (ascending), or its bitmap."""
        raise NotImplementedError

    def frequency(self, i: int) -> int:
        """In how many paragraphs word ``i`` occurs."""
        found = self.posting(i)
        return found.bit_count() if isinstance(found, int) else len(found)

    def union(self, ids: list[int]) -> int:
        """The bitmap of the paragraphs holding any of the words ``ids``."""
        bits, sparse = 0, []
        for i in ids:
            found = self.posting(i)
            if isinstance(found, int):
                bits |= found
            else:
                sparse.append(found)
        if sparse:
            bits |= bits_of(set().union(*sparse) if len(sparse) > 1 else sparse[0], self.size)
        return bits

    def matches(self, word: str, prefix: bool, same_initial: bool) -> dict[int, float]:
        """Word ids matching ``word`` -> similarity (1.0 exact): typos (of the same
        first letter if ``same_initial``), and completions if ``prefix``."""
        sims: dict[int, float] = {}
        exact = self.find(word)
        if exact is not None:
            sims[exact] = 1.0
        edits = allowed_edits(len(word)) if len(word) <= MAX_FUZZY_LENGTH else 0
        for length in range(len(word) - edits, len(word) + edits + 1):
            words, ids = self.bucket(length, word[0] if same_initial else None)
            if not words:
                continue
            for _, distance, at in process.extract(word, words, scorer=OSA.distance,
                                                   score_cutoff=edits, limit=None):
                if distance:
                    sims[ids[at]] = similarity(distance)
        if prefix and len(word) >= MIN_PREFIX:
            completions: Sequence[int] = self.prefixed(word)
            if len(completions) > MAX_COMPLETIONS:
                completions = heapq.nlargest(MAX_COMPLETIONS, completions, key=self.frequency)
            for i in completions:
                if i != exact:
                    sims[i] = max(sims.get(i, 0.0), 0.9 + 0.09 * len(word) / len(self.word(i)))
        return sims


class Vocabulary(Words):
    """Sorted folded words with their postings over ``size`` paragraphs, all in memory."""

    def __init__(self, postings: dict[str, array], size: int) -> None:
        self.size = size
        self.words = sorted(postings)
        dense = max(1, size // 32)  # from here on a bitmap is smaller than an array of ids
        self.postings: list[array | int] = [
            found if len(found) < dense else bits_of(found, size)
            for found in map(postings.pop, self.words)
        ]
        self.ids = {word: i for i, word in enumerate(self.words)}
        self._by_length: dict[int, tuple[list[str], list[int]]] = {}
        self._by_initial: dict[tuple[str, int], tuple[list[str], list[int]]] = {}
        for i, word in enumerate(self.words):
            for bucket in (self._by_length.setdefault(len(word), ([], [])),
                           self._by_initial.setdefault((word[0], len(word)), ([], []))):
                bucket[0].append(word)
                bucket[1].append(i)

    def __len__(self) -> int:
        return len(self.words)

    def word(self, i: int) -> str:
        return self.words[i]

    def find(self, word: str) -> int | None:
        return self.ids.get(word)

    def prefixed(self, prefix: str) -> range:
        low = bisect_left(self.words, prefix)
        return range(low, bisect_left(self.words, prefix + "\U0010ffff", low))

    def bucket(self, length: int, initial: str | None) -> tuple[Sequence[str], Sequence[int]]:
        if initial is None:
            return self._by_length.get(length, ((), ()))
        return self._by_initial.get((initial, length), ((), ()))

    def posting(self, i: int) -> Sequence[int] | int:
        return self.postings[i]
