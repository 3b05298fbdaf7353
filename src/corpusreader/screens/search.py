"""Search the whole corpus: a query box over the best paragraphs, typos welcome.

Every keystroke runs the engine's search (the session's search index) in an
exclusive thread worker, so typing never waits for it; the newest query's
results replace the list. Each result shows the title, the date and a snippet
with the matched words highlighted (``Content`` from plain strings and spans,
never markup). Enter asks the app to open the document at that paragraph with
the query's words highlighted (``HitChosen``); Esc goes back to the reader.
The screen is installed once and kept, so the query and the results are still
there when you come back (``s``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ..widgets.text_layout import visible

if TYPE_CHECKING:
    from ..corpus.search.index import Hit
    from ..session import Session

LIMIT = 50  # results shown: laying out 100 takes about 27 ms of the main thread, 50 half that
HIT_STYLE = "bold $accent underline"


def result_prompt(hit) -> Content:
    """Title, date and where, then the snippet with the matched words highlighted."""
    where = "title" if hit.paragraph < 0 else f"¶ {hit.paragraph + 1}"
    head = Content.assemble((visible(hit.title), "bold"), (f"  {hit.date or 'no date'} · {where}", "$text-muted"))
    snippet = Content(visible(hit.snippet))
    for start, end in hit.snippet_spans:
        snippet = snippet.stylize(HIT_STYLE, start, end)
    return head + "\n" + snippet


class ResultList(OptionList):
    """The results; a letter typed here goes back to the query box, ↑ on the first result too."""

    BINDINGS = [Binding("up", "up_or_query", "Up (from the first result: to the query)", show=False, id="search.up")]

    def action_up_or_query(self) -> None:
        if not self.highlighted:
            self.screen.query_one("#search-input", Input).focus()
        else:
            self.action_cursor_up()

    def on_key(self, event: Key) -> None:
        if event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            box = self.screen.query_one("#search-input", Input)
            box.focus()
            box.insert_text_at_cursor(event.character)


class SearchScreen(Screen):
    """Type to search; ↓ or Tab to the results; Enter opens; Esc back to the reader."""

    BINDINGS = [
        Binding("escape", "close", "Back to the reader", id="search.close"),
        Binding("down", "results", "To the results", show=False, id="search.results"),
    ]

    class HitChosen(Message):
        """Open this hit's document there, the query's words highlighted."""

        def __init__(self, hit: Hit, query: str) -> None:
            super().__init__()
            self.hit, self.query = hit, query

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.hits: list = []
        self.shown_query: str | None = None
        self._index_used = None
        self._open_when_shown = False  # Enter came before the results of what was typed

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="search-bar"):
            yield Label("Search:", id="search-label")
            yield Input(placeholder="words from anywhere in the corpus (typos welcome)", id="search-input",
                        compact=True)
        yield Label("", id="search-status")
        yield ResultList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "search the corpus"
        self.query_one("#search-input", Input).focus()

    def on_screen_resume(self) -> None:
        if self.session.search_index is not self._index_used:
            self.rerun()
        box = self.query_one("#search-input", Input)
        if not self.query_one(ResultList).has_focus:
            box.focus()

    @property
    def query_text(self) -> str:
        return self.query_one("#search-input", Input).value

    def rerun(self) -> None:
        """Search again (the index changed: it was built, or rebuilt on the whole corpus)."""
        self.run_search(self.query_text)

    # -- searching -------------------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._open_when_shown = False
        self.run_search(event.value)

    @work(exclusive=True, thread=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        index = self.session.search_index
        if index is None:
            self.app.call_from_thread(self._status, "Indexing the documents… results come as soon as it is built.")
            return
        hits = index.search(query, LIMIT) if query.strip() else []
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, hits, index)

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Label).update(text)

    def _show(self, query: str, hits: list, index) -> None:
        if query != self.query_text:
            return  # a newer keystroke's search is on its way
        self.hits, self.shown_query, self._index_used = hits, query, index
        results = self.query_one(ResultList)
        options: list[Option | None] = []
        for hit in hits:
            options += [Option(result_prompt(hit)), None]
        results.set_options(options)
        if hits:
            results.highlighted = 0
        if self._open_when_shown:
            self._open_when_shown = False
            if hits:
                self._open(0)
                return
        if not query.strip():
            self._status("Type words to look for in every paragraph of the corpus.")
        elif not hits:
            self._status("No results.")
        else:
            best = " (the best shown)" if len(hits) >= LIMIT else ""
            self._status(f"{len(hits)} result{'s' if len(hits) != 1 else ''}{best} · Enter opens · Esc back")

    # -- choosing --------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option_index)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        results = self.query_one(ResultList)
        if self.shown_query != self.query_text:
            self._open_when_shown = bool(self.query_text.strip())
        elif self.hits:
            self._open(results.highlighted or 0)

    def _open(self, number: int) -> None:
        if 0 <= number < len(self.hits):
            self.post_message(self.HitChosen(self.hits[number], self.shown_query or ""))

    def action_results(self) -> None:
        results = self.query_one(ResultList)
        if self.hits and not results.has_focus:
            results.focus()
            if results.highlighted is None:
                results.highlighted = 0

    def action_close(self) -> None:
        self.app.pop_screen()
