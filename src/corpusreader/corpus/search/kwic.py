"""Keyword in context: every match of a query over the corpus on one line, as a concordancer shows it.

Each match (words of the query standing next to each other count as one,
so a phrase is one match) gives a ``Line``: the ``left`` and ``right`` context
(``width`` characters each, on one line) around the ``match``, and where it is.
``sort_lines`` orders them by the words to the left (nearest first) or to the
right, as concordancers do to show a word's company; ``to_csv`` and ``to_text``
write them. A hit found by metadata alone has no text, so no line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..text import folded_words
from .rank import Hit
from .results import Results

WIDTH = 50               # characters of context on each side
_JOINS = re.compile(r"[\s\-‐‑–—'’]{1,3}")  # what may stand between two words of one match
CSV_COLUMNS = ("path", "title", "date", "paragraph", "left", "match", "right")


@dataclass(slots=True)
class Line:
    """One match in its context."""

    hit: Hit
    left: str
    match: str
    right: str
    start: int  # the match's offsets in the paragraph's text
    end: int


def _one_line(text: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in " ".join(text.split()))


def merged(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with neighbours separated only by a space or a hyphen joined into one."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and _JOINS.fullmatch(text[joined[-1][1]:start] or " "):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def lines_of(hits: Iterable[Hit], texts: Iterable[str], width: int = WIDTH) -> Iterator[Line]:
    """The lines of ``hits``; ``texts`` gives each hit's paragraph text, in the same order."""
    for hit, text in zip(hits, texts):
        for start, end in merged(text, hit.spans):
            left = _one_line(text[max(0, start - width - 20):start])[-width:]
            right = _one_line(text[end:end + width + 20])[:width]
            yield Line(hit, left, _one_line(text[start:end]), right, start, end)


def concordance(results: Results, order: str = "relevance", width: int = WIDTH,
                limit: int | None = None) -> list[Line]:
    """Every line of ``results`` (at most ``limit``) in the order of their hits."""
    index = results.index

    def texts(hits: list[Hit]) -> Iterator[str]:
        for hit in hits:
            document = index.documents[hit.doc]
            yield (document.title or "") if hit.paragraph < 0 else document.paragraphs[hit.paragraph]

    found: list[Line] = []
    start = 0
    while limit is None or len(found) < limit:
        page = results.page(start, 500, order)
        if not page:
            break
        found.extend(lines_of(page, texts(page), width))
        start += len(page)
    return found if limit is None else found[:limit]


def sort_lines(lines: list[Line], by: str) -> list[Line]:
    """``lines`` by the words to the ``left`` of the match (the nearest first) or to the ``right``."""
    if by == "left":
        return sorted(lines, key=lambda line: (folded_words(line.left)[::-1], folded_words(line.match)))
    if by == "right":
        return sorted(lines, key=lambda line: (folded_words(line.right), folded_words(line.match)))
    return list(lines)


def to_csv(lines: Iterable[Line]) -> str:
    """The lines as CSV with a header row (``CSV_COLUMNS``); ``paragraph`` as in the JSON (-1: title)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for line in lines:
        hit = line.hit
        writer.writerow([_one_line(hit.path), _one_line(hit.title), hit.date or "", hit.paragraph,
                         line.left, line.match, line.right])
    return out.getvalue()


def to_text(lines: Iterable[Line], width: int = WIDTH) -> str:
    """The lines aligned on the match: left context right-aligned, the match, the right context."""
    return "".join(f"{line.left:>{width}}  {line.match}  {line.right}\n" for line in lines)
