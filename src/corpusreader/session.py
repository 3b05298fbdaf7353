"""What the reader has loaded, in one place: the reading session.

The app makes one ``Session`` and hands it to its screens, as the command line
works on one ``Corpus``. It holds the sources (found by the loader when not
given: listing 100,000 files takes seconds), the documents cleaned so far
(in load order, never re-sorted: the indexes' document numbers are indexes
into ``documents``), what could not be loaded, the keys the reading state is
kept under, and the search and term indexes once they are built; and it
answers the questions the screens ask of them. Only the app's thread changes
it (the workers' results come as messages); the screens read from it.

No Textual here, and nothing heavy: it is made before the first frame.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .corpus.loading.files import bundled_corpus
from .state import ReaderState, load_state, save_state, state_file

if TYPE_CHECKING:
    from .corpus.model import Document, LoadProblem, Source
    from .corpus.search.index import SearchIndex
    from .corpus.terms.index import TermIndex


class Session:
    """The corpus being read: sources, documents, problems, state keys, indexes, reading state."""

    def __init__(self, paths: Iterable[str] = (), sources: list[Source] | None = None,
                 state_path: Path | None = None, use_cache: bool = True) -> None:
        self.paths = list(paths)
        self.problems: list[LoadProblem] = []  # files skipped, as the loader finds them
        self.sources: list[Source] = sources or []
        self.found = sources is not None  # if not, the loader finds the sources and says so (``found``)
        self.use_cache = use_cache
        self.documents: list[Document] = []
        self.keys: dict[str, str] = {}  # document path -> state key, from the loader (resolving takes time)
        self.loading = True  # until the loader says it is done
        self.checking = False  # listed from the store, the files being checked
        self.changed = False  # documents replaced or added while checking: the indexes are built again
        self.search_index: SearchIndex | None = None  # over documents[:search_size]
        self.search_size = 0  # how many documents the (last asked for) search index covers
        self.term_index: TermIndex | None = None  # built once loading has ended
        self.state_path = state_path or state_file()
        self.state: ReaderState = load_state(self.state_path)

    # -- the documents ---------------------------------------------------------------------

    def take_sources(self, sources: list[Source], problems: list[LoadProblem]) -> None:
        """The loader found the sources, and these problems with the paths and folders."""
        self.sources, self.found = sources, True
        self.problems.extend(problems)

    def add(self, documents: list[Document]) -> int:
        """Append a batch from the loader; returns the index of its first document."""
        start = len(self.documents)
        self.documents.extend(documents)
        return start

    def replace(self, index: int, document: Document) -> None:
        """Document ``index``'s file changed: its new version, at the same place."""
        self.documents[index] = document
        self.changed = True

    def has(self, doc: int) -> bool:
        """Whether ``doc`` (a document number, as the indexes give them) is loaded."""
        return 0 <= doc < len(self.documents)

    def to_open(self, start: int) -> int | None:
        """What to open when documents ``start`` onwards come in and none is open yet:
        the document read last time; the first one, unless that one is still to come."""
        last = self.state.last_document
        for index in range(start, len(self.documents)):
            if self.key_of(self.documents[index]) == last:
                return index
        if start == 0 and self.documents and last not in self.keys.values():
            return 0
        return None

    def export_inputs(self) -> list[Path]:
        """The paths the corpus was read from (an export never writes inside them)."""
        return [Path(p) for p in self.paths] or [bundled_corpus()]

    # -- the indexes -----------------------------------------------------------------------

    def search_index_wanted(self) -> bool:
        """Whether a search index should be built now: there is none yet, or the one there
        (or on its way) was built during the load on fewer documents than are now loaded."""
        return self.search_index is None or (self.loading and self.search_size < len(self.documents))

    # -- the reading state -----------------------------------------------------------------

    def key_of(self, document: Document) -> str:
        return self.keys.get(document.path, document.path)

    def saved_position(self, document: Document) -> tuple[int, int] | None:
        return self.state.positions.get(self.key_of(document))

    def remember_position(self, document: Document, position: tuple[int, int]) -> None:
        self.state.remember(self.key_of(document), position)

    def remember_open(self, document: Document) -> None:
        self.state.last_document = self.key_of(document)
        self.save()

    def save(self) -> None:
        save_state(self.state, self.state_path)
