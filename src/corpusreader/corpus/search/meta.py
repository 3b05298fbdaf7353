"""The documents' metadata as small vocabularies: ``site:``, ``speaker:``, ``title:``, ``place:``.

Each field's folded words map to the documents whose field holds them. A
query word matches a field's words as it matches the body's (``vocabulary``:
typos within the same edit distance, and the words it begins, so
``speaker:Puti`` and ``site:kremln`` both work). A plain query word matches
the place and the speaker as well, so a document can be found by where and by
whom it was said, though no paragraph says so.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..model import Document
from ..text import folded_words
from .vocabulary import MAX_FUZZY_LENGTH, MIN_PREFIX, allowed_edits

PLAIN_FIELDS = ("place", "speaker")  # what a plain word also looks in (the title is a paragraph)


class FieldWords:
    """One metadata field: its folded words and the documents of each."""

    def __init__(self, values: Sequence[str | None]) -> None:
        docs: dict[str, set[int]] = {}
        for doc, value in enumerate(values):
            for word in folded_words(value or ""):
                docs.setdefault(word, set()).add(doc)
        self.docs = docs
        self.words = sorted(docs)

    def matches(self, word: str, prefix: bool = True) -> set[int]:
        """The documents holding ``word``, a typo of it, or (``prefix``) a word it begins."""
        found: set[int] = set(self.docs.get(word, ()))
        edits = allowed_edits(len(word)) if len(word) <= MAX_FUZZY_LENGTH else 0
        if edits:
            for other, _, _ in process.extract(word, self.words, scorer=OSA.distance, score_cutoff=edits,
                                               limit=None):
                found |= self.docs[other]
        if prefix and len(word) >= MIN_PREFIX:
            at = bisect_left(self.words, word)
            while at < len(self.words) and self.words[at].startswith(word):
                found |= self.docs[self.words[at]]
                at += 1
        return found

    def all_of(self, words: list[str]) -> set[int]:
        """The documents whose field matches every word."""
        found: set[int] | None = None
        for word in words:
            docs = self.matches(word)
            found = docs if found is None else found & docs
            if not found:
                return set()
        return found or set()


class Metadata:
    """The metadata fields of a corpus's documents."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.fields = {
            "site": FieldWords([d.site for d in documents]),
            "speaker": FieldWords([d.speaker for d in documents]),
            "title": FieldWords([d.title or d.display_title for d in documents]),
            "place": FieldWords([d.place for d in documents]),
        }

    @lru_cache(maxsize=256)  # noqa: B019 (one Metadata an index, kept as long as it)
    def plain(self, word: str, prefix: bool) -> frozenset[int]:
        """The documents whose place or speaker holds ``word`` (a plain query word; typos welcome)."""
        found: set[int] = set()
        for name in PLAIN_FIELDS:
            found |= self.fields[name].matches(word, prefix)
        return frozenset(found)
