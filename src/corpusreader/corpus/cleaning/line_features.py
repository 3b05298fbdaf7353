"""Shallow features of each unit of a page and of its neighbours, for the line model.

What a unit looks like (words, word length, the share of stopwords of the
page's language, final punctuation, capitals, digits, bullets, links), where
it stands (position by units and by words, distance to the densest prose, the
rule zones), what the rule cleaner already said of it (protected, prose,
chrome, repeated in the page or across the corpus, its role and reason), and
the same few things of its neighbours. Every feature is a float; the order is
``FEATURES``, which the shipped model names and checks.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..data import json_data
from ..text import ends_sentence, line_key, words
from . import metadata as meta
from . import signals as sig
from .units import Unit

_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|de|ru|html?|php)\b", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s[|›»>/·•]\s|\s[|›»]|[|›»]\s")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_FORM = re.compile(r"\[[ _]{2,}\]|\[(?:SUBMIT|Submit|Search|Send|OK|Go)\]|\[[ X*]\]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s+\S")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_CAPITALISED = re.compile(r"(?<![\w'’\-.])[^\W\d_a-zß-ÿа-яё]", re.UNICODE)
SHAPE_PREFIX = 400
"""Characters of a unit its character shares are counted over (a long paragraph says no more)."""


@lru_cache(maxsize=1)
def stopwords_by_language() -> dict[str, frozenset[str]]:
    """The stopword lists of ``data/stopwords_by_language.json`` (from the stop-words package)."""
    data = json_data("stopwords_by_language")
    return {code: frozenset(listed.split()) for code, listed in data["languages"].items()}


def page_stopwords(units: list[Unit]) -> frozenset[str]:
    """The stopwords of the language whose stopwords the page's running text uses most."""
    sample: list[str] = []
    for unit in units:
        if len(unit.text) > 40:
            sample.extend(w.casefold() for w in words(unit.text))
            if len(sample) > 3000:
                break
    if not sample:
        return frozenset()
    languages = stopwords_by_language()
    index = _languages_of_words()
    hits: dict[str, int] = {}
    for word in sample:
        for code in index.get(word, ()):
            hits[code] = hits.get(code, 0) + 1
    if not hits:
        return frozenset()
    return languages[max(hits, key=lambda code: hits[code])]


@lru_cache(maxsize=1)
def _languages_of_words() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for code, listed in stopwords_by_language().items():
        for word in listed:
            index.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in index.items()}


@dataclass(slots=True)
class Zones:
    """What the rule cleaner found of the page: the article's start and end units, the title unit."""

    start: int | None
    title: int | None
    end: int


OWN = (
    "log_words", "log_chars", "mean_word_length", "stopword_share", "ends_sentence", "ends_colon",
    "ends_comma", "ends_open", "capitalised_share", "digit_share", "letter_share", "punctuation_share",
    "starts_upper", "starts_lower", "bullet", "has_url", "url_only", "separators", "form_widget",
    "log_sentences", "log_lines", "indent", "has_year", "copyright", "link_words", "form_field",
    "breadcrumb", "stray_number", "headline", "labelled", "end_marker", "publisher", "dateline", "time",
    "protected", "speaker_line", "prose", "chrome", "template_chrome", "in_template", "repeat",
    "same_key_elsewhere", "cuts", "role_title", "role_body", "removed_header", "removed_after",
    "removed_other", "removed_metadata", "in_rule_article", "gap_before", "gap_after", "block_units",
    "block_bullet_share", "block_mean_words",
)
POSITION = (
    "position", "words_before_share", "words_after_share", "densest_distance", "densest_signed",
    "prose_before", "prose_after", "log_page_units", "dist_title",
)
NEIGHBOUR_OWN = ("log_words", "ends_sentence", "bullet", "prose", "stopword_share", "removed_other", "in_template")
OFFSETS = (-2, -1, 1, 2)
WINDOWS = (3, 8)
WINDOW_OWN = ("log_words", "prose", "bullet", "stopword_share", "ends_sentence")

LEXICAL = ("lex_mean", "lex_max", "lex_min", "lex_known", "lex_mean@-1", "lex_mean@+1", "lex_mean~3", "lex_mean~8")
SHAPE_FEATURES: tuple[str, ...] = (
    OWN
    + POSITION
    + tuple(f"{name}@{offset:+d}" for offset in OFFSETS for name in NEIGHBOUR_OWN)
    + tuple(f"{name}~{w}" for w in WINDOWS for name in WINDOW_OWN)
)
FEATURES: tuple[str, ...] = SHAPE_FEATURES + LEXICAL
LEXICAL_WORDS = 60
"""Words of a unit its lexical features read (the first ones)."""
_INDEX = {name: i for i, name in enumerate(OWN)}


