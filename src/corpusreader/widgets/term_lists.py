"""The side panel's Terms and References lists: OptionLists of terms, keyword-in-context lines, related documents.

Each list keeps a payload beside every option (a term's key, a place, a
document); headings are disabled options, so the cursor steps over them. All
text is built as ``Content`` from plain strings and styled spans, never markup.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..corpus.model import Document
from .text_layout import visible

KIND_NAMES = {
    "acronym": "Acronyms", "person": "People", "organization": "Organisations", "place": "Places",
    "document": "Documents", "event": "Events", "phrase": "Key phrases",
}
MAX_PLACES = 300  # keyword-in-context lines shown for one term
MUTED = "$text-muted"
TERM_STYLE = "bold $accent"
_SPACES = re.compile(r"\s+")


class Place(NamedTuple):
    doc: int
    paragraph: int
    start: int
    end: int


class PanelList(OptionList):
    """An OptionList with vim keys; Esc goes back to the text. ``payloads[i]`` belongs to option i."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="panel.down"),
        Binding("k", "cursor_up", "Up", show=False, id="panel.up"),
        Binding("g", "first", "First", show=False, id="panel.first"),
        Binding("G", "last", "Last", show=False, id="panel.last"),
        Binding("left", "screen.panel('terms')", "Terms tab", show=False, id="panel.terms"),
        Binding("right", "screen.panel('references')", "References tab", show=False, id="panel.references"),
        Binding("escape", "screen.leave_panel", "Back to the text", id="panel.back"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True)
        self.payloads: list[object] = []

    def fill(self, rows: list[tuple[Content, object]], keep_cursor: bool = False) -> None:
        """Replace the options: (prompt, payload) pairs; a None payload is a heading."""
        highlighted = self.highlighted
        self.payloads = [payload for _, payload in rows]
        self.set_options(Option(prompt, disabled=payload is None) for prompt, payload in rows)
        if keep_cursor and highlighted is not None and highlighted < len(rows) and rows[highlighted][1] is not None:
            self.highlighted = highlighted
        else:
            self.highlighted = None

    def message_row(self, text: str) -> None:
        self.fill([(Content(text).stylize(MUTED), None)])

    def first_choice(self) -> None:
        if self.highlighted is None:
            self.action_first()

    @property
    def payload(self) -> object:
        index = self.highlighted
        return self.payloads[index] if index is not None and index < len(self.payloads) else None

    @property
    def text_width(self) -> int:
        return max(20, (self.scrollable_content_region.width or 50) - 1)


class TermsList(PanelList):
    """The open document's terms by kind: name, long form or post, count here, documents."""


class ReferencesList(PanelList):
    """Every place of the chosen term across the corpus, then the documents related to the open one."""


def kind_heading(kind: str, width: int) -> Content:
    name = Content.assemble((KIND_NAMES.get(kind, kind.title()), "bold underline"))
    return name.truncate(width - 9, pad=True) + Content.assemble((" here docs", MUTED))


def term_row(term, count: int, documents: int, width: int, doc: int | None = None) -> Content:
    """A term's row; a person's post is the one of document ``doc``'s time where given."""
    extra = term.expansion or (term.role_in(doc) if doc is not None else term.role) or ""
    name = Content.assemble(visible(term.term), ("  " + visible(extra), MUTED) if extra else "")
    return name.truncate(width - 9, ellipsis=True, pad=True) + f"{count:>4}{documents:>5}"


def terms_rows(grouped: dict, width: int, doc: int | None = None) -> list[tuple[Content, object]]:
    rows: list[tuple[Content, object]] = []
    for kind, counts in grouped.items():
        rows.append((kind_heading(kind, width), None))
        rows.extend((term_row(c.term, c.here, c.documents, width, doc), c.term.key) for c in counts)
    return rows


def keyword_in_context(text: str, start: int, end: int, width: int) -> Content:
    """``…left context TERM right context…`` in `width` cells, the term highlighted."""
    text = visible(text)
    term = text[start:end]
    left = _SPACES.sub(" ", text[:start])
    right = _SPACES.sub(" ", text[end:])
    room = max(0, width - len(term))
    left_room = max(room // 2, room - len(right))
    if len(left) > left_room:
        left = "…" + _from_word(left[len(left) - left_room + 1:]) if left_room > 0 else ""
    right_room = room - len(left)
    if len(right) > right_room:
        right = _to_word(right[:max(0, right_room - 1)]) + "…" if right_room > 0 else ""
    return Content.assemble(left, (term, TERM_STYLE), right).truncate(width, ellipsis=True)


def _from_word(text: str) -> str:
    """Drop a cut word at the start (if a space is near enough to keep most of the context)."""
    space = text.find(" ", 0, 12)
    return text[space:] if space > 0 else text


def _to_word(text: str) -> str:
    space = text.rfind(" ", max(0, len(text) - 12))
    return text[:space + 1] if space > 0 else text


def document_heading(document: Document, is_open: bool, width: int) -> Content:
    marker = ("● ", TERM_STYLE) if is_open else "  "
    date = f" · {document.date}" if document.date else ""
    line = Content.assemble(marker, (visible(document.display_title), "bold"), (date, MUTED))
    return line.truncate(width, ellipsis=True)


def references_rows(term_index, documents: list[Document], term_key: str | None, doc: int | None,
                    width: int) -> list[tuple[Content, object]]:
    """The chosen term's places (grouped by document), then "Related documents"."""
    rows: list[tuple[Content, object]] = []
    term = term_index.get(term_key) if term_key else None
    if term is None:
        rows.append((Content("Choose a term in Terms (T, Enter) to see every place it stands.").stylize(MUTED), None))
    else:
        places = term_index.occurrences(term)
        count = len({p.doc for p in places})
        rows.append((Content.assemble((visible(term.term), TERM_STYLE),
                                      (f"  {len(places)} places in {count} documents", MUTED)), None))
        last_doc = None
        for occurrence in places[:MAX_PLACES]:
            if occurrence.doc >= len(documents):
                continue
            document = documents[occurrence.doc]
            if occurrence.doc != last_doc:
                rows.append((document_heading(document, occurrence.doc == doc, width), None))
                last_doc = occurrence.doc
            text = document.title or "" if occurrence.paragraph == -1 else document.paragraphs[occurrence.paragraph]
            line = keyword_in_context(text, occurrence.start, occurrence.end, width - 2)
            rows.append((Content("  ") + line, Place(occurrence.doc, occurrence.paragraph, occurrence.start,
                                                      occurrence.end)))
        if len(places) > MAX_PLACES:
            rows.append((Content(f"… and {len(places) - MAX_PLACES} more").stylize(MUTED), None))
    if doc is not None:
        rows.append((Content.assemble(("Related documents", "bold underline")), None))
        related = [r for r in term_index.related(doc) if r.doc < len(documents)]
        for item in related:
            document = documents[item.doc]
            date = f" · {document.date}" if document.date else ""
            shared = ", ".join(visible(t.term) for t in item.shared[:6])
            prompt = Content.assemble((visible(document.display_title), "bold"), (date, MUTED)).truncate(
                width, ellipsis=True) + "\n" + Content.assemble(("  shares " + shared, MUTED)).truncate(
                width, ellipsis=True)
            rows.append((prompt, item.doc))
        if not related:
            rows.append((Content("No other document shares its terms.").stylize(MUTED), None))
    return rows
