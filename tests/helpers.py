"""Helpers for the engine tests: clean a text or a page file without the CLI."""

from __future__ import annotations

from pathlib import Path

from scoring import fold, unaccounted

from corpusreader.corpus.cleaning.cleaner import clean
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


def assert_every_line_accounted(document: Document, text: str) -> None:
    """Each non-blank raw line is in the title or body, or removed (whole, or in pieces
    whose remainder is in the body), as the contract and check_accounting.py say."""
    lines = text.splitlines()
    kept = "\n".join(fold(p) for p in [document.title or ""] + document.paragraphs)
    removed: dict[int, list[str]] = {}
    for piece in document.removed:
        assert 1 <= piece.line <= len(lines) and piece.text in lines[piece.line - 1], piece
        removed.setdefault(piece.line, []).append(piece.text)
    assert unaccounted(lines, kept, removed) == []
