"""A command-palette provider: fuzzy find over document titles (rapidfuzz), matched letters highlighted."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .text_layout import visible

if TYPE_CHECKING:
    from ..app import CorpusReaderApp

LIMIT = 30


def matched_letters(query: str, title: str) -> list[int]:
    """Indexes of the title's letters that match the query, in the best-matching stretch."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Indel

    lowered_query, lowered_title = query.lower(), title.lower()
    if len(lowered_title) != len(title):  # case folding changed lengths: no highlight, no harm
        return []
    alignment = fuzz.partial_ratio_alignment(lowered_query, lowered_title)
    start, end = (alignment.dest_start, alignment.dest_end) if alignment else (0, len(title))
    slack = 1 + len(query) // 4  # the stretch is query-long; a typo shifts it a little
    start, end = max(0, start - slack), min(len(title), end + slack)
    window = lowered_title[start:end]
    letters: list[int] = []
    for opcode in Indel.opcodes(lowered_query, window):
        if opcode.tag == "equal":
            letters.extend(i + start for i in range(opcode.dest_start, opcode.dest_end) if not window[i].isspace())
    return letters


def highlighted(title: str, letters: list[int], style: str) -> Content:
    content = Content(title)
    for index in letters:
        content = content.stylize(style, index, index + 1)
    return content


class DocumentTitles(Provider):
    """``ctrl+p``, then type part of a title (typos allowed) to open a document."""

    @property
    def _reader_app(self) -> CorpusReaderApp:
        return cast("CorpusReaderApp", self.app)

    def _titles(self) -> list[str]:
        session = getattr(self.app, "session", None)  # the reader's Session: what is loaded
        return [visible(d.display_title) for d in session.documents] if session is not None else []

    async def discover(self) -> Hits:
        for index, title in enumerate(self._titles()[:LIMIT]):
            yield DiscoveryHit(Content(title), partial(self._reader_app.open_document, index), help="Open document")

    async def search(self, query: str) -> Hits:
        from rapidfuzz import fuzz, process, utils

        titles = self._titles()
        if not query.strip() or not titles:
            return
        found = process.extract(query, titles, scorer=fuzz.WRatio, processor=utils.default_process,
                                limit=LIMIT, score_cutoff=55)
        for title, score, index in found:
            display = highlighted(title, matched_letters(query, title), "bold $accent underline")
            yield Hit(score / 100, display, partial(self._reader_app.open_document, index), text=title,
                      help="Open document")
