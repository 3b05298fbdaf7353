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

from ..text import word_spans
from .bits import Members, ids_of
from .query import ParsedQuery
from .rank import Hit, Query, QueryTerm, score_paragraph, snippet, spans_at

if TYPE_CHECKING:
    from ..model import Document
    from .engine import Matched
    from .index import SearchIndex

ORDERS = ("relevance", "newest", "oldest")
BATCH = 60            # hits read and sorted together in relevance order
TIER_SORTED = 500     # the first ids of a tier put in order by a cheap score; the rest in corpus order
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
        self.marked = Query([QueryTerm(m.label, m.highlighted, m.bits, m.strong, 0, m.idf) for m in matched])
        self.phrases = sorted({phrase for m in matched for phrase in m.phrases}, key=len, reverse=True)
        self._lock = threading.Lock()
        self._lists: dict[tuple[str, bool], list[Hit]] = {}
        self._sources: dict[tuple[str, bool], Iterator[Hit]] = {}

    @property
    def undated(self) -> int:
        """Documents of the results that have no year."""
        return self.documents - sum(n for _, n in self.by_year)

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
            hits = (hit for tier, exact in self._relevance_tiers() for hit in self._sorted_batches(tier, exact))
            return _best_of_each(hits, self._in_document) if grouped else hits
        documents = self._by_date(newest=order == "newest")
        if grouped:
            return (self._best_in(doc) for doc in documents)
        return (self.hit(pid) for doc in documents for pid in self._ids_in(doc))

    def _relevance_tiers(self) -> Iterator[tuple[int, bool]]:
        exact, close = self.bits, self.bits
        for each in self.matched:
            exact &= each.strong
            close &= each.bits
        for part in self._by_coverage():
            everything = part & ~self.by_metadata
            part_exact = everything & exact
            part_close = everything & close & ~part_exact
            yield from ((part_exact, True), (part_close, False), (everything & ~part_exact & ~part_close, False),
                        (part & self.by_metadata, True))

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

    def _tier(self, bits: int, exact: bool) -> Iterator[int]:
        """The ids of one tier: the first ``TIER_SORTED`` by a cheap score, the rest in corpus order."""
        first = ids_of(bits, TIER_SORTED)
        yield from self._cheaply_sorted(first, exact)
        while len(first) == TIER_SORTED:
            bits &= ~((1 << (first[-1] + 1)) - 1)
            first = ids_of(bits, TIER_SORTED)
            yield from first

    def _cheaply_sorted(self, ids: list[int], exact: bool) -> list[int]:
        """``ids`` by the words each holds exactly or by a typo (rarer words weigh more), then
        shortest first (the words stand nearer each other there). In an ``exact`` tier all hold
        every word alike: the length alone."""
        length = self.index.paragraph_length
        scores = {pid: 1e-6 * length(pid) for pid in ids}
        if not exact:
            for each in self.matched:
                for pid in Members(each.strong).among(ids):
                    scores[pid] -= 0.7 * each.idf
                for pid in Members(each.bits).among(ids):
                    scores[pid] -= 0.3 * each.idf
        return sorted(ids, key=scores.__getitem__)

    def _sorted_batches(self, bits: int, exact: bool) -> Iterator[Hit]:
        """The hits of a tier, each batch of ``BATCH`` read and sorted by its score; made one by one."""
        ids = self._tier(bits, exact)
        while batch := list(islice(ids, BATCH)):
            scored = []
            for pid in batch:
                _, number, text = self.index.locate(pid)
                score, positions = score_paragraph(text, self.query)
                scored.append((score + (2.0 if number < 0 else 0.0), pid, positions))
            scored.sort(key=lambda item: (-round(item[0], 3), item[1]))  # ties: the earlier paragraph
            for score, pid, positions in scored:
                yield self.hit(pid, score, positions)

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

    def hit(self, pid: int, score: float | None = None, positions: list[int] | None = None) -> Hit:
        """Paragraph ``pid`` as a hit: its score, the spans of the query's words, a snippet
        (``score`` and ``positions``: from ``score_paragraph`` with the query, if known)."""
        index = self.index
        doc, number, text = index.locate(pid)
        document = index.documents[doc]
        if (self.by_metadata >> pid) & 1:  # found by its place or speaker, or a query of fields alone
            line = describe(document)
            score = score_paragraph(line, self.query)[0] if self.matched else 0.0
            where = self.spans(line)
            cut, cut_spans = snippet(line, where)
            return Hit(doc, document.path, document.display_title, number, round(min(score, 100.0), 1),
                       cut, [], cut_spans, document.date)
        if score is None:
            score, positions = score_paragraph(text, self.query)
            score += 2.0 if number < 0 else 0.0
        spans = self.spans(text, positions)
        cut, cut_spans = snippet(text, spans)
        return Hit(doc, document.path, document.display_title, number, round(min(score, 100.0), 1),
                   cut, spans, cut_spans, document.date)

    def spans(self, text: str, positions: list[int] | None = None) -> list[tuple[int, int]]:
        """The query's words in ``text``, and its phrases where they stand whole (``positions``:
        of the query's words in ``text``, if known)."""
        if not self.matched:
            return []
        if positions is None or self.phrases:  # a phrase's words alone are not highlighted
            positions = score_paragraph(text, self.marked)[1]
        spans = spans_at(text, positions)
        if self.phrases:
            spans = sorted(set(spans) | set(phrase_spans(text, self.phrases)))
        return spans


def phrase_spans(text: str, phrases: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Where the folded ``phrases`` stand whole in ``text`` (character offsets)."""
    found = list(word_spans(text))
    words = [word for _, _, word in found]
    spans = []
    for phrase in phrases:
        size = len(phrase)
        for at in range(len(words) - size + 1):
            if words[at] == phrase[0] and tuple(words[at:at + size]) == phrase:
                spans.append((found[at][0], found[at + size - 1][1]))
    return spans


def describe(document: Document) -> str:
    """A document's metadata on one line (the snippet of a hit found by it)."""
    parts = [f"{name}: {value}" for name, value in (("date", document.date), ("place", document.place),
                                                     ("speaker", document.speaker), ("site", document.site))
             if value]
    return " · ".join(parts) or document.display_title


def _best_of_each(hits: Iterator[Hit], count_in: Callable[[int], int]) -> Iterator[Hit]:
    """The first hit of each document, with the document's number of hits."""
    seen: set[int] = set()
    for hit in hits:
        if hit.doc not in seen:
            seen.add(hit.doc)
            hit.count = count_in(hit.doc)
            yield hit
