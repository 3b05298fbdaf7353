"""A page's title: its ``<h1>`` where the page's own metadata agrees, else the declared title.

Declared titles are ``og:title``, ``twitter:title``, JSON-LD ``headline`` and
``<title>`` without its site suffix (``Story | Site``).
"""

from __future__ import annotations

import re

from ..text import words
from .blocks import Block
from .page_meta import PageMeta

_SEPARATORS = re.compile(r"\s+[|\-–—:·•»/]{1,2}\s+")


def without_site(title: str, site: str | None) -> str:
    """``<title>`` without the site's name beside it: its longest part between separators."""
    parts = [p for p in _SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    if site:
        parts = [p for p in parts if p.strip().casefold() != site.casefold()] or parts
    return max(parts, key=len).strip()


def _norm(text: str) -> str:
    return " ".join(words(text.casefold()))


def _agrees(text: str, declared: list[str]) -> bool:
    key = _norm(text)
    return bool(key) and any(key == d or (len(key) >= 12 and (key in d or d in key)) for d in declared if d)


def find_title(blocks: list[Block], meta: PageMeta, reasons: list[str | None],
               main: str) -> tuple[int | None, str | None]:
    """The title block's index (None when the title is only declared) and the title."""
    declared = [*meta.titles]
    if meta.html_title:
        declared += [meta.html_title, without_site(meta.html_title, meta.site)]
    keys = [_norm(d) for d in declared]
    headings = [i for i, b in enumerate(blocks) if b.kind in ("h1", "h2", "h3") and not b.skipped
                and reasons[i] not in ("hidden text", "script")]
    for level in ("h1", "h2", "h3"):
        for i in headings:
            if blocks[i].kind == level and _agrees(blocks[i].text, keys):
                return i, blocks[i].text
    for i in headings:  # an h1 of the article's own (a site logo's h1 sits in the page header)
        if blocks[i].kind == "h1" and reasons[i] is None and len(words(blocks[i].text)) >= 2:
            return i, blocks[i].text
    for i, block in enumerate(blocks):  # the declared title as a block of another kind
        if reasons[i] is None and not block.skipped and len(block.text) < 300 and _agrees(block.text, keys[:1]):
            return i, block.text
    if meta.titles:
        return None, meta.titles[0]
    if meta.html_title:
        return None, without_site(meta.html_title, meta.site)
    return None, None
