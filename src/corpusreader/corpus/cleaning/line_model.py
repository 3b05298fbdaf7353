"""The learned line model: how likely each unit is to be the article's text, in pure Python.

The model ships as data (``data/line_model.json``, written by
``bench/train_cleaner.py``): gradient-boosted trees over the features of
``line_features``, then a second, smaller set of trees over each unit's own
probability and its neighbours' (content is contiguous, so a unit among
content reads as content). Trees are nested lists: a leaf is a number, a node
is ``[feature, threshold, left, right]`` (left when the value is at most the
threshold). Each stage is compiled once a process into one Python function
(``trees``); evaluating them needs nothing beyond the standard library.

``CORPUSREADER_LINE_MODEL`` names another model file (for the benchmarks'
cross-validation, which export with models that never saw the pages scored).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..data import word_list
from ..text import words
from ..vocab import Reason, Role
from . import signals as sig
from . import smoothing
from .line_features import FEATURES, Zones, unit_features
from .trees import Ensemble, features_read, model_loader
from .units import Unit

MODEL_ENV = "CORPUSREADER_LINE_MODEL"
SHIPPED = "data/line_model.json"

SMOOTH_WINDOWS = (5, 12)
_SMOOTHED_OWN = ("log_words", "ends_sentence", "bullet", "protected")
SMOOTH_FEATURES: tuple[str, ...] = smoothing.column_names(_SMOOTHED_OWN, SMOOTH_WINDOWS)
_OWN_FOR_SMOOTHING = [FEATURES.index(name) for name in _SMOOTHED_OWN]


def smoothing_rows(first: list[float], features: list[list[float]]) -> list[list[float]]:
    """Each unit's first-stage probability, its neighbours' and the page's around it."""
    return smoothing.neighbourhood_rows(first, features, _OWN_FOR_SMOOTHING, SMOOTH_WINDOWS)


@dataclass(frozen=True, slots=True)
class LineModel:
    """The two stages and the probability above which a unit is content."""

    first: Ensemble
    second: Ensemble | None
    lexicon: dict[str, float]
    threshold: float  # between the first and the last sure unit (the article's span), the least a unit is kept at
    outside_threshold: float  # before and after that span
    anchor: float  # at least this sure, a unit marks the article's span
    keep_threshold: float  # above it, a unit the rules removed as template or header is content after all
    title_threshold: float  # below it, the rules' title is boilerplate
    reads: frozenset[str] | None = None  # the features the model reads (None: all); the others need not be computed

    def probabilities(self, features: list[list[float]]) -> list[float]:
        first = self.first.probabilities(features)
        if self.second is None:
            return first
        return self.second.probabilities(smoothing_rows(first, features))


def _ensemble(data: dict[str, Any], width: int) -> Ensemble:
    return Ensemble(float(data["base"]), tuple(data["trees"]), width)


def from_data(data: dict[str, Any]) -> LineModel:
    if tuple(data["features"]) != FEATURES:
        raise ValueError("the line model was trained on other features than line_features.FEATURES")
    second = data.get("second")
    if second is not None and tuple(second["features"]) != SMOOTH_FEATURES:
        raise ValueError("the line model's second stage was trained on other features")
    return LineModel(
        _ensemble(data["first"], len(FEATURES)),
        _ensemble(second, len(SMOOTH_FEATURES)) if second else None,
        {word: float(weight) for word, weight in data["lexicon"].items()},
        float(data["threshold"]),
        float(data.get("outside_threshold", data["threshold"])),
        float(data.get("anchor", 1.01)),
        float(data.get("keep_threshold", 1.01)),
        float(data.get("title_threshold", 0.0)),
        _features_read(data),
    )


def _features_read(data: dict[str, Any]) -> frozenset[str]:
    """The first stage's features its trees test, and those the second stage takes from the first's rows."""
    read = {FEATURES[k] for k in features_read(data["first"]["trees"])}
    return frozenset(read | {FEATURES[k] for k in _OWN_FOR_SMOOTHING})


load = model_loader(MODEL_ENV, SHIPPED, from_data)
"""The shipped model, the one ``CORPUSREADER_LINE_MODEL`` names, or None where it says ``off``."""


