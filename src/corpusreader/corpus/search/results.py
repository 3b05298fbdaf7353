"""The hits of one query (``search.engine.run``): counts at once, the hits themselves page by page.

Counting is bitmap work, done when the results are made. The hits are read
(scored word by word, spans and snippet cut) only as pages are asked for, in
one of three orders: ``relevance`` (the documents holding the most of the
query first, by weight; in each such group paragraphs holding every word exactly,
then every word with typos, then some of the words, each tier shortest
paragraphs first and every batch of ``BATCH`` sorted by its score),
``newest`` and ``oldest`` (documents by date, undated last; paragraphs in
reading order). ``grouped`` gives one hit a document, its best, with the
document's number of hits in ``Hit.count``. Pages may be asked from any one
thread at a time (a lock keeps the lists).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from .bits import Members, ids_of
from .query import ParsedQuery
from .rank import Hit, Query, QueryTerm, score_paragraph, snippet, spans_at

if TYPE_CHECKING:
    from ..model import Document
    from .engine import Matched
    from .index import SearchIndex

ORDERS = ("relevance", "newest", "oldest")
BATCH = 60            # hits read and sorted together in relevance order
TIER_SORTED = 2000    # the first ids of a tier put in order by a cheap score; the rest in corpus order
MAX_PARTS = 64        # groups of documents by the clauses they hold (relevance order)


class Results:
    """Every hit of one query, with its counts: ``paragraphs``, ``documents``, ``by_year``, ``by_site``."""

    def __init__(self, index: SearchIndex, parsed: ParsedQuery, matched: list[Matched], hits: int,
                 by_metadata: int, hints: list[str]) -> None:
        self.index, self.parsed, self.matched, self.hints = index, parsed, matched, hints
        self.bits, self.by_metadata = hits, by_metadata
        layout = index.layout
        starts = layout.document_starts(hits)
        self.paragraphs = hits.bit_count()
        self.documents = starts.bit_count()
        self.by_year = [(year, n) for year, bits in layout.years.items() if (n := (bits & starts).bit_count())]
        self.by_site = sorted(((site, n) for site, bits in layout.sites.items() if (n := (bits & starts).bit_count())),
                              key=lambda item: (-item[1], item[0]))
        self.query = Query([QueryTerm(m.label, m.sims, m.bits, m.strong, m.bits.bit_count(), m.idf)
                            for m in matched])
        self._lock = threading.Lock()
        self._lists: dict[tuple[str, bool], list[Hit]] = {}
        self._sources: dict[tuple[str, bool], Iterator[Hit]] = {}

    def __bool__(self) -> bool:
        return self.paragraphs > 0

    def count(self, grouped: bool = False) -> int:
        """How many rows ``page`` gives in all: documents if ``grouped``, else paragraphs."""
        return self.documents if grouped else self.paragraphs

    def summary(self) -> str:
        """"312 paragraphs in 87 documents"."""
        return (f"{self.paragraphs:,} paragraph{'s' if self.paragraphs != 1 else ''} in "
                f"{self.documents:,} document{'s' if self.documents != 1 else ''}")

    def page(self, start: int, count: int, order: str = "relevance", grouped: bool = False) -> list[Hit]:
        """Hits ``start`` to ``start + count`` in ``order`` (one of ``ORDERS``)."""
        key = (order if order in ORDERS else "relevance", grouped)
        with self._lock:
            made = self._lists.setdefault(key, [])
            if key not in self._sources:
                self._sources[key] = self._source(*key)
            source = self._sources[key]
            if len(made) < start + count:
                made.extend(islice(source, start + count - len(made)))
            return made[start:start + count]

    def all(self, order: str = "relevance", grouped: bool = False) -> Iterator[Hit]:
        """Every hit in ``order``, page by page."""
        start = 0
        while page := self.page(start, 500, order, grouped):
            yield from page
            start += len(page)

    # -- the orders ------------------------------------------------------------------------

    def _source(self, order: str, grouped: bool) -> Iterator[Hit]:
        if order == "relevance":
            hits = (hit for tier in self._relevance_tiers() for hit in _sorted_batches(map(self.hit, self._tier(tier))))
            return _best_of_each(hits, self._in_document) if grouped else hits
        documents = self._by_date(newest=order == "newest")
        if grouped:
            return (self._best_in(doc) for doc in documents)
        return (self.hit(pid) for doc in documents for pid in self._ids_in(doc))

    def _relevance_tiers(self) -> Iterator[int]:
        exact, close = self.bits, self.bits
        for each in self.matched:
            exact &= each.strong
            close &= each.bits
        for part in self._by_coverage():
            everything = part & ~self.by_metadata
            part_exact = everything & exact
            part_close = everything & close & ~part_exact
            yield from (part_exact, part_close, everything & ~part_exact & ~part_close, part & self.by_metadata)

    def _by_coverage(self) -> list[int]:
        """The hits split by which of the query's clauses their document holds, the documents
        holding the most (by weight: rarer words weigh more) first."""
        parts: list[tuple[int, float]] = [(self.bits, 0.0)]
        for each in self.matched:
            if len(parts) >= MAX_PARTS:
                break
            split: list[tuple[int, float]] = []
            for bits, weight in parts:
                inside, outside = bits & each.docs, bits & ~each.docs
                split += [(inside, weight + each.idf)] if inside else []
                split += [(outside, weight)] if outside else []
            parts = split
        return [bits for bits, _ in sorted(parts, key=lambda part: -part[1])]

    def _tier(self, bits: int) -> Iterator[int]:
        first = ids_of(bits, TIER_SORTED)
        yield from sorted(first, key=self._cheap_score())
        while len(first) == TIER_SORTED:
            bits &= ~((1 << (first[-1] + 1)) - 1)
            first = ids_of(bits, TIER_SORTED)
            yield from first

    def _cheap_score(self) -> Callable[[int], float]:
        tests = [(Members(m.strong), Members(m.bits), m.idf) for m in self.matched]
        length = self.index.paragraph_length

        def score(pid: int) -> float:
            total = 1e-6 * length(pid)
            for strong, weak, idf in tests:
                total -= idf if pid in strong else 0.3 * idf if pid in weak else 0.0
            return total
        return score

    def _by_date(self, newest: bool) -> list[int]:
        layout = self.index.layout
        documents = layout.documents_of(self.bits)
        dated = sorted((d for d in documents if layout.dates[d]), key=lambda d: layout.dates[d] or "",
                       reverse=newest)
        return dated + [d for d in documents if not layout.dates[d]]

    def _ids_in(self, doc: int) -> list[int]:
        layout = self.index.layout
        here = layout.in_document(self.bits, doc)
        return [layout.first[doc] + offset for offset in ids_of(here, here.bit_count())]

    def _in_document(self, doc: int) -> int:
        return self.index.layout.in_document(self.bits, doc).bit_count()

    def _best_in(self, doc: int) -> Hit:
        ids = self._ids_in(doc)
        best = max((self.hit(pid) for pid in ids[:BATCH]), key=lambda hit: hit.score)
        best.count = len(ids)
        return best

    # -- one hit ---------------------------------------------------------------------------

    def hit(self, pid: int) -> Hit:
        """Paragraph ``pid`` as a hit: its score, the spans of the query's words, a snippet."""
        index = self.index
        doc, number, text = index.locate(pid)
        document = index.documents[doc]
        if (self.by_metadata >> pid) & 1:  # found by its place or speaker, or a query of fields alone
            line = describe(document)
            score, positions = score_paragraph(line, self.query) if self.matched else (0.0, [])
            where = spans_at(line, positions)
            cut, cut_spans = snippet(line, where)
            return Hit(doc, document.path, document.display_title, number, round(min(score, 100.0), 1),
                       cut, [], cut_spans, document.date)
        score, positions = score_paragraph(text, self.query)
        if number < 0:
            score += 2.0
        spans = spans_at(text, positions)
        cut, cut_spans = snippet(text, spans)
        return Hit(doc, document.path, document.display_title, number, round(min(score, 100.0), 1),
                   cut, spans, cut_spans, document.date)


def describe(document: Document) -> str:
    """A document's metadata on one line (the snippet of a hit found by it)."""
    parts = [f"{name}: {value}" for name, value in (("date", document.date), ("place", document.place),
                                                     ("speaker", document.speaker), ("site", document.site))
             if value]
    return " · ".join(parts) or document.display_title


def _sorted_batches(hits: Iterator[Hit]) -> Iterator[Hit]:
    while batch := list(islice(hits, BATCH)):
        batch.sort(key=lambda hit: -hit.score)  # stable: the cheap order among equals
        yield from batch


def _best_of_each(hits: Iterator[Hit], count_in: Callable[[int], int]) -> Iterator[Hit]:
    """The first hit of each document, with the document's number of hits."""
    seen: set[int] = set()
    for hit in hits:
        if hit.doc not in seen:
            seen.add(hit.doc)
            hit.count = count_in(hit.doc)
            yield hit
