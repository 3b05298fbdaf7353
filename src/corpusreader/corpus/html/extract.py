"""A parsed page to a cleaned ``Document``: every block is the title, body, or removed with a reason.

Signals, in order: the block's own kind (a script, a form control, hidden
text); the boilerplate its element or an ancestor declares (``nav``,
``footer``, a ``related`` or ``comments`` class), except a declaration on
an element that holds the article itself; its share of linked text; the
blocks the corpus repeats on many pages; and the article's container, the
deepest element holding most of the page's running text (blocks outside it
are kept only when they are running text of their own).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..cleaning.signals import is_prose, protection
from ..model import Card, Document, RawDocument, Removed
from ..text import line_key, words
from ..vocab import CardKind, Reason
from .blocks import Block, inside
from .reader import HtmlPage
from .text_reading import TextReading, read_as_text
from .title import find_title

MAIN_SHARE = 0.6
"""The article's container holds at least this share of the page's running text."""
LINK_DENSITY = 0.5
CONTAINERS = frozenset({"div", "article", "section", "main", "body", "td", "form", "center", "font", "span"})
BODY_SHARE = 0.2
"""A parent of paragraphs is the article's own when it holds this share of what the main one holds."""
SCRIPT_SHOWN = 300
"""Characters of a script's text shown in its removed entry (code is no reading)."""
WEAK_KINDS = frozenset({"page header", "tags", "share and link buttons", "form field", "breadcrumb",
                        "site navigation", "footer", "sidebar", "advertisement"})
"""Kinds whose declaration yields to running text inside them (a lead in a header, a WordPress tag class)."""
PLACE_REASONS = frozenset({Reason.INSIDE_ARTICLE, Reason.PAGE_HEADER})
TEXT_VETO = frozenset(r.value for r in Reason) - PLACE_REASONS - {Reason.TITLE_REPEATED, Reason.REPEATED_LINE,
                                                                  Reason.STRAY_NUMBER}
"""The text cleaner's reasons a block the markup kept yields to (not those about a unit's place in the page)."""
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
KIND_OF_BLOCK = {"li": "list", "quote": "quote", "pre": "pre", "cell": "table"}
_LABELS = ("Background information", "Справочная информация", "Справка")


def is_running_text(block: Block) -> bool:
    """A paragraph of the page's own: long enough, few of its words in links."""
    if block.skipped or block.link_density > 0.35 or block.kind in HEADINGS:
        return False
    return len(words(block.text)) >= 10 or (len(block.text) >= 80 and " " not in block.text[:80])


def main_container(blocks: list[Block]) -> str:
    """The XPath of the deepest element that holds most of the running text."""
    weights: Counter[str] = Counter()
    total = 0
    for block in blocks:
        if not is_running_text(block) or any(kind == "hidden text" for kind, _ in block.hints):
            continue
        total += len(block.text)
        parts = block.path.split("/")
        for end in range(2, len(parts) + 1):
            weights["/".join(parts[:end])] += len(block.text)
    best = "/html/body"
    for path, weight in weights.items():
        if weight >= MAIN_SHARE * total and path.count("/") > best.count("/"):
            best = path
    while best.count("/") > 2 and best.rpartition("/")[2].split("[")[0] not in CONTAINERS:
        best = best.rpartition("/")[0]  # a list or a paragraph is a part of an article, not its container
    return best


def declared_kind(block: Block, main: str) -> str | None:
    """The innermost boilerplate kind declared on the block or an ancestor that does not hold the article."""
    for kind, path in reversed(block.hints):
        if kind == "hidden text":
            return kind
        if inside(main, path):
            continue  # it holds the article: a "page-with-sidebar" wrapper says nothing
        if kind == "page header" and inside(path, main):
            continue  # the article's own header: title, date, lead
        return None if kind == "article" else kind
    return None


def block_reason(block: Block, main: str, template: frozenset[str]) -> str | None:
    """Why a block is boilerplate, or None to keep it."""
    if block.skipped:
        return block.skipped
    declared = declared_kind(block, main)
    running = is_running_text(block)
    if declared and not (running and declared in WEAK_KINDS and inside(block.path, main)):
        return declared
    if block.link_density > LINK_DENSITY and not running:
        return "links"
    if template and not running and not protection(block.text) and not is_prose(block.text) \
            and not _leads_in(block.text) and line_key(block.text) in template:
        return Reason.TEMPLATE
    if not inside(block.path, main.rpartition("/")[0] or main) and not running and not is_prose(block.text):
        return "outside the article"
    return None


def _leads_in(text: str) -> bool:
    """A formula that opens the text under it ("The message reads, in part:"): the article's, however often."""
    return text.rstrip().endswith(":") and 3 <= len(words(text)) <= 15 and text[:1].isupper()


def page_keys(page: HtmlPage) -> set[str]:
    """The keys of a page's short blocks: what repeats across a corpus's pages is template."""
    return {line_key(b.text) for b in page.blocks if not b.skipped and 0 < len(b.text) <= 150}


@dataclass(slots=True)
class Judged:
    """A page's blocks as the rules judged them: each block's reason (None: kept), the article's container and
    own paragraph runs, the title, and how the text cleaner read each block (its line model's probability)."""

    blocks: list[Block]
    reasons: list[str | None]
    main: str
    body: set[str]
    title_index: int | None
    title: str | None
    template: frozenset[str]
    text: TextReading


