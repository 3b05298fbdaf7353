"""A document as blocks of display text, and the word wrap of a block to a width.

Pure functions, no Textual: the reading view turns blocks into wrapped lines and
paints them. Offsets into a block's text are kept through wrapping, so find hits
and styled spans (removed pieces, their reasons) land on the right cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from rich.cells import cell_len

from ..corpus.controls import visible
from ..corpus.loading.files import notices
from ..corpus.model import Document, Removed

RULE = re.compile(r"^\s*(?:\*\s*){3,}$")
_TOKEN = re.compile(r"\S+\s*")


@dataclass(slots=True)
class Block:
    """A run of display text: a title, a paragraph, a rule, a removed line.

    ``paragraph`` is the index into the document's paragraphs (-1 for the title,
    None for what is not body text); ``spans`` are (start, end, component) styles.
    """

    kind: str
    text: str
    paragraph: int | None = None
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    gap_before: bool = True


def metadata_line(document: Document) -> str:
    parts = [document.date, document.place, document.speaker, document.site]
    return " · ".join(part for part in parts if part)


def clean_blocks(document: Document) -> list[Block]:
    """The cleaned reading: title, metadata line, paragraphs, rules."""
    blocks = [Block("title", visible(document.display_title), -1)]
    meta = metadata_line(document)
    if meta:
        blocks.append(Block("meta", visible(meta), None, gap_before=False))
    for note in notices(document):
        blocks.append(Block("notice", f"Note: {note}."))
    for index, paragraph in enumerate(document.paragraphs):
        kind = "rule" if RULE.match(paragraph) else "paragraph"
        block = Block(kind, visible(paragraph), index)
        if document.kind_of(index).startswith("h"):  # a heading of an HTML page, styled as the title is
            block.spans.append((0, len(block.text), "title"))
        blocks.append(block)
    if not document.paragraphs:
        blocks.append(Block("notice", "(no body text was kept; press r for the raw view)"))
    return blocks


def _with_fragments(text: str, fragments: list[Removed], kind: str, paragraph: int) -> Block:
    """A kept paragraph with the fragments cut out of it put back, dimmed, each with its reason."""
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    length = 0
    previous = 0
    for piece in sorted(fragments, key=lambda r: (r.offset if r.offset is not None and r.offset >= 0 else len(text))):
        offset = piece.offset if piece.offset is not None and 0 <= piece.offset <= len(text) else len(text)
        offset = max(offset, previous)
        chunk = text[previous:offset]
        if chunk and not chunk[-1].isspace():
            chunk += " "
        out.append(chunk)
        length += len(chunk)
        removed = visible(piece.text.strip())
        label = f" ‹{visible(piece.reason)}›"
        if offset < len(text) and text[offset].isalnum():
            label += " "
        spans.append((length, length + len(removed), "removed"))
        spans.append((length + len(removed), length + len(removed) + len(label), "reason"))
        out += [removed, label]
        length += len(removed) + len(label)
        previous = offset
    out.append(text[previous:])
    return Block(kind, "".join(out), paragraph, spans)


def raw_blocks(document: Document) -> list[Block]:
    """Every raw line again, in order: the kept text, and each removed piece dimmed with its reason."""
    count = len(document.paragraphs)
    fragments: dict[int, list[Removed]] = {}
    whole: list[Removed] = []
    for piece in document.removed:
        if piece.paragraph is not None and -1 <= piece.paragraph < count:
            fragments.setdefault(piece.paragraph, []).append(piece)
        else:
            whole.append(piece)
    items: list[tuple[int, int, Block]] = []
    title_text = visible(document.title or "")
    if document.title:
        title = _with_fragments(title_text, fragments.get(-1, []), "title", -1)
        items.append((document.title_line or 0, 1, title))
    for index, paragraph in enumerate(document.paragraphs):
        kind = "rule" if RULE.match(paragraph) else "paragraph"
        block = _with_fragments(visible(paragraph), fragments.get(index, []), kind, index)
        if fragments.get(index):
            block.kind = "paragraph"
        line = document.paragraph_lines[index] if index < len(document.paragraph_lines) else 0
        items.append((line, 1, block))
    for piece in whole:
        text = visible(piece.text)
        label = f"  ‹{visible(piece.reason)}›"
        spans = [(0, len(text), "removed"), (len(text), len(text) + len(label), "reason")]
        items.append((piece.line, 0, Block("removed", text + label, None, spans)))
    items.sort(key=lambda item: (item[0], item[1]))
    blocks = [block for _, _, block in items]
    for before, block in pairwise(blocks):
        block.gap_before = not (before.kind == "removed" and block.kind == "removed")
    return blocks or [Block("notice", "(empty document)")]


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Line spans (start, end) of text word-wrapped to width cells; trailing spaces kept in a span."""
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    start: int | None = None
    column = 0
    for match in _TOKEN.finditer(text):
        word_start = match.start()
        word = match.group().rstrip()
        word_width = len(word) if word.isascii() else cell_len(word)
        if start is not None and column + word_width > width:
            lines.append((start, word_start))
            start, column = None, 0
        if word_width > width:  # a word longer than the line: cut it by cells
            if start is not None:
                lines.append((start, word_start))
            position = word_start
            while position < word_start + len(word):
                end = _cut(text, position, word_start + len(word), width)
                lines.append((position, end))
                position = end
            start, column = None, 0
            continue
        if start is None:
            start = word_start
        column += word_width + (len(match.group()) - len(word))
    if start is not None:
        lines.append((start, len(text)))
    return lines or [(0, 0)]


def _cut(text: str, start: int, end: int, width: int) -> int:
    used = 0
    for position in range(start, end):
        used += cell_len(text[position])
        if used > width:
            return max(position, start + 1)
    return end
