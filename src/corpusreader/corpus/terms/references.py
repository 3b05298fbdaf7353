"""References between documents: the ones that share the rarest terms.

Two documents are related by the terms they both hold; a term counts for
``log((N + 1) / df)`` (N documents, df of them hold it), so a resolution named
in two documents links them strongly and ``Russia`` in all of them hardly.
Terms held by more than ``COMMON`` of a large corpus are skipped, which keeps a
lookup to the postings of the rare terms (milliseconds on 10,000 documents).
What two documents say weighs more than who attended: a term's weight is scaled
by its kind (``KIND_WEIGHT``: named documents and key phrases above people), and
a term repeated in both documents counts ``REPEATED`` times as much as one named
once in a list.
Used through ``TermIndex.related``.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Mapping

from .term import Related, Term

COMMON = 0.05  # in a corpus of MIN_CORPUS documents or more, a term in more than this share is common
MIN_CORPUS = 50
KIND_WEIGHT = {"document": 2.5, "phrase": 2.0, "event": 1.5, "organization": 1.0, "acronym": 1.0,
               "place": 0.75, "person": 0.5}
REPEATED = 1.5


class References:
    """The postings of the terms that can relate documents, and their weights."""

    def __init__(self, total: int, terms: list[Term], by_doc: Mapping[int, Mapping[int, int]]):
        self.total = total
        self.terms = terms
        self.by_doc = by_doc
        cap = total if total < MIN_CORPUS else max(MIN_CORPUS // 2, int(total * COMMON))
        self.postings: dict[int, list[int]] = {}
        self.weight: dict[int, float] = {}
        self.repeated: dict[int, frozenset[int]] = {}  # term -> the documents it stands in more than once
        for number, term in enumerate(terms):
            docs = term.documents
            if 2 <= len(docs) <= cap:
                self.postings[number] = docs
                self.weight[number] = math.log((total + 1) / len(docs)) * KIND_WEIGHT.get(term.kind, 1.0)
                self.repeated[number] = frozenset(d for d in docs if by_doc[d][number] > 1)

    def related(self, doc: int, limit: int = 10) -> list[Related]:
        """The ``limit`` documents that share the most weight of terms with ``doc``, each with the
        shared terms, what weighed most first."""
        here = self.by_doc.get(doc, {})
        scores: dict[int, float] = defaultdict(float)
        for number, count in here.items():
            others = self.postings.get(number)
            if others is None:
                continue
            weight = self.weight[number]
            repeated = self.repeated[number] if count > 1 else ()
            if repeated:
                more = weight * REPEATED
                for other in others:
                    scores[other] += more if other in repeated else weight
            else:
                for other in others:
                    scores[other] += weight
        scores.pop(doc, None)
        best = heapq.nsmallest(limit, scores, key=lambda d: (-scores[d], d))
        return [Related(d, round(scores[d], 3), self._shared(here, d)) for d in best]

    def _shared(self, here: Mapping[int, int], other: int) -> list[Term]:
        """The terms ``other`` shares with a document holding ``here``, what weighed most first."""
        there = self.by_doc[other]
        gains = {n: self.weight[n] * (REPEATED if count > 1 and there[n] > 1 else 1.0)
                 for n, count in here.items() if n in self.postings and n in there}
        return [self.terms[n] for n in sorted(gains, key=lambda n: (-gains[n], n))]