def judge(raw: RawDocument, page: HtmlPage, template: frozenset[str] = frozenset()) -> Judged:
    """The rules' verdict on every block of a parsed page."""
    blocks = page.blocks
    main = main_container(blocks)
    reasons = [block_reason(b, main, template) for b in blocks]
    body = _after_body(blocks, reasons, main)
    text = read_as_text(raw, blocks, template)
    for i, reason in enumerate(text.reasons):
        if reasons[i] is None and reason in TEXT_VETO:
            reasons[i] = reason
    title_index, title = find_title(blocks, page.meta, reasons, main)
    _above_title(blocks, reasons, title_index, main)
    _title_repeated(blocks, reasons, title_index, title)
    return Judged(blocks, reasons, main, body, title_index, title, template, text)


def extract(raw: RawDocument, page: HtmlPage, template: frozenset[str] = frozenset()) -> Document:
    """Clean one parsed page: the rules' verdict, then the block model's where one is shipped."""
    from . import block_model  # it reads this module's helpers

    judged = judge(raw, page, template)
    model = block_model.load()
    reasons = block_model.decide(judged, model) if model is not None else judged.reasons
    return assemble(raw, page, judged, reasons)


def assemble(raw: RawDocument, page: HtmlPage, judged: Judged, reasons: list[str | None]) -> Document:
    """The document: the title block, every kept block a paragraph, every other block removed with its reason."""
    blocks, title_index = judged.blocks, judged.title_index
    document = Document(path=raw.path, encoding=raw.encoding, size=raw.size, truncated=raw.truncated)
    document.title, document.title_line = judged.title, (title_index + 1 if title_index is not None else None)
    kinds: list[str] = []
    for position, (block, reason) in enumerate(zip(blocks, reasons), 1):
        if position - 1 == title_index:
            _place_cuts(document, block, position, -1)
            continue
        if reason is not None:
            text = block.text if block.skipped != "script" or len(block.text) <= SCRIPT_SHOWN \
                else block.text[:SCRIPT_SHOWN] + " …"
            document.removed.append(Removed(position, text, reason, where=block.path))
            continue
        document.paragraphs.append(block.text)
        document.paragraph_lines.append(position)
        kinds.append(block.kind if block.kind in HEADINGS else KIND_OF_BLOCK.get(block.kind, ""))
        _place_cuts(document, block, position, len(document.paragraphs) - 1)
    document.removed.sort(key=lambda r: (r.line, r.offset or 0))
    document.paragraph_kinds = kinds
    meta = page.meta
    document.date, document.speaker = meta.date, meta.author
    document.source_url, document.site, document.language = meta.url, meta.site, meta.language
    document.notice = page.notice
    return document


def _after_body(blocks: list[Block], reasons: list[str | None], main: str) -> set[str]:
    """After the last paragraph of the article's own paragraph runs (the parents that hold most of its
    running text), what stands in other containers is what follows an article: teasers, bios, comments."""
    weights: Counter[str] = Counter()
    for block, reason in zip(blocks, reasons):
        if reason is None and is_running_text(block) and inside(block.path, main):
            weights[block.path.rpartition("/")[0]] += len(block.text)
    if not weights:
        return set()
    top = max(weights.values())
    body = {parent for parent, weight in weights.items() if weight >= BODY_SHARE * top}
    own = [i for i, b in enumerate(blocks) if b.path.rpartition("/")[0] in body and reasons[i] is None]
    first, last = min(own), max(own)
    for i in range(first, last):
        if reasons[i] == "links" and inside(blocks[i].path, main):
            reasons[i] = None  # a list of links inside the article's text is the article's
    for i in range(last + 1, len(blocks)):
        if reasons[i] is None and not any(inside(blocks[i].path, parent) for parent in body):
            reasons[i] = Reason.AFTER_ARTICLE
    return body


def _above_title(blocks: list[Block], reasons: list[str | None], title: int | None, main: str) -> None:
    """Short blocks above the title inside the article's container are its header (category, breadcrumb)."""
    if title is None:
        return
    for i in range(title):
        if reasons[i] is None and not is_running_text(blocks[i]):
            reasons[i] = Reason.PAGE_HEADER


def _title_repeated(blocks: list[Block], reasons: list[str | None], index: int | None, title: str | None) -> None:
    """A block that says the title again (a lead that is the headline) is no body text."""
    key = " ".join(words(title.casefold())) if title else ""
    for i, block in enumerate(blocks):
        if key and i != index and reasons[i] is None and " ".join(words(block.text.casefold())) == key:
            reasons[i] = Reason.TITLE_REPEATED


def _place_cuts(document: Document, block: Block, position: int, paragraph: int) -> None:
    """Hidden pieces cut out of a kept block: removed fragments, and hover cards' facts."""
    for cut in block.cuts:
        card = _card(block.text, cut.offset, cut.parts)
        reason = (Reason.NAME_CARD if card and card.kind == CardKind.PERSON else
                  Reason.GLOSSARY_CARD if card else "hidden text")
        document.removed.append(Removed(position, cut.text, reason, paragraph, cut.offset, where=cut.path))
        if card:
            document.cards.append(Card(card.name, card.role, card.kind, paragraph))


def _card(text: str, offset: int, parts: tuple[str, ...]) -> Card | None:
    """A hover card: hidden text after a name, that names it again (surname first, perhaps) and gives a post."""
    if len(parts) < 1:
        return None
    label = next((p for p in parts if p in _LABELS), None)
    before = text[:offset].split()
    named = set(parts[0].split())
    shown: list[str] = []
    for word in reversed(before):
        if word.strip(",;:") not in named:
            break
        shown.insert(0, word)
    if not shown:
        return None
    name = " ".join(shown)
    if label:
        return Card(name, None, CardKind.GLOSSARY, 0)
    role = parts[-1] if len(parts) >= 2 and parts[-1] != parts[0] and len(parts[-1].split()) <= 25 else None
    return Card(name, role, CardKind.PERSON, 0) if len(shown) >= 2 or role else None
