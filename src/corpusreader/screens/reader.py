"""The main screen: document list, reading pane with its find bar, side panel.

The app's loader hands documents over as they are cleaned (``add_documents``)
and keeps the state; the screen moves between documents, toggles the raw view
and runs find within the open document.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, ProgressBar

from ..corpus.model import Document
from ..widgets.document_list import DocumentList
from ..widgets.find_bar import FindBar
from ..widgets.reading_view import ReadingView
from ..widgets.side_panel import SidePanel
from ..widgets.text_layout import visible


def type_into_focused_input(screen: Screen, character: str) -> bool:
    """A priority key typed in a text box is text: insert it there. True if it was."""
    focused = screen.focused
    if isinstance(focused, Input):
        focused.insert_text_at_cursor(character)
        return True
    return False


class ReaderScreen(Screen):
    """Read one document at a time; ``[`` and ``]`` walk the list as it is shown."""

    BINDINGS = [
        Binding("left_square_bracket", "step(-1)", "Prev doc", id="reader.previous_document"),
        Binding("right_square_bracket", "step(1)", "Next doc", id="reader.next_document"),
        Binding("r", "toggle_raw", "Raw view", id="reader.raw_view"),
        # Priority: run as the key arrives, so what is typed right after "/" lands in the find box.
        Binding("slash", "find('/')", "Find", priority=True, id="reader.find"),
        Binding("ctrl+f", "find", "Find", show=False, priority=True, id="reader.find_ctrl_f"),
        Binding("n", "next_hit(1)", "Next hit", show=False, id="reader.next_hit"),
        Binding("N", "next_hit(-1)", "Previous hit", show=False, id="reader.previous_hit"),
        Binding("z", "zoom", "Zoom pane", show=False, id="reader.zoom"),
        Binding("escape", "escape", "Cancel / clear", show=False, id="reader.escape"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.documents: list[Document] = []
        self.current: int | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield ProgressBar(id="progress", show_eta=False)
                yield DocumentList(id="list")
                yield SidePanel(id="side")
            with Vertical(id="reading-pane"):
                yield ReadingView(id="reader")
                yield FindBar(id="find")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(FindBar).display = False
        self.reader.focus()
        self.app.start_loading()

    @property
    def reader(self) -> ReadingView:
        return self.query_one(ReadingView)

    @property
    def document_list(self) -> DocumentList:
        return self.query_one(DocumentList)

    @property
    def document(self) -> Document | None:
        return None if self.current is None else self.documents[self.current]

    # -- documents -------------------------------------------------------------------------

    def add_documents(self, documents: list[Document]) -> None:
        self.documents.extend(documents)
        self.document_list.add_documents(documents)

    def open(self, index: int, position: tuple[int, int] | None = None) -> None:
        """Show document `index`, where the reader left it last time unless told otherwise."""
        if self.current is not None:
            self.app.remember_position(self.documents[self.current], self.reader.position)
        self.current = index
        document = self.documents[index]
        if position is None:
            position = self.app.saved_position(document)
        self.reader.show(document, position)
        self._refresh_find()
        self.query_one(SidePanel).show(document)
        self.document_list.select(index)
        self.sub_title = visible(document.display_title)
        self.app.remember_open(document)

    @on(DocumentList.Chosen)
    def _chosen(self, event: DocumentList.Chosen) -> None:
        self.open(event.index)
        self.reader.focus()

    def action_step(self, step: int) -> None:
        following = self.document_list.neighbour(self.current, step)
        if following is None:
            self.notify("No more documents that way.", timeout=2)
            return
        self.open(following)

    def action_toggle_raw(self) -> None:
        self.reader.raw = not self.reader.raw
        self._refresh_find()
        self.reader.set_class(self.reader.raw, "-raw")

    def action_zoom(self) -> None:
        if self.maximized is None:
            self.maximize(self.reader)
        else:
            self.minimize()

    def action_escape(self) -> None:
        if self.app.loading_in_progress:
            self.app.cancel_load()
        elif self.query_one(FindBar).display:
            self.query_one(FindBar).action_close()
        elif self.maximized is not None:
            self.minimize()

    # -- find ------------------------------------------------------------------------------

    def action_find(self, typed: str = "") -> None:
        if typed and type_into_focused_input(self, typed):
            return
        self.query_one(FindBar).open()

    def _refresh_find(self) -> None:
        """Run the find bar's query again on what the reader now shows."""
        bar = self.query_one(FindBar)
        if bar.display and bar.query:
            self.reader.find(bar.query)
        self._show_count()

    def _show_count(self) -> None:
        reader = self.reader
        self.query_one(FindBar).set_count(reader.current_hit + 1, len(reader.hits))

    def action_next_hit(self, step: int) -> None:
        reader = self.reader
        if not reader.hits:
            if self.query_one(FindBar).query:
                self.notify("No match in this document.", timeout=2)
            return
        reader.select_hit(reader.current_hit + step)
        self._show_count()

    @on(FindBar.Changed)
    def _find_changed(self, event: FindBar.Changed) -> None:
        self.reader.find(event.query)
        self._show_count()

    @on(FindBar.Done)
    def _find_done(self) -> None:
        self.reader.focus()

    @on(FindBar.Closed)
    def _find_closed(self) -> None:
        self.reader.find("")
        self.reader.focus()
