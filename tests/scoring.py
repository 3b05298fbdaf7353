"""What the shared scoring tools check, as the suite's own code (no ``../shared`` needed).

Three checks on an export (``corpusreader export --format json``, see the contract):

- ``cleaning_failures``: one document against its gold (``tests/data/gold/seeds``): every
  content paragraph kept verbatim, no boilerplate left as a line, no artifact glued inside
  the text, titles repeated by the page standing once, the title and the date;
- ``terms_failures``: the ``terms`` list against the terms gold
  (``tests/data/gold/terms-seeds.json``): acronyms with their long forms, entities with their
  spellings and documents, terms linking documents, people's posts;
- ``unaccounted_lines``: raw lines that stand neither in the title, the body, a metadata
  field nor in ``removed`` (whole, or in pieces whose remainder is in the body).

They follow ``score_cleaning.py``, ``score_terms.py`` and ``check_accounting.py`` of the
shared tools, which ``bench/score_devsets.py`` still runs on the development sets.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
SEEDS = DATA / "gold" / "seeds"
TERMS_GOLD = DATA / "gold" / "terms-seeds.json"
METADATA_FIELDS = ("title", "date", "place", "speaker", "source_url")

_ORDINAL = re.compile(r"(\d)\^(st|nd|rd|th)\b")  # a text dump's superscript: 75^th
_SPACE_BEFORE_PUNCTUATION = re.compile(r" ([,.;:!?])")


def fold(text: str | None) -> str:
    """NFKC, superscript ordinals joined, white space folded, no space before punctuation."""
    text = _ORDINAL.sub(r"\1\2", unicodedata.normalize("NFKC", text or ""))
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))


def gold_seeds() -> list[dict[str, Any]]:
    """The gold of each bundled document, sorted by file name."""
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*.json"))]


def terms_gold() -> dict[str, Any]:
    return json.loads(TERMS_GOLD.read_text(encoding="utf-8"))


# --- cleaning --------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _words_in_order(needle: list[str], haystack: list[str]) -> bool:
    """Whether `needle` stands in `haystack` in order, other words allowed between."""
    position = 0
    for word in needle:
        try:
            position = haystack.index(word, position) + 1
        except ValueError:
            return False
    return True


def cleaning_failures(gold: Mapping[str, Any], doc: Mapping[str, Any]) -> list[str]:
    """What the exported `doc` gets wrong against its `gold`; empty when perfect."""
    title = fold(doc.get("title"))
    paragraphs = [str(p) for p in doc.get("paragraphs") or []]
    lines = [fold(line) for p in paragraphs for line in p.split("\n")]
    whole = "\n".join([title, *(fold(p) for p in paragraphs)])
    failures = []
    for paragraph in gold["keep"]:
        if paragraph in whole:
            continue
        junk = _words_in_order(_words(paragraph), _words(whole))
        failures.append(f"{'junk inside content' if junk else 'lost content'}: {paragraph[:70]!r}")
    kept_text = "\n".join(gold["keep"])
    for line in gold["drop"]:
        left_as_line = line == title or line in lines
        left_in_text = len(line) >= 12 and line in whole and line not in kept_text
        if left_as_line or left_in_text:
            failures.append(f"boilerplate left: {line[:70]!r}")
    failures += [f"artifact left: {piece!r}" for piece in gold.get("absent", []) if piece in whole]
    as_lines = [title, *lines]  # counted as whole lines: a caption quoting the title is no copy
    for line in gold.get("once", []):
        if as_lines.count(line) != 1:
            failures.append(f"expected once, found {as_lines.count(line)}x: {line[:60]!r}")
    for line in gold.get("at_most_once", []):
        if as_lines.count(line) > 1:
            failures.append(f"repeated {as_lines.count(line)}x: {line[:60]!r}")
    if gold.get("title") and title != fold(gold["title"]):
        failures.append(f"title {title[:60]!r} != {fold(gold['title'])[:60]!r}")
    if gold.get("title") is None and title in gold["drop"]:
        failures.append(f"title is boilerplate: {title!r}")
    if gold.get("date") and doc.get("date") != gold["date"]:
        failures.append(f"date {doc.get('date')!r} != {gold['date']!r}")
    return failures


# --- terms -----------------------------------------------------------------------------------


def _fold_name(name: Any) -> str:
    return " ".join(str(name or "").replace("-", " ").split()).casefold()


def _names(term: Mapping[str, Any]) -> set[str]:
    return {_fold_name(term.get("term")), *(_fold_name(a) for a in term.get("aliases") or [])}


def _documents(term: Mapping[str, Any]) -> set[str]:
    paths = (d if isinstance(d, str) else d.get("path", "") for d in term.get("documents") or [])
    return {Path(path).name for path in paths}


def _named(terms: Iterable[Mapping[str, Any]], name: str) -> list[Mapping[str, Any]]:
    return [term for term in terms if _fold_name(name) in _names(term)]


def terms_checks(gold: Mapping[str, Any]) -> int:
    """How many checks `gold` makes."""
    return sum(len(gold.get(kind, [])) for kind in ("acronyms", "entities", "links", "roles"))


def terms_failures(gold: Mapping[str, Any], terms: list[Mapping[str, Any]]) -> list[str]:
    """The gold checks the exported `terms` fail; empty when all pass."""
    failures = []
    for acronym in gold.get("acronyms", []):
        found = [t.get("expansion") for t in _named(terms, acronym["short"])]
        if _fold_name(acronym["long"]) not in {_fold_name(e) for e in found}:
            failures.append(f"acronym {acronym['short']} = {acronym['long']!r}; found {found}")
    for entity in gold.get("entities", []):
        spellings = {_fold_name(n) for n in [entity["name"], *entity.get("aliases", [])]}
        if not any(spellings <= _names(t) and set(entity["documents"]) <= _documents(t)
                   for t in _named(terms, entity["name"])):
            found = [(sorted(_names(t)), sorted(_documents(t))) for t in _named(terms, entity["name"])]
            failures.append(f"entity {entity['name']!r} in {entity['documents']}; found {found}")
    for link in gold.get("links", []):
        if not any(set(link["documents"]) <= _documents(t) for t in _named(terms, link["term"])):
            found = [sorted(_documents(t)) for t in _named(terms, link["term"])]
            failures.append(f"link {link['term']!r} across {link['documents']}; found {found}")
    for role in gold.get("roles", []):
        posts = [_fold_name(post) for t in _named(terms, role["name"])
                 for post in [t.get("role"), *(t.get("roles") or [])] if post]
        if not any(_fold_name(role["role"]) in post for post in posts):
            failures.append(f"role of {role['name']!r} = {role['role']!r}; found {posts}")
    return failures


# --- accounting ------------------------------------------------------------------------------


def unaccounted(raw_lines: list[str], kept: str, removed: Mapping[int, list[str]]) -> list[tuple[int, str]]:
    """(line number, line) of the non-blank raw lines found neither in `kept` (folded text) nor in
    `removed` (raw line number to the pieces removed from it), nor as a remainder in `kept`."""
    lost = []
    for number, line in enumerate(raw_lines, 1):
        folded, pieces = fold(line), removed.get(number, [])
        if not folded or folded in kept or any(fold(piece) == folded for piece in pieces):
            continue
        rest = line
        for piece in pieces:
            rest = rest.replace(piece, " ")
        if pieces and (not fold(rest) or fold(rest) in kept):
            continue
        lost.append((number, line))
    return lost


def unaccounted_lines(doc: Mapping[str, Any], raw: str) -> list[tuple[int, str]]:
    """The raw lines of the exported `doc` (its file's text: `raw`) it does not account for."""
    kept = "\n".join([*(fold(str(doc.get(f) or "")) for f in METADATA_FIELDS),
                      *(fold(p) for p in doc.get("paragraphs") or [])])
    removed: dict[int, list[str]] = {}
    for piece in doc.get("removed") or []:
        removed.setdefault(int(piece["line"]), []).append(piece["text"])
    return unaccounted(raw.splitlines(), kept, removed)


def count_raw_lines(raw: str) -> int:
    """The non-blank lines of a raw text, as the accounting counts them."""
    return sum(1 for line in raw.splitlines() if fold(line))
