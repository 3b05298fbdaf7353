"""Placeholder cleaner: blank-line paragraphs. Replaced by the signal-based cleaner."""

from __future__ import annotations

from .model import Document, RawDocument


def template_lines(raws) -> frozenset[str]:
    return frozenset()


def clean(raw: RawDocument, template: frozenset[str] = frozenset()) -> Document:
    doc = Document(path=raw.path, encoding=raw.encoding, size=raw.size, truncated=raw.truncated)
    block: list[str] = []
    start = 0
    for number, line in enumerate(raw.text.splitlines() + [""], 1):
        if line.strip():
            if not block:
                start = number
            block.append(line.strip())
        elif block:
            doc.paragraphs.append(" ".join(block))
            doc.paragraph_lines.append(start)
            block = []
    if doc.paragraphs:
        doc.title = doc.paragraphs.pop(0)
        doc.title_line = doc.paragraph_lines.pop(0)
    return doc
