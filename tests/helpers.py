"""Helpers for the engine tests: clean a text or a page file without the CLI."""

from __future__ import annotations

from pathlib import Path

from corpusreader.corpus.clean import clean
from corpusreader.corpus.model import Document, RawDocument

PAGES = Path(__file__).resolve().parent / "pages"


def clean_text(text: str, path: str = "page.txt", template: frozenset[str] = frozenset()) -> Document:
    return clean(RawDocument(path, text, "utf-8", size=len(text)), template)


def clean_page(name: str) -> Document:
    return clean_text((PAGES / name).read_text(encoding="utf-8"), name)


def body(document: Document) -> str:
    return "\n".join(document.paragraphs)


def removed_reasons(document: Document) -> dict[str, str]:
    """Removed text (stripped) to its reason."""
    return {r.text.strip(): r.reason for r in document.removed}
