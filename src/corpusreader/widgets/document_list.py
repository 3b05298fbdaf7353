"""The document list: a filter box over a table of title, date and site.

A hundred thousand rows stay fast (``DocumentTable`` paints only the rows on screen). In the list,
letters are commands, never text: ``&`` goes to the filter box (the footer says
so), and a letter no key is bound to only says that. In the box, every key is
text; Enter or Esc goes back to the list, the filter kept. ``d`` and ``t`` sort
by date and title, a second press reverses; clicking a column header sorts too.
The filter takes words and fields (``year:2013``, ``date:2012-06..2014-02``,
``site:kremlin``: ``corpus/list_filter.py``); the count beside it says how many
documents it lets through (``87 of 7,235``). ``w`` widens the list and its title
column (again: back). Two documents with the same title and date show their file
names after the title, dimmed, to tell them apart.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from ..corpus.list_filter import ListFilter, parse_filter, searched_text
from ..corpus.loading.stdin import STDIN_NAME
from ..corpus.model import Document
from .document_table import DATE_WIDTH, PADDING, SITE_WIDTH, DocumentTable
from .text_layout import visible

TITLE_WIDTH = 26
OTHER_COLUMNS = DATE_WIDTH + SITE_WIDTH + 3 * 2 * PADDING + 1  # date, site, each column's padding, the scrollbar
FILTER_DELAY = 0.15


def short_site(site: str | None) -> str:
    """en.kremlin.ru -> kremlin, www.mid.ru -> mid: the name, for a narrow column."""
    if not site:
        return ""
    for prefix in ("www.", "en."):
        site = site.removeprefix(prefix)
    name, dot, _ = site.rpartition(".")
    return name if dot and name else site


class FilterBox(Input):
    """The filter's text box: Esc goes back to the list (the filter stays)."""

    BINDINGS = [Binding("escape", "leave", "Back to the list", show=False, id="list.leave_filter")]

    def action_leave(self) -> None:
        self.post_message(DocumentList.FilterLeft())


