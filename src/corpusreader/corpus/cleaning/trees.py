"""Boosted trees evaluated fast in pure Python: each ensemble compiled once into one function.

A tree is a nested list: a leaf is a number, a node is ``[feature, threshold,
left, right]`` (left when the value is at most the threshold). Walking such
lists costs a type test, an unpacking and an index a node; instead, when an
ensemble is made, its trees are written out as Python source, one nested
conditional expression a tree over local variables bound to the features the
trees read, and compiled. The sum is taken in the trees' order from the base
score, so the scores are the walk's to the last bit.

Only numbers reach the source: features go through ``int`` and thresholds and
leaves through ``float`` and ``repr`` (which reads back the same float), so a
model file can hold nothing that runs.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any, TypeAlias, TypeVar

Tree: TypeAlias = float | list[Any]
Row: TypeAlias = Sequence[float]
MAX_COMPILED_DEPTH = 60
"""Deeper trees (never trained here) are walked: the compiler refuses expressions nested too deeply."""
TREES_A_SUM = 20
"""Trees added up in one statement (fewer stores of the running sum; few enough for the compiler's nesting)."""


def walk(tree: Tree, row: Row) -> float:
    """The leaf a row reaches, node by node."""
    while isinstance(tree, list):
        feature, threshold, left, right = tree
        tree = left if row[feature] <= threshold else right
    return float(tree)


def logistic(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def _depth(tree: Tree) -> int:
    return 1 + max(_depth(tree[2]), _depth(tree[3])) if isinstance(tree, list) else 0


def _read(tree: Tree, into: set[int]) -> None:
    if isinstance(tree, list):
        feature = int(tree[0])
        if feature < 0:
            raise ValueError("a tree node reads a feature of negative index")
        into.add(feature)
        _read(tree[2], into)
        _read(tree[3], into)


def _expression(tree: Tree) -> str:
    if not isinstance(tree, list):
        return repr(float(tree))
    feature, threshold, left, right = tree
    return f"({_expression(left)} if x{int(feature)} <= {float(threshold)!r} else {_expression(right)})"


def features_read(trees: Sequence[Tree]) -> set[int]:
    """The indices of the features the trees test."""
    read: set[int] = set()
    for tree in trees:
        _read(tree, read)
    return read


def compile_trees(base: float, trees: Sequence[Tree], width: int | None = None) -> Callable[[Row], float]:
    """One function of a row: the base score plus each tree's leaf, in the trees' order. A row of ``width``
    values (the model's row) is unpacked in one step; any other is indexed feature by feature."""
    read = features_read(trees)
    lines = ["def score(r):"]
    loads = [f"    x{k} = r[{k}]" for k in sorted(read)]
    if width and read and max(read) < width:
        lines.append(f"    if len(r) == {width}:")
        lines.append("        " + ", ".join(f"x{k}" if k in read else "_" for k in range(width)) + ", = r")
        lines.append("    else:")
        lines.extend("    " + load for load in loads)
    else:
        lines.extend(loads)
    lines.append(f"    s = {float(base)!r}")
    terms = [f"walk(tree{k}, r)" if _depth(tree) > MAX_COMPILED_DEPTH else _expression(tree)
             for k, tree in enumerate(trees)]
    for start in range(0, len(terms), TREES_A_SUM):  # s + a + b + ... adds from the left: s += a; s += b; ...
        lines.append("    s = s + " + " + ".join(terms[start : start + TREES_A_SUM]))
    lines.append("    return s")
    namespace: dict[str, Any] = {"inf": math.inf, "nan": math.nan, "walk": walk}
    namespace.update((f"tree{k}", tree) for k, tree in enumerate(trees) if _depth(tree) > MAX_COMPILED_DEPTH)
    exec(compile("\n".join(lines), "<line model trees>", "exec"), namespace)
    score: Callable[[Row], float] = namespace["score"]
    return score


@dataclass(frozen=True, slots=True)
class Ensemble:
    """Boosted trees: the sum of their leaves, from a base score, through the logistic function."""

    base: float
    trees: tuple[Tree, ...]
    width: int | None = None  # the length of the model's rows, where known (they are unpacked in one step)
    score: Callable[[Row], float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "score", compile_trees(self.base, self.trees, self.width))

    def probability(self, row: Row) -> float:
        return logistic(self.score(row))

    def probabilities(self, rows: Sequence[Row]) -> list[float]:
        """``probability`` of each row (``logistic`` written out: a call a row less)."""
        score, exp = self.score, math.exp
        return [1.0 / (1.0 + exp(-max(-30.0, min(30.0, score(row))))) for row in rows]


Model = TypeVar("Model")


def model_loader(variable: str, shipped: str, from_data: Callable[[dict[str, Any]], Model]
                 ) -> Callable[[], Model | None]:
    """``load()`` of a model shipped as JSON (``shipped``, a path inside ``corpusreader.corpus``): the file the
    environment ``variable`` names instead, or None where it says ``off`` or no model ships (a tree without the
    trained model cleans by the rules alone). Each file is read and compiled once a process."""

    @lru_cache(maxsize=8)
    def read(path: str | None) -> Model | None:
        if path:
            with open(path, encoding="utf-8") as handle:
                return from_data(json.load(handle))
        packaged = files("corpusreader.corpus").joinpath(shipped)
        if not packaged.is_file():
            return None
        return from_data(json.loads(packaged.read_text(encoding="utf-8")))

    def load() -> Model | None:
        path = os.environ.get(variable) or None
        return None if path == "off" else read(path)

    return load
