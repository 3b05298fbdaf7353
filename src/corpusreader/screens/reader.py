"""The main screen: document list, reading pane with its find bar, side panel.

The first frame is light: header, footer (``KeyBar``), the list's column and
the reading pane saying "Loading…". The list, the side panel, the reading view
and the find bar (and their modules) come right after it is painted
(``parts_ready``); until then the keys that need them do nothing. Only then does
the app start loading. The app's
loader hands documents over as they are cleaned (``add_documents``) and keeps
the state; the screen moves between documents, toggles the raw view and runs
find within the open document. What the reading pane highlights is a
``Marking``: a find query, the words of a corpus search, or a term's places,
kept as you move between documents until Esc clears it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from ..widgets.key_bar import KeyBar
from ..widgets.marks import Marking, spans_of
from ..widgets.text_layout import visible

if TYPE_CHECKING:  # imported when the parts are mounted; their messages are handled by name (on_...)
    from textual.widgets import ProgressBar

    from ..corpus.model import Document
    from ..widgets.document_list import DocumentList
    from ..widgets.find_bar import FindBar
    from ..widgets.reading_view import ReadingView
    from ..widgets.side_panel import SidePanel


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
        Binding("s", "app.search", "Search", id="reader.search"),
        Binding("T", "panel('terms')", "Terms", id="reader.terms"),
        Binding("x", "panel('references')", "References", id="reader.references"),
        Binding("escape", "escape", "Cancel / clear", show=False, id="reader.escape"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.documents: list[Document] = []
        self.current: int | None = None
        self.marking: Marking | None = None
        self.parts_ready = False  # the list, side panel and find bar are mounted

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="main"):
            yield Vertical(id="left")
            with Vertical(id="reading-pane"):
                yield Static("Loading…", id="reader-placeholder")  # looks like the reading view's notice
        yield KeyBar()

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_parts)

    async def _mount_parts(self) -> None:
        """The rest of the layout, once the first frame is on the screen; then the load starts."""
        from textual.widgets import ProgressBar

        from ..widgets.document_list import DocumentList
        from ..widgets.find_bar import FindBar
        from ..widgets.reading_view import ReadingView
        from ..widgets.side_panel import SidePanel

        panel, bar = SidePanel(id="side"), FindBar(id="find")
        panel.documents = self.documents  # one list: indexes into it are the corpus order
        bar.display = False
        # A total from the start: an unknown one animates, repainting all through the load.
        progress = ProgressBar(total=max(1, 2 * len(self.app.sources)), id="progress", show_eta=False)
        await self.query_one("#left").mount(progress, DocumentList(id="list"), panel)
        placeholder = self.query_one("#reader-placeholder")
        await self.query_one("#reading-pane").mount(ReadingView(id="reader"), bar, before=placeholder)
        await placeholder.remove()
        self.reader.focus()
        self.parts_ready = True
        self.call_after_refresh(self.app.start_loading)  # once they are painted too

    def show_progress(self, done: int | None, total: int = 0) -> None:
        """The progress bar above the list; ``None`` hides it."""
        bar: ProgressBar = self.query_one("#progress")
        if done is None:
            bar.display = False
        else:
            bar.update(total=total, progress=done)

    @property
    def reader(self) -> ReadingView:
        return self.query_one("#reader")

    @property
    def document_list(self) -> DocumentList:
        return self.query_one("#list")

    @property
    def side_panel(self) -> SidePanel:
        return self.query_one("#side")

    @property
    def find_bar(self) -> FindBar:
        return self.query_one("#find")

    @property
    def document(self) -> Document | None:
        return None if self.current is None else self.documents[self.current]

    # -- documents -------------------------------------------------------------------------

    def add_documents(self, documents: list[Document]) -> None:
        self.documents.extend(documents)
        self.document_list.add_documents(documents)

    def open(self, index: int, position: tuple[int, int] | None = None, at: tuple[int, int] | None = None) -> None:
        """Show document `index`, where the reader left it last time unless told otherwise.

        ``at`` = (paragraph, offset): make the marked hit there the current one.
        """
        if self.current is not None:
            self.app.remember_position(self.documents[self.current], self.reader.position)
        self.current = index
        document = self.documents[index]
        if position is None:
            position = self.app.saved_position(document)
        self.reader.show(document, position)
        self._refresh_find(at)
        self.side_panel.show(document, index)
        self.document_list.select(index)
        self.sub_title = visible(document.display_title)
        self.app.remember_open(document)
        from ..corpus.loading.files import notices

        for note in notices(document):
            self.app.notify(f"{visible(document.path)}: {note}", severity="warning", markup=False)

    def jump(self, index: int, paragraph: int, offset: int, marking: Marking) -> None:
        """Open a document at a place, with `marking` highlighted and its hit there the current one."""
        if self.maximized is not None:
            self.minimize()
        self.marking = marking
        self.find_bar.show_marking(marking.label, marking.query)
        self.open(index, (paragraph, 0), at=(paragraph, offset))

    def on_document_list_chosen(self, event: DocumentList.Chosen) -> None:
        self.open(event.index)
        self.reader.focus()

    def action_step(self, step: int) -> None:
        if not self.parts_ready:
            return
        following = self.document_list.neighbour(self.current, step)
        if following is None:
            self.notify("No more documents that way.", timeout=2)
            return
        self.open(following)

    def action_toggle_raw(self) -> None:
        if not self.parts_ready:
            return
        self.reader.raw = not self.reader.raw
        self._refresh_find()
        self.reader.set_class(self.reader.raw, "-raw")

    def action_sort(self, key: str) -> None:
        """Sort the list by "date" or "title" (the palette's commands)."""
        if self.parts_ready:
            self.document_list.action_sort(key)

    def action_zoom(self) -> None:
        if not self.parts_ready:
            return
        if self.maximized is None:
            self.maximize(self.reader)
        else:
            self.minimize()

    def action_escape(self) -> None:
        if self.app.loading_in_progress:
            self.app.cancel_load()
        elif self.parts_ready and self.find_bar.display:
            self.find_bar.action_close()
        elif self.maximized is not None:
            self.minimize()

    # -- find ------------------------------------------------------------------------------

    def action_find(self, typed: str = "") -> None:
        if typed and type_into_focused_input(self, typed):
            return
        if not self.parts_ready:
            return
        bar = self.find_bar
        if self.marking is not None and self.marking.kind != "find":
            self.marking = Marking("find", bar.query)  # "/" is always a plain find
            self._refresh_find()
        bar.open()

    def _refresh_find(self, at: tuple[int, int] | None = None) -> None:
        """Mark the marking again on what the reader now shows."""
        app = self.app
        if self.marking is not None or self.reader.hits:
            finder = spans_of(self.marking, self.document, self.current, self.reader.raw,
                              getattr(app, "search_index", None), getattr(app, "term_index", None))
            self.reader.mark(finder, at)
        self._show_count()

    def _show_count(self) -> None:
        reader = self.reader
        self.find_bar.set_count(reader.current_hit + 1, len(reader.hits))

    def action_next_hit(self, step: int) -> None:
        if not self.parts_ready:
            return
        reader = self.reader
        if not reader.hits:
            if self.marking is not None and self.marking.query:
                self.notify("No match in this document.", timeout=2)
            return
        reader.select_hit(reader.current_hit + step)
        self._show_count()

    def on_find_bar_changed(self, event: FindBar.Changed) -> None:
        marking = self.marking
        if marking is not None and marking.query == event.query:
            self._show_count()
            return  # the bar shows what a jump marked
        kind = marking.kind if marking is not None and marking.kind == "search" else "find"
        self.marking = Marking(kind, event.query) if event.query else None
        self.find_bar.set_label(Marking(kind, "").label)
        self._refresh_find()

    def on_find_bar_done(self) -> None:
        self.reader.focus()

    def on_find_bar_closed(self) -> None:
        self.marking = None
        self.reader.mark(lambda block: [])
        self._show_count()
        self.reader.focus()

    # -- the side panel --------------------------------------------------------------------

    def action_panel(self, tab: str) -> None:
        if not self.parts_ready:
            return
        if self.maximized is not None:
            self.minimize()
        self.side_panel.focus_tab(tab)

    def action_leave_panel(self) -> None:
        if self.parts_ready:
            self.reader.focus()

    def terms_ready(self, index, waiting: str = "") -> None:
        self.side_panel.set_term_index(index, waiting)
        if self.marking is not None and self.marking.kind == "term":
            self._refresh_find()

    def on_side_panel_term_chosen(self, event: SidePanel.TermChosen) -> None:
        panel = self.side_panel
        term = panel.term_index.get(event.key) if panel.term_index is not None else None
        if term is None:
            return
        panel.choose_term(event.key)
        self.marking = Marking("term", visible(term.term), event.key)
        self.find_bar.show_marking(self.marking.label, self.marking.query)
        self._refresh_find()

    def on_side_panel_place_chosen(self, event: SidePanel.PlaceChosen) -> None:
        panel = self.side_panel
        term = panel.term_index.get(event.key) if panel.term_index is not None else None
        if term is None or not 0 <= event.place.doc < len(self.documents):
            return
        place = event.place
        self.jump(place.doc, place.paragraph, place.start, Marking("term", visible(term.term), event.key))

    def on_side_panel_document_chosen(self, event: SidePanel.DocumentChosen) -> None:
        if 0 <= event.doc < len(self.documents):
            self.open(event.doc)
