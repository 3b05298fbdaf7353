"""The Textual reader: a thin app over the engine.

``run_app`` checks the paths (as the other commands do: warnings for skipped
files, exit status 2 for a named path that does not exist), then opens the app.
What is loaded has one owner, the ``Session`` (``session.py``), which the app
makes and hands to its screens; they read from it and post messages.

The app paints at once; once the reader screen's parts are up (its ``Ready``)
it loads in a thread worker (``loading.py``): read, then clean document by
document, posting batches; each batch goes into the session and the screen is
told (``show_added``); Esc cancels. Once the documents are in, two more thread
workers build the search index and the term index over the session's
``documents`` (load order, never re-sorted: the indexes' document numbers are
indexes into it). Search opened during a long load builds on what is loaded so
far, and the index is built again when loading ends.

Only what the first screen needs is imported before it paints; the engine's
cleaner, the indexes and the other screens come when they are first used.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker

from .corpus.loading.files import first_readable, printable, problems_of_named
from .corpus.model import LoadProblem, Source
from .loading import (
    Found,
    IndexBuilt,
    Loaded,
    LoadEnded,
    Progress,
    Read,
    Replaced,
    build_search_index,
    build_term_index,
    load_documents,
)
from .screens.reader import ReaderScreen
from .session import Session
from .state import load_keymap
from .termination import exit_app_on_termination
from .widgets.title_finder import DocumentTitles

if TYPE_CHECKING:
    from .corpus.notes import NotesStore
    from .screens.search import SearchScreen


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
                 state_path: Path | None = None, use_cache: bool = True) -> None:
        super().__init__()
        self.session = Session(paths, sources, state_path, use_cache)
        self._loader: Worker | None = None
        self._list_shown = threading.Event()  # set once a list from the store is painted
        self._held: list[Progress | Loaded | Replaced | LoadEnded] | None = None

    # -- start and stop --------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return ReaderScreen(self.session)

    @property
    def reader_screen(self) -> ReaderScreen:
        return cast(ReaderScreen, self.screen_stack[0])  # the default screen, under any modal

    def on_mount(self) -> None:
        exit_app_on_termination(self)  # SIGTERM, SIGHUP: exit as q does, giving the terminal back
        if self.session.state.theme in self.available_themes:
            self.theme = self.session.state.theme
        keymap, problem = load_keymap()
        if keymap:
            self.set_keymap(keymap)
        for line in (problem, self.session.state.problem):  # a keymap or state file ignored: why
            if line:
                self.notify(printable(line), severity="warning", markup=False)

    def _in_thread(self, group: str, body, *args) -> Worker:
        """Run ``body(self, *args)`` (a ``loading`` function) in a thread worker, alone in its group."""
        return self.run_worker(partial(body, self, *args), thread=True, exclusive=True, group=group,
                               exit_on_error=False)

    def watch_theme(self, theme: str) -> None:
        state = self.session.state
        if state.theme != theme:
            state.theme = theme
            self.session.save()

    async def action_quit(self) -> None:
        self.save()
        self.exit(0)

    def save(self) -> None:
        screen = self.screen_stack[0] if self.screen_stack else None
        if isinstance(screen, ReaderScreen) and screen.document is not None and screen.is_mounted:
            self.session.remember_position(screen.document, screen.reader.position)
        self.session.save()

    # -- loading ---------------------------------------------------------------------------

    def on_reader_screen_first_frame(self) -> None:
        """The first frame is on the screen: load while the rest of the layout is mounted
        (what the load says meanwhile is held until it is there)."""
        self.session.loading = True
        self._held = []
        session = self.session
        self._loader = self._in_thread("load", load_documents, session.sources if session.found else None,
                                       session.use_cache, session.paths, self._list_shown)

    def on_reader_screen_ready(self) -> None:
        """The reader's widgets are there to receive documents: what the load said so far, in order."""
        held, self._held = self._held or [], None
        handlers: dict[type, Callable[[Any], None]] = {
            Progress: self._progress, Loaded: self._loaded, Replaced: self._replaced, LoadEnded: self._load_ended}
        for message in held:
            handlers[type(message)](message)

    def _hold(self, message: Progress | Loaded | Replaced | LoadEnded) -> bool:
        """Whether a message of the load is not for now: kept for when the reader's widgets
        are there, or dropped when the app is closing (no screen left)."""
        if not self.screen_stack:
            return True
        if self._held is None:
            return False
        self._held.append(message)
        return True

    def on_reader_screen_cancel_load(self) -> None:
        if self._loader is not None and self.session.loading:
            self._loader.cancel()

    @on(Found)
    def _found(self, event: Found) -> None:
        self.session.take_sources(event.sources, event.problems)

    @on(Read)
    def _read(self, event: Read) -> None:
        self.session.keys = event.keys
        self.session.problems.extend(event.problems)

    @on(Progress)
    def _progress(self, event: Progress) -> None:
        if self._hold(event):
            return
        self.reader_screen.show_progress(event.done, event.total)
        self.sub_title = event.line

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if self._hold(event):
            return
        session = self.session
        start = session.add(event.documents)
        self.reader_screen.show_added(start)
        if event.checking:  # listed from the store: its indexes too, while the files are checked
            session.checking = True
            self.sub_title = f"checking {len(event.documents):,} pages"
            self.call_after_refresh(self._after_list_shown)
        elif session.checking:
            session.changed = True

    @on(Replaced)
    def _replaced(self, event: Replaced) -> None:
        """A listed document's file changed: its row and, if open, its text take the new one."""
        if self._hold(event):
            return
        self.session.replace(event.index, event.document)
        self.reader_screen.show_replaced(event.index)

    @on(LoadEnded)
    def _load_ended(self, event: LoadEnded) -> None:
        if self._hold(event):
            return
        session = self.session
        session.loading = False
        self.sub_title = ""
        if event.gone:
            self.notify(f"{event.gone} listed file(s) are gone; they leave the list at the next start.",
                        severity="warning")
        screen = self.reader_screen
        screen.show_load_ended()
        loaded = len(session.documents)
        if event.cancelled:
            self.notify(f"Loading cancelled: {loaded} of {len(session.sources)} documents.")
        if event.error:
            self.notify(f"Loading stopped by an internal error after {loaded} documents: "
                        f"{event.error}", severity="error", timeout=30, markup=False)
        if session.problems:
            self.notify(f"Skipped {len(session.problems)} file(s); they are listed when you quit.",
                        severity="warning")
        was_checking, session.checking = session.checking, False
        if session.documents and not (was_checking and not session.changed):
            self._build_indexes()

    def _after_list_shown(self) -> None:
        """The list from the store is painted: the files' check and the indexes may take their turn."""
        self._list_shown.set()
        self._build_indexes()

    def _build_indexes(self) -> None:
        session = self.session
        self.reader_screen.show_terms("Building terms…")
        self._in_thread("term-index", build_term_index, list(session.documents), session.use_cache)
        if session.search_size != len(session.documents) or session.changed:
            self._build_search_index()

    # -- indexes ---------------------------------------------------------------------------

    def _build_search_index(self) -> None:
        session = self.session
        documents = list(session.documents)
        session.search_size = len(documents)
        partial = session.loading and not session.checking  # a list from the store is whole: its index is cached
        self._in_thread("search-index", build_search_index, documents, partial, session.use_cache)

    @on(IndexBuilt)
    def _index_built(self, event: IndexBuilt) -> None:
        if not self.screen_stack:  # the app is closing
            return
        if event.error:
            self.notify(f"The {event.kind} index could not be built: {event.error}", severity="error",
                        timeout=30, markup=False)
            if event.kind == "terms":
                self.reader_screen.show_terms("Terms are unavailable (see the error).")
            return
        if event.kind == "search":
            self.session.search_index = event.index
            if self.is_screen_installed("search"):
                search = cast("SearchScreen", self.get_screen("search"))
                if search.is_current:
                    search.rerun()
        else:
            self.session.term_index = event.index
            self.reader_screen.show_terms()

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
        self.push_screen(ExportScreen(document, self.session.export_inputs()))

    @cached_property
    def notes(self) -> NotesStore:
        """Marks, notes and saved searches (``corpus/notes.py``), opened when first used."""
        from .corpus.notes import NotesStore

        return NotesStore()

    def action_notes(self) -> None:
        """The Notes screen: every mark; choosing one opens its paragraph."""
        from .screens.notes import NotesScreen

        if isinstance(self.screen, NotesScreen):
            return

        def chosen(place: tuple[int, int] | None) -> None:
            self.reader_screen.show_marks()
            if place is not None:
                self.reader_screen.open(place[0], (place[1], 0))
                self.reader_screen.reader.focus()
        self.push_screen(NotesScreen(self.notes, self.session.documents), chosen)

    def action_search(self) -> None:
        """The corpus search screen, installed once so the query stays for the next visit."""
        from .screens.search import SearchScreen

        if not self.is_screen_installed("search"):
            self.install_screen(SearchScreen(self.session), "search")
        if self.session.search_index_wanted():
            self._build_search_index()
        if self.screen is not self.get_screen("search"):
            self.push_screen("search")

    def on_search_screen_hit_chosen(self, event: SearchScreen.HitChosen) -> None:
        """Leave the search screen for the hit's document, the query's words highlighted there."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.reader_screen.open_hit(event.hit, event.query)

    def open_document(self, index: int) -> None:
        """Open document ``index`` (the palette's titles)."""
        self.reader_screen.open(index)
        self.reader_screen.reader.focus()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        reader = self.reader_screen
        yield SystemCommand("Next document", "Open the next document in the list", lambda: reader.action_step(1))
        yield SystemCommand("Previous document", "Open the previous document in the list",
                            lambda: reader.action_step(-1))
        yield SystemCommand("Raw view", "Show or hide the removed pieces and their reasons", reader.action_toggle_raw)
        yield SystemCommand("Find in document", "Find text in the open document", reader.action_find)
        yield SystemCommand("Search the corpus", "Typo-tolerant search over every paragraph", self.action_search)
        yield SystemCommand("Terms", "The open document's terms, by kind", lambda: reader.action_panel("terms"))
        yield SystemCommand("References", "Every place of the chosen term; related documents",
                            lambda: reader.action_panel("references"))
        yield SystemCommand("Export document", "Write the open document as txt, md, html or json", self.action_export)
        yield SystemCommand("Help", "The keys and what they do", self.action_help)
        yield SystemCommand("Copy with citation", "Copy the current paragraph and its citation",
                            reader.action_copy_paragraph)
        yield SystemCommand("Mark paragraph", "Mark the current paragraph, with a note", reader.action_mark)
        yield SystemCommand("Notes", "Every mark and note: open, edit, delete", self.action_notes)
        yield SystemCommand("Paragraph numbers", "Show or hide paragraph numbers in the margin",
                            reader.action_toggle_numbers)
        yield SystemCommand("Sort by date", "Sort the document list by date", lambda: reader.action_sort("date"))
        yield SystemCommand("Sort by title", "Sort the document list by title", lambda: reader.action_sort("title"))
        yield SystemCommand("Zoom reading pane", "Give the reading pane the whole screen, or stop", reader.action_zoom)


def _warn(problem: LoadProblem) -> None:
    print(f"corpusreader: skipped {printable(problem.path)}: {problem.reason}", file=sys.stderr)


def run_app(paths: list[str], use_cache: bool = True) -> int:
    """Check the paths, open the reader, and return the exit status of the contract.

    A named path that does not exist is reported and makes the status 2, but the
    reader still opens on the rest; with nothing readable at all it does not open.
    The folders are listed by the loader, once the first frame is painted (listing
    100,000 files takes seconds); here they are walked only up to a readable file.
    """
    named = problems_of_named(paths)
    for problem in named:
        print(f"corpusreader: error: {printable(problem.path)}: {problem.reason}", file=sys.stderr)
    status = 2 if named else 0
    if first_readable(paths) is None:
        print("corpusreader: error: nothing to read: no readable .txt, .md or .html documents", file=sys.stderr)
        return 2
    app = CorpusReaderApp(paths, use_cache=use_cache)
    app.run()
    for problem in app.session.problems:  # what the loader skipped, now that the screen is back
        if problem not in named:
            _warn(problem)
    code = app.return_code
    return status if not code else code
