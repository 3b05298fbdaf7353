"""The document list: a filter box over a DataTable of title, date and site.

Thousands of rows stay fast (a DataTable, never a ListView). In the list,
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
from textual.events import Click, Key
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import RowKey

from ..corpus.list_filter import ListFilter, parse_filter
from ..corpus.loading.stdin import STDIN_NAME
from ..corpus.model import Document
from .text_layout import visible

TITLE_WIDTH = 26
OTHER_COLUMNS = 10 + 9 + 3 * 2 + 1  # date, site, each column's padding, the scrollbar
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


class DocumentTable(DataTable):
    """The rows; a letter no key is bound to is not text here: it says how to filter."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "scroll_top", "Top", show=False, id="list.top"),
        Binding("G", "scroll_bottom", "Bottom", show=False, id="list.bottom"),
    ]

    async def _on_click(self, event: Click) -> None:
        """One click opens a document (the table alone wants two)."""
        await super()._on_click(event)
        row = event.style.meta.get("row", -1)
        if isinstance(row, int) and row >= 0 and row == self.cursor_row:
            self.post_message(DocumentList.Chosen(document_index(self.ordered_rows[row].key)))

    def on_key(self, event: Key) -> None:
        if (event.is_printable and event.character and event.character.isalnum()
                and event.key not in self.screen.active_bindings):
            event.stop()
            event.prevent_default()
            self.notify("Letters in the list are commands; & filters.", timeout=2)


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

    def compose(self) -> ComposeResult:
        with Horizontal(id="filter-row"):
            yield FilterBox(placeholder="Filter (&), e.g. year:2013 site:kremlin",
                            id="filter", compact=True)
            yield Static("", id="list-count")
        table = DocumentTable(cursor_type="row", zebra_stripes=False, id="documents")
        self._add_columns(table)
        yield table

    def _add_columns(self, table: DataTable) -> None:
        table.add_column("Title", width=self.title_width, key="title")
        table.add_column("Date", width=10, key="date")
        table.add_column("Site", width=9, key="site")

    @property
    def table(self) -> DocumentTable:
        return self.query_one(DocumentTable)

    # -- contents --------------------------------------------------------------------------

    def add_documents(self, documents: list[Document]) -> None:
        start = len(self.documents)
        self.documents.extend(documents)
        twins = self._note_twins(start)
        new = [i for i in range(start, len(self.documents)) if self._passes(i)]
        if self.sort_key is None:
            self.order.extend(new)
            self._add_rows(new)
            for index in twins:  # an earlier row now has a twin: name its file too
                if index < start and index in self.order:
                    self.table.update_cell(str(index), "title", self._row(index)[0])
        elif new:
            self._refill()
        self._show_count()

    def _note_twins(self, start: int) -> set[int]:
        """Record documents ``start`` onwards by (title, date); the documents that now have a twin."""
        twins: set[int] = set()
        for index in range(start, len(self.documents)):
            document = self.documents[index]
            same = self._same.setdefault((document.display_title, document.date or ""), [])
            same.append(index)
            if len(same) > 1:
                twins.update(same)
        return twins

    def _show_count(self) -> None:
        total, shown = len(self.documents), len(self.order)
        text = f"{total:,}" if self._filter.empty else f"{shown:,} of {total:,}"
        self.query_one("#list-count", Static).update(text)

    def _add_rows(self, indexes: list[int]) -> None:
        table = self.table
        for index in indexes:
            table.add_row(*self._row(index), key=str(index))

    def _row(self, index: int) -> tuple[Text, Text, Text]:
        document = self.documents[index]
        def cell(text: str) -> Text:
            return Text(visible(text), no_wrap=True, overflow="ellipsis", end="")
        title = cell(document.display_title)
        same: dict = getattr(self, "_same", {})  # a list made without __init__ (tests of a row alone) has none
        if document.path == STDIN_NAME or len(same.get((document.display_title, document.date or ""), ())) > 1:
            title.append(f" ‹{visible(document.name)}›", style="dim")  # twins: which file; standard input
        return title, cell(document.date or ""), cell(short_site(document.site))

    def _passes(self, index: int) -> bool:
        return self._filter.empty or self._filter.passes(self.documents[index])

    def _refill(self) -> None:
        table = self.table
        current = self.current_index
        self._filter = parse_filter(self.query_one("#filter", Input).value)
        order = [i for i in range(len(self.documents)) if self._passes(i)]
        if self.sort_key == "date":
            order.sort(key=lambda i: self.documents[i].date or "", reverse=self.sort_reverse)
        elif self.sort_key == "title":
            order.sort(key=lambda i: self.documents[i].display_title.casefold(), reverse=self.sort_reverse)
        self.order = order
        table.clear(columns=table.columns[next(iter(table.columns))].width != self.title_width)
        if not table.columns:
            self._add_columns(table)
        self._add_rows(order)
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

    def select(self, index: int) -> None:
        """Put the cursor on document `index` if the filter shows it."""
        if index in self.order:
            self.table.move_cursor(row=self.order.index(index), animate=False)

    def neighbour(self, index: int | None, step: int) -> int | None:
        """The document before or after `index` in the list as shown (None at the ends)."""
        if not self.order:
            return None
        if index not in self.order:
            return self.order[0]
        position = self.order.index(index) + step
        return self.order[position] if 0 <= position < len(self.order) else None

    # -- events and actions ----------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(document_index(event.row_key)))

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        if event.column_key.value in ("date", "title"):
            self.action_sort(event.column_key.value)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        """Refill once typing pauses: 10,000 rows take 0.4 s to lay out again."""
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


def document_index(key: RowKey) -> int:
    """The document index a row was added under."""
    assert key.value is not None, "every row is added with its document's index as key"
    return int(key.value)
