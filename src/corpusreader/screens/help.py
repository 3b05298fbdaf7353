"""The help screen: the ideas the reader is built on, then every key, built from the bindings in force
(a user's keymap included)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from ..widgets.document_list import DocumentList
from ..widgets.document_table import DocumentTable
from ..widgets.find_bar import FindBar
from ..widgets.reading_view import ReadingView
from ..widgets.term_lists import PanelList
from .notes import NotesScreen
from .search import ResultList, SearchScreen

SECTIONS = (
    ("Reading pane", ReadingView),
    ("Anywhere", None),
    ("Document list", DocumentList),
    ("Document list", DocumentTable),
    ("Find bar", FindBar),
    ("Side panel (Terms, References)", PanelList),
    ("Search screen", SearchScreen),
    ("Search screen", ResultList),
    ("Notes screen", NotesScreen),
)


class ClassBindings:
    """The bindings a widget class declares, for a section whose widget is not on the screen."""

    def __init__(self, kind: type[DOMNode]) -> None:
        self._bindings = kind._merged_bindings or BindingsMap()
IDEAS = (
    ("Cleaning", "The text you read is the page cleaned of its chrome: menus, share buttons, name cards, "
                 "what follows the article. r (Raw view) puts every removed piece back in place, dimmed, "
                 "with the reason it was removed."),
    ("Search", "s searches the whole corpus, typos welcome. Exact phrases in quotes, -word to exclude, fields "
               "such as year:2013 or site:kremlin: see the README, section \"Search syntax\". n / N step "
               "through the hits in a document; on the search screen Ctrl+S saves a query, Ctrl+R brings "
               "saved ones back."),
    ("Terms", "The side panel's Terms tab (T) lists the open document's acronyms, people, organisations, "
              "places, documents and key phrases; Enter highlights one in the text."),
    ("References", "x lists every place of the chosen term across the corpus, and the documents related to "
                   "the open one by the terms they share."),
    ("Notes", "y copies the current paragraph (or the current hit's) with its citation: title, date, URL, "
              "paragraph number. m marks it, with a note; M lists every mark (open, edit, delete), and "
              "'corpusreader notes' exports them. # shows the paragraph numbers: \u00b6 5 is the fifth of "
              "the document's paragraphs, as in citations and in the JSON export's list."),
    ("The list", "Letters in the list are commands (d, t sort); & goes to the filter box, where Enter or Esc "
                 "goes back to the list, the filter kept."),
)

SHOWN_WITHOUT_ID = {"focus_next": "Next pane", "focus_previous": "Previous pane"}


def binding_rows(nodes: list[tuple[str, DOMNode]], keymap: Mapping[str, str],
                 display: Callable[[Binding], str]) -> list[tuple[str, str, str]]:
    """(section, keys, description) for every binding with a description, keymap applied."""
    rows: list[tuple[str, str, str]] = []
    seen: dict[tuple[str, str], int] = {}
    for section, node in nodes:
        bindings: BindingsMap = node._bindings.copy()
        if keymap:
            bindings.apply_keymap(keymap)
        for _, binding in bindings:
            if binding.system or not (binding.id or binding.action in SHOWN_WITHOUT_ID):
                continue
            description = SHOWN_WITHOUT_ID.get(binding.action, binding.description)
            mark = (section, description)
            key = display(binding)
            if mark in seen:
                row = rows[seen[mark]]
                if key not in row[1].split(", "):
                    rows[seen[mark]] = (row[0], f"{row[1]}, {key}", row[2])
                continue
            seen[mark] = len(rows)
            rows.append((section, key, description))
    return rows


class HelpScreen(ModalScreen):
    """Press ``?``, Esc or ``q`` to close."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close")]

    def __init__(self, reader_screen) -> None:
        super().__init__()
        self.reader_screen = reader_screen

    def _binding_sources(self) -> list[tuple[str, DOMNode]]:
        screen = self.reader_screen
        nodes: list[tuple[str, DOMNode]] = []
        for section, kind in SECTIONS:
            if kind is None:
                nodes += [(section, screen), (section, self.app)]
            else:
                found = [(section, widget) for widget in screen.query(kind)[:1]]
                nodes += found or [(section, ClassBindings(kind))]
        return nodes

    def compose(self) -> ComposeResult:
        rows = binding_rows(self._binding_sources(), self.app._keymap, self._key_display)
        text = Text(end="")
        section = None
        for name, keys, description in rows:
            if name != section:
                text.append(("\n" if section else "") + name + "\n", style="bold underline")
                section = name
            text.append(f"  {keys:<18}", style="bold")
            text.append(f"{description}\n")
        ideas = Text(end="")
        for name, explanation in IDEAS:
            ideas.append(f"{name}\n", style="bold underline")
            ideas.append(f"{explanation}\n\n")
        with VerticalScroll(id="help-body"):
            yield Static("corpusreader — keys", id="help-title")
            yield Static("Below the keys: the ideas (cleaning, search, terms, references, notes).",
                         id="help-lead")
            yield Static(text, id="help-keys")
            yield Static("The ideas", id="help-ideas-title")
            yield Static(ideas, id="help-ideas")
            yield Static("Esc, q or ? closes this screen.", id="help-hint")

    def _key_display(self, binding: Binding) -> str:
        if binding.key_display:
            return binding.key_display
        return ", ".join(self.app.get_key_display(Binding(key.strip(), "")) for key in binding.key.split(","))

