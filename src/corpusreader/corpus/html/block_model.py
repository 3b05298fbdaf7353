"""The learned block model: how likely each block of an HTML page is to be the article's text.

Boosted trees (the text path's format and evaluator, ``cleaning.trees``) over
``block_features.FEATURES`` (with a lexicon of class and id words), then
smaller trees over each block's probability and its neighbours'; shipped as
data (``data/html_model.json``, written by ``bench/train_html.py``). The
model has the last word over the rules' verdict, except where they are sure
(a script, a style, hidden text, a form field, the title said again, a line
the corpus repeats). A block it removes keeps the rules' reason when they
gave one, else the one its markup or place gives (a footer, a list of links,
above the article, after it).

``CORPUSREADER_HTML_MODEL`` names another model file (the benchmarks' held-out
folds), or ``off`` for the rules alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..cleaning.trees import Ensemble, model_loader
from ..vocab import Reason
from .block_features import FEATURES, SMOOTH_FEATURES, rows, smoothing_rows

if TYPE_CHECKING:
    from .extract import Judged

MODEL_ENV = "CORPUSREADER_HTML_MODEL"
SHIPPED = "data/html_model.json"
SURE = frozenset({"script", "style", "hidden text", "form field", Reason.TITLE_REPEATED, Reason.TEMPLATE})
"""The rules' reasons the model never overrules."""


@dataclass(frozen=True, slots=True)
class BlockModel:
    """The trees, and the least probability a block is kept at inside the article's span and outside it."""

    trees: Ensemble
    lexicon: dict[str, float]  # class and id words -> log-odds of content
    second: Ensemble | None  # over each block's probability and its neighbours'
    inside: float
    outside: float
    anchor: float


def from_data(data: dict[str, Any]) -> BlockModel:
    if tuple(data["features"]) != FEATURES:
        raise ValueError("the block model was trained on other features than block_features.FEATURES")
    trees = Ensemble(float(data["base"]), tuple(data["trees"]))
    second = data.get("second")
    if second is not None and tuple(second["features"]) != SMOOTH_FEATURES:
        raise ValueError("the block model's second stage was trained on other features")
    smooth = Ensemble(float(second["base"]), tuple(second["trees"])) if second else None
    lexicon = {word: float(weight) for word, weight in data.get("lexicon", {}).items()}
    return BlockModel(trees, lexicon, smooth, float(data["inside"]), float(data["outside"]), float(data["anchor"]))


load = model_loader(MODEL_ENV, SHIPPED, from_data)
"""The shipped model, the one ``CORPUSREADER_HTML_MODEL`` names, or None where it says ``off``."""


def probabilities(judged: Judged, model: BlockModel) -> list[float]:
    features = rows(judged, model.lexicon)
    first = model.trees.probabilities(features)
    return first if model.second is None else model.second.probabilities(smoothing_rows(first, features))


def decide(judged: Judged, model: BlockModel) -> list[str | None]:
    """Each block's reason to be removed (None: kept) after the model's say."""
    return decide_from(judged, probabilities(judged, model), model.inside, model.outside, model.anchor)


def decide_from(judged: Judged, probabilities: list[float], inside: float, outside: float,
                anchor: float) -> list[str | None]:
    """Kept at ``inside`` between the first and the last block of at least ``anchor`` (the article's span), at
    ``outside`` elsewhere; the title and the blocks the rules are sure of as they were."""
    blocks, reasons = judged.blocks, judged.reasons
    sure = [i for i, p in enumerate(probabilities) if p >= anchor and not blocks[i].skipped]
    low, high = (sure[0], sure[-1]) if sure else (0, -1)
    keep = [False] * len(blocks)
    for i, (block, reason, p) in enumerate(zip(blocks, reasons, probabilities)):
        if i == judged.title_index or block.skipped or reason in SURE:
            keep[i] = reason is None
        else:
            keep[i] = p >= (inside if low <= i <= high else outside)
    kept = [i for i, k in enumerate(keep) if k]
    first, last = (kept[0], kept[-1]) if kept else (len(blocks), -1)
    return [None if keep[i] else reasons[i] or _reason(judged, i, first, last) for i in range(len(blocks))]


def _reason(judged: Judged, i: int, first: int, last: int) -> str:
    """Why the model removed a block the rules kept, in words a reader knows: what its markup declares, a list
    of links, or its place (above the article, after it, inside it)."""
    block = judged.blocks[i]
    declared = next((kind for kind, _ in reversed(block.hints) if kind != "article"), None)
    if declared:
        return declared
    if block.link_density > 0.5:
        return "links"
    if i < first:
        return Reason.PAGE_HEADER
    if i > last:
        return Reason.AFTER_ARTICLE
    return Reason.INSIDE_ARTICLE
