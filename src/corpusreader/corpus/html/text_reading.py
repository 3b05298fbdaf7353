"""The page's blocks read by the text path's cleaner, one block a line: its rules' verdict and its line model's
probability for each block (both are signals the HTML cleaner weighs)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from ..cleaning import cleaner, line_model
from ..model import RawDocument
from ..vocab import Role
from .blocks import Block

NO_UNIT = -1.0
"""The probability of a block the text cleaner read as no unit (a script, or junk only)."""
TITLE = "title"


@dataclass(slots=True)
class TextReading:
    """For each block: the text cleaner's reason to remove it (None: body, ``TITLE``: its title) and its line
    model's probability (``NO_UNIT`` where there is none)."""

    reasons: list[str | None]
    probabilities: list[float]


class _Recorder:
    """The line model, keeping the probabilities it gave (the cleaner's relabelling computes them once)."""

    def __init__(self, model: line_model.LineModel) -> None:
        self.model = model
        self.seen: list[float] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.model, name)

    def probabilities(self, features: list[list[float]]) -> list[float]:
        self.seen = self.model.probabilities(features)
        return self.seen


def read_as_text(raw: RawDocument, blocks: list[Block], template: frozenset[str]) -> TextReading:
    """The text cleaner (rules and line model) over the shown blocks as lines."""
    shown = [i for i, b in enumerate(blocks) if not b.skipped]
    lines = [" ".join(blocks[i].text.split()) for i in shown]
    reasons: list[str | None] = ["script" if b.skipped else None for b in blocks]
    probabilities = [NO_UNIT] * len(blocks)
    units, removed, zones = cleaner.judge(lines, template)
    model = line_model.load()
    if model is not None and units:
        recorder = _Recorder(model)
        line_model.relabel(units, lines, zones, template, cast(line_model.LineModel, recorder))
        seen = recorder.seen
        if seen is None or len(seen) != len(units):
            seen = line_model.page_probabilities(units, lines, zones, template, model)
        for unit, p in zip(units, seen):
            for line in unit.lines:
                probabilities[shown[line]] = p
    for piece in removed:
        reasons[shown[piece.line - 1]] = str(piece.reason)
    for unit in units:
        for line in unit.lines:
            i = shown[line]
            reasons[i] = TITLE if unit.role == Role.TITLE else str(unit.reason) if unit.role == Role.REMOVED else None
    return TextReading(reasons, probabilities)
