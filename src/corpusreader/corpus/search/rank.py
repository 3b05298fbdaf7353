"""Second stage of search: score one paragraph against the query, find spans, cut a snippet.

The first stage (``search.index``) narrows the corpus to a few dozen paragraphs
from the postings; here each is read word by word to see how closely every
query word matched, how near the matches stand, whether the query occurs as a
phrase, and where the matches are for highlighting.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ..text import fold, split_words, word_spans

SNIPPET_WIDTH = 160  # characters of paragraph text around the matches

# Weights of the final score (0..100): how well the words matched (rarer words
# count more), how near each other they stand, and the exact phrase.
QUALITY, PROXIMITY, PHRASE = 75.0, 15.0, 10.0


@dataclass(slots=True)
class QueryTerm:
    """One query word, resolved against the vocabulary.

    ``sims`` maps each matching vocabulary word to its similarity (1.0 exact,
    less for a typo or a completion); ``paragraphs`` is the bitmap
    (``search.bits``) of the paragraphs holding any of them, ``strong`` of
    those holding an exact or completed match, ``count`` the number of
    paragraphs; ``idf`` is the word's weight (rarer weighs more).
    """

    word: str
    sims: dict[str, float]
    paragraphs: int
    strong: int
    count: int = 0
    idf: float = 1.0


@dataclass(slots=True)
class Hit:
    """A paragraph that matched: where it is, how well, and what to highlight.

    ``paragraph`` is -1 for the title. ``spans`` are ``(start, end)`` character
    offsets in the paragraph's text (``Document.paragraphs[paragraph]``, or the
    title); ``snippet_spans`` the same matches as offsets in ``snippet``.
    """

    doc: int
    path: str
    title: str
    paragraph: int
    score: float
    snippet: str
    spans: list[tuple[int, int]]
    snippet_spans: list[tuple[int, int]] = field(default_factory=list)
    date: str | None = None
    count: int = 1  # hits in the document, when the results are grouped by document

    def to_json(self) -> dict:
        """The result as ``search --format json`` shows it (CONTRACT.md)."""
        return {
            "path": self.path,
            "title": self.title,
            "paragraph": self.paragraph,
            "score": self.score,
            "snippet": self.snippet,
            "spans": [list(span) for span in self.spans],
        }


class Query:
    """The resolved words of one query and, for reading paragraphs, one lookup:
    folded vocabulary word -> ``(term index, similarity)`` of every term it matches."""

    __slots__ = ("terms", "lookup", "total_idf")

    def __init__(self, terms: list[QueryTerm]) -> None:
        self.terms = terms
        self.lookup: dict[str, list[tuple[int, float]]] = {}
        for index, term in enumerate(terms):
            for word, sim in term.sims.items():
                self.lookup.setdefault(word, []).append((index, sim))
            if term.word not in term.sims:  # a word the corpus lacks (for ``spans`` in other text)
                self.lookup.setdefault(term.word, []).append((index, 1.0))
        self.total_idf = sum(term.idf for term in terms) or 1.0


def _aligned_words(text: str) -> list[str]:
    """The folded words of ``text`` whose positions ``spans_at`` maps back to offsets."""
    folded = fold(text)
    if len(folded) == len(text):  # the usual case: offsets in the folded text are offsets in text
        return split_words(folded)
    return [word for _, _, word in word_spans(text)]  # folding changed lengths (ß -> ss)


def spans_at(text: str, positions: list[int]) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets in ``text`` of its words at ``positions``."""
    if not positions:
        return []
    folded = fold(text)
    if len(folded) != len(text):
        found = [(start, end) for start, end, _ in word_spans(text)]
        return [found[position] for position in positions]
    # Words are maximal runs of word characters, so each is found where it starts.
    wanted, spans, at = set(positions), {}, 0
    for position, word in enumerate(split_words(folded)[:max(positions) + 1]):
        at = folded.find(word, at)
        if position in wanted:
            spans[position] = (at, at + len(word))
        at += len(word)
    return [spans[position] for position in positions]


def score_paragraph(text: str, query: Query) -> tuple[float, list[int]]:
    """The score (0..100) of ``text`` for ``query`` and the positions of its matched words."""
    lookup = query.lookup
    words = _aligned_words(text)
    matched = [position for position, word in enumerate(words) if word in lookup]
    if not matched:
        return 0.0, []
    occurrences: list[list[tuple[int, float]]] = [[] for _ in query.terms]
    for position in matched:
        for index, sim in lookup[words[position]]:
            occurrences[index].append((position, sim))
    quality = sum(
        term.idf * max(sim for _, sim in places)
        for term, places in zip(query.terms, occurrences) if places
    ) / query.total_idf
    return (
        QUALITY * quality + PROXIMITY * _proximity(occurrences) + PHRASE * _phrase(occurrences),
        matched,
    )


def _proximity(occurrences: list[list[tuple[int, float]]]) -> float:
    """1.0 when each query word stands right after the one before it, less as they drift apart."""
    if len(occurrences) < 2:
        return 1.0 if occurrences and occurrences[0] else 0.0
    closeness = 0.0
    for before, after in zip(occurrences, occurrences[1:]):
        if before and after:
            closeness += 1.0 / _gap([position for position, _ in before], after)
    return closeness / (len(occurrences) - 1)


def _gap(before: list[int], after: list[tuple[int, float]]) -> int:
    """The least distance in words from a word of ``before`` to one of ``after``
    (1 = right after it; a word standing before counts one more)."""
    gap = 1 << 30
    for position, _ in after:
        at = bisect_left(before, position)  # positions are in ascending order
        if at:
            gap = min(gap, position - before[at - 1])
        if at < len(before):
            gap = min(gap, before[at] - position + 1)
    return max(gap, 1)


def _phrase(occurrences: list[list[tuple[int, float]]]) -> float:
    """1.0 when the query words occur consecutively, in order, somewhere."""
    if not all(occurrences):
        return 0.0
    later = [{position for position, _ in found} for found in occurrences[1:]]
    for first, _ in occurrences[0]:
        if all(first + step in positions for step, positions in enumerate(later, 1)):
            return 1.0
    return 0.0


def snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """About ``SNIPPET_WIDTH`` characters of ``text`` around the densest matches,
    on one line, with the spans that fall in it (offsets in the snippet)."""
    if not spans:
        start, end = 0, min(len(text), SNIPPET_WIDTH)
    else:
        starts = [s for s, _ in spans]  # ascending: the window starting at the span with most after it
        anchor = spans[max(range(len(spans)),
                           key=lambda i: bisect_left(starts, starts[i] + SNIPPET_WIDTH) - i)]
        start = max(0, anchor[0] - SNIPPET_WIDTH // 4)
        end = min(len(text), start + SNIPPET_WIDTH)
        start = max(0, min(start, end - SNIPPET_WIDTH))
    if start > 0:  # begin and end on word boundaries where one is near
        space = text.find(" ", start, start + 20)
        if space != -1 and (not spans or space < anchor[0]):
            start = space + 1
    if end < len(text):
        space = text.rfind(" ", end - 20, end)
        if space > start:
            end = space
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    body = text[start:end]
    if not body.isprintable():
        body = "".join(ch if ch.isprintable() else " " for ch in body)
    shift = len(lead) - start
    inside = [
        (max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start
    ]
    return lead + body + tail, inside
