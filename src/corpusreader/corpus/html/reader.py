"""An HTML file read: decoded as a browser would, parsed (lxml, imported on first use), cut into blocks.

``read_page`` never fails on markup: libxml2's HTML parser recovers from any
broken page. A file that is plain text with an ``.html`` name, or an empty
shell whose text is only in its scripts, is read as well as it can be and says
so in ``HtmlPage.notice``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .blocks import Block, walk
from .page_meta import PageMeta, read_meta

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_TAG = re.compile(r"<\s*/?\s*(?:html|head|body|p|div|br|span|a|table|meta|title|script|h[1-6]|ul|li|article)\b", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_JSON_STRING = re.compile(r'"((?:[^"\\\n]|\\.){60,})"')
_MARKUP = re.compile(r"<[^>]{0,400}>")
SHELL_TEXT = 200
"""Fewer visible characters than this, with more text in scripts: an empty shell filled by JavaScript."""


@dataclass(slots=True)
class HtmlPage:
    """What the cleaner needs of a parsed page (plain data: it goes to worker processes)."""

    blocks: list[Block] = field(default_factory=list)
    meta: PageMeta = field(default_factory=PageMeta)
    notice: str | None = None


def is_html_name(name: str) -> bool:
    return name.lower().endswith(HTML_SUFFIXES)


def looks_like_markup(text: str) -> bool:
    """Whether a text has tags at all (a few in its first 64 KB)."""
    return len(_TAG.findall(text[:65536], 0)) >= 3 or bool(re.match(r"\s*<(!doctype|html)", text, re.I))


def parse_page(text: str) -> HtmlPage:
    """The blocks and metadata of decoded markup."""
    import lxml.html
    from lxml import etree

    source = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses a str that declares its own encoding
    try:
        root = lxml.html.document_fromstring(source)
    except (etree.ParserError, ValueError):
        try:
            root = lxml.html.document_fromstring(f"<html><body><pre>{_escape(source)}</pre></body></html>")
        except (etree.ParserError, ValueError):
            return HtmlPage(notice="no markup could be parsed")
    page = HtmlPage(merge_rows(walk(root)), read_meta(root))
    _fill_shell(page)
    return page


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def merge_rows(blocks: list[Block]) -> list[Block]:
    """Table cells of one row as one block, ``a | b | c``: a table as text."""
    out: list[Block] = []
    for block in blocks:
        row = _row_of(block)
        last = out[-1] if out else None
        if row and last is not None and last.kind == "cell" and _row_of(last) == row and not block.cuts:
            last.text = f"{last.text} | {block.text}"
            last.link_chars += block.link_chars
            last.path = row
            continue
        out.append(block)
    return out


def _row_of(block: Block) -> str | None:
    if block.kind != "cell":
        return None
    head, _, tail = block.path.rpartition("/")
    return head if tail.startswith(("td", "th")) else None


def _fill_shell(page: HtmlPage) -> None:
    """An empty shell filled by scripts: the long texts its scripts hold become the blocks."""
    visible = sum(len(b.text) for b in page.blocks if not b.skipped)
    scripts = [b for b in page.blocks if b.skipped == "script"]
    if visible >= SHELL_TEXT or sum(len(b.text) for b in scripts) < 2 * SHELL_TEXT:
        return
    found: list[Block] = []
    seen: set[str] = set()
    for script in scripts:
        for match in _JSON_STRING.finditer(script.text):
            try:
                value = json.loads(f'"{match.group(1)}"')
            except ValueError:
                continue
            text = " ".join(_MARKUP.sub(" ", value).split())
            if len(text.split()) >= 6 and not text.startswith(("http", "{", "function")) and text not in seen:
                seen.add(text)
                found.append(Block(text, "p", script.path))
    page.notice = "an empty HTML page whose text is only in its scripts; read from the scripts"
    page.blocks.extend(found)