def page_probabilities(
    units: list[Unit], raw_lines: list[str], zones: Zones, template: frozenset[str], model: LineModel
) -> list[float]:
    """The model's probability of each unit of a page."""
    return model.probabilities(unit_features(units, raw_lines, zones, template, model.lexicon, model.reads))


# -- the model's say over the rule cleaner's roles -------------------------------------

KEPT_BY_RULE = frozenset(
    {Reason.DATE, Reason.TIME, Reason.PLACE, Reason.SOURCE_URL, Reason.PUBLICATION_DETAILS, Reason.TITLE_REPEATED,
     Reason.NAME_CARD, Reason.GLOSSARY_CARD, Reason.BLANK}
)
"""Removals the model never undoes: metadata the page states, a title said again, junk cut out of a line."""
SOFT = frozenset({Reason.TEMPLATE, Reason.PAGE_HEADER, Reason.AFTER_ARTICLE})
"""Removals the model may undo when it is sure: a formula the corpus repeats inside an article, a lead line."""


def relabel(
    units: list[Unit], raw_lines: list[str], zones: Zones, template: frozenset[str], model: LineModel | None = None
) -> int | None:
    """Give each unit the model's role where the rules leave room for it; the title's index after that.

    Protected units and metadata keep the rules' roles. A body unit the model
    reads as boilerplate is removed, with the reason its place on the page gives
    (before the article, after it, or a menu inside it); a unit the rules removed
    as template, page header or after the article, that the model is sure is
    content, is body again.
    """
    model = model or load()
    if not units or model is None:
        return zones.title
    probabilities = page_probabilities(units, raw_lines, zones, template, model)
    sure = [i for i, p in enumerate(probabilities) if p >= model.anchor]
    span = _article_span(units, sure, zones.title)
    keep = [_keeps(unit, p, model.threshold if i in span else model.outside_threshold, model)
            for i, (unit, p) in enumerate(zip(units, probabilities))]
    _keep_continuations(units, probabilities, keep, model.threshold)
    _drop_headings_of_removed_blocks(units, keep, span)
    related = related_blocks(units)
    for i in related:
        keep[i] = False
    title = _title(units, probabilities, keep, zones.title, model)
    kept = [i for i, k in enumerate(keep) if k and i != title]
    first = min(kept + ([title] if title is not None else []), default=len(units))
    last = max(kept, default=-1)
    for i, unit in enumerate(units):
        if i == title:
            unit.role, unit.reason = Role.TITLE, None
        elif keep[i] and unit.role != Role.BODY:
            unit.role, unit.reason = Role.BODY, None
        elif not keep[i] and unit.role != Role.REMOVED:
            reason = Reason.RELATED_LINKS if i in related else _reason(unit, i, first, last)
            unit.role, unit.reason = Role.REMOVED, reason
    return title


CLOSING_UNITS = 4
"""Units between the last sure one and the end of the article the rules found that still belong to it (a closing
line: "All the best.")."""


def _article_span(units: list[Unit], sure: list[int], title: int | None) -> range:
    """From the title (where the rules found one above the first sure unit) to the last sure unit, or on to the
    rules' end of the article when it comes within ``CLOSING_UNITS`` of it."""
    if not sure:
        return range(0)
    start = min(sure[0], title) if title is not None else sure[0]
    end = sure[-1]
    cut = next((i for i in range(end + 1, len(units)) if units[i].reason == Reason.AFTER_ARTICLE), None)
    if cut is not None and cut - end <= CLOSING_UNITS:
        end = cut - 1
    return range(start, end + 1)


def _keep_continuations(units: list[Unit], probabilities: list[float], keep: list[bool], threshold: float) -> None:
    """A kept line left unfinished keeps what it leads to: after a comma the next line (a signature's post), after
    a colon the list it announces; each at the article's threshold, never against the rules' removals."""
    for i in range(len(units) - 1):
        if not keep[i]:
            continue
        end = units[i].text.rstrip()[-1:]
        following = range(i + 1, i + 2) if end == "," else range(i + 1, len(units)) if end == ":" else range(0)
        for j in following:
            unit = units[j]
            if unit.role == Role.REMOVED or probabilities[j] < threshold or sig.is_bullet(unit.text) != (end == ":"):
                break  # a comma goes on in a line of text, a colon in the list it announces
            keep[j] = True


