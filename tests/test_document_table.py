"""The document list's table paints only the rows on screen, whatever the corpus's size."""

from __future__ import annotations

from textual.app import App, ComposeResult

from corpusreader.corpus.model import Document
from corpusreader.widgets.document_list import DocumentList
from corpusreader.widgets.document_table import DocumentTable

SIZE = (60, 20)


class ListApp(App):
    """The document list alone, recording what it asks to open."""

    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[int] = []

    def compose(self) -> ComposeResult:
        yield DocumentList(id="list")

    def on_document_list_chosen(self, event: DocumentList.Chosen) -> None:
        self.chosen.append(event.index)


def documents(count: int) -> list[Document]:
    return [Document(path=f"d{n}.txt", title=f"Title {n:06d}", date=f"20{n % 30:02d}-01-01",
                     site="en.kremlin.ru") for n in range(count)]


def counted(table: DocumentTable) -> list[int]:
    """Record every row whose cells the table asks for."""
    asked: list[int] = []
    cells_of = table.cells_of

    def recording(row: int):
        asked.append(row)
        return cells_of(row)

    table.cells_of = recording
    return asked


async def test_a_hundred_thousand_documents_paint_only_a_screenful():
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        listing = app.query_one(DocumentList)
        asked = counted(listing.table)
        listing.add_documents(documents(100_000))
        await pilot.pause()
        assert listing.table.row_count == 100_000
        assert "100,000" in str(listing.query_one("#list-count").render())
        assert asked and len(set(asked)) <= SIZE[1]  # the rows on screen, not the list
        asked.clear()
        listing.table.focus()
        await pilot.press("G")
        await pilot.pause()
        assert listing.current_index == 99_999
        assert len(set(asked)) <= 2 * SIZE[1] and max(asked) == 99_999  # where it was, where it is
        await pilot.press("enter")
        assert app.chosen == [99_999]


async def test_keys_move_the_cursor_and_keep_it_on_screen():
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        listing = app.query_one(DocumentList)
        listing.add_documents(documents(200))
        table = listing.table
        table.focus()
        await pilot.press("j", "down", "down")
        assert listing.current_index == 3
        await pilot.press("k")
        assert listing.current_index == 2
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        row = table.cursor_row
        assert row == 2 + 2 * (table.scrollable_content_region.height - 2)  # a page: the rows shown less one
        shown = table.scrollable_content_region.height - 1  # the header takes a line
        assert table.scroll_y <= row < table.scroll_y + shown
        await pilot.press("g")
        await pilot.pause()
        assert listing.current_index == 0 and table.scroll_y == 0
        await pilot.press("end", "down")
        assert listing.current_index == 199  # the cursor stops at the last row


async def test_a_click_on_a_header_sorts_and_a_click_on_a_row_opens_it():
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        listing = app.query_one(DocumentList)
        listing.add_documents(documents(50))
        await pilot.pause()
        await pilot.click("#documents", offset=(30, 0))  # the Date header: newest first
        await pilot.pause()
        assert listing.sort_key == "date" and listing.sort_reverse
        newest = listing.order[0]
        assert listing.documents[newest].date == "2029-01-01"
        top = int(listing.table.scroll_y)  # the cursor stayed on its document, now further down
        await pilot.click("#documents", offset=(5, 2))  # the second row on screen
        assert app.chosen == [listing.order[top + 1]]
        await pilot.click("#documents", offset=(5, 0))  # the Title header
        await pilot.pause()
        assert listing.sort_key == "title" and [listing.documents[i].title for i in listing.order[:2]] == [
            "Title 000000", "Title 000001"]


async def test_a_replaced_document_shows_its_new_title_and_twins_name_their_files():
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        listing = app.query_one(DocumentList)
        listing.add_documents(documents(5))
        listing.replace(2, Document(path="d2.txt", title="A new title", date="2002-01-01"))
        await pilot.pause()
        assert listing._cells_at(2)[0].plain == "A new title"
        listing.add_documents([Document(path="e9.txt", title="A new title", date="2002-01-01")])
        await pilot.pause()
        assert listing._cells_at(2)[0].plain == "A new title ‹d2.txt›"  # an earlier row that now has a twin
        assert listing._cells_at(5)[0].plain == "A new title ‹e9.txt›"



async def test_the_filter_finds_a_replaced_document_by_its_new_title():
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        listing = app.query_one(DocumentList)
        listing.add_documents(documents(1000))
        listing.query_one("#filter").value = "title 00099"
        listing._apply_filter()
        assert listing.table.row_count == 11  # 000099, and 000990 to 000999
        listing.replace(995, Document(path="d995.txt", title="Renamed", date="2002-01-01"))
        listing.query_one("#filter").value = "renamed"
        listing._apply_filter()
        await pilot.pause()
        assert listing.order == [995] and "1 of 1,000" in str(listing.query_one("#list-count").render())
