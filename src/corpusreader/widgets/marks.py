"""What the reading pane highlights: a find query, a corpus search's words, or a term's occurrences.

A ``Marking`` is what the find bar shows (its label and text); ``spans_of`` turns
it into the function the reading view asks for each block's spans. Search and
term markings need the app's indexes; without them they fall back to plain find.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .text_layout import Block, visible

if TYPE_CHECKING:  # not at run time: the reader screen's first frame has no reading view yet
    from ..corpus.model import Document
    from .reading_view import SpansOf

LABELS = {"find": "Find:", "search": "Search:", "term": "Term:"}


@dataclass(frozen=True)
class Marking:
    """``kind`` is "find" (letters as typed), "search" (the words, typos allowed) or "term"."""

    kind: str
    query: str
    term_key: str | None = None

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def find_spans(query: str) -> SpansOf:
    if not query:
        return lambda block: []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    return lambda block: [match.span() for match in pattern.finditer(block.text)]


def search_spans(index, query: str) -> SpansOf:
    """The query's words (as the corpus search matches them) in any block of body text."""
    def spans(block: Block) -> list[tuple[int, int]]:
        return index.spans(block.text, query) if block.paragraph is not None else []
    return spans


def term_spans(term_index, term_key: str, document: Document, doc: int, raw: bool) -> SpansOf:
    """The term's occurrences in the open document.

    The clean view's blocks are the paragraphs themselves, so the occurrences'
    offsets hold; in the raw view, removed pieces sit inside paragraphs, so the
    occurrences' own spellings are looked for instead.
    """
    by_paragraph: dict[int, list[tuple[int, int]]] = {}
    for occurrence in term_index.occurrences(term_key, doc):
        by_paragraph.setdefault(occurrence.paragraph, []).append((occurrence.start, occurrence.end))
    if not raw:
        title = visible(document.title or "")

        def placed(block: Block) -> list[tuple[int, int]]:
            if block.paragraph is None or (block.paragraph == -1 and block.text != title):
                return []
            return by_paragraph.get(block.paragraph, [])
        return placed
    spellings: set[str] = set()
    for paragraph, spans in by_paragraph.items():
        text = title_or_paragraph(document, paragraph)
        spellings.update(text[start:end] for start, end in spans if text[start:end].strip())
    if not spellings:
        return lambda block: []
    words = "|".join(re.escape(visible(s)) for s in sorted(spellings, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{words})(?!\w)")
    return lambda block: ([m.span() for m in pattern.finditer(block.text)] if block.paragraph is not None else [])


def title_or_paragraph(document: Document, paragraph: int) -> str:
    if paragraph == -1:
        return document.title or ""
    return document.paragraphs[paragraph] if 0 <= paragraph < len(document.paragraphs) else ""


def spans_of(marking: Marking | None, document: Document | None, doc: int | None, raw: bool,
             search_index=None, term_index=None) -> SpansOf:
    """The spans function for a marking on the open document (nothing marked: no spans)."""
    if marking is None or not marking.query:
        return lambda block: []
    if marking.kind == "search" and search_index is not None:
        return search_spans(search_index, marking.query)
    if marking.kind == "term" and term_index is not None and document is not None and doc is not None:
        return term_spans(term_index, marking.term_key or "", document, doc, raw)
    return find_spans(marking.query)
