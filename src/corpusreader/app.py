"""The Textual reader: a thin app over the engine.

``run_app`` checks the paths (as the other commands do: warnings for skipped
files, exit status 2 for a named path that does not exist), then opens the app.
The app paints at once and loads in a thread worker: read, then clean document
by document, posting batches to the screen; Esc cancels. Once the documents are
in, two more thread workers build the search index and the term index over the
screen's ``documents`` (load order, never re-sorted: the indexes' document
numbers are indexes into it). Search opened during a long load builds on what
is loaded so far, and the index is built again when loading ends.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Iterable

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ProgressBar
from textual.worker import Worker, get_current_worker

from .corpus.load import bundled_corpus, discover, printable, read
from .corpus.model import Document, LoadProblem, RawDocument, Source
from .corpus.pipeline import iter_documents
from .screens.reader import ReaderScreen
from .state import ReaderState, load_keymap, load_state, save_state, state_file
from .widgets.title_finder import DocumentTitles

BATCH_SECONDS = 0.25  # each batch repaints the list: fewer, larger batches leave the cleaner more time


class CorpusReaderApp(App):
    """Read a corpus of cleaned documents."""

    CSS_PATH = "app.tcss"
    TITLE = "corpusreader"
    COMMANDS = App.COMMANDS | {DocumentTitles}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("e", "export", "Export", id="app.export"),
        Binding("ctrl+p", "command_palette", "Palette", show=False, priority=True, id="app.command_palette"),
    ]

    class Loaded(Message):
        """A batch of cleaned documents."""

        def __init__(self, documents: list[Document]) -> None:
            super().__init__()
            self.documents = documents

    class Progress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done, self.total = done, total

    class IndexBuilt(Message):
        """A search or term index (``kind``), or the one-line reason it could not be built."""

        def __init__(self, kind: str, index=None, error: str | None = None) -> None:
            super().__init__()
            self.kind, self.index, self.error = kind, index, error

    class LoadEnded(Message):
        def __init__(self, cancelled: bool, error: str | None = None) -> None:
            super().__init__()
            self.cancelled, self.error = cancelled, error

    def __init__(self, paths: Iterable[str] = (), sources: list[Source] | None = None,
                 state_path: Path | None = None) -> None:
        super().__init__()
        self.paths = list(paths)
        if sources is None:
            sources, named, inner = discover(self.paths)
            self.load_problems: list[LoadProblem] = named + inner
        else:
            self.load_problems = []
        self.sources = sources
        self.keys = {source.path: _key(source.file) for source in sources}
        self.state_path = state_path or state_file()
        self.state: ReaderState = load_state(self.state_path)
        self.loading_in_progress = True  # until the worker says it is done
        self._loader: Worker | None = None
        self.search_index = None  # corpus.search.SearchIndex over reader_screen.documents[:n]
        self.term_index = None  # corpus.terms.TermIndex, built once loading has ended
        self._search_size = 0  # how many documents the (last asked for) search index covers

    # -- start and stop --------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return ReaderScreen()

    @property
    def reader_screen(self) -> ReaderScreen:
        return self.screen_stack[0]  # the default screen, under any modal

    def on_mount(self) -> None:
        if self.state.theme in self.available_themes:
            self.theme = self.state.theme
        keymap, problem = load_keymap()
        if keymap:
            self.set_keymap(keymap)
        if problem:
            self.notify(problem, severity="warning", markup=False)

    def start_loading(self) -> None:
        """Called by the reader screen once its widgets are there to receive documents."""
        self.loading_in_progress = True
        self._loader = self.load_documents()

    def watch_theme(self, theme: str) -> None:
        if self.state.theme != theme:
            self.state.theme = theme
            self.save()

    async def action_quit(self) -> None:
        self.save()
        self.exit(0)

    def save(self) -> None:
        screen = self.screen_stack[0] if self.screen_stack else None
        if isinstance(screen, ReaderScreen) and screen.document is not None and screen.is_mounted:
            self.remember_position(screen.document, screen.reader.position)
        save_state(self.state, self.state_path)

    # -- state -----------------------------------------------------------------------------

    def key_of(self, document: Document) -> str:
        return self.keys.get(document.path, document.path)

    def saved_position(self, document: Document) -> tuple[int, int] | None:
        return self.state.positions.get(self.key_of(document))

    def remember_position(self, document: Document, position: tuple[int, int]) -> None:
        self.state.remember(self.key_of(document), position)

    def remember_open(self, document: Document) -> None:
        self.state.last_document = self.key_of(document)
        save_state(self.state, self.state_path)

    # -- loading ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_documents(self) -> None:
        """Read every source, then clean them one by one, posting batches as they are ready."""
        worker = get_current_worker()
        try:
            self._load(worker)
        except Exception as error:  # a bug in the engine: say so, keep what was loaded
            self.post_message(self.LoadEnded(cancelled=False, error=f"{type(error).__name__}: {error}"))

    def _load(self, worker: Worker) -> None:
        raws: list[RawDocument] = []
        total = len(self.sources)
        for number, source in enumerate(self.sources, 1):
            if worker.is_cancelled:
                self.post_message(self.LoadEnded(cancelled=True))
                return
            result = read(source)
            if isinstance(result, LoadProblem):
                self.load_problems.append(result)
            else:
                raws.append(result)
            if number % 50 == 0:
                self.post_message(self.Progress(number, total * 2))
        batch: list[Document] = []
        last = time.monotonic()
        for number, document in enumerate(iter_documents(raws), 1):
            if worker.is_cancelled:
                break
            batch.append(document)
            if number == 1 or time.monotonic() - last > BATCH_SECONDS:
                self.post_message(self.Loaded(batch))
                self.post_message(self.Progress(total + number, total * 2))
                batch, last = [], time.monotonic()
        if batch:
            self.post_message(self.Loaded(batch))
        self.post_message(self.LoadEnded(cancelled=worker.is_cancelled))

    def cancel_load(self) -> None:
        if self._loader is not None and self.loading_in_progress:
            self._loader.cancel()

    @on(Progress)
    def _progress(self, event: Progress) -> None:
        self.reader_screen.query_one(ProgressBar).update(total=event.total, progress=event.done)

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        screen = self.reader_screen
        start = len(screen.documents)
        screen.add_documents(event.documents)
        if screen.current is None:
            wanted = [i for i, d in enumerate(event.documents, start) if self.key_of(d) == self.state.last_document]
            if wanted:
                screen.open(wanted[0])
            elif start == 0 and self.state.last_document not in self.keys.values():
                screen.open(0)

    @on(LoadEnded)
    def _load_ended(self, event: LoadEnded) -> None:
        self.loading_in_progress = False
        screen = self.reader_screen
        screen.query_one(ProgressBar).display = False
        if screen.current is None and screen.documents:
            screen.open(0)
        if not screen.documents:
            screen.reader.show_message("No readable documents.")
        if event.cancelled:
            self.notify(f"Loading cancelled: {len(screen.documents)} of {len(self.sources)} documents.")
        if event.error:
            self.notify(f"Loading stopped by an internal error after {len(screen.documents)} documents: "
                        f"{event.error}", severity="error", timeout=30, markup=False)
        if self.load_problems:
            self.notify(f"Skipped {len(self.load_problems)} file(s); they are listed when you quit.",
                        severity="warning")
        if screen.documents:
            screen.terms_ready(None, "Building terms…")
            self.build_term_index(list(screen.documents))
            if self._search_size != len(screen.documents):
                self._build_search_index()

    # -- indexes ---------------------------------------------------------------------------

    def _build_search_index(self) -> None:
        documents = list(self.reader_screen.documents)
        self._search_size = len(documents)
        self.build_search_index(documents, partial=self.loading_in_progress)

    @work(thread=True, exclusive=True, group="search-index", exit_on_error=False)
    def build_search_index(self, documents: list[Document], partial: bool = False) -> None:
        """Build (or take from the cache) the search index; a partial corpus is never cached."""
        from .corpus.indexes import search_index

        self._post_index("search", lambda: search_index(documents, use_cache=False if partial else None))

    @work(thread=True, exclusive=True, group="term-index", exit_on_error=False)
    def build_term_index(self, documents: list[Document]) -> None:
        from .corpus.indexes import term_index

        self._post_index("terms", lambda: term_index(documents))

    def _post_index(self, kind: str, build) -> None:
        worker = get_current_worker()
        try:
            index = build()
        except Exception as error:  # a bug in the engine: say so, the reader goes on without it
            self.post_message(self.IndexBuilt(kind, error=f"{type(error).__name__}: {error}"))
            return
        if not worker.is_cancelled:
            self.post_message(self.IndexBuilt(kind, index))

    @on(IndexBuilt)
    def _index_built(self, event: IndexBuilt) -> None:
        if event.error:
            self.notify(f"The {event.kind} index could not be built: {event.error}", severity="error",
                        timeout=30, markup=False)
            if event.kind == "terms":
                self.reader_screen.terms_ready(None, "Terms are unavailable (see the error).")
            return
        if event.kind == "search":
            self.search_index = event.index
            if self.is_screen_installed("search"):
                search = self.get_screen("search")
                if search.is_current:
                    search.rerun()
        else:
            self.term_index = event.index
            self.reader_screen.terms_ready(event.index)

    # -- commands --------------------------------------------------------------------------

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.reader_screen))

    def action_export(self) -> None:
        from .screens.export import ExportScreen

        document = self.reader_screen.document
        if document is None:
            self.notify("No document is open.", severity="warning")
            return
        inputs = [Path(p) for p in self.paths] or [bundled_corpus()]
        self.push_screen(ExportScreen(document, inputs))

    def action_search(self) -> None:
        """The corpus search screen, installed once so the query stays for the next visit."""
        from .screens.search import SearchScreen

        if not self.is_screen_installed("search"):
            self.install_screen(SearchScreen(), "search")
        if self.search_index is None or (self.loading_in_progress and self._search_size < len(self.reader_screen.documents)):
            self._build_search_index()
        if self.screen is not self.get_screen("search"):
            self.push_screen("search")

    def open_search_hit(self, hit, query: str) -> None:
        """Leave the search screen for the hit's document, the query's words highlighted there."""
        from .widgets.marks import Marking

        while len(self.screen_stack) > 1:
            self.pop_screen()
        screen = self.reader_screen
        if 0 <= hit.doc < len(screen.documents):
            offset = hit.spans[0][0] if hit.spans else 0
            screen.jump(hit.doc, hit.paragraph, offset, Marking("search", query.strip()))
            screen.reader.focus()

    def open_document(self, index: int) -> None:
        self.reader_screen.open(index)
        self.reader_screen.reader.focus()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        reader = self.reader_screen
        yield SystemCommand("Next document", "Open the next document in the list", lambda: reader.action_step(1))
        yield SystemCommand("Previous document", "Open the previous document in the list", lambda: reader.action_step(-1))
        yield SystemCommand("Raw view", "Show or hide the removed pieces and their reasons", reader.action_toggle_raw)
        yield SystemCommand("Find in document", "Find text in the open document", reader.action_find)
        yield SystemCommand("Search the corpus", "Typo-tolerant search over every paragraph", self.action_search)
        yield SystemCommand("Terms", "The open document's terms, by kind", lambda: reader.action_panel("terms"))
        yield SystemCommand("References", "Every place of the chosen term; related documents",
                            lambda: reader.action_panel("references"))
        yield SystemCommand("Export document", "Write the open document as txt, md, html or json", self.action_export)
        yield SystemCommand("Help", "The keys and what they do", self.action_help)
        yield SystemCommand("Sort by date", "Sort the document list by date", lambda: reader.document_list.action_sort("date"))
        yield SystemCommand("Sort by title", "Sort the document list by title", lambda: reader.document_list.action_sort("title"))
        yield SystemCommand("Zoom reading pane", "Give the reading pane the whole screen, or stop", reader.action_zoom)


def _key(file: Path) -> str:
    try:
        return str(file.resolve())
    except (OSError, RuntimeError):
        return str(file.absolute())


def _warn(problem: LoadProblem) -> None:
    print(f"corpusreader: skipped {printable(problem.path)}: {problem.reason}", file=sys.stderr)


def run_app(paths: list[str]) -> int:
    """Check the paths, open the reader, and return the exit status of the contract.

    A named path that does not exist is reported and makes the status 2, but the
    reader still opens on the rest; with nothing readable at all it does not open.
    """
    sources, named, inner = discover(paths)
    for problem in named:
        print(f"corpusreader: error: {printable(problem.path)}: {problem.reason}", file=sys.stderr)
    for problem in inner:
        _warn(problem)
    status = 2 if named else 0
    readable = None
    for number, source in enumerate(sources):
        result = read(source)
        if isinstance(result, RawDocument):
            readable = number
            break
        _warn(result)
    if readable is None:
        print("corpusreader: error: nothing to read: no readable .txt or .md documents", file=sys.stderr)
        return 2
    app = CorpusReaderApp(paths, sources=sources[readable:])
    app.run()
    for problem in app.load_problems:  # what the worker skipped, now that the screen is back
        _warn(problem)
    code = app.return_code
    return status if not code else code
