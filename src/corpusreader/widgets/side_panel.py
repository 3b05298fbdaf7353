"""The side panel: tabs about the open document. Today its metadata; terms and references later."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TabbedContent, TabPane

from ..corpus.model import Document
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
    """Tabs about the open document; other issues add theirs with ``self.tabs.add_pane``."""

    document: Document | None = None

    def compose(self) -> ComposeResult:
        with TabbedContent(id="side-tabs"):
            with TabPane("Document", id="tab-document"):
                yield Metadata(metadata_text(None), id="metadata")

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one(TabbedContent)

    def show(self, document: Document | None) -> None:
        self.document = document
        for view in self.query(Metadata):
            view.update(metadata_text(document))
