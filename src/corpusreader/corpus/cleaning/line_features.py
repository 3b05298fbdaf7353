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
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..data import json_data
from ..text import ends_sentence, line_key, might_hold, needles, words
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
            sample.extend(words(unit.text))
            if len(sample) > 3000:
                break
    if not sample:
        return frozenset()
    languages = stopwords_by_language()
    index = _languages_of_words()
    hits: dict[str, int] = {}
    for word, count in Counter(sample).items():  # each word folded once, first seen first (as ties go)
        for code in index.get(word.casefold(), ()):
            hits[code] = hits.get(code, 0) + count
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


_LETTERS = re.compile(r"[^\W\d_]+")  # runs of letters: their lengths sum to the letters, in fewer matches
# Cheap searches that must succeed for the costlier ones to match (a line without them is spared those):
_URL_HINT = re.compile(r"www\.|\.(?:com|org|net|de|ru|html?|php)\b", re.IGNORECASE)  # or "://"
_SEPARATOR_HINT = re.compile(r"[|›»>/·•]")
_TEXT_CHECKS: dict[str, Callable[[str], object]] = {
    "link_words": sig.is_link_words, "form_field": sig.is_form_field, "breadcrumb": sig.is_breadcrumb,
    "stray_number": sig.is_stray_number, "headline": sig.is_headline, "labelled": sig.labelled,
    "end_marker": sig.is_end_marker, "publisher": sig.is_publisher,
}
"""Tests of a short unit's text (longer units score 0), in the order of ``OWN``."""
SKIPPABLE = frozenset(_TEXT_CHECKS) | {"has_url", "separators", "form_widget", "log_sentences", "has_year",
                                       "copyright", "time"}
"""Features of the text a model that never reads them is spared (they are 0.0 in its rows)."""
TEXT_CACHE = 4096  # texts (a few MB): a site's menus and footers stay in it from page to page


@lru_cache(maxsize=TEXT_CACHE)
def _text_own(text: str, skip: frozenset[str]) -> tuple[tuple[float, ...], tuple[str, ...], str]:
    """The features of ``OWN`` that depend on the text alone, its first words case folded, its line key.

    Pages of one site repeat their menus and footers: each text is read once a process.
    """
    found = words(text)
    n = len(found) or 1
    head = text[:SHAPE_PREFIX]
    chars = len(head) or 1
    last = text.rstrip()[-1:]
    letters, digits, capitalised = _shares_counted(head)
    spaces = head.count(" ")
    short = len(text) <= 200
    checks = [0.0 if name in skip else float(short and bool(test(text))) for name, test in _TEXT_CHECKS.items()]
    values = (
        math.log1p(len(found)),
        math.log1p(len(text)),
        min(20.0, (len(text) - spaces) / n),
        float(ends_sentence(text)),
        float(last == ":"),
        float(last in ",;"),
        float(last.isalnum()),
        min(1.0, capitalised / min(n, len(head.split()) or 1)),
        digits / chars,
        letters / chars,
        (chars - letters - digits - spaces) / chars,
        float(text[:1].isupper()),
        float(text[:1].islower()),
        float(sig.is_bullet(text)),
        0.0 if "has_url" in skip else float(_has_url(text)),
        float(sig.is_url_only(text)),
        0.0 if "separators" in skip or not _SEPARATOR_HINT.search(text) else min(5.0, len(_SEPARATORS.findall(text))),
        0.0 if "form_widget" in skip or "[" not in text else float(bool(_FORM.search(text))),
        0.0 if "log_sentences" in skip else math.log1p(len(_SENTENCE_END.findall(text))),
        0.0 if "has_year" in skip or not ("19" in text or "20" in text) else float(bool(_YEAR.search(text))),
        0.0 if "copyright" in skip else float(sig.is_copyright(text)),
        *checks,
        0.0 if "time" in skip else float(meta.is_time(text)),
    )
    return values, tuple(map(str.casefold, found[:80])), line_key(text)


_URL_NEEDLES = needles(("://", "www.", ".com", ".org", ".net", ".de", ".ru", ".htm", ".php"))


_ASCII_NOT_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
_ASCII_NOT_DIGITS = bytes(c for c in range(128) if not chr(c).isdigit())
_ASCII_CAPITALISED = re.compile(r"(?<![A-Za-z0-9_'\-.])[A-Z]")  # ``_CAPITALISED`` where the text is ASCII


def _shares_counted(head: str) -> tuple[int, int, int]:
    """The letters, digits and capitalised words of a unit's head (ASCII text counted in bytes, the same counts)."""
    if head.isascii():
        raw = head.encode("ascii")
        return (len(raw.translate(None, _ASCII_NOT_LETTERS)), len(raw.translate(None, _ASCII_NOT_DIGITS)),
                len(_ASCII_CAPITALISED.findall(head)))
    return sum(map(len, _LETTERS.findall(head))), len(_DIGIT.findall(head)), len(_CAPITALISED.findall(head))