def _own(unit: Unit, indent: int, stop: frozenset[str], template: frozenset[str], key_count: int) -> list[float]:
    text = unit.text
    found = words(text)
    n = len(found) or 1
    head = text[:SHAPE_PREFIX]
    chars = len(head) or 1
    last = text.rstrip()[-1:]
    letters = len(_LETTER.findall(head))
    digits = len(_DIGIT.findall(head))
    spaces = head.count(" ")
    short = len(text) <= 200
    reason = unit.reason or ""
    removed = unit.role == "removed"
    metadata = removed and (reason.startswith("metadata") or reason == "publication details")
    return [
        math.log1p(len(found)),
        math.log1p(len(text)),
        min(20.0, (len(text) - spaces) / n),
        _stop_share(found, stop),
        float(ends_sentence(text)),
        float(last == ":"),
        float(last in ",;"),
        float(last.isalnum()),
        min(1.0, len(_CAPITALISED.findall(head)) / min(n, len(head.split()) or 1)),
        digits / chars,
        letters / chars,
        (chars - letters - digits - spaces) / chars,
        float(text[:1].isupper()),
        float(text[:1].islower()),
        float(sig.is_bullet(text)),
        float(bool(_URL.search(text))),
        float(sig.is_url_only(text)),
        min(5.0, len(_SEPARATORS.findall(text))),
        float(bool(_FORM.search(text))),
        math.log1p(len(_SENTENCE_END.findall(text))),
        math.log1p(len(unit.lines)),
        min(12, indent) / 12,
        float(bool(_YEAR.search(text))),
        float(sig.is_copyright(text)),
        float(short and sig.is_link_words(text)),
        float(short and sig.is_form_field(text)),
        float(short and sig.is_breadcrumb(text)),
        float(short and sig.is_stray_number(text)),
        float(short and sig.is_headline(text)),
        float(short and bool(sig.labelled(text))),
        float(short and sig.is_end_marker(text)),
        float(short and sig.is_publisher(text)),
        float(unit.dateline is not None),
        float(meta.is_time(text)),
        float(bool(unit.protected)),
        float(unit.protected == "speaker line"),
        float(unit.prose),
        float(bool(unit.chrome)),
        float(unit.chrome == "repeated on other pages"),
        float(len(text) <= 150 and line_key(text) in template) if template else 0.0,
        float(unit.repeat),
        math.log1p(key_count),
        float(bool(unit.cuts)),
        float(unit.role == "title"),
        float(unit.role == "body"),
        float(removed and reason in ("page header (above the title)", "site navigation", "publishing body")),
        float(removed and reason == "after the article"),
        float(removed and not metadata and reason not in ("page header (above the title)", "site navigation",
                                                          "publishing body", "after the article")),
        float(metadata),
        0.0,  # in_rule_article, gap_before, gap_after and the block's: filled by unit_features
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
    ]


def _stop_share(found: list[str], stop: frozenset[str]) -> float:
    if not found or not stop:
        return 0.0
    sample = found[:80]
    return sum(1 for w in sample if w.casefold() in stop) / len(sample)


def _blocks(units: list[Unit]) -> list[int]:
    """The block (run of units with no blank line between them) of each unit."""
    block = [0] * len(units)
    for i in range(1, len(units)):
        block[i] = block[i - 1] + (units[i].lines[0] != units[i - 1].lines[-1] + 1)
    return block


def _densest(weights: list[float]) -> int:
    """The unit at the centre of the window of 7 units with the most running text."""
    best, best_sum = 0, -1.0
    window = sum(weights[:4])
    for i in range(len(weights)):
        if window > best_sum:
            best, best_sum = i, window
        if i + 4 < len(weights):
            window += weights[i + 4]
        if i - 3 >= 0:
            window -= weights[i - 3]
    return best


def unit_tokens(unit: Unit) -> list[str]:
    """The words of a unit its lexical features read, case folded."""
    return [w.casefold() for w in words(unit.text)[:LEXICAL_WORDS]]


def lexical_rows(tokens: list[list[str]], lexicon: dict[str, float]) -> list[list[float]]:
    """The features of ``LEXICAL`` for each unit: what its words tell, learned from data (a word's
    log-odds of standing in content rather than page chrome), and the same of its neighbours."""
    own = []
    for found in tokens:
        known = [lexicon[w] for w in found if w in lexicon]
        if known:
            own.append([sum(known) / len(known), max(known), min(known), len(known) / len(found)])
        else:
            own.append([0.0, 0.0, 0.0, 0.0])
    running = [0.0]
    for row in own:
        running.append(running[-1] + row[0])
    n = len(own)
    rows = []
    for i, row in enumerate(own):
        extra = [own[i - 1][0] if i else 0.0, own[i + 1][0] if i + 1 < n else 0.0]
        for width in WINDOWS:
            low, high = max(0, i - width), min(n, i + width + 1)
            extra.append((running[high] - running[low]) / (high - low))
        rows.append(row + extra)
    return rows


