"""The main screen: document list, reading pane with its find bar, side panel.

The first frame is light: header, footer (``KeyBar``), the list's column and
the reading pane saying "Loading…". The list, the side panel, the reading view
and the find bar (and their modules) come right after it is painted
(``parts_ready``); until then the actions that need them do nothing
(``@needs_parts``). The screen posts ``FirstFrame`` as it starts mounting them
(the app starts loading then, in a thread) and ``Ready`` once they are painted
(the app hands them what the load said meanwhile).

What is loaded lives in the app's ``Session``, which the screen reads from: the
app adds each batch there and tells the screen (``show_added``), and the same
for the end of the load and the term index. The screen moves between
documents, toggles the raw view and runs find within the open document. What
the reading pane highlights is a ``Marking``: a find query, the words of a
corpus search, or a term's places, kept as you move between documents until
Esc clears it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from ..widgets.key_bar import KeyBar
from ..widgets.marks import Marking, spans_of
from ..widgets.text_layout import visible

if TYPE_CHECKING:  # imported when the parts are mounted; their messages are handled by name (on_...)
    from textual.widgets import ProgressBar

    from ..app import CorpusReaderApp
    from ..corpus.model import Document
    from ..corpus.notes import NotesStore
    from ..corpus.search.index import Hit
    from ..session import Session
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


def needs_parts(action: Callable) -> Callable:
    """An action that needs the parts mounted after the first frame: until then, it does nothing."""
    @wraps(action)
    def when_ready(screen: ReaderScreen, *args):
        if screen.parts_ready:
            return action(screen, *args)
        return None
    return when_ready


class ReaderScreen(Screen):
    """Read one document at a time; ``[`` and ``]`` walk the list as it is shown."""

    BINDINGS = [
        Binding("left_square_bracket", "step(-1)", "Prev doc", show=False, id="reader.previous_document"),
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
        Binding("y", "copy_paragraph", "Copy", id="reader.copy"),
        Binding("m", "mark", "Mark", id="reader.mark"),
        Binding("M", "app.notes", "Notes", show=False, id="reader.notes"),
        Binding("number_sign", "toggle_numbers", "Paragraph numbers", show=False, key_display="#",
                id="reader.numbers"),
        Binding("escape", "escape", "Cancel / clear", show=False, id="reader.escape"),
    ]

    class Ready(Message):
        """The parts are mounted and painted: time to load."""

    class FirstFrame(Message):
        """The first frame is on the screen; the rest of the layout is being mounted."""

    class CancelLoad(Message):
        """Esc during the load: stop it, keep what is loaded."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.current: int | None = None
        self.marking: Marking | None = None
        self.parts_ready = False  # the list, side panel and find bar are mounted
        self._notes_problem: str | None = None

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

        self.post_message(self.FirstFrame())
        panel, bar = SidePanel(id="side"), FindBar(id="find")
        panel.documents = self.session.documents  # one list: indexes into it are the corpus order
        bar.display = False
        # A total from the start: an unknown one animates, repainting all through the load.
        progress = ProgressBar(total=max(1, 2 * len(self.session.sources)), id="progress", show_eta=False)
        await self.query_one("#left").mount(progress, DocumentList(id="list"), panel)
        placeholder = self.query_one("#reader-placeholder")
        await self.query_one("#reading-pane").mount(ReadingView(id="reader"), bar, before=placeholder)
        await placeholder.remove()
        self.reader.focus()
        self.parts_ready = True
        self.call_after_refresh(self.post_message, self.Ready())  # once they are painted too

    def show_progress(self, done: int | None, total: int = 0) -> None:
        """The progress bar above the list; ``None`` hides it."""
        bar = cast("ProgressBar", self.query_one("#progress"))
        if done is None:
            bar.display = False
        else:
            bar.update(total=total, progress=done)

    @property
    def reader(self) -> ReadingView:
        return cast("ReadingView", self.query_one("#reader"))

    @property
    def document_list(self) -> DocumentList:
        return cast("DocumentList", self.query_one("#list"))

    @property
    def side_panel(self) -> SidePanel:
        return cast("SidePanel", self.query_one("#side"))

    @property
    def find_bar(self) -> FindBar:
        return cast("FindBar", self.query_one("#find"))

    @property
    def documents(self) -> list[Document]:
        """The session's documents, in load order (the list may show them in another)."""
        return self.session.documents

    @property
    def document(self) -> Document | None:
        return None if self.current is None else self.documents[self.current]

    # -- what the app tells it about the load ----------------------------------------------

    def show_added(self, start: int) -> None:
        """Documents ``start`` onwards came into the session: list them; open the one
        read last time as it comes (or the first, if that one will not)."""
        self.document_list.add_documents(self.documents[start:])
        if self.current is None:
            wanted = self.session.to_open(start)
            if wanted is not None:
                self.open(wanted)

    def show_replaced(self, index: int) -> None:
        """Document ``index`` was cleaned again (its file changed): its row, and its text if open."""
        self.document_list.replace(index, self.documents[index])
        if self.current == index:
            self.open(index)

    def show_load_ended(self) -> None:
        self.show_progress(None)
        if self.current is None and self.documents:
            self.open(0)
        if not self.documents:
            self.reader.show_message("No readable documents.")

    def show_terms(self, waiting: str = "") -> None:
        """The session's term index came (or, with ``waiting``, why there is none yet)."""
        self.side_panel.set_term_index(self.session.term_index, waiting)
        if self.marking is not None and self.marking.kind == "term":
            self._refresh_find()

    # -- documents -------------------------------------------------------------------------

    def open(self, index: int, position: tuple[int, int] | None = None, at: tuple[int, int] | None = None) -> None:
        """Show document `index`, where the reader left it last time unless told otherwise.

        ``at`` = (paragraph, offset): make the marked hit there the current one.
        """
        session = self.session
        if self.current is not None:
            session.remember_position(self.documents[self.current], self.reader.position)
        self.current = index
        document = self.documents[index]
        if position is None:
            position = session.saved_position(document)
        self.reader.show(document, position, self.app_notes().marked_paragraphs(document))
        self._tell_notes_problem()
        self._refresh_find(at, follow=at is not None)  # an earlier marking never moves a document opened now
        self.side_panel.show(document, index)
        self.document_list.select(index)
        self.sub_title = visible(document.display_title)
        session.remember_open(document)
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

    def open_hit(self, hit: Hit, query: str) -> None:
        """Open a corpus search's hit, the query's words highlighted."""
        if self.session.has(hit.doc):
            offset = hit.spans[0][0] if hit.spans else 0
            self.jump(hit.doc, hit.paragraph, offset, Marking("search", query.strip()))
            self.reader.focus()

    def on_document_list_chosen(self, event: DocumentList.Chosen) -> None:
        self.open(event.index)
        self.reader.focus()

    @needs_parts
    def action_step(self, step: int) -> None:
        following = self.document_list.neighbour(self.current, step)
        if following is None:
            self.notify("No more documents that way.", timeout=2)
            return
        self.open(following)

    @needs_parts
    def action_toggle_raw(self) -> None:
        self.reader.raw = not self.reader.raw
        self._refresh_find()
        self.reader.set_class(self.reader.raw, "-raw")

    @needs_parts
    def action_sort(self, key: str) -> None:
        """Sort the list by "date" or "title" (the palette's commands)."""
        self.document_list.action_sort(key)

    @needs_parts
    def action_zoom(self) -> None:
        if self.maximized is None:
            self.maximize(self.reader)
        else:
            self.minimize()

    @needs_parts
    def action_escape(self) -> None:
        if self.session.loading:
            self.post_message(self.CancelLoad())
        elif self.find_bar.display:
            self.find_bar.action_close()
        elif self.maximized is not None:
            self.minimize()

    # -- taking text away: copy with a citation, marks and notes, paragraph numbers -------

    def app_notes(self) -> NotesStore:
        return cast("CorpusReaderApp", self.app).notes

    def _tell_notes_problem(self) -> None:
        """The notes file was set aside or cannot be used: say so, once each time it changes."""
        problem = self.app_notes().problem
        if problem and problem != self._notes_problem:
            self.app.notify(visible(problem), severity="warning", timeout=10, markup=False)
        self._notes_problem = problem

    def _paragraph_in_view(self) -> int | None:
        paragraph = self.reader.current_paragraph if self.document is not None else None
        if paragraph is None:
            self.notify("No paragraph in view.", severity="warning", timeout=3)
        return paragraph

    @needs_parts
    def action_copy_paragraph(self) -> None:
        """Copy the current paragraph (the current hit's, if one is in view) with its citation."""
        from ..corpus.notes import paragraph_number, quotation

        paragraph = self._paragraph_in_view()
        if paragraph is None or self.document is None:
            return
        self.app.copy_to_clipboard(quotation(self.document, paragraph))
        self.notify(f"Copied {paragraph_number(paragraph)} with its citation.", title="Copied", timeout=4)

    @needs_parts
    def action_mark(self) -> None:
        """Mark the current paragraph, with an optional note (a mark there already: edit its note)."""
        from ..corpus.notes import document_hash, paragraph_number
        from .notes import NoteBox

        paragraph = self._paragraph_in_view()
        document = self.document
        if paragraph is None or document is None:
            return
        store = self.app_notes()
        existing = store.mark_at(document_hash(document), paragraph)
        heading = f"Mark {paragraph_number(paragraph)} of {visible(document.display_title)}"

        def marked(note: str | None) -> None:
            if note is None:
                return
            if store.mark(document, paragraph, note) is None:
                self.notify(f"Not saved: {visible(store.problem or '')}", severity="error", markup=False)
                return
            if document is self.document:
                self.reader.set_marked(store.marked_paragraphs(document))
            self.notify(f"Marked {paragraph_number(paragraph)}" + (" with a note." if note else "."), timeout=3)
        self.app.push_screen(NoteBox(heading, existing.note if existing else ""), marked)

    def show_marks(self) -> None:
        """The marks changed elsewhere (the Notes screen): show the open document's again."""
        if self.parts_ready and self.document is not None:
            self.reader.set_marked(self.app_notes().marked_paragraphs(self.document))

    @needs_parts
    def action_toggle_numbers(self) -> None:
        self.reader.numbers = not self.reader.numbers

    # -- find ------------------------------------------------------------------------------

    @needs_parts
    def action_find(self, typed: str = "") -> None:
        if typed and type_into_focused_input(self, typed):
            return
        bar = self.find_bar
        if self.marking is not None and self.marking.kind != "find":
            self.marking = Marking("find", bar.typed_text)  # "/" is always a plain find
            self._refresh_find()
        bar.open()

    def _refresh_find(self, at: tuple[int, int] | None = None, follow: bool = True) -> None:
        """Mark the marking again on what the reader now shows."""
        if self.marking is not None or self.reader.hits:
            finder = spans_of(self.marking, self.document, self.current, self.reader.raw,
                              self.session.search_index, self.session.term_index)
            self.reader.mark(finder, at, follow)
        self._show_count()

    def _show_count(self) -> None:
        reader = self.reader
        self.find_bar.set_count(reader.current_hit + 1, len(reader.hits))

    @needs_parts
    def action_next_hit(self, step: int) -> None:
        reader = self.reader
        if not reader.hits:
            if self.marking is not None and self.marking.query:
                self.notify("No match in this document.", timeout=2)
            return
        reader.step_hit(step)
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

    @needs_parts
    def action_panel(self, tab: str) -> None:
        if self.maximized is not None:
            self.minimize()
        self.side_panel.focus_tab(tab)

    @needs_parts
    def action_leave_panel(self) -> None:
        self.reader.focus()

    def _term(self, key: str):
        index = self.session.term_index
        return index.get(key) if index is not None else None

    def on_side_panel_term_chosen(self, event: SidePanel.TermChosen) -> None:
        term = self._term(event.key)
        if term is None:
            return
        self.side_panel.choose_term(event.key)
        self.marking = Marking("term", visible(term.term), event.key)
        self.find_bar.show_marking(self.marking.label, self.marking.query)
        self._refresh_find()

    def on_side_panel_place_chosen(self, event: SidePanel.PlaceChosen) -> None:
        term = self._term(event.key)
        if term is None or not self.session.has(event.place.doc):
            return
        place = event.place
        self.jump(place.doc, place.paragraph, place.start, Marking("term", visible(term.term), event.key))

    def on_side_panel_document_chosen(self, event: SidePanel.DocumentChosen) -> None:
        if self.session.has(event.doc):
            self.open(event.doc)
