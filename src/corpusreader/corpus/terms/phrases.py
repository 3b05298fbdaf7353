"""Key phrases: the word pairs and triples that set a document apart from the rest.

For each document, the word pairs and ``X of Y`` triples (no small word at an
edge) that it repeats are candidates; each is weighed by tf × idf (how often
here, how rare in the corpus, measured on up to ``SAMPLE`` documents; one in more than half of the
documents is never key), and a document's best ``PER_DOCUMENT`` become phrase
terms, with their occurrences in every document that repeats them. Phrases already inside
another term (``information and communication technologies``) are left to that term.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import chain, islice
from operator import itemgetter

from .mentions import Mention, normal, stopwords

PER_DOCUMENT = 3
INNER = frozenset({"of", "and", "for", "on", "in"})
TRIPLE_MIDDLE = ("of", "and")  # ``area of responsibility``, ``challenges and threats``
BREAKS = re.compile(r"[.,;:!?()\[\]{}\"“”«»„‘’–—/\\…*•0-9]+")
LINKED = 10  # phrase terms a document takes part in: its own key phrases, then others it repeats
CANDIDATES = 40  # a document's most repeated phrases that may be key
REPEATED = 200  # the most repeated word pairs of a document that may hold a key phrase
_COUNT = itemgetter(1)
SAMPLE = 2000  # documents that measure how rare a phrase is (all of a smaller corpus)


def _ngrams(words: list[str]) -> Iterator[tuple[str, ...]]:
    return chain(zip(words, words[1:]), zip(words, words[1:], words[2:]))


def _body_words(texts: list[tuple[int, str]]) -> list[str]:
    """A document body's words, lower case, ``|`` where a sentence or clause breaks.
    (``split`` after one ``sub`` rather than a word pattern: this runs over every word of
    the corpus.)"""
    lowered = " | ".join(text for paragraph, text in texts if paragraph >= 0).casefold()
    return BREAKS.sub(" | ", lowered).split()


def _grams(words: list[str]) -> list[tuple[tuple[str, ...], int]]:
    """A document body's most repeated word pairs and ``X of Y`` triples, the most
    frequent first."""
    pairs: Counter[tuple[str, ...]] = Counter(zip(words, words[1:]))
    # the most frequent first, ties in order of appearance (a stable sort); only repeated ones
    repeated = (item for item in pairs.items() if item[1] >= 2)
    top: list[tuple[tuple[str, ...], int]] = sorted(repeated, key=_COUNT, reverse=True)[:REPEATED]
    stop = stopwords()
    before: dict[str, list[str]] = defaultdict(list)
    after: dict[str, list[str]] = defaultdict(list)
    for (first, second), _ in top:
        if second in TRIPLE_MIDDLE and first not in stop and len(first) > 2 and len(before[second]) < 3:
            before[second].append(first)
        if first in TRIPLE_MIDDLE and second not in stop and len(second) > 2 and len(after[first]) < 3:
            after[first].append(second)
    if before and after:
        for middle, firsts in before.items():
            lasts = after.get(middle, ())
            if not (firsts and lasts):
                continue
            triples = _triple_counts(words, middle, set(firsts), set(lasts))
            for first in firsts:
                for last in lasts:
                    count = triples.get((first, last), 0)
                    if count >= 2:
                        top.append(((first, middle, last), count))
        top.sort(key=_COUNT, reverse=True)
    return top


def _triple_counts(words: list[str], middle: str, firsts: set[str], lasts: set[str]) -> dict:
    """How often ``first middle last`` stands in ``words``, per (first, last), counted as
    ``str.count`` counts `` first middle last `` in the words joined by spaces: without
    overlaps, so a next one starts at least four words after the last one counted."""
    counts: dict[tuple[str, str], int] = {}
    counted_at: dict[tuple[str, str], int] = {}
    at, end = 0, len(words) - 1
    while True:
        try:
            at = words.index(middle, at + 1)  # from 1: a word stands before it
        except ValueError:
            return counts
        if at < end and words[at - 1] in firsts and words[at + 1] in lasts:
            pair = (words[at - 1], words[at + 1])
            if at - counted_at.get(pair, -4) >= 4:
                counts[pair] = counts.get(pair, 0) + 1
                counted_at[pair] = at


def phrase_grams(texts: list[tuple[int, str]]) -> list[tuple[tuple[str, ...], int]]:
    """The repeated grams of one document that may become key phrases (``_good`` ones),
    the most frequent first: what ``phrase_mentions`` needs of each document, computed
    apart from the rest of the corpus (``terms_background`` runs it in a worker)."""
    words = _body_words(texts)
    good = [item for item in _grams(words) if _good(item[0])]
    cut = _cut_short(words, {gram for gram, _ in good if len(gram) == 2})
    return [item for item in good if item[0] not in cut]


def _cut_short(words: list[str], pairs: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """The pairs that are part of a longer phrase: the same word (no small word) stands before
    them, or after them, every time (``foreign agent status``), or no small word ever follows
    them and one word does twice (``domestic political`` affairs, affairs, activity)."""
    before: dict[tuple[str, ...], set[str]] = defaultdict(set)
    after: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for at in range(len(words) - 1):
        pair = (words[at], words[at + 1])
        if pair in pairs:
            before[pair].add(words[at - 1] if at else "|")
            after[pair][words[at + 2] if at + 2 < len(words) else "|"] += 1
    stop = stopwords() | {"|"}
    return {pair for pair in pairs if len(before[pair]) == 1 and not before[pair] & stop
            or not after[pair].keys() & stop and max(after[pair].values()) >= 2}




QUANTITIES = frozenset({"hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
                        "billions", "trillion", "trillions", "percent", "per", "dozen", "dozens"})
"""A phrase led by one of these is an amount (``million tonnes``, ``billion rubles``), not a key phrase."""


def _good(gram: tuple[str, ...], stop: frozenset[str] = stopwords()) -> bool:
    if gram[0] in stop or gram[-1] in stop or len(gram[0]) < 3 or len(gram[-1]) < 3 or gram[0] in QUANTITIES:
        return False
    return len(gram) == 2 or gram[1] in INNER or gram[1] not in stop


def phrase_mentions(doc_texts: list[list[tuple[int, str]]], others: list[Mention],
                    doc_grams: list[list[tuple[tuple[str, ...], int]]] | None = None) -> list[Mention]:
    """Key phrase mentions; ``doc_grams`` is ``phrase_grams`` of every document when
    already computed."""
    covered: set[tuple[str, ...]] = set()
    named: set[str] = set()  # words of acronyms and names: their phrases belong to those terms
    for kind, surface, role in {(m.kind, m.surface, m.role) for m in others}:  # each spelling once
        parts = normal(surface).split()
        covered.update(_ngrams(parts))
        covered.update(_ngrams(BREAKS.sub(" | ", surface.casefold()).split()))  # as the body reads it:
        # hyphens kept (``Russian-Austrian Cross Years``)
        if kind == "person":
            named.update(parts)
            named.update(normal(role or "").split())
        elif kind == "acronym" and len(parts) == 1:
            named.add(parts[0].rstrip("s"))
    named -= stopwords()
    if doc_grams is None:
        doc_grams = [phrase_grams(texts) for texts in doc_texts]
    candidates: list[list[tuple[tuple[str, ...], int]]] = []
    pool: set[tuple[str, ...]] = set()  # every document's candidates, and the pairs of the triples
    for grams in doc_grams:
        mine = list(islice(((g, c) for g, c in grams if g not in covered
                            and not any(w.rstrip("s") in named for w in g)), CANDIDATES))
        candidates.append(mine)
        pool.update(g for g, _ in mine)
        pool.update(part for g, _ in mine if len(g) == 3 for part in (g[:2], g[1:]))
    sample = doc_texts[::max(1, -(-len(doc_texts) // SAMPLE))]
    df: Counter = Counter()
    for texts in sample:
        words = _body_words(texts)
        df.update(pool.intersection(zip(words, words[1:])))
    for gram in pool:  # a triple is in no more documents than either of its pairs
        if len(gram) == 3:
            df[gram] = min(df[gram[:2]], df[gram[1:]])
    chosen: set[tuple[str, ...]] = set()
    own: list[list[tuple[str, ...]]] = []
    for mine in candidates:
        scored = sorted(((c * math.log((len(sample) + 1) / max(1, df[g])), g) for g, c in mine
                         if df[g] <= max(1, len(sample) // 2)), reverse=True)
        best = [g for score, g in scored[:PER_DOCUMENT] if score > 0]
        own.append([g for g in best if not any(len(t) == 3 and g in (t[:2], t[1:]) for t in best)])
        chosen.update(own[-1])
    out: list[Mention] = []
    for doc, mine in enumerate(candidates):
        linked = list(dict.fromkeys(own[doc] + [g for g, _ in mine if g in chosen]))[:LINKED]
        phrases = [" ".join(g) for g in linked]
        if phrases:
            out.extend(_occurrences(doc, doc_texts[doc], phrases))
    return out


def _occurrences(doc: int, texts: list[tuple[int, str]], phrases: list[str]) -> list[Mention]:
    """Where the phrases stand, as whole words, in one document's body (searched in
    the body joined, then placed in their paragraphs)."""
    body = [(paragraph, text) for paragraph, text in texts if paragraph >= 0]
    joined = "\n".join(text for _, text in body)
    lowered = joined.casefold()
    if len(lowered) != len(joined):  # a letter that folds to two: offsets would drift
        return []
    starts, position = [], 0
    for _, text in body:
        starts.append(position)
        position += len(text) + 1
    out = []
    for phrase in phrases:
        at = lowered.find(phrase)
        while at >= 0:
            end = at + len(phrase)
            if not _inside_word(lowered, at, end):
                number = bisect_right(starts, at) - 1
                paragraph, base = body[number][0], starts[number]
                out.append(Mention("phrase", "phrase:" + phrase, joined[at:end], doc, paragraph,
                                   at - base, end - base))
            at = lowered.find(phrase, end)
    return out


def _inside_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before.isalnum() or before == "-" or after.isalnum() or after == "-"
