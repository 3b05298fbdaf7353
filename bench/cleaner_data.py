"""The development sets as training rows for the line model: units, features, labels.

Reads ``../shared/devsets`` (never copied into the repository). Each page is
cut into the cleaner's units and judged by the rule cleaner as it runs, then
each unit gets the features of ``line_features`` and a label:

- kremlin: exact, from the gold files (a unit is a ``keep`` paragraph, a piece of
  one, the title, or a ``drop`` line; anything else, such as a dateline, is left
  out of training);
- web: noisy, from ``html-extractor/`` (a unit the HTML extractor kept is
  probably content), overruled by the gold snippets of the page (a unit holding
  a ``with`` snippet is content, one holding only a ``without`` snippet is not).
  A snippet's unit weighs ``SNIPPET_WEIGHT`` extractor-labelled units: the
  snippets are exact where the extractor is not (its own precision is .891).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from corpusreader.corpus.cleaning import cleaner
from corpusreader.corpus.cleaning.line_features import Zones, shape_features, unit_tokens
from corpusreader.corpus.cleaning.units import Unit
from corpusreader.corpus.loading.files import discover, read
from corpusreader.corpus.model import RawDocument

DEVSETS = Path(__file__).resolve().parents[2] / "shared" / "devsets"
if not DEVSETS.exists():
    DEVSETS = Path("/work/shared/devsets")

SNIPPET_WEIGHT = 40.0  # held-out web F1 at recall .985: weight 3 .823, 15 .841, 40 .853 (5 folds)

_WS = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)


def norm(text: str) -> str:
    """As the shared scorers compare text: NFKC, spaces folded, case folded."""
    text = unicodedata.normalize("NFKC", text or "").translate(_INVISIBLE)
    text = re.sub(r"(\d)\^(st|nd|rd|th)\b", r"\1\2", text)
    text = _WS.sub(" ", text).strip()
    return re.sub(r" ([,.;:!?])", r"\1", text).casefold()


@dataclass
class Page:
    """One page's units as the rule cleaner judged them, their features and labels."""

    name: str
    units: list[Unit]
    features: list[list[float]]  # line_features.SHAPE_FEATURES (the lexical ones depend on a fold's lexicon)
    tokens: list[list[str]]
    labels: list[float | None] = field(default_factory=list)  # 1 content, 0 boilerplate, None unknown
    weights: list[float] = field(default_factory=list)


def raws_of(folder: Path) -> list[RawDocument]:
    sources, _, _ = discover([str(folder)])
    raws = [read(s) for s in sources]
    return [r for r in raws if isinstance(r, RawDocument)]


def judged(raw: RawDocument, template: frozenset[str]) -> tuple[list[Unit], list[str], Zones]:
    """The page's units with the rule cleaner's roles, its lines and zones."""
    raw_lines = raw.text.splitlines()
    units, _, zones = cleaner.judge(raw_lines, template)
    return units, raw_lines, zones


def template_for(raws: list[RawDocument]) -> frozenset[str]:
    return cleaner.template_lines(raws)


def _pages(raws: list[RawDocument], template: frozenset[str]) -> list[Page]:
    pages = []
    for raw in raws:
        units, raw_lines, zones = judged(raw, template)
        features = shape_features(units, raw_lines, zones, template) if units else []
        pages.append(Page(Path(raw.path).stem, units, features, [unit_tokens(u) for u in units]))
    return pages


def kremlin_pages(folder_mode: bool) -> list[Page]:
    raws = raws_of(DEVSETS / "kremlin" / "raw")
    template = template_for(raws) if folder_mode else frozenset()
    pages = _pages(raws, template)
    for page in pages:
        gold = json.loads((DEVSETS / "kremlin" / "gold" / f"{page.name}.json").read_text(encoding="utf-8"))
        keep = {norm(k) for k in gold["keep"]}
        keep_text = "\n".join(keep)
        drop = {norm(d) for d in gold["drop"]}
        title = norm(gold.get("title") or "")
        for unit in page.units:
            text = norm(unit.text)
            if text in keep or (title and text == title) or (len(text) >= 25 and text in keep_text):
                label: float | None = 1.0
            elif text in drop:
                label = 0.0
            else:
                label = None
            page.labels.append(label)
            page.weights.append(1.0)
    return pages


def web_pages() -> list[Page]:
    raws = raws_of(DEVSETS / "web" / "raw")
    pages = _pages(raws, template_for(raws))
    for page in pages:
        gold = json.loads((DEVSETS / "web" / "gold" / f"{page.name}.json").read_text(encoding="utf-8"))
        extracted_path = DEVSETS / "web" / "html-extractor" / f"{page.name}.txt"
        extracted = [norm(line) for line in extracted_path.read_text(encoding="utf-8").splitlines()] if extracted_path.exists() else []
        extracted = [line for line in extracted if line]
        lines = set(extracted)
        whole = "\n".join(extracted)
        long_lines = [line for line in extracted if len(line) >= 30]
        with_ = [norm(s) for s in gold["with"]]
        without = [norm(s) for s in gold["without"]]
        agrees = all(s in whole for s in with_) and not any(s in whole for s in without)
        for unit in page.units:
            text = norm(unit.text)
            if any(s and s in text for s in with_):
                label, weight = 1.0, SNIPPET_WEIGHT
            elif any(s and s in text for s in without):
                label, weight = 0.0, SNIPPET_WEIGHT
            elif text in lines or (len(text) >= 30 and text in whole) or any(line in text for line in long_lines):
                label, weight = 1.0, 1.0 if agrees else 0.5
            else:
                label, weight = 0.0, 1.0 if agrees else 0.5
            page.labels.append(label)
            page.weights.append(weight)
    return pages
