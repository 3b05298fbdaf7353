"""Typo-tolerant search over the titles and paragraphs of a corpus, fast enough for every keystroke.

Engine API (the search screen and ``corpusreader search`` use only this)::

    index = SearchIndex.build(corpus.documents)    # once per corpus; seconds at 10,000 documents
    hits = index.search("informaton securty", limit=20)   # never raises, whatever the string
    for hit in hits:
        hit.doc            # index into the documents given to build()
        hit.path, hit.title, hit.date        # the document's path, display title, ISO date or None
        hit.paragraph      # index into document.paragraphs; -1 for the title
        hit.score          # 0..100, best first
        hit.spans          # [(start, end)] character offsets in that paragraph's text (or title)
        hit.snippet        # ~160 characters of it on one line, "…" where cut
        hit.snippet_spans  # the same matches as offsets in hit.snippet
        hit.to_json()      # the contract's JSON result object
    index.spans(text, "informaton securty")   # matched spans in any text, e.g. for n/N in the reader
    SearchIndex.from_bytes(index.to_bytes(), documents)  # for a cache; ValueError if it does not fit

The query language (phrases, exclusions, fields, dates; every hit, counted)
is ``search.engine.run(index, query)`` on top of this class, through
``resolve_word``, ``exact_bits``, ``locate``, ``paragraph_length``, ``layout``
(documents as runs of paragraph ids), ``metadata`` and ``remembered``;
``search`` itself keeps its plain, best-``limit`` behaviour.

``search(query, limit=20, *, typing=True)`` is meant for every keystroke:
the last word of the query is also matched as a prefix unless the query ends
in a space or punctuation (the user is still typing it); with ``typing`` (the
default, for the app) that unfinished word's typos are looked for among words
of the same first letter only, the whole vocabulary once it is finished; the
command line passes ``typing=False``. The vocabulary matches of each query
word are remembered (an LRU bounded in bytes), so a keystroke only resolves
the word being typed. Ties go to the earlier paragraph in corpus order.

Threads: ``search`` only reads the index, and the cache it fills is guarded
by a lock, so it can run in a worker (the app's exclusive worker cancels the
previous keystroke's search; a search in flight runs to its end, in
milliseconds). ``Hit.spans`` are always offsets in the paragraph's own text.

How it works: the index is a vocabulary of folded words (``text.fold``:
case- and accent-insensitive, ``ё`` = ``е``, Cyrillic kept) with postings
(``search.vocabulary``: typos within an edit distance looked up with rapidfuzz
among words of similar length, completions of the last word). Each query word
becomes a bitmap of paragraphs (``search.bits``); their intersection gives the
paragraphs that match every word (then, if few, those matching most words,
rarest first); a cheap score on the bitmaps picks the best few dozen, which
``search.rank`` reads word by word for the final score: closeness of match
weighted by rarity (75), proximity of the words (15), the exact phrase (10),
+2 for a title, at most 100.
"""

from __future__ import annotations

import heapq
import math
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

from ..model import Document
from ..text import SEARCH_TOKEN, folded_words
from . import mapped, stored
from .bits import Members, ids_of
from .layout import Layout
from .mapped import MappedFile, MappedVocabulary
from .meta import Metadata
from .query import parse
from .rank import Hit, Query, QueryTerm, score_paragraph, snippet, spans_at
from .results import phrase_spans
from .vocabulary import MIN_PREFIX, Vocabulary, Words

__all__ = ["Hit", "SearchIndex"]

MAX_QUERY_WORDS = 12      # words beyond these are ignored
STAGE1_CAP = 1500         # candidates scored on the postings
STAGE1_SCAN = 3000        # paragraphs examined when no paragraph matches every word
STAGE2_MIN = 60           # candidates read word by word (at least; more for a big limit)
CACHE_SIZE = 256          # query words whose matches are remembered...
CACHE_BUDGET = 64 << 20   # ...in bitmaps of at most this many bytes in all
REMEMBERED = 64           # phrase and filter bitmaps remembered (``remembered``)


def indexed_texts(document: Document) -> list[str]:
    """The texts of a document the index numbers as its paragraphs: its title (if any), then its paragraphs."""
    return ([document.title] if document.title else []) + list(document.paragraphs)


