"""Marks and notes: the note box that ``m`` opens, and the Notes screen that lists every mark.

The marks live in the app's ``NotesStore`` (``corpus/notes.py``), across corpora;
the Notes screen (``M``) lists them newest first: ``Enter`` opens the marked
paragraph (when its document is in the corpus being read), ``e`` edits the
note, ``Delete`` (or ``x``) deletes the mark, Esc goes back.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, Label, Static

from ..corpus.model import Document
from ..corpus.notes import Mark, NotesStore, document_hash
from ..widgets.key_bar import KeyBar
from ..widgets.text_layout import visible


class NoteBox(ModalScreen[str | None]):
    """A one-line note for a mark: Enter keeps it (empty: a mark without a note), Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="note.cancel")]

    def __init__(self, heading: str, note: str = "") -> None:
        super().__init__()
        self.heading = heading
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            yield Label(Text(self.heading, no_wrap=True, overflow="ellipsis"), id="note-heading")
            yield Input(self.note, placeholder="A note (optional); Enter keeps it, Esc cancels", id="note-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class NotesScreen(Screen):
    """Every mark across the corpora, newest first."""

    BINDINGS = [
        Binding("escape,q", "close", "Back", id="notes.close"),
        Binding("enter", "open_mark", "Open", id="notes.open"),
        Binding("e", "edit", "Edit note", id="notes.edit"),
        Binding("delete,x", "delete", "Delete mark", id="notes.delete"),
    ]

    def __init__(self, store: NotesStore, documents: list[Document]) -> None:
        super().__init__()
        self.store = store
        self.documents = documents
        self.marks: list[Mark] = []

    def compose(self) -> ComposeResult:
        yield Static("Marks and notes", id="notes-title")
        yield Static("", id="notes-count")
        table: DataTable = DataTable(cursor_type="row", id="notes-table")
        widths = (30, 6, 40, 10)
        for (name, key), width in zip((("Note", "note"), ("¶", "paragraph"), ("Title", "title"), ("Date", "date")),
                                      widths, strict=True):
            table.add_column(name, width=width, key=key)
        rest = self.app.size.width - sum(widths) - 2 * (len(widths) + 1) - 1  # cell padding, the scrollbar
        table.add_column("Text", width=max(20, rest), key="text")
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        self.refill()
        self.table.focus()

    @property
    def table(self) -> DataTable:
        return self.query_one("#notes-table", DataTable)

    def refill(self) -> None:
        table = self.table
        row = table.cursor_row
        table.clear()
        self.marks = self.store.marks()
        for mark in self.marks:
            table.add_row(*(Text(visible(cell), no_wrap=True, overflow="ellipsis", end="") for cell in (
                mark.note, mark.number, mark.title, mark.date or "", " ".join(mark.excerpt.split()))),
                key=str(mark.id))
        count = len(self.marks)
        text = (f"{count} mark{'s' if count != 1 else ''} · Enter opens · e edits the note · Delete deletes"
                if count else "No marks yet: m marks a paragraph.")
        if self.store.problem:
            text += f"  ({self.store.problem})"
        self.query_one("#notes-count", Static).update(Text(text))
        if self.marks:
            table.move_cursor(row=min(row, len(self.marks) - 1), animate=False)

    @property
    def current(self) -> Mark | None:
        row = self.table.cursor_row
        return self.marks[row] if self.marks and 0 <= row < len(self.marks) else None

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_mark()

    def action_close(self) -> None:
        self.dismiss()

    def action_open_mark(self) -> None:
        mark = self.current
        if mark is None:
            return
        index = find_document(self.documents, mark)
        if index is None:
            self.notify(f"{visible(mark.title)} is not in the corpus being read.", severity="warning",
                        markup=False)
            return
        self.dismiss((index, mark.paragraph))

    def action_edit(self) -> None:
        mark = self.current
        if mark is None:
            return

        def edited(note: str | None) -> None:
            if note is not None and self.store.set_note(mark.id, note):
                self.refill()
        self.app.push_screen(NoteBox(f"Note on {mark.number} of {visible(mark.title)}", mark.note), edited)

    def action_delete(self) -> None:
        mark = self.current
        if mark is not None and self.store.delete(mark.id):
            self.notify(f"Deleted the mark on {mark.number} of {visible(mark.title)}.", markup=False)
            self.refill()


def find_document(documents: list[Document], mark: Mark) -> int | None:
    """The document a mark is on: the same content (wherever its file now is), else the same path."""
    by_path = None
    for index, document in enumerate(documents):
        if document_hash(document) == mark.doc_hash:
            return index
        if by_path is None and document.path == mark.path:
            by_path = index
    return by_path
