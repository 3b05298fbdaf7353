"""A parsed page as text blocks in reading order, each with what its markup says about it.

A block is the text of one block-level element (a paragraph, a heading, a list
item, a table row, a ``div``'s own text), whitespace folded as a browser
shows it. Each block keeps its element's XPath, its kind (``h2``, ``li``,
``quote``, ...), the share of its text inside links, the boilerplate kinds
its element and ancestors declare (``hints``), and hidden inline pieces cut
out of it (a hover card inside a sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .hints import kind_of, words_of

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr",
    "td", "th", "ul", "caption", "html", "noscript", "legend", "hgroup", "search", "option", "frameset", "frame",
})
SKIPPED = frozenset({"script", "style", "template", "svg", "math", "head", "title", "iframe", "object", "canvas",
                     "audio", "video", "map", "textarea", "select", "datalist"})
SKIP_REASON = {"script": "script", "style": "style", "noscript": "script", "template": "script"}
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
NAMES_KEPT = 16
_SPACE = re.compile(r"\s+")



def inside(path: str, container: str) -> bool:
    """Whether the element at XPath ``path`` is the one at ``container`` or inside it."""
    return path == container or path.startswith(container + "/") or path.startswith(container + "[")

@dataclass(slots=True)
class Cut:
    """Hidden text inside a block: where it stood in the block's text, and what it said."""

    offset: int
    text: str
    path: str
    parts: tuple[str, ...] = ()


@dataclass(slots=True)
class Block:
    """One block of the page's text and its markup signals."""

    text: str
    kind: str
    path: str
    hints: tuple[tuple[str, str], ...] = ()
    link_chars: int = 0
    cuts: list[Cut] = field(default_factory=list)
    skipped: str | None = None
    names: tuple[str, ...] = ()
    """The class and id words of its element and ancestors, the nearest last (``NAMES_KEPT`` at most)."""

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


def _kind(tag: str, inside: list[str]) -> str:
    if tag in HEADINGS:
        return tag
    if tag == "li" or tag == "dd" or tag == "dt":
        return "li"
    if tag == "pre":
        return "pre"
    if tag in ("td", "th", "tr"):
        return "cell"
    if "blockquote" in inside:
        return "quote"
    return "p"


class _Walk:
    """The state of one walk over a tree: the open block's text pieces and the stack of context."""

    def __init__(self, tree: Any) -> None:
        self.tree = tree
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.cuts: list[Cut] = []
        self.links = 0
        self.hidden: list[tuple[Any, int, list[str]]] = []
        self.pre = 0

    def text(self, value: str | None) -> None:
        if not value:
            return
        if self.hidden:
            self.hidden[-1][2].append(value)
            return
        self.parts.append(value)
        if self.links:
            self.link_chars += len(value.strip())

    def flush(self, element: Any, tag: str, hints: tuple[tuple[str, str], ...], inside: list[str],
              names: tuple[str, ...] = ()) -> None:
        raw = "".join(self.parts)
        text = raw.strip("\n") if self.pre else _SPACE.sub(" ", raw).strip()
        if text:
            lead = len(raw) - len(raw.lstrip())
            for cut in self.cuts:  # offsets were taken in the unfolded text
                cut.offset = len(_SPACE.sub(" ", raw[:cut.offset]).lstrip()) if not self.pre else cut.offset - lead
            self.blocks.append(Block(text, _kind(tag, inside), self.tree.getpath(element), hints,
                                     min(self.link_chars, len(text)), self.cuts, names=names))
        elif self.cuts:  # nothing visible but hidden text: a block of its own
            for cut in self.cuts:
                self.blocks.append(Block(cut.text, "p", cut.path, (*hints, ("hidden text", cut.path))))
        self.parts, self.link_chars, self.cuts = [], 0, []


def walk(root: Any) -> list[Block]:
    """The blocks of a parsed document, in document order."""
    from lxml import etree

    tree = root.getroottree()
    state = _Walk(tree)
    stack: list[tuple[str, tuple[tuple[str, str], ...]]] = [("", ())]
    owners: list[Any] = [root]
    names: list[tuple[str, ...]] = [()]
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.rpartition("}")[2].lower()
        if event == "start":
            if tag in SKIPPED or tag == "noscript":
                _skip(state, element, tag, stack[-1][1])
                walker.skip_subtree()
                continue
            hint = kind_of(tag, element.attrib) if tag else None
            hints = stack[-1][1] + (((hint, tree.getpath(element)),) if hint else ())
            owner_tag = _tag(owners[-1])
            if tag in BLOCK_TAGS or (tag == "br" and owner_tag not in ("p", "pre")):
                state.flush(owners[-1], owner_tag, stack[-1][1], [t for t, _ in stack], names[-1])
            elif tag == "br":
                state.text("\n")
            if hint == "hidden text" and tag not in BLOCK_TAGS and not state.hidden and "".join(state.parts).strip():
                state.hidden.append((element, len("".join(state.parts)), []))
            stack.append((tag, hints))
            own = _names(element.get("class"), element.get("id"))
            names.append((names[-1] + own)[-NAMES_KEPT:] if own else names[-1])
            if tag in BLOCK_TAGS:
                owners.append(element)
            state.links += tag == "a"
            state.pre += tag == "pre"
            state.text(element.text)
            continue
        if tag in SKIPPED or tag == "noscript":
            state.text(element.tail)
            continue
        if state.hidden and state.hidden[-1][0] is element:
            _, offset, pieces = state.hidden.pop()
            _close_hidden(state, element, offset, pieces)
        if tag in BLOCK_TAGS:
            state.flush(element, tag, stack[-1][1], [t for t, _ in stack], names[-1])
            owners.pop()
        stack.pop()
        names.pop()
        state.links -= tag == "a"
        state.pre -= tag == "pre"
        state.text(element.tail)
    state.flush(root, "div", (), [])
    return state.blocks


@lru_cache(maxsize=4096)
def _names(class_value: str | None, id_value: str | None) -> tuple[str, ...]:
    """An element's class and id words, each once."""
    return tuple(dict.fromkeys(words_of(class_value, id_value))) if class_value or id_value else ()


def _tag(element: Any) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return str(tag).rpartition("}")[2].lower()


def _close_hidden(state: _Walk, element: Any, offset: int, pieces: list[str]) -> None:
    text = _SPACE.sub(" ", "".join(pieces)).strip()
    if not text:
        return
    parts = tuple(p for p in (_SPACE.sub(" ", t).strip() for t in element.itertext()) if p)
    state.cuts.append(Cut(offset, text, state.tree.getpath(element), parts))


def _skip(state: _Walk, element: Any, tag: str, hints: tuple[tuple[str, str], ...]) -> None:
    """A script, style or form control: its text is no reading, but it is accounted for."""
    reason = SKIP_REASON.get(tag)
    if reason is None and tag not in ("select", "textarea"):
        return
    text = _SPACE.sub(" ", "".join(element.itertext())).strip()
    if not text:
        return
    if tag == "noscript" and "<" not in text:
        reason = "script"
    state.blocks.append(Block(text, "p", state.tree.getpath(element), hints, skipped=reason or "form field"))
