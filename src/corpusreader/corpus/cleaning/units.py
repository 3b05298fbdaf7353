"""Raw lines read as units: junk cut out of each line, hard-wrapped lines joined.

A unit is one or more raw lines that read as one piece of text (a paragraph,
a menu item, a date line). The cleaner judges units, not lines, and keeps the
raw line numbers of each so that every removed piece can be traced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..model import Removed
from ..text import KEPT_TEXT, ends_sentence, show_spaces
from ..vocab import Protection, Reason, Role
from . import signals as sig
from .inline import Cut, apply_cuts, find_cuts
from .metadata import Dateline


@dataclass(slots=True)
class Unit:
    """One or more raw lines read as one piece of text."""

    lines: list[int]
    text: str
    cuts: list[tuple[int, Cut, int]] = field(default_factory=list)  # (raw line, cut, offset in text)
    role: Role | None = None
    reason: Reason | None = None
    protected: Protection | None = None
    prose: bool = False
    chrome: Reason | None = None
    dateline: Dateline | None = None
    repeat: bool = False


LINE_CACHE = 8192
"""Raw lines whose reading is kept: a site's menus and footers are read once, not on every page."""


class _Line(NamedTuple):
    """A raw line read: junk cut out, spaces shown, and what joining it to its neighbours asks of it."""

    text: str
    placed: tuple[tuple[Cut, int], ...]  # each cut with its offset in ``text``
    piece: str  # ``text`` stripped
    starts_new: bool  # the line stands on its own: joined to no line above it
    url_only: bool
    ends_sentence: bool


def _read_line(line: str) -> _Line:
    return _cached_line(line) if len(line) <= KEPT_TEXT else _cached_line.__wrapped__(line)


@lru_cache(maxsize=LINE_CACHE)
def _cached_line(line: str) -> _Line:
    cuts = find_cuts(line) if line.strip() else []
    text, placed = apply_cuts(line, cuts)
    text = show_spaces(text)
    piece = text.strip()
    if not piece:
        return _Line(text, tuple(placed), piece, False, False, False)
    return _Line(text, tuple(placed), piece, _starts_new(piece), sig.is_url_only(piece), ends_sentence(piece))


_STARTS_NEW = (Protection.SPEAKER_LINE, Protection.NUMBERED_POINT, Protection.SECTION_BREAK)


def _starts_new(text: str) -> bool:
    return sig.is_bullet(text) or sig.is_url_only(text) or sig.protection(text) in _STARTS_NEW


def _group_block(block: list[int], lines: list[_Line]) -> list[list[int]]:
    """Join hard-wrapped lines of one block; keep lines that stand on their own apart."""
    widest = max(len(lines[i].piece) for i in block)

    def long(i: int) -> bool:
        return len(lines[i].piece) >= max(40, widest - 25)

    pairs = list(zip(block, block[1:]))
    wrapped = widest >= 50 and any(
        long(a) and not lines[a].ends_sentence and not lines[b].starts_new for a, b in pairs
    )
    groups = [[block[0]]]
    for a, b in pairs:
        above, below = lines[a], lines[b]
        carries_on = not above.ends_sentence and below.piece[:1].islower() and not above.piece.endswith(":")
        if not below.starts_new and not above.url_only and ((wrapped and long(a)) or carries_on):
            groups[-1].append(b)
        else:
            groups.append([b])
    return groups


def read_units(raw_lines: list[str]) -> tuple[list[Unit], list[Removed]]:
    lines = [_read_line(line) for line in raw_lines]
    removed: list[Removed] = []
    blocks: list[list[int]] = []
    current: list[int] = []
    for i, raw in enumerate(raw_lines):
        if not lines[i].piece:
            if raw.strip():  # a line that was nothing but junk
                reason = lines[i].placed[0][0].reason if lines[i].placed else Reason.BLANK
                removed.append(Removed(i + 1, raw, reason))
            if current:
                blocks.append(current)
                current = []
            continue
        current.append(i)
    if current:
        blocks.append(current)
    units: list[Unit] = []
    for block in blocks:
        for group in _group_block(block, lines):
            unit = Unit(group, "")
            pieces: list[str] = []
            length = 0
            for i in group:
                text, placed, piece = lines[i].text, lines[i].placed, lines[i].piece
                lead = len(text) - len(text.lstrip())
                if pieces:
                    length += 1
                for cut, offset in placed:
                    unit.cuts.append((i, cut, length + min(max(0, offset - lead), len(piece))))
                pieces.append(piece)
                length += len(piece)
            unit.text = " ".join(pieces)
            units.append(unit)
    return units, removed
