"""Keyword in context: every match of the search's query over the corpus, one a line, as a concordancer shows it.

The lines (``corpus.search.kwic``) are read in a worker, in the order of the
search's results; ``l`` sorts them by the words to the left of the match (the
nearest first), ``r`` by the words to the right, ``o`` puts back the results'
order. The table holds the first ``SHOWN`` lines; ``e`` writes every line as CSV
(to a file named in the box that opens; never inside the corpus, atomically).
Enter opens the line's document at its paragraph, the query highlighted; Esc
goes back to the search.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label

from ..corpus.search.kwic import Line, concordance, sort_lines, to_csv
from ..widgets.text_layout import visible

if TYPE_CHECKING:
    from ..corpus.search.results import Results

SHOWN = 2000   # lines in the table (the CSV has them all)
WIDTH = 45     # characters of context on each side
ORDER_NAMES = {"hits": "in the results' order", "left": "by left context", "right": "by right context"}


def _default_path(query: str) -> str:
    name = "".join(ch if ch.isalnum() else "-" for ch in query.strip())[:40].strip("-") or "query"
    try:
        folder = Path.cwd()
    except OSError:
        folder = Path.home()
    return str(folder / f"concordance-{name}.csv")


class ConcordanceScreen(Screen):
    """Every match in its context; l / r sort by the left or right context, o back, e exports CSV."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="kwic.close"),
        Binding("l", "sort('left')", "Sort by left", id="kwic.left"),
        Binding("r", "sort('right')", "Sort by right", id="kwic.right"),
        Binding("o", "sort('hits')", "Results' order", id="kwic.order"),
        Binding("e", "export", "Export CSV", id="kwic.export"),
    ]

    def __init__(self, results: Results, query: str, order: str, inputs: list[Path]) -> None:
        super().__init__()
        self.results, self.query_text, self.order, self.inputs = results, query, order, inputs
        self.lines: list[Line] = []   # in the results' order
        self.shown: list[Line] = []   # as sorted now
        self.sorting = "hits"

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield Label("Reading every match…", id="kwic-status")
        yield DataTable(id="kwic-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="kwic-export"):
            yield Label("Export CSV to:", id="kwic-export-label")
            yield Input(_default_path(self.query_text), id="kwic-path", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"in context: {visible(self.query_text)}"
        self.query_one("#kwic-export").display = False
        table = self.query_one(DataTable)
        table.add_column("left", key="left")
        table.add_column("match", key="match")
        table.add_column("right", key="right")
        table.add_column("document", key="document")
        table.focus()
        self._read()

    @work(thread=True, exclusive=True, group="kwic", exit_on_error=False)
    def _read(self) -> None:
        lines = concordance(self.results, self.order, WIDTH)
        self.app.call_from_thread(self._loaded, lines)

    def _loaded(self, lines: list[Line]) -> None:
        self.lines = lines
        self._show()

    def _show(self) -> None:
        self.shown = sort_lines(self.lines, self.sorting) if self.sorting != "hits" else list(self.lines)
        table = self.query_one(DataTable)
        table.clear()
        for number, line in enumerate(self.shown[:SHOWN]):
            where = f"{line.hit.title[:40]} · {line.hit.date or 'no date'}"
            table.add_row(Text(visible(line.left), justify="right", no_wrap=True),
                          Text(visible(line.match), style="bold", no_wrap=True),
                          Text(visible(line.right), no_wrap=True), Text(visible(where), no_wrap=True),
                          key=str(number))
        total = len(self.lines)
        first = f" (the first {SHOWN:,} shown; the CSV has all)" if total > SHOWN else ""
        self.query_one("#kwic-status", Label).update(
            f"{total:,} match{'es' if total != 1 else ''}{first} · {ORDER_NAMES[self.sorting]} · "
            "l / r sort by left / right context · o results' order · e export CSV · Enter opens")

    def action_sort(self, by: str) -> None:
        self.sorting = by
        self._show()

    @on(DataTable.RowSelected, "#kwic-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        from .search import SearchScreen

        number = int(event.row_key.value or 0)
        if 0 <= number < len(self.shown):
            self.post_message(SearchScreen.HitChosen(self.shown[number].hit, self.query_text))

    def action_export(self) -> None:
        box = self.query_one("#kwic-export")
        box.display = True
        self.query_one("#kwic-path", Input).focus()

    @on(Input.Submitted, "#kwic-path")
    def _write(self, event: Input.Submitted) -> None:
        from ..corpus.export import ExportError
        from ..corpus.export_guard import CorpusGuard
        from ..corpus.safe_write import write_atomic

        path = Path(event.value).expanduser()
        try:
            guard = CorpusGuard.of(self.inputs)
            guard.check_folder(path.parent, path)
            guard.check_file(path)
            write_atomic(path, to_csv(self.shown), force=False, protected=guard.files)
        except (ExportError, OSError) as error:
            self.notify(f"Not written: {error}", severity="error", markup=False)
            return
        self.query_one("#kwic-export").display = False
        self.query_one(DataTable).focus()
        self.notify(f"Wrote {len(self.shown):,} lines to {path}", markup=False)

    def action_close(self) -> None:
        export = self.query_one("#kwic-export")
        if export.display:
            export.display = False
            self.query_one(DataTable).focus()
            return
        self.app.pop_screen()