def unit_features(units: list[Unit], raw_lines: list[str], zones: Zones, template: frozenset[str] = frozenset(),
                  lexicon: dict[str, float] | None = None) -> list[list[float]]:
    """One feature vector a unit, in the order of ``FEATURES`` (of ``SHAPE_FEATURES`` without a lexicon)."""
    if not units:
        return []
    shape = shape_features(units, raw_lines, zones, template)
    if lexicon is None:
        return shape
    lexical = lexical_rows([unit_tokens(u) for u in units], lexicon)
    return [a + b for a, b in zip(shape, lexical)]


def shape_features(
    units: list[Unit], raw_lines: list[str], zones: Zones, template: frozenset[str]
) -> list[list[float]]:
    """The features of ``SHAPE_FEATURES``: everything but the words' own meaning."""
    stop = page_stopwords(units)
    keys = [line_key(u.text) for u in units]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    own = []
    for unit, key in zip(units, keys):
        raw = raw_lines[unit.lines[0]]
        indent = len(raw) - len(raw.lstrip())
        own.append(_own(unit, indent, stop, template, counts[key] - 1))
    _add_blocks(units, own, zones)
    position = _position(units, own, zones)
    sums = _prefix_sums(own)
    return [row + position[i] + _neighbours(own, i) + _windows(sums, i, len(own)) for i, row in enumerate(own)]


def _add_blocks(units: list[Unit], own: list[list[float]], zones: Zones) -> None:
    block = _blocks(units)
    members: dict[int, list[int]] = {}
    for i, b in enumerate(block):
        members.setdefault(b, []).append(i)
    summary = {
        b: (math.log1p(len(group)), sum(own[j][_INDEX["bullet"]] for j in group) / len(group),
            sum(own[j][_INDEX["log_words"]] for j in group) / len(group))
        for b, group in members.items()
    }
    start = zones.start if zones.start is not None else len(units)
    for i, row in enumerate(own):
        row[_INDEX["in_rule_article"]] = float(start <= i < zones.end)
        row[_INDEX["gap_before"]] = float(i == 0 or block[i - 1] != block[i])
        row[_INDEX["gap_after"]] = float(i == len(units) - 1 or block[i + 1] != block[i])
        size, bullets, mean_words = summary[block[i]]
        row[_INDEX["block_units"]] = size
        row[_INDEX["block_bullet_share"]] = bullets
        row[_INDEX["block_mean_words"]] = mean_words


def _position(units: list[Unit], own: list[list[float]], zones: Zones) -> list[list[float]]:
    n = len(units)
    word_counts = [math.expm1(row[_INDEX["log_words"]]) for row in own]
    total = sum(word_counts) or 1.0
    prose = [row[_INDEX["prose"]] for row in own]
    densest = _densest([w if p else 0.0 for w, p in zip(word_counts, prose)])
    result = []
    before = 0.0
    prose_before = 0.0
    prose_total = sum(prose)
    for i in range(n):
        result.append([
            i / n,
            before / total,
            (total - before - word_counts[i]) / total,
            math.log1p(abs(i - densest)),
            (i - densest) / n,
            math.log1p(prose_before),
            math.log1p(prose_total - prose_before - prose[i]),
            math.log1p(n),
            math.log1p(abs(i - zones.title)) if zones.title is not None else 5.0,
        ])
        before += word_counts[i]
        prose_before += prose[i]
    return result


_NEIGHBOUR_INDEX = [_INDEX[name] for name in NEIGHBOUR_OWN]
_WINDOW_INDEX = [_INDEX[name] for name in WINDOW_OWN]


def _neighbours(own: list[list[float]], i: int) -> list[float]:
    result: list[float] = []
    for offset in OFFSETS:
        j = i + offset
        if 0 <= j < len(own):
            row = own[j]
            result.extend(row[k] for k in _NEIGHBOUR_INDEX)
        else:
            result.extend([-1.0] * len(_NEIGHBOUR_INDEX))
    return result


def _prefix_sums(own: list[list[float]]) -> list[list[float]]:
    """For each feature of ``WINDOW_OWN``, its running sum over the units before each index."""
    sums = []
    for k in _WINDOW_INDEX:
        running = [0.0]
        for row in own:
            running.append(running[-1] + row[k])
        sums.append(running)
    return sums


def _windows(sums: list[list[float]], i: int, n: int) -> list[float]:
    result: list[float] = []
    for width in WINDOWS:
        low, high = max(0, i - width), min(n, i + width + 1)
        result.extend((running[high] - running[low]) / (high - low) for running in sums)
    return result
