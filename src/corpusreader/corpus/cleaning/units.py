"""Raw lines read as units: junk cut out of each line, hard-wrapped lines joined.

A unit is one or more raw lines that read as one piece of text (a paragraph,
a menu item, a date line). The cleaner judges units, not lines, and keeps the
raw line numbers of each so that every removed piece can be traced.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Removed
from ..text import ends_sentence, show_spaces
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


def _read_lines(raw_lines: list[str]) -> list[tuple[str, list[tuple[Cut, int]]]]:
    cleaned = []
    for line in raw_lines:
        cuts = find_cuts(line) if line.strip() else []
        text, placed = apply_cuts(line, cuts)
        cleaned.append((show_spaces(text), placed))
    return cleaned


_STARTS_NEW = (Protection.SPEAKER_LINE, Protection.NUMBERED_POINT, Protection.SECTION_BREAK)


def _starts_new(text: str) -> bool:
    return sig.is_bullet(text) or sig.is_url_only(text) or sig.protection(text) in _STARTS_NEW


def _group_block(block: list[int], texts: list[str]) -> list[list[int]]:
    """Join hard-wrapped lines of one block; keep lines that stand on their own apart."""
    widest = max(len(texts[i]) for i in block)

    def long(i: int) -> bool:
        return len(texts[i]) >= max(40, widest - 25)

    pairs = list(zip(block, block[1:]))
    wrapped = widest >= 50 and any(
        long(a) and not ends_sentence(texts[a]) and not _starts_new(texts[b]) for a, b in pairs
    )
    groups = [[block[0]]]
    for a, b in pairs:
        carries_on = not ends_sentence(texts[a]) and texts[b][:1].islower() and not texts[a].endswith(":")
        if not _starts_new(texts[b]) and not sig.is_url_only(texts[a]) and ((wrapped and long(a)) or carries_on):
            groups[-1].append(b)
        else:
            groups.append([b])
    return groups


def read_units(raw_lines: list[str]) -> tuple[list[Unit], list[Removed]]:
    cleaned = _read_lines(raw_lines)
    texts = [text.strip() for text, _ in cleaned]
    removed: list[Removed] = []
    blocks: list[list[int]] = []
    current: list[int] = []
    for i, raw in enumerate(raw_lines):
        if not texts[i]:
            if raw.strip():  # a line that was nothing but junk
                reason = cleaned[i][1][0][0].reason if cleaned[i][1] else Reason.BLANK
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
        for group in _group_block(block, texts):
            unit = Unit(group, "")
            pieces: list[str] = []
            length = 0
            for i in group:
                text, placed = cleaned[i]
                lead = len(text) - len(text.lstrip())
                piece = text.strip()
                if pieces:
                    length += 1
                for cut, offset in placed:
                    unit.cuts.append((i, cut, length + min(max(0, offset - lead), len(piece))))
                pieces.append(piece)
                length += len(piece)
            unit.text = " ".join(pieces)
            units.append(unit)
    return units, removed
