"""``render_stream`` a document at a time: the same text, never the whole corpus in memory.

For standard output, the formats made of one piece a document (jsonl, txt, md)
are written as each document is rendered; json and html are one whole and go
through ``export.render_stream``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .export import render_one, render_stream, to_jsonl
from .loading.files import printable
from .model import Document

STREAMED = ("jsonl", "txt", "md")


def render_pieces(documents: Sequence[Document], fmt: str, terms: list[dict] | None = None) -> Iterator[str]:
    """Pieces whose concatenation is ``render_stream(documents, fmt, terms)``."""
    if fmt not in STREAMED:
        yield render_stream(documents, fmt, terms)
        return
    if fmt == "jsonl":
        for document in documents:
            yield to_jsonl([document])
        return
    if len(documents) <= 1:
        yield from (render_one(d, fmt) for d in documents)
        return
    for number, document in enumerate(documents):
        text = render_one(document, fmt)
        if fmt == "md":
            yield text if number == 0 else "\n---\n\n" + text
        else:
            yield ("\n" if number else "") + f"==> {printable(document.path)} <==\n{text}"