HEADING_WORDS = 6
"""At most this many words, and no closing punctuation, a line heads the block below it."""


def _drop_headings_of_removed_blocks(units: list[Unit], keep: list[bool], span: range) -> None:
    """After the article, a heading goes with the block it heads: a short line without closing punctuation
    ("Publication status", "Related posts") whose next line is removed is removed too (a colon introduces
    instead, and keeps what it announces)."""
    kept = list(keep)
    for i in range(span.stop if span else len(units), len(units) - 1):
        unit = units[i]
        if not kept[i] or kept[i + 1] or (unit.protected and unit.role != Role.REMOVED):
            continue
        text = unit.text.rstrip()
        heading = len(words(text)) <= HEADING_WORDS and text[-1:] not in _CLOSING and not sig.is_bullet(text)
        if heading and not any(ch.isdigit() for ch in text):  # "Moscow, 15 June 2021" closes a letter
            keep[i] = False


_CLOSING = frozenset('.!?…:;,")»”’]')
RELATED_HEADINGS = word_list("related_headings")
TEASER_WORDS = 25
"""At most this many words, a line under a related-links heading reads as a teaser (a headline and its date)."""


def related_blocks(units: list[Unit]) -> set[int]:
    """A related-links heading ("See also", "Lesen Sie auch") and the block right under it, where every unit of
    that block reads as a teaser: a headline or a bullet with its date, no sentence, nothing protected."""
    found: set[int] = set()
    for i, unit in enumerate(units[:-1]):
        if unit.protected or sig.as_phrase(unit.text) not in RELATED_HEADINGS:
            continue
        block = [i + 1]
        while block[-1] + 1 < len(units) and _same_block(units[block[-1]], units[block[-1] + 1]):
            block.append(block[-1] + 1)
        if all(_teaser(units[j]) for j in block):
            found.update([i, *block])
    return found


def _same_block(unit: Unit, following: Unit) -> bool:
    return following.lines[0] == unit.lines[-1] + 1


def _teaser(unit: Unit) -> bool:
    text = unit.text.rstrip()
    if unit.protected or not text or len(words(text)) > TEASER_WORDS:
        return False
    return unit.dateline is not None or sig.is_bullet(text) or text[-1:] not in _CLOSING


def _keeps(unit: Unit, p: float, threshold: float, model: LineModel) -> bool:
    if unit.protected and unit.role != Role.REMOVED:
        return True
    if unit.role == Role.REMOVED:
        return unit.reason in SOFT and not unit.protected and p >= model.keep_threshold
    return p >= threshold


def _title(
    units: list[Unit], probabilities: list[float], keep: list[bool], title: int | None, model: LineModel
) -> int | None:
    """The rules' title unless the model reads it as boilerplate; then the headline the article starts with.

    Where the rules found no title, the page has none (the list shows a label derived from its text).
    """
    if title is None or probabilities[title] >= model.title_threshold:
        return title
    keep[title] = False
    first = next((i for i, k in enumerate(keep) if k and not units[i].protected), None)
    if first is None:
        return None
    candidates = [first] + [i for i in range(first - 1, max(-1, first - 4), -1)]
    for i in candidates:
        unit = units[i]
        if unit.reason in KEPT_BY_RULE and unit.role == Role.REMOVED:
            continue
        headline = sig.is_headline(unit.text) and not unit.prose and not unit.protected
        if headline and probabilities[i] >= model.title_threshold:
            keep[i] = False  # the title is not body as well
            return i
    return None


def _reason(unit: Unit, i: int, first: int, last: int) -> Reason:
    """Why the model removed a unit, in the words of the rules' reasons."""
    if unit.chrome:
        return unit.chrome
    if i > last:
        return Reason.AFTER_ARTICLE
    if sig.is_bullet(unit.text):
        return Reason.SITE_NAVIGATION
    if i < first:
        return Reason.PAGE_HEADER
    if sig.is_link_words(unit.text):
        return Reason.LINK_BUTTONS
    return Reason.INSIDE_ARTICLE
