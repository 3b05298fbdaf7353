"""The loading pipeline's one door to cleaning: HTML pages to the HTML cleaner, text to the text cleaner."""

from __future__ import annotations

from ..cleaning.cleaner import clean, line_keys
from ..model import Document, RawDocument
from .extract import extract, page_keys


def unit_keys(raw: RawDocument) -> set[str]:
    """The keys of a document's short lines or blocks, for the corpus's template."""
    return page_keys(raw.page) if raw.page is not None else line_keys(raw)


def cache_text(raw: RawDocument) -> str:
    """What a cleaned document depends on besides the template: its text, and how it was read."""
    return f"{raw.text}\0{raw.notice}\0{raw.page is not None}" if raw.notice or raw.page is not None else raw.text


def clean_raw(raw: RawDocument, template: frozenset[str] = frozenset()) -> Document:
    """Clean one document, whatever kind of file it came from."""
    if raw.page is not None:
        return extract(raw, raw.page, template)
    document = clean(raw, template)
    document.notice = raw.notice
    return document