class DocumentList(Vertical):
    """Documents by index into the corpus; shows those the filter lets through, in the chosen order."""

    BINDINGS = [
        Binding("d", "sort('date')", "Sort by date", id="list.sort_date"),
        Binding("t", "sort('title')", "Sort by title", id="list.sort_title"),
        Binding("ampersand", "focus_filter", "Filter", priority=True, id="list.filter"),
        Binding("w", "widen", "Wide list", id="list.widen"),
    ]

    class Chosen(Message):
        """The user picked a document (Enter or a click)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class FilterLeft(Message):
        """Esc in the filter box."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.documents: list[Document] = []
        self.order: list[int] = []
        self.sort_key: str | None = None
        self.sort_reverse = False
        self._filter_timer: Timer | None = None
        self._filter = ListFilter()
        self._same: dict[tuple[str, str], list[int]] = {}  # (title, date) -> the documents that share them
        self.title_width = TITLE_WIDTH
        self._positions: dict[int, int] | None = None  # document -> its row, made when first asked
        self._searched_texts: list[str] = []  # each document's text the filter's words look in

    def compose(self) -> ComposeResult:
        with Horizontal(id="filter-row"):
            yield FilterBox(placeholder="Filter (&), e.g. year:2013 site:kremlin",
                            id="filter", compact=True)
            yield Static("", id="list-count")
        yield DocumentTable(self._cells_at, id="documents")

    def _cells_at(self, row: int) -> tuple[Text, Text, Text]:
        return self._row(self.order[row])

    @property
    def table(self) -> DocumentTable:
        return self.query_one(DocumentTable)

    # -- contents --------------------------------------------------------------------------

    def add_documents(self, documents: list[Document]) -> None:
        start = len(self.documents)
        self.documents.extend(documents)
        self._note_twins(start)
        self._fill_searched_texts()
        new = [i for i in range(start, len(self.documents)) if self._passes(i)]
        if self.sort_key is None:
            self.order.extend(new)
            self._positions = None
            self.table.reset(len(self.order))  # an earlier row that now has a twin names its file too
        elif new:
            self._refill()
        self._show_count()

    def _note_twins(self, start: int) -> None:
        """Record documents ``start`` onwards by (title, date): twins name their files."""
        for index in range(start, len(self.documents)):
            document = self.documents[index]
            self._same.setdefault(twin_key(document), []).append(index)

    def _show_count(self) -> None:
        total, shown = len(self.documents), len(self.order)
        text = f"{total:,}" if self._filter.empty else f"{shown:,} of {total:,}"
        self.query_one("#list-count", Static).update(text)

    def _row(self, index: int) -> tuple[Text, Text, Text]:
        document = self.documents[index]
        def cell(text: str) -> Text:
            return Text(visible(text), no_wrap=True, overflow="ellipsis", end="")
        title = cell(document.display_title)
        same: dict = getattr(self, "_same", {})  # a list made without __init__ (tests of a row alone) has none
        if document.path == STDIN_NAME or len(same.get(twin_key(document), ())) > 1:
            title.append(f" ‹{visible(document.name)}›", style="dim")  # twins: which file; standard input
        return title, cell(document.date or ""), cell(short_site(document.site))

    def _passes(self, index: int) -> bool:
        if self._filter.empty:
            return True
        if not self._filter.words:
            return self._filter.passes(self.documents[index])
        return self._filter.passes(self.documents[index], self._searched_texts[index])

    def _fill_searched_texts(self) -> None:
        """Each document's searched text, made once, when the filter has words (``_passes`` reads them)."""
        if self._filter.words:
            texts = self._searched_texts
            texts.extend(searched_text(document) for document in self.documents[len(texts):])

    def _refill(self) -> None:
        table = self.table
        current = self.current_index
        self._filter = parse_filter(self.query_one("#filter", Input).value)
        self._fill_searched_texts()
        order = [i for i in range(len(self.documents)) if self._passes(i)]
        if self.sort_key == "date":
            order.sort(key=lambda i: self.documents[i].date or "", reverse=self.sort_reverse)
        elif self.sort_key == "title":
            order.sort(key=lambda i: self.documents[i].display_title.casefold(), reverse=self.sort_reverse)
        self.order = order
        self._positions = None
        table.reset(len(order), self.title_width)
        if current is not None:
            self.select(current)
        self._show_count()

    # -- the cursor ------------------------------------------------------------------------

    @property
    def current_index(self) -> int | None:
        table = self.table
        if not self.order or not (0 <= table.cursor_row < len(self.order)):
            return None
        return self.order[table.cursor_row]

    def position_of(self, index: int) -> int | None:
        """Document ``index``'s row in the list as shown (None: the filter hides it)."""
        if self._positions is None:
            self._positions = {document: row for row, document in enumerate(self.order)}
        return self._positions.get(index)

    def select(self, index: int) -> None:
        """Put the cursor on document `index` if the filter shows it."""
        row = self.position_of(index)
        if row is not None:
            self.table.move_cursor(row)

    def neighbour(self, index: int | None, step: int) -> int | None:
        """The document before or after `index` in the list as shown (None at the ends)."""
        if not self.order:
            return None
        row = None if index is None else self.position_of(index)
        if row is None:
            return self.order[0]
        row += step
        return self.order[row] if 0 <= row < len(self.order) else None

    def replace(self, index: int, document: Document) -> None:
        """Document ``index`` was cleaned again: its row shows the new one."""
        before = self.documents[index]
        self._same.get(twin_key(before), []).remove(index)
        self.documents[index] = document
        if index < len(self._searched_texts):
            self._searched_texts[index] = searched_text(document)
        self._same.setdefault(twin_key(document), []).append(index)
        row = self.position_of(index)
        if row is not None:
            self.table.refresh_row(row)

    # -- events and actions ----------------------------------------------------------------

    @on(DocumentTable.Opened)
    def _chosen(self, event: DocumentTable.Opened) -> None:
        event.stop()
        self.post_message(self.Chosen(self.order[event.row]))

    @on(DocumentTable.HeaderClicked)
    def _header(self, event: DocumentTable.HeaderClicked) -> None:
        event.stop()
        if event.column in ("date", "title"):
            self.action_sort(event.column)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        """Refill once typing pauses (filtering 100,000 documents by words takes about 0.1 s)."""
        event.stop()
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self._apply_filter)

    def _apply_filter(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
        self._refill()

    @on(Input.Submitted, "#filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        if self._filter_timer is not None:
            self._apply_filter()
        self.table.focus()

    @on(FilterLeft)
    def _filter_left(self, event: FilterLeft) -> None:
        event.stop()
        if self._filter_timer is not None:
            self._apply_filter()
        self.table.focus()

    def action_sort(self, key: str) -> None:
        self.sort_reverse = not self.sort_reverse if self.sort_key == key else key == "date"
        self.sort_key = key
        self._refill()

    def action_widen(self) -> None:
        """The list wide (its title column too), or back to its width."""
        left = self.parent
        if left is not None:
            left.toggle_class("-wide")
        self.call_after_refresh(self._fit_title)

    def _fit_title(self) -> None:
        wide = self.parent is not None and self.parent.has_class("-wide")
        self.title_width = max(TITLE_WIDTH, self.size.width - OTHER_COLUMNS) if wide else TITLE_WIDTH
        self._refill()

    def action_focus_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if self.screen.focused is box:
            box.insert_text_at_cursor("&")
        else:
            self.screen.set_focus(box)  # at once, for the keys typed right after


def twin_key(document: Document) -> tuple[str, str]:
    """What two documents the list cannot tell apart share: the title shown and the date."""
    return document.display_title, document.date or ""
