"""Terms and cross-references of a corpus: the engine's API for the app and the commands.

Build once per corpus, then ask::

    index = TermIndex.build(corpus.documents)
    index.terms                         # list[Term], most documents first
    index.terms_of(doc)                 # {kind: [TermCount(term, here, documents)]} for one document
    index.occurrences(term, doc=None)   # list[Occurrence(doc, path, paragraph, start, end)]
    index.at(doc, paragraph)            # [(Term, Occurrence)] in one paragraph, by offset: highlighting
    index.in_document(doc)              # [(Term, Occurrence)] in one document, by place (cached)
    index.related(doc, limit=10)        # [Related(doc, score, shared)]: documents sharing rare terms
    index.get(key)                      # a Term by its key, e.g. "acronym:OEWG"
    index.to_json()                     # the ``terms`` list of ``export --format json``

A ``Term`` has a stable ``key`` (``kind:normalised name``), its display name
``term``, ``kind`` (one of ``KINDS``), ``expansion`` (an acronym's long form; a
resolution's full symbol), ``aliases`` (the other spellings merged into it),
``role`` and ``roles`` (a person's posts, the best first) and ``occurrences``.
An ``Occurrence`` has the document's index in the list given to ``build`` and
its ``path``, ``paragraph`` (-1 = the title) and character offsets in that
paragraph's string (occurrences of different terms may overlap: a person's
name inside an organisation's). ``Term.documents`` lists the indexes of the
documents it stands in, ``Term.names`` the term and its aliases. Keys look like
``acronym:OEWG``, ``person:sergei:lavrov`` (folded across transliterations),
``document:75/240``, ``place:khanty mansiysk``.

Cost: all in ``build``; every query after that is a lookup (``related`` under
a millisecond). From 2,000 documents on, ``build`` starts two worker processes
(``terms.background``) and uses both cores; the output is the same as in one
process. ``bench/terms_bench.py`` measures it (10,000 synthetic documents on the
shared 2-core machine: about 11 s, from about 20 s before). The index is plain
data that no one changes after ``build``: build it in a worker thread, keep it
with the corpus, and cache it with the documents where the corpus is cached.

For the side panel: a **Terms** tab lists ``terms_of(doc)`` by kind with the
count here and the number of documents (``TermCount``); choosing a term jumps
to ``occurrences(term, doc)`` or lists ``occurrences(term)`` across the corpus.
A **References** tab lists ``related(doc)`` with the shared terms of each.

The extraction itself lives in ``acronyms``, ``people``, ``entities``,
``symbols``, ``phrases`` and ``cards`` (run by ``build``); this module merges
their mentions into terms. The records (``Term``, ``Occurrence``, ``TermCount``,
``Related``) live in ``term``, which ``references`` reads too.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from ..model import Document
from .build import extract
from .mentions import Mention, normal
from .people import person_roles
from .references import References
from .term import KINDS, DocTerms, Occurrence, Occurrences, Related, Term, TermCount, docs_of, in_document

__all__ = ["KINDS", "Occurrence", "Related", "Term", "TermCount", "TermIndex", "merge", "terms_json"]


class TermIndex:
    """The terms of a list of documents, and the ways to look them up."""

    def __init__(self, documents: list[Document], terms: list[Term]):
        self.documents = documents
        self.terms = terms
        self._by_key = {t.key: t for t in terms}
        self._by_doc: dict[int, DocTerms] = {}
        self._df: list[int] = []  # how many documents each term stands in
        for number, term in enumerate(terms):
            here = Counter(docs_of(term.occurrences))  # counted in C: a corpus has 100,000s of occurrences
            for doc, count in here.items():
                found = self._by_doc.get(doc)
                if found is None:
                    found = self._by_doc[doc] = DocTerms()
                found.add(number, count)
            self._df.append(len(here))
        self._references: References | None = None
        self._placed: dict[int, list[tuple[Term, Occurrence]]] = {}

    @classmethod
    def build(cls, documents: list[Document]) -> TermIndex:
        with _no_cycle_collection():
            return cls(documents, merge(documents, extract(documents)))

    def get(self, key: str) -> Term | None:
        return self._by_key.get(key)

    def terms_of(self, doc: int) -> dict[str, list[TermCount]]:
        """The document's terms by kind (in ``KINDS`` order), most frequent here first."""
        grouped: dict[str, list[TermCount]] = {}
        for number, count in self._by_doc.get(doc, _NO_TERMS).items():
            term = self.terms[number]
            grouped.setdefault(term.kind, []).append(TermCount(term, count, self._df[number]))
        for items in grouped.values():
            items.sort(key=lambda c: (-c.here, -c.documents, c.term.term.casefold()))
        return {kind: grouped[kind] for kind in KINDS if kind in grouped}

    def occurrences(self, term: Term | str, doc: int | None = None) -> list[Occurrence]:
        found = self._by_key.get(term) if isinstance(term, str) else term
        if found is None:
            return []
        return sorted(found.occurrences if doc is None else in_document(found.occurrences, doc))

    def in_document(self, doc: int) -> list[tuple[Term, Occurrence]]:
        """Every term occurrence in one document, by paragraph and offset."""
        if doc not in self._placed:
            hits = [(self.terms[n], o) for n in self._by_doc.get(doc, ())
                    for o in in_document(self.terms[n].occurrences, doc)]
            self._placed[doc] = sorted(hits, key=lambda h: (h[1].paragraph, h[1].start, -h[1].end))
        return self._placed[doc]

    def at(self, doc: int, paragraph: int) -> list[tuple[Term, Occurrence]]:
        """The terms standing in one paragraph (-1: the title), by offset."""
        return [hit for hit in self.in_document(doc) if hit[1].paragraph == paragraph]

    def related(self, doc: int, limit: int = 10) -> list[Related]:
        """Documents that share rare terms with ``doc``, the best first."""
        if self._references is None:
            self._references = References(len(self.documents), self.terms, self._by_doc)
        return self._references.related(doc, limit)

    def to_json(self) -> list[dict]:
        return [term.to_json() for term in self.terms]


