"""The side panel: tabs about the open document — its metadata, its terms, and references across the corpus.

The panel follows the open document (``show``). Terms and references need the
term index, built after loading (``set_term_index``); until then they say so.
Choosing a term (Enter in Terms) fills References with its every place; Enter
on a place or a related document asks the screen to open it (messages).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static, TabbedContent, TabPane

from ..corpus.model import Document
from .term_lists import PanelList, Place, ReferencesList, TermsList, references_rows, terms_rows
from .text_layout import visible


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def metadata_text(document: Document | None) -> Text:
    """Label/value lines, as plain text (never markup)."""
    if document is None:
        return Text("No document open.")
    fragments = sum(1 for r in document.removed if r.is_fragment)
    rows = [
        ("Date", document.date or "—"),
        ("Place", document.place or "—"),
        ("Speaker", document.speaker or "—"),
        ("Site", document.site or "—"),
        ("Source", document.source_url or "—"),
        ("Removed", f"{len(document.removed)} pieces ({fragments} inside lines)"),
        ("Words", f"{document.word_count:,}"),
        ("Encoding", document.encoding),
        ("Size", human_size(document.size) + (" (truncated)" if document.truncated else "")),
        ("File", document.path),
    ]
    text = Text(end="")
    for number, (label, value) in enumerate(rows):
        if number:
            text.append("\n")
        text.append(f"{label:<9}", style="bold")
        text.append(visible(value))
    return text


class Metadata(Static):
    """The open document's metadata; asks its panel on mount, in case it came before."""

    def on_mount(self) -> None:
        panel = next((a for a in self.ancestors if isinstance(a, SidePanel)), None)
        if panel is not None:
            self.update(metadata_text(panel.document))


class SidePanel(Vertical):
    """Tabs: Document (metadata), Terms, References."""

    document: Document | None = None

    class TermChosen(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class PlaceChosen(Message):
        """Open a document at a place of the chosen term."""

        def __init__(self, place: Place, key: str) -> None:
            super().__init__()
            self.place, self.key = place, key

    class DocumentChosen(Message):
        def __init__(self, doc: int) -> None:
            super().__init__()
            self.doc = doc

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.documents: list[Document] = []
        self.doc: int | None = None
        self.term_index = None
        self.term_key: str | None = None
        self.waiting = "Terms are built once the documents are loaded…"

    def compose(self) -> ComposeResult:
        with TabbedContent(id="side-tabs"):
            with TabPane("Document", id="tab-document"):
                yield Metadata(metadata_text(None), id="metadata")
            with TabPane("Terms", id="tab-terms"):
                yield TermsList(id="terms-list")
            with TabPane("References", id="tab-references"):
                yield ReferencesList(id="references-list")

    def on_mount(self) -> None:
        self._fill()

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one(TabbedContent)

    @property
    def terms_list(self) -> TermsList:
        return self.query_one(TermsList)

    @property
    def references_list(self) -> ReferencesList:
        return self.query_one(ReferencesList)

    def show(self, document: Document | None, doc: int | None = None) -> None:
        """Follow the open document (``doc``: its index in ``documents``)."""
        self.document, self.doc = document, doc
        for view in self.query(Metadata):
            view.update(metadata_text(document))
        self._fill(keep_cursor=True)

    def set_term_index(self, index, waiting: str = "") -> None:
        """The corpus's term index (None while it is built; `waiting` says why)."""
        self.term_index = index
        self.waiting = waiting or self.waiting
        self._fill()

    def _fill(self, keep_cursor: bool = False) -> None:
        if not self.is_mounted:
            return
        terms, references = self.terms_list, self.references_list
        if self.term_index is None:
            terms.message_row(self.waiting)
            references.message_row(self.waiting)
            return
        if self.doc is None:
            terms.message_row("No document is open.")
        else:
            grouped = self.term_index.terms_of(self.doc)
            rows = terms_rows(grouped, terms.text_width, self.doc)
            terms.fill(rows) if rows else terms.message_row("No terms found in this document.")
        references.fill(references_rows(self.term_index, self.documents, self.term_key, self.doc,
                                        references.text_width), keep_cursor=keep_cursor)

    # -- focus and choices -----------------------------------------------------------------

    def focus_tab(self, name: str) -> None:
        """Show a tab ("document", "terms", "references") and put the focus in its list."""
        self.tabs.active = f"tab-{name}"
        lists = {"terms": self.terms_list, "references": self.references_list}
        if name in lists:
            self.screen.set_focus(lists[name])
            lists[name].first_choice()

    def choose_term(self, key: str) -> None:
        self.term_key = key
        self._fill()
        self.focus_tab("references")

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        payload = event.option_list.payloads[event.option_index] if isinstance(event.option_list, PanelList) else None
        if isinstance(payload, str):
            self.post_message(self.TermChosen(payload))
        elif isinstance(payload, Place) and self.term_key:
            self.post_message(self.PlaceChosen(payload, self.term_key))
        elif isinstance(payload, int):
            self.post_message(self.DocumentChosen(payload))