def paragraph_counts(para_doc: Sequence[int], documents: int) -> array:
    """How many indexed paragraphs each document has, from each paragraph's document."""
    counts = array("I", bytes(4 * documents))
    for doc in para_doc:
        counts[doc] += 1
    return counts


class SearchIndex:
    """The vocabulary and postings of a corpus's titles and paragraphs. Build with ``build``."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.documents = documents
        self._para_doc = array("I")      # paragraph id -> document index
        self._para_num = array("i")      # paragraph id -> paragraph index (-1: title)
        self._para_len: Sequence[int] = array("H")  # paragraph id -> number of words (at most 65535)
        self._vocabulary: Words = Vocabulary({}, 0)
        self._file: MappedFile | None = None  # the file mapped, for an index opened from one
        self._cached_terms: OrderedDict[tuple[str, bool, bool], QueryTerm] = OrderedDict()
        self._cached_bytes = 0  # the size of the bitmaps of _cached_terms
        self._lock = threading.Lock()
        self._extra_lock = threading.Lock()
        self._layout: Layout | None = None
        self._metadata: Metadata | None = None
        self._remembered: OrderedDict[tuple, int] = OrderedDict()

    @classmethod
    def build(cls, documents: Sequence[Document]) -> SearchIndex:
        index = cls(documents)
        para_len = array("H")
        postings: dict[str, array] = {}
        for number, document in enumerate(documents):
            first = -1 if document.title else 0
            for offset, text in enumerate(indexed_texts(document)):
                pid = len(index._para_doc)
                index._para_doc.append(number)
                index._para_num.append(first + offset)
                words = folded_words(text)
                para_len.append(min(len(words), 65535))
                for word in set(words):
                    found = postings.get(word)
                    if found is None:
                        postings[word] = found = array("I")
                    found.append(pid)
        index._para_len = para_len
        index._vocabulary = Vocabulary(postings, index.paragraph_count)
        return index

    def save(self, path: Path, digests: Sequence[bytes]) -> None:
        """Write the index to ``path`` as a file to be mapped (``search.mapped``); ``digests``: what
        each document is recognised by when the index is updated (``update``)."""
        vocabulary = self._vocabulary
        counts = paragraph_counts(self._para_doc, len(self.documents))
        every = range(len(vocabulary))
        mapped.write(path, self.paragraph_count, array("H", self._para_len), list(map(vocabulary.word, every)),
                     list(map(vocabulary.posting, every)), b"".join(digests), counts)

    @classmethod
    def open(cls, path: Path, documents: Sequence[Document]) -> SearchIndex:
        """The index ``save`` wrote, mapped, for these ``documents`` (only their titles and the number
        of their paragraphs are asked for); ValueError for a file that does not fit them or is damaged."""
        file = MappedFile(path)
        index = cls(documents)
        index._para_doc, index._para_num = stored.paragraph_layout(documents)
        counts = paragraph_counts(index._para_doc, len(documents))
        if file.paragraphs != index.paragraph_count or file.sections["doc_counts"].tobytes() != counts.tobytes():
            file.close()
            raise ValueError("a search index file of other documents")
        index._file = file
        index._para_len = file.sections["para_len"]
        index._vocabulary = MappedVocabulary(file)
        return index

    @property
    def mapped(self) -> MappedFile | None:
        """The file this index reads, if it was opened from one."""
        return self._file

    def to_bytes(self) -> bytes:
        """The index without its documents, for a cache: plain arrays behind a header
        (``search.stored``), nothing that can run code. Loads many times faster than ``build``."""
        vocabulary = self._vocabulary
        if not isinstance(vocabulary, Vocabulary):
            vocabulary = Vocabulary({vocabulary.word(i): array("I", _ids(vocabulary.posting(i), self.paragraph_count))
                                     for i in range(len(vocabulary))}, self.paragraph_count)
        return stored.pack(array("H", self._para_len), vocabulary)

    @classmethod
    def from_bytes(cls, data: bytes, documents: Sequence[Document]) -> SearchIndex:
        """The index ``to_bytes`` wrote for these ``documents``; ValueError for a blob
        that does not fit them, is damaged or of another format (the caller rebuilds)."""
        index = cls(documents)
        index._para_doc, index._para_num = stored.paragraph_layout(documents)
        index._para_len, index._vocabulary = stored.unpack(data, index.paragraph_count)
        return index

    @property
    def paragraph_count(self) -> int:
        return len(self._para_doc)

    @property
    def vocabulary_size(self) -> int:
        return len(self._vocabulary)

    # -- querying ---------------------------------------------------------

    def search(self, query: str, limit: int = 20, *, typing: bool = True) -> list[Hit]:
        """The best ``limit`` paragraphs for ``query``, best first ([] for no words).

        ``typing``: the query is being typed, so the typos of its unfinished
        last word are looked for among words of the same first letter only
        (fast; the whole vocabulary once the word is finished). Pass False for
        a query typed in full, as on the command line.
        """
        terms = self._resolve(query, typing)
        if not terms or limit <= 0 or not any(term.count for term in terms):
            return []
        query_terms = Query(terms)
        scored = []
        for pid in self._candidates(terms, max(STAGE2_MIN, limit + 20)):
            doc, number = self._para_doc[pid], self._para_num[pid]
            document = self.documents[doc]
            text = (document.title or "") if number < 0 else document.paragraphs[number]
            score, positions = score_paragraph(text, query_terms)
            if positions:
                if number < 0:
                    score += 2.0  # a title that matches says more than a paragraph that does
                scored.append((round(score, 3), doc, number, text, positions))
        scored.sort(key=lambda found: (-found[0], found[1], found[2]))
        hits = []
        for score, doc, number, text, positions in scored[:limit]:
            score = min(100.0, round(score, 1))
            document = self.documents[doc]
            spans = spans_at(text, positions)
            cut, cut_spans = snippet(text, spans)
            hits.append(Hit(doc, document.path, document.display_title, number, score,
                            cut, spans, cut_spans, document.date))
        return hits

    def clear_cache(self) -> None:
        """Forget the remembered word matches (for benchmarks of a cold start)."""
        with self._lock:
            self._cached_terms.clear()
            self._cached_bytes = 0

    def spans(self, text: str, query: str) -> list[tuple[int, int]]:
        """Where ``query``'s words occur in ``text``: their typos and completions
        as the corpus's vocabulary has them, and the words themselves. The query may use the
        search syntax (``search.query``): its words and phrases are found, its fields and
        exclusions are not text to look for, and its phrases are found only whole."""
        parsed = parse(query)
        words = " ".join(clause.words[0] for clause in parsed.include if not clause.phrase)
        terms = self._resolve(words + ("" if parsed.unfinished or not words else " "))
        spans = spans_at(text, score_paragraph(text, Query(terms))[1]) if terms else []
        phrases = [tuple(clause.words) for clause in parsed.include if clause.phrase]
        if phrases:
            spans = sorted(set(spans) | set(phrase_spans(text, phrases)))
        return spans

    # -- for the query language (``search.engine``) ----------------------------------------

    def resolve_word(self, word: str, prefix: bool = False, typing: bool = False) -> QueryTerm:
        """One folded query word against the vocabulary (typos; completions if ``prefix``; the
        same first letter only if ``typing``), its ``idf`` set. Remembered like ``search``'s words."""
        term = self._query_term(word, prefix, typing and prefix)
        term.idf = math.log(1.0 + max(1, self.paragraph_count) / (1 + term.count))
        return term

    def exact_bits(self, word: str) -> int:
        """The paragraphs holding the folded ``word`` itself."""
        found = self._vocabulary.find(word)
        return 0 if found is None else self._vocabulary.union([found])

    def locate(self, pid: int) -> tuple[int, int, str]:
        """Paragraph id -> (document index, paragraph index (-1: title), its text)."""
        doc, number = self._para_doc[pid], self._para_num[pid]
        document = self.documents[doc]
        return doc, number, (document.title or "") if number < 0 else document.paragraphs[number]

    def paragraph_length(self, pid: int) -> int:
        return self._para_len[pid]

    @property
    def layout(self) -> Layout:
        """Documents as runs of paragraph ids (``search.layout``), made on first use."""
        with self._extra_lock:
            if self._layout is None:
                self._layout = Layout(self.documents, self._para_doc)
            return self._layout

    @property
    def metadata(self) -> Metadata:
        """The documents' metadata fields (``search.meta``), made on first use."""
        with self._extra_lock:
            if self._metadata is None:
                self._metadata = Metadata(self.documents)
            return self._metadata

    def remembered(self, key: tuple, make: Callable[[], int]) -> int:
        """``make()``, remembered under ``key`` (phrases and filters: the bitmaps of a typed query)."""
        with self._extra_lock:
            if key in self._remembered:
                self._remembered.move_to_end(key)
                return self._remembered[key]
        value = make()
        with self._extra_lock:
            self._remembered[key] = value
            while len(self._remembered) > REMEMBERED:
                self._remembered.popitem(last=False)
        return value

    def _resolve(self, query: str, typing: bool = False) -> list[QueryTerm]:
        words = folded_words(query)[:MAX_QUERY_WORDS]
        if not words:
            return []
        unfinished = SEARCH_TOKEN.fullmatch(query[-1]) is not None
        last = len(words) - 1
        terms = [self._query_term(word, unfinished and i == last, typing and unfinished and i == last)
                 for i, word in enumerate(words)]
        total = max(1, self.paragraph_count)
        for term in terms:
            term.idf = math.log(1.0 + total / (1 + term.count))
        return terms

    def _query_term(self, word: str, prefix: bool, same_initial: bool) -> QueryTerm:
        key = (word, prefix and len(word) >= MIN_PREFIX, same_initial)  # "se" and "se " share one entry
        with self._lock:
            term = self._cached_terms.get(key)
            if term is not None:
                self._cached_terms.move_to_end(key)
                return QueryTerm(term.word, term.sims, term.paragraphs, term.strong, term.count)
        vocabulary = self._vocabulary
        sims = vocabulary.matches(*key)
        strong = vocabulary.union([i for i, sim in sims.items() if sim >= 0.9])
        paragraphs = strong | vocabulary.union([i for i, sim in sims.items() if sim < 0.9])
        term = QueryTerm(word, {vocabulary.word(i): sim for i, sim in sims.items()}, paragraphs, strong,
                         paragraphs.bit_count())
        with self._lock:
            if key not in self._cached_terms:
                self._cached_terms[key] = term
                self._cached_bytes += _size(term)
            cached = self._cached_terms
            while cached and (len(cached) > CACHE_SIZE or self._cached_bytes > CACHE_BUDGET):
                self._cached_bytes -= _size(cached.popitem(last=False)[1])
        return QueryTerm(term.word, term.sims, term.paragraphs, term.strong, term.count)

    def _candidates(self, terms: list[QueryTerm], wanted: int) -> list[int]:
        """Paragraph ids worth reading word by word, by a cheap score on the postings."""
        by_rarity = sorted(terms, key=lambda term: term.count)
        every = by_rarity[0].paragraphs
        for term in by_rarity[1:]:
            every &= term.paragraphs
        count = every.bit_count()
        if count > STAGE1_CAP:  # many match every word: those matching them best first
            best = every
            for term in by_rarity:
                best &= term.strong
            ids = ids_of(best, STAGE1_CAP)
            ids += ids_of(every & ~best, STAGE1_CAP - len(ids))
        else:
            ids = ids_of(every, count)
            if count < wanted and len(terms) > 1:  # then those matching most words, rarest first
                some = every
                for term in by_rarity:
                    some |= term.paragraphs
                    if some.bit_count() >= STAGE1_SCAN:
                        break
                ids += ids_of(some & ~every, STAGE1_SCAN - len(ids))

        # A cheap score from the postings alone; among equals, shorter paragraphs
        # first (the words stand nearer each other there).
        lengths = self._para_len
        scores = {pid: -1e-6 * lengths[pid] for pid in ids}
        for term in terms:
            full, part = term.idf, 0.3 * term.idf
            strong, weak = Members(term.strong), Members(term.paragraphs)
            for pid in strong.among(ids):
                scores[pid] += full
            for pid in weak.among(ids):
                scores[pid] += part
        return heapq.nlargest(wanted, scores, key=scores.__getitem__)


def _ids(posting: Sequence[int] | int, size: int) -> Sequence[int]:
    return ids_of(posting, size) if isinstance(posting, int) else posting


def _size(term: QueryTerm) -> int:
    """The bytes of a term's bitmaps."""
    return (term.paragraphs.bit_length() + term.strong.bit_length()) // 8
