"""Key phrases: the word pairs and triples that set a document apart from the rest.

For each document, the two- and three-word phrases (no small word at an edge)
that it repeats are candidates; across the corpus each candidate is weighed by
tf × idf (how often here, how rare elsewhere), and a document's best
``PER_DOCUMENT`` become phrase terms, with their occurrences in every document
that uses them. Phrases already inside another term (``information and
communication technologies``) are left to that term.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from .terms_text import Mention, normal, stopwords

PER_DOCUMENT = 3
WORD = re.compile(r"[a-z][a-z'’-]*[a-z]")
INNER = frozenset({"of", "and", "for", "on", "in"})


def _ngrams(words: list[str]):
    yield from zip(words, words[1:])
    yield from zip(words, words[1:], words[2:])


def _good(gram: tuple[str, ...]) -> bool:
    stop = stopwords()
    if gram[0] in stop or gram[-1] in stop or len(gram[0]) < 3 or len(gram[-1]) < 3:
        return False
    return len(gram) == 2 or gram[1] in INNER or gram[1] not in stop


def _words(texts: list[tuple[int, str]]) -> list[str]:
    return WORD.findall(" \n ".join(text for paragraph, text in texts if paragraph >= 0).casefold())


def phrase_mentions(doc_texts: list[list[tuple[int, str]]], others: list[Mention]) -> list[Mention]:
    covered = set()
    named = set()  # words of acronyms and names: their phrases belong to those terms
    for m in others:
        parts = normal(m.surface).split()
        covered.update(_ngrams(parts))
        if m.kind in ("acronym", "person") and len(parts) == 1:
            named.add(parts[0].rstrip("s"))
    candidates: list[list[tuple[tuple[str, ...], int]]] = []
    pool: set[tuple[str, ...]] = set()
    for texts in doc_texts:
        counts = Counter(_ngrams(_words(texts)))
        mine = [(g, c) for g, c in counts.most_common(40) if c >= 2 and _good(g) and g not in covered
                and not any(w.rstrip("s") in named for w in g)]
        candidates.append(mine)
        pool.update(g for g, _ in mine)
    users: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for doc, texts in enumerate(doc_texts):
        for gram in pool.intersection(_ngrams(_words(texts))):
            users[gram].append(doc)
    total = len(doc_texts)
    chosen: set[tuple[str, ...]] = set()
    for mine in candidates:
        scored = sorted(((c * math.log((total + 1) / len(users[g])), g) for g, c in mine
                         if len(users[g]) <= max(1, total // 2)), reverse=True)
        best = [g for score, g in scored[:PER_DOCUMENT] if score > 0]
        chosen.update(g for g in best if not any(len(t) == 3 and g in (t[:2], t[1:]) for t in best))
    out: list[Mention] = []
    for gram in chosen:
        pattern = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, gram)) + r"(?![\w-])", re.IGNORECASE)
        key = "phrase:" + " ".join(gram)
        for doc in users[gram]:
            for paragraph, text in doc_texts[doc]:
                for match in pattern.finditer(text):
                    out.append(Mention("phrase", key, match.group(), doc, paragraph, match.start(),
                                       match.end()))
    return out
