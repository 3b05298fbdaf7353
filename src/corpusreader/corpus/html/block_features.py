"""What the block model reads of each block: its markup, its place, its text, the rules' verdict and the text
path's line model, and the same of its neighbours. Plain numbers, one row a block (``FEATURES`` names them)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..cleaning import smoothing
from ..cleaning.signals import is_prose, protection
from ..text import ends_sentence, line_key, words
from ..vocab import Reason
from .blocks import inside
from .hints import BOILERPLATE
from .text_reading import TITLE

if TYPE_CHECKING:
    from .extract import Judged

KINDS = tuple(BOILERPLATE) + ("hidden text", "article")
RULE_REASONS: tuple[str, ...] = (
    *BOILERPLATE, "script", "style", "hidden text", "links", "outside the article", Reason.TEMPLATE,
    Reason.AFTER_ARTICLE, Reason.PAGE_HEADER, Reason.TITLE_REPEATED,
)
"""The rules' reasons with a column each; any other (a text cleaner's veto) shares the ``rule:other`` column."""
METADATA = frozenset({Reason.DATE, Reason.TIME, Reason.PLACE, Reason.SOURCE_URL, Reason.PUBLICATION_DETAILS})
PLACES = frozenset({Reason.PAGE_HEADER, Reason.AFTER_ARTICLE, Reason.INSIDE_ARTICLE})
BLOCK_KINDS = ("heading", "li", "quote", "pre", "cell", "p")
NEIGHBOURS = (-2, -1, 1, 2)
WINDOWS = (3, 10)
OWN: tuple[str, ...] = (
    "rule_kept", *(f"rule:{r}" for r in RULE_REASONS), "rule:other",
    *(f"hint:{k}" for k in KINDS), "hints", "innermost_hint_depth",
    "inside_main", "inside_main_parent", "depth", "depth_below_main", "in_body_run", "before_body", "after_body",
    "body_distance", "position", "chars_before", "before_title", "title_distance", "is_title",
    "log_chars", "log_words", "link_density", "running", "prose", "protected", "ends_sentence", "ends_colon",
    "digits", "capitals", "template", *(f"kind:{k}" for k in BLOCK_KINDS), "cuts",
    "line_p", "text_kept", "text_title", "text_metadata", "text_place", "text_chrome",
    "parent_share", "parent_running_share", "parent_blocks", "parent_link_density", "grandparent_share",
    "grandparent_running_share",
)
_CONTEXT = ("rule_kept", "line_p", "link_density", "log_words", "kind:heading", "running")
LEXICAL = ("names_mean", "names_min", "names_max", "names_nearest", "names_known")
"""The learned weights (log-odds of content, ``lexicon``) of the class and id words of a block's element and
ancestors: what a site's markup calls its content and its chrome."""
BASE: tuple[str, ...] = (
    OWN
    + tuple(f"{name}@{o:+d}" for o in NEIGHBOURS for name in _CONTEXT)
    + tuple(f"same_parent@{o:+d}" for o in (-1, 1))
    + tuple(f"{name}~{w}" for w in WINDOWS for name in ("rule_kept", "line_p"))
)
FEATURES: tuple[str, ...] = BASE + LEXICAL
_REASON_COLUMN = {r: OWN.index(f"rule:{r}") for r in RULE_REASONS}
_OTHER = OWN.index("rule:other")
_HINT_COLUMN = {k: OWN.index(f"hint:{k}") for k in KINDS}
_KIND_COLUMN = {k: OWN.index(f"kind:{k}") for k in BLOCK_KINDS}
_HINTS = OWN.index("hints")
_CONTEXT_COLUMNS = [OWN.index(name) for name in _CONTEXT]


def rows(judged: Judged, lexicon: dict[str, float]) -> list[list[float]]:
    """One row of ``FEATURES`` a block."""
    return [row + lexical for row, lexical in zip(base_rows(judged), lexical_rows(judged, lexicon))]


def base_rows(judged: Judged) -> list[list[float]]:
    """One row of ``BASE`` a block (all but the lexicon's columns)."""
    own = _own_rows(judged)
    return _with_context(own, [b.path.rpartition("/")[0] for b in judged.blocks])


def lexical_rows(judged: Judged, lexicon: dict[str, float]) -> list[list[float]]:
    """One row of ``LEXICAL`` a block."""
    out = []
    for block in judged.blocks:
        known = [lexicon[name] for name in block.names if name in lexicon]
        if known:
            out.append([sum(known) / len(known), min(known), max(known), known[-1], math.log1p(len(known))])
        else:
            out.append([0.0, 0.0, 0.0, 0.0, 0.0])
    return out


def _body_span(judged: Judged) -> tuple[int, int]:
    """The first and last block in the article's own paragraph runs (-1, -1 without any)."""
    runs = [i for i, b in enumerate(judged.blocks) if b.path.rpartition("/")[0] in judged.body]
    return (runs[0], runs[-1]) if runs else (-1, -1)


