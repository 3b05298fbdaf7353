"""The Textual reader: a thin app over the engine.

``run_app`` checks the paths (as the other commands do: warnings for skipped
files, exit status 2 for a named path that does not exist), then opens the app.
The app paints at once; once the reader screen is up it loads in a thread
worker (``loading.py``): read, then clean document by document, posting batches
to the screen; Esc cancels. Once the documents are in, two more thread workers
build the search index and the term index over the screen's ``documents``
(load order, never re-sorted: the indexes' document numbers are indexes into
it). Search opened during a long load builds on what is loaded so far, and the
index is built again when loading ends.

Only what the first screen needs is imported before it paints; the engine's
cleaner, the indexes and the other screens come when they are first used.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker

from .corpus.loading.files import bundled_corpus, discover, printable, read
from .corpus.model import LoadProblem, RawDocument, Source
from .loading import (IndexBuilt, KeysReady, LoadEnded, Loaded, Progress, build_search_index, build_term_index,
                      load_documents)
from .screens.reader import ReaderScreen
from .state import ReaderState, load_keymap, load_state, save_state, state_file
from .widgets.title_finder import DocumentTitles

if TYPE_CHECKING:
    from .corpus.model import Document


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
        self.keys: dict[str, str] = {}  # document path -> state key, from the loader (resolving takes time)
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
        self._loader = self._in_thread("load", load_documents, self.sources, self.load_problems)

    def _in_thread(self, group: str, body, *args) -> Worker:
        """Run ``body(self, *args)`` (a ``loading`` function) in a thread worker, alone in its group."""
        return self.run_worker(partial(body, self, *args), thread=True, exclusive=True, group=group,
                               exit_on_error=False)

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

    def cancel_load(self) -> None:
        if self._loader is not None and self.loading_in_progress:
            self._loader.cancel()

    @on(KeysReady)
    def _keys_ready(self, event: KeysReady) -> None:
        self.keys = event.keys

    @on(Progress)
    def _progress(self, event: Progress) -> None:
        self.reader_screen.show_progress(event.done, event.total)

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
        screen.show_progress(None)
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
            self._in_thread("term-index", build_term_index, list(screen.documents))
            if self._search_size != len(screen.documents):
                self._build_search_index()

    # -- indexes ---------------------------------------------------------------------------

    def _build_search_index(self) -> None:
        documents = list(self.reader_screen.documents)
        self._search_size = len(documents)
        self._in_thread("search-index", build_search_index, documents, self.loading_in_progress)

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
        yield SystemCommand("Sort by date", "Sort the document list by date", lambda: reader.action_sort("date"))
        yield SystemCommand("Sort by title", "Sort the document list by title", lambda: reader.action_sort("title"))
        yield SystemCommand("Zoom reading pane", "Give the reading pane the whole screen, or stop", reader.action_zoom)


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