_NO_TERMS = DocTerms()


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cyclic garbage collector paused: a build makes millions of small objects and
    no cycles, and the collector's repeated passes over them cost a fifth of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def merge(documents: list[Document], mentions: list[Mention]) -> list[Term]:
    """One term per key, its spellings and occurrences; the most documents first (then the
    most occurrences, the name, the key: an order that no set or hash decides)."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[mention.key].append(mention)
    paths = [document.path for document in documents]
    dates = [document.date for document in documents]
    terms = [_term(paths, key, items) for key, items in by_key.items()]
    for term in terms:
        if term.kind == "person":
            term.stated = _stated(term.roles, by_key[term.key])
            term.date_posts(dates)
    terms.sort(key=lambda t: (KINDS.index(t.kind), -len(t.documents), -len(t.occurrences),
                              t.term.casefold(), t.key))
    return terms


def _term(paths: list[str], key: str, mentions: list[Mention]) -> Term:
    """One term from its mentions. Of equally frequent spellings (or expansions) the one
    mentioned first wins: mentions come by extractor, then in reading order, on every run."""
    kind = mentions[0].kind
    spellings = Counter([m.surface for m in mentions])  # weighted: a card's mention counts twice
    for m in mentions:
        if m.weight != 1:
            spellings[m.surface] += m.weight - 1
    named = [m.name for m in mentions if m.name]
    if kind == "acronym":
        display = key.split(":", 1)[1]
    elif named:
        display = Counter(named).most_common(1)[0][0]
    elif kind == "person":
        full = Counter({s: c for s, c in spellings.items() if len(s.replace(".", ". ").split()) > 1}) or spellings
        display = full.most_common(1)[0][0]
    else:
        display = spellings.most_common(1)[0][0]
    expansions = Counter(m.expansion for m in mentions if m.expansion).most_common(1)
    expansion = expansions[0][0] if expansions else None
    aliases: dict[str, str] = {}
    for spelling, _ in spellings.most_common():
        if kind == "acronym" and spelling.rstrip("s") == display:
            continue
        aliases.setdefault(normal(spelling), spelling)
    if expansion:
        aliases.setdefault(normal(expansion), expansion)
    aliases.pop(normal(display), None)
    places = sorted({(m.doc, m.paragraph, m.start, m.end) for m in mentions})  # a path goes with its doc
    occurrences = Occurrences.of(places, paths)
    roles = person_roles(mentions) if kind == "person" else []
    return Term(key, display, kind, expansion, list(aliases.values()), roles[0] if roles else None,
                roles, occurrences)


def _stated(roles: list[str], mentions: list[Mention]) -> dict[int, str]:
    """The post each document states for a person, spelled as in ``roles``: the page's own
    hover card first (the post at the time of the page), then the text's most stated."""
    spelled = {normal(role): role for role in roles}
    by_doc: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.role:
            by_doc[mention.doc].append(mention)
    return {doc: spelled[normal(person_roles([m for m in found if m.weight > 1] or found)[0])]
            for doc, found in sorted(by_doc.items())}


def terms_json(documents: list[Document]) -> list[dict]:
    """The ``terms`` list of ``export --format json`` (see CONTRACT.md)."""
    return TermIndex.build(documents).to_json()
