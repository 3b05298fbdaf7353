"""The document list's rows: a Line-API view that paints only the rows on screen.

A corpus of 100,000 documents is listed as fast as one of five: the table holds
no rows of its own, only how many there are and a function giving a row's cells
(title, date, site), called for the rows the screen shows. The column headers
stay on the first line; clicking one sorts by it, clicking a row opens it. A
letter no key is bound to is not text here: it says how to filter.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Click, Key
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Cells = tuple[Text, Text, Text]
COLUMNS = (("title", "Title"), ("date", "Date"), ("site", "Site"))
DATE_WIDTH = 10
SITE_WIDTH = 9
PADDING = 1  # a space each side of every cell


class DocumentTable(ScrollView, can_focus=True):
    """``row_count`` rows, the cells of row n from ``cells_of(n)``, a cursor on one of them."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "scroll_top", "Top", show=False, id="list.top"),
        Binding("G", "scroll_bottom", "Bottom", show=False, id="list.bottom"),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "scroll_top", "Top", show=False),
        Binding("end", "scroll_bottom", "Bottom", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("enter", "open", "Open", show=False),
    ]

    COMPONENT_CLASSES = {"document-table--header", "document-table--cursor"}

    DEFAULT_CSS = """
    DocumentTable { background: $surface; color: $foreground; }
    DocumentTable:focus { background-tint: $foreground 5%; }
    DocumentTable > .document-table--header { text-style: bold; background: $panel; color: $foreground; }
    DocumentTable:focus > .document-table--header { background-tint: $foreground 5%; }
    DocumentTable > .document-table--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    DocumentTable:focus > .document-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True, repaint=False)

    class Opened(Message):
        """Enter or a click on row ``row``."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    class HeaderClicked(Message):
        """A click on the header of column ``column`` (title, date or site)."""

        def __init__(self, column: str) -> None:
            super().__init__()
            self.column = column

    def __init__(self, cells_of: Callable[[int], Cells], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cells_of = cells_of
        self.row_count = 0
        self.title_width = 26

    # -- contents --------------------------------------------------------------------------

    def reset(self, row_count: int, title_width: int | None = None) -> None:
        """The rows are now ``row_count`` (all painted again); the cursor stays in range."""
        self.row_count = row_count
        if title_width is not None:
            self.title_width = title_width
        self.virtual_size = Size(self.row_width, row_count + 1)  # + the header line
        self.cursor_row = min(self.cursor_row, max(0, row_count - 1))
        self.refresh()

    def refresh_row(self, row: int) -> None:
        """Row ``row``'s cells changed: paint it again if it shows."""
        top = int(self.scroll_y)
        if top <= row < top + self.size.height - 1:
            self.refresh()

    @property
    def row_width(self) -> int:
        return self.title_width + DATE_WIDTH + SITE_WIDTH + 6 * PADDING

    # -- the cursor ------------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        """Put the cursor on ``row`` (clamped) and scroll it into view."""
        self.cursor_row = max(0, min(row, self.row_count - 1))

    def watch_cursor_row(self) -> None:
        self._scroll_to_cursor()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        shown = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, force=True)
        elif self.cursor_row >= top + shown:
            self.scroll_to(y=self.cursor_row - shown + 1, animate=False, force=True)

    def on_resize(self) -> None:
        self._scroll_to_cursor()

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_scroll_top(self) -> None:
        self.move_cursor(0)

    def action_scroll_bottom(self) -> None:
        self.move_cursor(self.row_count - 1)

    def action_page(self, direction: int) -> None:
        self.move_cursor(self.cursor_row + direction * max(1, self.scrollable_content_region.height - 2))

    def action_open(self) -> None:
        if self.row_count:
            self.post_message(self.Opened(self.cursor_row))

    # -- the mouse and the keys ------------------------------------------------------------

    async def _on_click(self, event: Click) -> None:
        """A header sorts; one click on a row opens it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            column = self._column_at(offset.x + int(self.scroll_x))
            if column:
                self.post_message(self.HeaderClicked(column))
            return
        row = int(self.scroll_y) + offset.y - 1
        if 0 <= row < self.row_count:
            self.move_cursor(row)
            self.post_message(self.Opened(row))

    def _column_at(self, x: int) -> str | None:
        edge = 0
        for (key, _), width in zip(COLUMNS, self._widths()):
            edge += width + 2 * PADDING
            if x < edge:
                return key
        return None

    def on_key(self, event: Key) -> None:
        if (event.is_printable and event.character and event.character.isalnum()
                and event.key not in self.screen.active_bindings):
            event.stop()
            event.prevent_default()
            self.notify("Letters in the list are commands; & filters.", timeout=2)

    # -- painting --------------------------------------------------------------------------

    def _widths(self) -> tuple[int, int, int]:
        return self.title_width, DATE_WIDTH, SITE_WIDTH

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        if y == 0:
            cells: Cells = tuple(Text(label) for _, label in COLUMNS)  # type: ignore[assignment]
            style = self.rich_style + self.get_component_rich_style("document-table--header")
        else:
            row = scroll_y + y - 1
            if row >= self.row_count:
                return Strip.blank(width, self.rich_style)
            cells = self.cells_of(row)
            style = self.rich_style
            if row == self.cursor_row:
                style += self.get_component_rich_style("document-table--cursor")
        strip = self._paint(cells, style)
        return strip.crop_extend(scroll_x, scroll_x + width, style)

    def _paint(self, cells: Cells, style: Style) -> Strip:
        pad = Segment(" " * PADDING, style)
        segments: list[Segment] = []
        for text, width in zip(cells, self._widths()):
            cell = text.copy()
            cell.truncate(width, overflow="ellipsis", pad=True)
            segments.append(pad)
            segments.extend(Segment(s.text, style + s.style if s.style else style)
                            for s in cell.render(self.app.console))
            segments.append(pad)
        return Strip(segments, self.row_width)
