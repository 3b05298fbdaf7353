"""The reading pane: a Line-API view that wraps a document itself and paints only what shows.

Opening a document wraps its blocks to the width (about 0.1 s for 1 MB); painting a
line takes its span of a block and styles it: find hits, removed pieces, reasons.
Text is never parsed as markup (``rich.text.Text(plain)``), and control characters
were made visible by ``text_layout.visible``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..corpus.model import Document
from ..corpus.speakers import speaker_end
from .text_layout import Block, clean_blocks, raw_blocks, wrap

MAX_WIDTH = 88
NUMBER_GUTTER = 6  # "  12● ": the paragraph's number, its mark, a space
MARK_GUTTER = 2  # "● ": a mark alone
MARK = "●"
SpansOf = Callable[[Block], list[tuple[int, int]]]


class Line(NamedTuple):
    block: int  # -1: a blank line between blocks
    start: int
    end: int


class Hit(NamedTuple):
    block: int
    start: int
    end: int


class ReadingView(ScrollView, can_focus=True):
    """A document, wrapped to the pane; raw view and find hits on top."""

    BINDINGS = [
        Binding("j,down", "scroll_lines(1)", "Down", show=False, id="reader.down"),
        Binding("k,up", "scroll_lines(-1)", "Up", show=False, id="reader.up"),
        Binding("space,pagedown", "page(1)", "Page down", show=False, id="reader.page_down"),
        Binding("b,pageup", "page(-1)", "Page up", show=False, id="reader.page_up"),
        Binding("g,home", "top", "Top", show=False, id="reader.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="reader.bottom"),
    ]

    COMPONENT_CLASSES = {
        "reader--title", "reader--meta", "reader--rule", "reader--removed", "reader--reason",
        "reader--notice", "reader--hit", "reader--current-hit", "reader--speaker", "reader--gutter",
        "reader--marked",
    }

    raw: reactive[bool] = reactive(False)
    numbers: reactive[bool] = reactive(False)
    """Paragraph numbers in the margin (1-based: ``paragraphs[4]`` is 5, as a citation says)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document | None = None
        self.blocks: list[Block] = [Block("notice", "Loading…")]
        self.lines: list[Line] = []
        self.hits: list[Hit] = []
        self.current_hit = -1
        self._hits_by_block: dict[int, list[tuple[int, Hit]]] = {}  # block -> (hit number, hit)
        self._wrapped_width = 0
        self._first_line: list[int] = []
        self._pending: tuple[int, int] | None = None  # a position asked for before the first layout
        self._cache: dict[int, Strip] = {}
        self.marked: set[int] = set()  # the open document's marked paragraphs
        self._gutter = 0

    # -- content ---------------------------------------------------------------------------

    def show(self, document: Document | None, position: tuple[int, int] | None = None,
             marked: set[int] | None = None) -> None:
        """Show a document (None: nothing), at a remembered position or the top."""
        self.document = document
        self.marked = set(marked or ())
        self._set_hits([])
        self._rebuild(position or (-1, 0))

    def show_message(self, message: str) -> None:
        self.document = None
        self.blocks = [Block("notice", message)]
        self._rewrap()
        self.scroll_to(y=0, animate=False, force=True)

    def watch_raw(self) -> None:
        if self.document is not None:
            position = self.position
            self._set_hits([])
            self._rebuild(position)

    def watch_numbers(self) -> None:
        self._regutter()

    def set_marked(self, marked: set[int]) -> None:
        """The open document's marked paragraphs changed (a mark added or deleted)."""
        self.marked = set(marked)
        self._regutter()

    def _regutter(self) -> None:
        if self.document is not None:
            position = self.position
            self._rewrap()
            self.go_to_position(position)

    def _rebuild(self, position: tuple[int, int]) -> None:
        if self.document is not None:
            self.blocks = raw_blocks(self.document) if self.raw else clean_blocks(self.document)
            if not self.raw:
                for block in self.blocks:
                    if block.kind == "paragraph" and (end := speaker_end(block.text)):
                        block.spans.append((0, end, "speaker"))
        self._rewrap()
        if not self.scrollable_content_region.width:
            self._pending = position
        self.go_to_position(position)

    def _gutter_width(self) -> int:
        if self.document is None:
            return 0
        return NUMBER_GUTTER if self.numbers else MARK_GUTTER if self.marked else 0

    def _wrap_width(self) -> int:
        width = (self.scrollable_content_region.width or self.size.width or 80) - self._gutter_width()
        return max(10, min(width - 1, MAX_WIDTH))

    def _rewrap(self) -> None:
        self._gutter = self._gutter_width()
        width = self._wrap_width()
        lines: list[Line] = []
        first_line: list[int] = []
        for index, block in enumerate(self.blocks):
            if lines and block.gap_before:
                lines.append(Line(-1, 0, 0))
            first_line.append(len(lines))
            if block.kind == "rule":
                lines.append(Line(index, 0, len(block.text)))
                continue
            lines.extend(Line(index, start, end) for start, end in wrap(block.text, width))
        self.lines = lines
        self._first_line = first_line
        self._wrapped_width = width
        self._cache.clear()
        self.virtual_size = Size(width + self._gutter, len(lines))
        self.refresh()

    def on_resize(self) -> None:
        if self._wrap_width() != self._wrapped_width or self._gutter != self._gutter_width():
            position = self._pending or self.position
            self._pending = None
            self._rewrap()
            self.go_to_position(position)

    # -- positions -------------------------------------------------------------------------

    @property
    def position(self) -> tuple[int, int]:
        """(paragraph, offset) of the first body text at the top of the view: survives rewraps."""
        top = int(self.scroll_y)
        for line in self.lines[top:top + 200]:
            paragraph = self.blocks[line.block].paragraph if line.block >= 0 else None
            if paragraph is not None:
                return paragraph, line.start
        return -1, 0

    @property
    def current_paragraph(self) -> int | None:
        """The paragraph a copy or a mark is about: the current hit's, if it is in view; else the first
        paragraph (not the title, not a rule) that starts in view, or the one the view starts inside."""
        top, height = int(self.scroll_y), max(1, self.scrollable_content_region.height)
        if 0 <= self.current_hit < len(self.hits):
            hit = self.hits[self.current_hit]
            paragraph = self.blocks[hit.block].paragraph
            if paragraph is not None and paragraph >= 0 and top <= self._line_of(hit) < top + height:
                return paragraph
        inside = None
        for y in range(top, min(len(self.lines), top + height)):
            line = self.lines[y]
            if line.block < 0 or self.blocks[line.block].kind not in ("paragraph",):
                continue
            paragraph = self.blocks[line.block].paragraph
            if paragraph is None or paragraph < 0:
                continue
            if self._first_line[line.block] == y:
                return paragraph
            inside = paragraph if inside is None else inside
        return inside

    def go_to_position(self, position: tuple[int, int]) -> None:
        paragraph, offset = position
        target = 0
        if paragraph >= 0:
            block = next((n for n, b in enumerate(self.blocks) if b.paragraph == paragraph), None)
            if block is not None:
                target = self._line_of(Hit(block, offset, offset))
        self.scroll_to(y=target, animate=False, force=True)

    # -- painting --------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        strip = self._cache.get(index)
        if strip is None:
            strip = self._paint(index)
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style).apply_offsets(scroll_x, index)

    def _paint(self, index: int) -> Strip:
        base = self.rich_style
        if index >= len(self.lines) or self.lines[index].block < 0:
            return Strip.blank(0, base)
        line = self.lines[index]
        block = self.blocks[line.block]
        gutter = self._gutter_segments(index, line, block)
        if block.kind == "rule":
            style = base + self.get_component_rich_style("reader--rule")
            side = max(3, (self._wrapped_width - 7) // 2)
            return Strip([*gutter, Segment(f"{'─' * side}  ⁂  {'─' * side}", style)])
        text = Text(block.text[line.start:line.end].rstrip(), style=base, no_wrap=True, end="")
        if block.kind in ("title", "meta", "notice", "removed"):
            component = "reader--removed" if block.kind == "removed" else f"reader--{block.kind}"
            text.stylize(self.get_component_rich_style(component))
        for start, end, component in block.spans:
            self._stylize(text, line, start, end, self.get_component_rich_style(f"reader--{component}"))
        for number, hit in self._hits_by_block.get(line.block, ()):
            component = "reader--current-hit" if number == self.current_hit else "reader--hit"
            self._stylize(text, line, hit.start, hit.end, self.get_component_rich_style(component))
        return Strip([*gutter, *text.render(self.app.console)], text.cell_len + self._gutter)

    def _gutter_segments(self, index: int, line: Line, block: Block) -> list[Segment]:
        """The margin: a paragraph's number (1-based) and its mark, on its first line."""
        if not self._gutter:
            return []
        first = self._first_line[line.block] == index
        paragraph = block.paragraph if first and block.paragraph is not None and block.paragraph >= 0 else None
        number = f"{paragraph + 1:>4}" if paragraph is not None and self.numbers else ""
        mark = MARK if paragraph is not None and paragraph in self.marked else ""
        style = self.rich_style + self.get_component_rich_style("reader--gutter")
        segments = [Segment(number.rjust(self._gutter - 2) if self.numbers else "", style)]
        segments.append(Segment(mark or " ", self.rich_style + self.get_component_rich_style("reader--marked")))
        segments.append(Segment(" ", self.rich_style))
        return [segment for segment in segments if segment.text]

    @staticmethod
    def _stylize(text: Text, line: Line, start: int, end: int, style: Style) -> None:
        if end > line.start and start < line.end:
            text.stylize(style, max(start, line.start) - line.start, min(end, line.end) - line.start)

    # -- find ------------------------------------------------------------------------------

    def find(self, query: str) -> int:
        """Highlight every case-insensitive hit of query; returns how many."""
        pattern = re.compile(re.escape(query), re.IGNORECASE) if query else None
        return self.mark(lambda block: [m.span() for m in pattern.finditer(block.text)] if pattern else [])

    def mark(self, spans_of: SpansOf, at: tuple[int, int] | None = None, follow: bool = True) -> int:
        """Highlight the spans ``spans_of(block)`` gives in every block; returns how many.

        The current hit is the first at or after ``at`` = (paragraph, offset), centred
        a third down the pane; without ``at``, the first hit from the top of the view;
        with ``follow`` False (a document opened with an earlier marking), none: the
        view stays where it is, and ``n`` goes to the first hit from there.
        """
        hits: list[Hit] = []
        for number, block in enumerate(self.blocks):
            if block.kind != "rule":
                hits.extend(Hit(number, start, end) for start, end in spans_of(block) if end > start)
        self._set_hits(hits)
        self.refresh()
        if not self.hits:
            return 0
        if at is not None:
            paragraph, offset = at
            chosen = next((n for n, hit in enumerate(self.hits)
                           if self.blocks[hit.block].paragraph == paragraph and hit.end > offset), None)
            if chosen is not None:
                self.select_hit(chosen, centre=True)
                return len(self.hits)
        if follow:
            self.select_hit(self._hit_from_view(1))
        return len(self.hits)

    def _hit_from_view(self, step: int) -> int:
        """The first hit at or below the top of the view (``step`` 1), or the last above its bottom (-1)."""
        top = int(self.scroll_y)
        if step > 0:
            return next((n for n, hit in enumerate(self.hits) if self._line_of(hit) >= top), 0)
        bottom = top + max(1, self.scrollable_content_region.height)
        return next((n for n in range(len(self.hits) - 1, -1, -1) if self._line_of(self.hits[n]) < bottom), -1)

    def step_hit(self, step: int) -> None:
        """The next (``step`` 1) or previous (-1) hit; with none current yet, the first from the view."""
        if self.current_hit < 0:
            self.select_hit(self._hit_from_view(step))
        else:
            self.select_hit(self.current_hit + step)

    def _set_hits(self, hits: list[Hit]) -> None:
        self.hits, self.current_hit = hits, -1
        self._hits_by_block = {}
        for number, hit in enumerate(hits):
            self._hits_by_block.setdefault(hit.block, []).append((number, hit))
        self._cache.clear()

    def select_hit(self, number: int, centre: bool = False) -> None:
        """Make hit `number` (wrapping at the ends) the current one and scroll it into view (or a third down)."""
        if not self.hits:
            return
        self.current_hit = number % len(self.hits)
        self._cache.clear()
        y = self._line_of(self.hits[self.current_hit])
        height = self.scrollable_content_region.height
        if centre or not (self.scroll_y <= y < self.scroll_y + height):
            self.scroll_to(y=max(0, y - height // 3), animate=False, force=True)
        self.refresh()

    def _line_of(self, hit: Hit) -> int:
        y = self._first_line[hit.block]
        while y + 1 < len(self.lines) and self.lines[y + 1].block == hit.block and self.lines[y + 1].start <= hit.start:
            y += 1
        return y

    # -- actions ---------------------------------------------------------------------------

    def action_scroll_lines(self, count: int) -> None:
        self.scroll_to(y=self.scroll_y + count, animate=False)

    def action_page(self, direction: int) -> None:
        step = max(1, self.scrollable_content_region.height - 2)
        self.scroll_to(y=self.scroll_y + direction * step, animate=False)

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False)

    def action_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False)
