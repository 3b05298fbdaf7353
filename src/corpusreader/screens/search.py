"""Search the whole corpus: a query box over every hit, typos welcome, in the search syntax.

Every keystroke runs the engine (``corpus.search.engine.run`` on the session's
search index, with the acronyms and spellings of its term index) in an
exclusive thread worker, so typing never waits for it; the newest query's
results replace the list. The syntax (phrases, -exclusions, year:/date:,
site:/speaker:/title:/place:) is ``corpus.search.query``'s, the same as
``corpusreader search``. A count line ("312 paragraphs in 87 documents") and a
chart of the documents by year and by site stand above the results; the list
holds every hit, read a page at a time as the cursor nears its end. Ctrl+O
sorts by relevance, newest or oldest; Ctrl+G groups by document; Ctrl+L shows
every match in its context (``ConcordanceScreen``). Each result shows the
title, the date and a snippet with the matched words highlighted (``Content``
from plain strings and spans, never markup). Enter asks the app to open the
document at that paragraph with the query's words highlighted (``HitChosen``);
Esc goes back to the reader. The screen is installed once and kept, so the
query and the results are still there when you come back (``s``).
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

from ..widgets.hit_chart import HitChart
from ..widgets.text_layout import visible

if TYPE_CHECKING:
    from ..corpus.search.aliases import Aliases
    from ..corpus.search.index import Hit
    from ..corpus.search.results import Results
    from ..session import Session

PAGE = 30  # results read and laid out at a time (about 9 fit a screen of 36 rows; 100 took 27 ms to lay out)
AHEAD = 10  # the next page is read when the cursor comes this near the end of the list
HIT_STYLE = "bold $accent underline"
ORDER_NAMES = {"relevance": "by relevance", "newest": "newest first", "oldest": "oldest first"}


def result_prompt(hit) -> Content:
    """Title, date and where, then the snippet with the matched words highlighted."""
    where = "title" if hit.paragraph < 0 else f"¶ {hit.paragraph + 1}"
    if hit.count > 1:
        where += f" · {hit.count} hits"
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
        Binding("ctrl+o", "order", "Sort", id="search.order"),
        Binding("ctrl+g", "group", "Group by document", id="search.group"),
        Binding("ctrl+l", "concordance", "In context", id="search.concordance"),
        Binding("ctrl+s", "save", "Save search", show=False, id="search.save"),
        Binding("ctrl+r", "recall", "Saved searches", show=False, id="search.recall"),
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
        self.results: Results | None = None
        self.order = "relevance"
        self.grouped = False
        self.shown_query: str | None = None
        self._index_used = None
        self._aliases: tuple[object, Aliases] | None = None  # (the term index, its aliases)
        self._open_when_shown = False  # Enter came before the results of what was typed

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="search-bar"):
            yield Label("Search:", id="search-label")
            yield Input(placeholder="words from anywhere in the corpus (typos welcome)", id="search-input",
                        compact=True)
        yield Label("", id="search-status")
        yield HitChart(id="search-chart")
        yield ResultList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "search the corpus"
        self.query_one(HitChart).display = False
        self.query_one("#search-input", Input).focus()

    def on_screen_resume(self) -> None:
        if self.session.search_index is not self._index_used:
            self.rerun()
        box = self.query_one("#search-input", Input)
        if not self.query_one(ResultList).has_focus:
            box.focus()

    # -- saved searches (kept with the notes, corpus/notes.py) -------------------------------

    def action_save(self) -> None:
        """Keep the query with the notes (``corpusreader notes`` lists it; Ctrl+R brings it back)."""
        query = self.query_text.strip()
        if not query:
            self.notify("Type a query first: Ctrl+S keeps it with your notes.", severity="warning")
        elif self.app.notes.save_search(query):  # type: ignore[attr-defined]
            self.notify(f"Saved the search: {query}", markup=False)
        else:
            self.notify(f"Could not save the search: {self.app.notes.problem}", severity="error",  # type: ignore[attr-defined]
                        markup=False)

    def action_recall(self) -> None:
        """Put the next saved search in the box, the latest first, and run it."""
        saved = self.app.notes.saved_searches()  # type: ignore[attr-defined]
        if not saved:
            self.notify("No saved searches yet: Ctrl+S saves the query.")
            return
        current = self.query_text.strip()
        query = saved[(saved.index(current) + 1) % len(saved)] if current in saved else saved[0]
        box = self.query_one("#search-input", Input)
        box.value = query
        box.cursor_position = len(query)
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
        from ..corpus.search.engine import run

        index = self.session.search_index
        if index is None:
            self.app.call_from_thread(self._status, "Indexing the documents… results come as soon as it is built.")
            return
        results = run(index, query, self._aliases_of(self.session.term_index), typing=True) if query.strip() else None
        hits = results.page(0, PAGE, self.order, self.grouped) if results is not None else []
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, results, hits, index)

    def _aliases_of(self, terms) -> Aliases:
        """The acronyms and spellings of the term index (none until it is built), made once for each."""
        from ..corpus.search.aliases import Aliases

        if self._aliases is None or self._aliases[0] is not terms:
            self._aliases = (terms, Aliases(terms))
        return self._aliases[1]

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Label).update(text)

    def _show(self, query: str, results: Results | None, hits: list, index) -> None:
        if query != self.query_text:
            return  # a newer keystroke's search is on its way
        self.results, self.shown_query, self._index_used = results, query, index
        self._fill(hits)
        if self._open_when_shown:
            self._open_when_shown = False
            if hits:
                self._open(0)
                return
        chart = self.query_one(HitChart)
        if results:
            chart.show_counts(results.by_year, results.by_site, results.undated)
        else:
            chart.display = False
        self._say()

    def _fill(self, hits: list) -> None:
        """The list shows ``hits`` (the first page), the first highlighted."""
        self.hits = list(hits)
        results = self.query_one(ResultList)
        options: list[Option | None] = []
        for hit in hits:
            options += [Option(result_prompt(hit)), None]
        results.set_options(options)
        if hits:
            results.highlighted = 0

    def _say(self) -> None:
        """The count line: how many, in what order, what the query could not say, a load under way."""
        results, query = self.results, self.shown_query or ""
        loading = "Still loading: results so far · " if self.session.loading else ""
        hints = "" if results is None or not results.hints else " · " + "; ".join(results.hints)
        if not query.strip():
            self._status('Type words to look for in every paragraph of the corpus; also "a phrase", -word, '
                         "year:2013, date:2012-06..2014, site:, speaker:, title:, place:")
        elif results is None or not results:
            self._status(f"Still loading: no results so far.{hints}" if loading else f"No results.{hints}")
        else:
            count = results.count(self.grouped)
            grouping = " · grouped by document" if self.grouped else ""
            self._status(f"{loading}{count:,} result{'s' if count != 1 else ''} · {results.summary()} · "
                         f"{ORDER_NAMES[self.order]}{grouping}{hints}")

    def _more(self) -> None:
        """Read the next page into the list, if there is one."""
        results = self.results
        if results is None or len(self.hits) >= results.count(self.grouped):
            return
        page = results.page(len(self.hits), PAGE, self.order, self.grouped)
        if page:
            self.hits += page
            options: list[Option | None] = []
            for hit in page:
                options += [Option(result_prompt(hit)), None]
            self.query_one(ResultList).add_options(options)

    @on(OptionList.OptionHighlighted, "#search-results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index >= len(self.hits) - AHEAD:
            self._more()

    def action_order(self) -> None:
        """Relevance, newest first, oldest first, in turn."""
        orders = list(ORDER_NAMES)
        self.order = orders[(orders.index(self.order) + 1) % len(orders)]
        self._repage()

    def action_group(self) -> None:
        self.grouped = not self.grouped
        self._repage()

    def _repage(self) -> None:
        if self.results is not None:
            self._fill(self.results.page(0, PAGE, self.order, self.grouped))
        self._say()

    def action_concordance(self) -> None:
        """Every match of the query in its context (keyword in context)."""
        from .concordance import ConcordanceScreen

        if self.results is None or not self.results:
            self.notify("Nothing to show in context: search for something first.", severity="warning")
            return
        self.app.push_screen(ConcordanceScreen(self.results, self.shown_query or "", self.order,
                                               self.session.export_inputs()))

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