def _has_url(text: str) -> bool:
    if not might_hold(text, _URL_NEEDLES):
        return False
    return ("://" in text or bool(_URL_HINT.search(text))) and bool(_URL.search(text))


def _own(unit: Unit, text: tuple[float, ...], stop_share: float, indent: int, in_template: bool,
         key_count: int) -> list[float]:
    """The features of ``OWN``: the text's (``_text_own``) with the unit's own around them."""
    reason = unit.reason or ""
    removed = unit.role == "removed"
    metadata = removed and (reason.startswith("metadata") or reason == "publication details")
    return [
        *text[:3],
        stop_share,
        *text[3:19],
        math.log1p(len(unit.lines)),
        min(12, indent) / 12,
        *text[19:29],
        float(unit.dateline is not None),
        text[29],
        float(bool(unit.protected)),
        float(unit.protected == "speaker line"),
        float(unit.prose),
        float(bool(unit.chrome)),
        float(unit.chrome == "repeated on other pages"),
        float(in_template),
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


def _stop_share(folded: tuple[str, ...], stop: frozenset[str]) -> float:
    if not folded or not stop:
        return 0.0
    return sum(map(stop.__contains__, folded)) / len(folded)


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


def lexical_rows(tokens: Sequence[Sequence[str]], lexicon: dict[str, float]) -> list[list[float]]:
    """The features of ``LEXICAL`` for each unit: what its words tell, learned from data (a word's
    log-odds of standing in content rather than page chrome), and the same of its neighbours."""
    own = []
    for found in tokens:
        known = [weight for weight in map(lexicon.get, found) if weight is not None]
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
                  lexicon: dict[str, float] | None = None, reads: Collection[str] | None = None) -> list[list[float]]:
    """One feature vector a unit, in the order of ``FEATURES`` (of ``SHAPE_FEATURES`` without a lexicon).

    ``reads``: the features a model reads; those of ``SKIPPABLE`` it does not read are left 0.0.
    """
    if not units:
        return []
    skip = SKIPPABLE.difference(reads) if reads is not None else frozenset()
    texts = [_text_own(unit.text, skip) for unit in units]
    shape = _shape_rows(units, raw_lines, zones, template, texts)
    if lexicon is None:
        return shape
    lexical = lexical_rows([folded[:LEXICAL_WORDS] for _, folded, _ in texts], lexicon)
    return [a + b for a, b in zip(shape, lexical)]


def shape_features(
    units: list[Unit], raw_lines: list[str], zones: Zones, template: frozenset[str]
) -> list[list[float]]:
    """The features of ``SHAPE_FEATURES``: everything but the words' own meaning."""
    return _shape_rows(units, raw_lines, zones, template, [_text_own(unit.text, frozenset()) for unit in units])


def _shape_rows(units: list[Unit], raw_lines: list[str], zones: Zones, template: frozenset[str],
                texts: list[tuple[tuple[float, ...], tuple[str, ...], str]]) -> list[list[float]]:
    stop = page_stopwords(units)
    keys = [key for _, _, key in texts]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    own = []
    for unit, key, (text, folded, _) in zip(units, keys, texts):
        raw = raw_lines[unit.lines[0]]
        indent = len(raw) - len(raw.lstrip())
        in_template = bool(template) and len(unit.text) <= 150 and key in template
        own.append(_own(unit, text, _stop_share(folded, stop), indent, in_template, counts[key] - 1))
    _add_blocks(units, own, zones)
    position = _position(units, own, zones)
    context = _context(own)
    return [row + position[i] + context[i] for i, row in enumerate(own)]


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


def _context(own: list[list[float]]) -> list[list[float]]:
    """Each unit's neighbours' features (``NEIGHBOUR_OWN`` at ``OFFSETS``, -1.0 past the page's ends),
    then the means of ``WINDOW_OWN`` over the windows of ``WINDOWS`` around it."""
    n = len(own)
    reach = max(abs(offset) for offset in OFFSETS)
    missing = [-1.0] * len(_NEIGHBOUR_INDEX)
    padded = [missing] * reach + [[row[k] for k in _NEIGHBOUR_INDEX] for row in own] + [missing] * reach
    sums = _prefix_sums(own)
    result = []
    for i in range(n):
        row: list[float] = []
        for offset in OFFSETS:
            row += padded[i + reach + offset]
        for width in WINDOWS:
            low, high = max(0, i - width), min(n, i + width + 1)
            size = high - low
            row += [(running[high] - running[low]) / size for running in sums]
        result.append(row)
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
