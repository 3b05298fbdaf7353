"""An ``.html`` file's bytes to a ``RawDocument`` that carries its parsed page."""

from __future__ import annotations

from ..model import LoadProblem, RawDocument
from .decoding import decode_html
from .reader import looks_like_markup, parse_page

PLAIN_TEXT = "plain text in an HTML file; read as text"


def read_html(path: str, data: bytes, truncated: bool, size: int) -> RawDocument | LoadProblem:
    """The decoded page and its blocks, or why it cannot be read (only a binary file cannot)."""
    decoded = decode_html(data, truncated)
    if isinstance(decoded, str):
        return LoadProblem(path, decoded)
    text, encoding = decoded
    if not text.strip():
        return LoadProblem(path, "empty file (only white space)")
    if not looks_like_markup(text):
        return RawDocument(path, text, encoding, size=size, truncated=truncated, notice=PLAIN_TEXT)
    page = parse_page(text)
    if not any(not b.skipped for b in page.blocks):
        return LoadProblem(path, page.notice or "an HTML page without any text")
    return RawDocument(path, text, encoding, size=size, truncated=truncated, page=page, notice=page.notice)