def _own_rows(judged: Judged) -> list[list[float]]:
    from .extract import is_running_text

    blocks, reasons, main = judged.blocks, judged.reasons, judged.main
    main_parent = main.rpartition("/")[0] or main
    main_depth = main.count("/")
    first, last = _body_span(judged)
    total = sum(len(b.text) for b in blocks if not b.skipped) or 1
    title = judged.title_index
    n = len(blocks)
    out = []
    before = 0
    for i, block in enumerate(blocks):
        row = [0.0] * len(OWN)
        reason = reasons[i]
        row[0] = float(reason is None)
        if reason is not None:
            row[_REASON_COLUMN.get(reason, _OTHER)] = 1.0
        depth = block.path.count("/")
        innermost = 0
        for kind, path in block.hints:
            row[_HINT_COLUMN[kind]] = 1.0
            innermost = path.count("/")
        text = block.text
        found = words(text)
        parent = block.path.rpartition("/")[0]
        row[_HINTS] = float(len(block.hints))
        row[_HINTS + 1] = float(depth - innermost) if block.hints else -1.0
        at = OWN.index("inside_main")
        row[at:at + 9] = [
            float(inside(block.path, main)), float(inside(block.path, main_parent)), float(depth),
            float(depth - main_depth), float(parent in judged.body), float(first >= 0 and i < first),
            float(first >= 0 and i > last),
            float(min(30, first - i if i < first else i - last if i > last else 0)) if first >= 0 else 30.0,
            i / n,
        ]
        row[at + 9] = before / total
        row[at + 10:at + 13] = [
            float(title is not None and i < title), float(min(30, abs(i - title))) if title is not None else 30.0,
            float(i == title)]
        at += 13
        ends = text.rstrip()[-1:]
        row[at:at + 11] = [
            math.log1p(len(text)), math.log1p(len(found)), block.link_density, float(is_running_text(block)),
            float(is_prose(text)), float(protection(text) is not None), float(ends_sentence(text)),
            float(ends == ":"), sum(c.isdigit() for c in text) / (len(text) or 1),
            sum(w[:1].isupper() for w in found) / (len(found) or 1),
            float(bool(judged.template) and line_key(text) in judged.template),
        ]
        kind = "heading" if block.kind.startswith("h") and len(block.kind) == 2 else block.kind
        row[_KIND_COLUMN.get(kind, _KIND_COLUMN["p"])] = 1.0
        at = OWN.index("cuts")
        text_reason = judged.text.reasons[i]
        row[at:at + 7] = [
            float(len(block.cuts)), judged.text.probabilities[i], float(text_reason is None),
            float(text_reason == TITLE), float(text_reason in METADATA), float(text_reason in PLACES),
            float(text_reason is not None and text_reason != TITLE and text_reason not in METADATA
                  and text_reason not in PLACES),
        ]
        if not block.skipped:
            before += len(text)
        out.append(row)
    _add_parents(judged, out)
    return out


def _add_parents(judged: Judged, out: list[list[float]]) -> None:
    """How much of the page's text, and of its running text, the block's parent and grandparent hold."""
    from .extract import is_running_text

    chars: dict[str, list[float]] = {}  # path -> [chars, running chars, blocks, link chars]
    ups = []
    for block in judged.blocks:
        parent = block.path.rpartition("/")[0]
        grand = parent.rpartition("/")[0]
        ups.append((parent, grand))
        if block.skipped:
            continue
        running = len(block.text) if is_running_text(block) else 0
        for path in (parent, grand):
            entry = chars.setdefault(path, [0.0, 0.0, 0.0, 0.0])
            entry[0] += len(block.text)
            entry[1] += running
            entry[2] += 1
            entry[3] += block.link_chars
    total = sum(len(b.text) for b in judged.blocks if not b.skipped) or 1
    running_total = sum(len(b.text) for b in judged.blocks if not b.skipped and is_running_text(b)) or 1
    at = OWN.index("parent_share")
    empty = [0.0, 0.0, 0.0, 0.0]
    for row, (parent, grand) in zip(out, ups):
        mine, theirs = chars.get(parent, empty), chars.get(grand, empty)
        row[at:at + 6] = [mine[0] / total, mine[1] / running_total, math.log1p(mine[2]),
                          mine[3] / (mine[0] or 1), theirs[0] / total, theirs[1] / running_total]


def _with_context(own: list[list[float]], parents: list[str]) -> list[list[float]]:
    """Each row, then its neighbours' context columns (-1 where there is none), then window means."""
    n = len(own)
    columns = [[row[k] for row in own] for k in _CONTEXT_COLUMNS]
    sums = {name: _prefix(column) for name, column in zip(_CONTEXT, columns) if name in ("rule_kept", "line_p")}
    out = []
    for i, row in enumerate(own):
        full = list(row)
        for o in NEIGHBOURS:
            j = i + o
            full.extend(column[j] for column in columns) if 0 <= j < n else full.extend([-1.0] * len(columns))
        full.extend(float(0 <= i + o < n and parents[i + o] == parents[i]) for o in (-1, 1))
        for width in WINDOWS:
            low, high = max(0, i - width), min(n, i + width + 1)
            full.extend((sums[name][high] - sums[name][low]) / (high - low) for name in ("rule_kept", "line_p"))
        out.append(full)
    return out


def _prefix(column: list[float]) -> list[float]:
    sums = [0.0]
    for value in column:
        sums.append(sums[-1] + value)
    return sums


SMOOTH_WINDOWS = (3, 8)
_OWN_FOR_SMOOTHING = ("rule_kept", "log_words", "running", "link_density", "parent_running_share", "kind:heading",
                      "same_parent@-1", "same_parent@+1", "line_p")
SMOOTH_FEATURES: tuple[str, ...] = smoothing.column_names(_OWN_FOR_SMOOTHING, SMOOTH_WINDOWS)
_SMOOTH_COLUMNS = [FEATURES.index(name) for name in _OWN_FOR_SMOOTHING]


def smoothing_rows(first: list[float], features: list[list[float]]) -> list[list[float]]:
    """Each block's first-stage probability, some of its own columns, its neighbours' probabilities and the
    page's around it (content is contiguous)."""
    return smoothing.neighbourhood_rows(first, features, _SMOOTH_COLUMNS, SMOOTH_WINDOWS)
