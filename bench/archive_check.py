#!/usr/bin/env python3
"""A corpus-wide check of the faults a cleaner adds up on a whole archive (issue 10).

Usage (from the repository root, with the project's venv):
    .venv/bin/python bench/archive_check.py FOLDER [FOLDER ...] [--examples 3] [--no-single]

Each folder is read as one corpus (as a user opens it: the corpus's repeated
lines are its template) and, unless ``--no-single``, each page once more alone
(for the place a page states that the folder loses). It counts, with up to
``--examples`` paths each:

- ``no title``: pages without a title;
- ``site line as title``: a title that is (or whose first raw line is) a
  template line of the corpus (digits masked) which more pages carry as chrome
  than as their title, or a line naming a known site (``data/sites.json``);
- ``tag bullets at the end``: the body ends with a run of short bullet lines
  (``• Uganda``, ``• Shoigu Sergei``);
- ``card residue``: a name repeated or reversed in the kept text
  (``Bortnikov Bortnikov Alexander``, ``Alexander Bortnikov Bortnikov Alexander``);
- ``glossary card``: a "Background information" label left in the kept text;
- ``sentence loses a name``: a name the raw line says twice in a row (as a
  hover card does), none of whose words the cleaned paragraph of that line
  still holds;
- ``place is a kind of text``: a place that is a genre word ("Announcement");
- ``place lost in the folder``: a place found on the page alone, not in the folder.

The checks read the cleaned documents only through what the engine gives a
reader (title, place, paragraphs and their raw lines): they do not reuse the
cleaner's own tests. This is a benchmark, not a unit test.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from corpusreader.corpus.cleaning.cleaner import clean, line_keys, template_from
from corpusreader.corpus.cleaning.sites import site_of
from corpusreader.corpus.data import word_list
from corpusreader.corpus.loading.files import discover, read
from corpusreader.corpus.model import Document, RawDocument
from corpusreader.corpus.text import FUNCTION_WORDS, line_key

KINDS = (
    "no title",
    "site line as title",
    "tag bullets at the end",
    "card residue",
    "glossary card",
    "sentence loses a name",
    "place is a kind of text",
    "place lost in the folder",
)
GENRE_WORDS = word_list("genre_words") | {"announcement", "announcements", "news", "events"}
GLOSSARY_LABELS = ("Background information", "Справочная информация")
_BULLET = re.compile(r"^\s*[•·▪►▸◦●■□‣⁃∙]\s*")
_WORD = re.compile(r"[^\W\d_][\w’'\-]*")
_CAPITAL = re.compile(r"[A-ZА-ЯЁ][\w’'\-]+")
# A capitalised word said twice in a row, or two said again in the same or the reverse order.
_DOUBLED = re.compile(r"\b(?P<a>[A-ZА-ЯЁ][a-zа-яё’'\-]{2,}) (?P=a)\b")
_PAIR_AGAIN = re.compile(
    r"\b(?P<a>[A-ZА-ЯЁ][a-zа-яё’'\-]+) (?P<b>[A-ZА-ЯЁ][a-zа-яё’'\-]+) (?:(?P=a) (?P=b)|(?P=b) (?P=a))\b"
)


@dataclass
class Tally:
    pages: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    examples: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in KINDS})

    def add(self, kind: str, path: str, detail: str, limit: int) -> None:
        self.counts[kind] += 1
        if len(self.examples[kind]) < limit:
            self.examples[kind].append(f"{Path(path).name}: {detail[:140]}")


def _tags_at_end(document: Document) -> list[str]:
    """The short bullet lines the body ends with."""
    tags: list[str] = []
    for paragraph in reversed(document.paragraphs):
        if not _BULLET.match(paragraph) or len(paragraph.split()) > 6 or paragraph.rstrip()[-1:] in ".!?;:":
            break
        tags.insert(0, paragraph)
    return tags


def _residue(text: str) -> str | None:
    for pattern in (_PAIR_AGAIN, _DOUBLED):
        match = pattern.search(text)
        if match and not all(w.lower() in FUNCTION_WORDS for w in match.group().split()):
            return match.group()
    return None


def _tokens(text: str) -> list[str]:
    """Words, with a card's post glued to a name split off (``DonaldPresident``) and possessives dropped."""
    glued = re.sub(r"(?<=[a-zа-яё])(?=[A-ZА-ЯЁ])", " ", text)
    return [re.sub(r"[’']s?$", "", w) for w in _WORD.findall(glued)]


def _card_names(line: str) -> list[tuple[str, ...]]:
    """The names a hover card repeats in a raw line: one to four capitalised words said twice in a row."""
    tokens = _tokens(line)
    names: list[tuple[str, ...]] = []
    for i in range(len(tokens)):
        for k in range(1, 5):
            name = tuple(tokens[i : i + k])
            if len(name) < k or tuple(tokens[i + k : i + 2 * k]) != name:
                continue
            if all(w[:1].isupper() and w.lower() not in FUNCTION_WORDS for w in name) and name not in names:
                names.append(name)
    return names


def _paragraph_of_line(document: Document, line: int) -> str | None:
    """The kept text the raw ``line`` (1-based) stands in: a paragraph or the title."""
    if document.title_line == line:
        return document.title
    found = None
    for first, text in zip(document.paragraph_lines, document.paragraphs):
        if first > line:
            break
        found = text
    return found


def _lost_names(raw: RawDocument, document: Document) -> list[str]:
    """Names a raw line with a name card holds that its cleaned paragraph does not."""
    lines = raw.text.splitlines()
    carded = sorted({r.line for r in document.removed if r.is_fragment and r.reason == "name card"})
    lost: list[str] = []
    for number in carded:
        kept = _paragraph_of_line(document, number) or ""
        kept_words = set(_tokens(kept))
        missing = [" ".join(n) for n in _card_names(lines[number - 1]) if not kept_words.intersection(n)]
        if missing:
            lost.append(f"line {number}: {', '.join(missing)}")
    return lost


@dataclass(frozen=True)
class SiteLines:
    """Which titles are site lines: a known site's line, or a template line of the corpus that more
    pages carry as chrome than as their title (a meeting's name that many pages share is a title)."""

    template: frozenset[str]
    pages: Counter[str]
    titled: Counter[str]

    def holds(self, title: str, first_line: str) -> bool:
        """``first_line``: the title's first raw line (a site line may be hard-wrapped: "Legal / and technical")."""
        chrome = any(key in self.template and self.pages[key] > 2 * self.titled[key]
                     for key in {line_key(title), line_key(first_line)})
        return chrome or site_of([title]) is not None


def _title_first_line(raw: RawDocument, document: Document) -> str:
    lines = raw.text.splitlines()
    line = document.title_line or 0
    return lines[line - 1] if 0 < line <= len(lines) else ""


def check_document(raw: RawDocument, folder: Document, alone: Document | None, site_lines: SiteLines,
                   tally: Tally, limit: int) -> None:
    path = raw.path
    tally.pages += 1
    if not folder.title:
        tally.add("no title", path, "(none)", limit)
    elif site_lines.holds(folder.title, _title_first_line(raw, folder)):
        tally.add("site line as title", path, folder.title, limit)
    tags = _tags_at_end(folder)
    if tags:
        tally.add("tag bullets at the end", path, " | ".join(tags), limit)
    kept = [folder.title or "", *folder.paragraphs]
    residue = next((r for r in map(_residue, kept) if r), None)
    if residue:
        tally.add("card residue", path, residue, limit)
    glossary = next((t for t in kept if any(label in t for label in GLOSSARY_LABELS)), None)
    if glossary:
        tally.add("glossary card", path, glossary, limit)
    lost = _lost_names(raw, folder)
    if lost:
        tally.add("sentence loses a name", path, "; ".join(lost), limit)
    if folder.place and folder.place.strip().lower() in GENRE_WORDS:
        tally.add("place is a kind of text", path, folder.place, limit)
    if alone is not None and alone.place and not folder.place:
        tally.add("place lost in the folder", path, alone.place, limit)


def _clean_pair(args: tuple[list[RawDocument], frozenset[str], bool]) -> list[tuple[Document, Document | None]]:
    raws, template, single = args
    return [(clean(raw, template), clean(raw) if single else None) for raw in raws]


def cleaned(raws: list[RawDocument], template: frozenset[str], single: bool,
            workers: int) -> Iterator[tuple[Document, Document | None]]:
    chunks = [raws[i : i + 50] for i in range(0, len(raws), 50)]
    if workers <= 1:
        for chunk in chunks:
            yield from _clean_pair((chunk, template, single))
        return
    with ProcessPoolExecutor(workers) as pool:
        for result in pool.map(_clean_pair, [(chunk, template, single) for chunk in chunks]):
            yield from result


def check_folder(folder: str, single: bool, limit: int, workers: int) -> tuple[Tally, float]:
    sources, problems, _ = discover([folder])
    raws = [r for r in map(read, sources) if isinstance(r, RawDocument)]
    started = time.perf_counter()
    keys = [line_keys(raw) for raw in raws]
    template = template_from(keys)
    documents = list(cleaned(raws, template, single, workers))
    pages = Counter(key for page in keys for key in page if key in template)
    titled = Counter(key for raw, (doc, _) in zip(raws, documents) if doc.title
                     for key in {line_key(doc.title), line_key(_title_first_line(raw, doc))})
    site_lines = SiteLines(template, pages, titled)
    tally = Tally()
    for raw, (folder_doc, alone) in zip(raws, documents):
        check_document(raw, folder_doc, alone, site_lines, tally, limit)
    return tally, time.perf_counter() - started


def report(folder: str, tally: Tally, seconds: float) -> str:
    out = [f"{folder}: {tally.pages} pages ({seconds:.0f} s)"]
    for kind in KINDS:
        share = 100 * tally.counts[kind] / max(1, tally.pages)
        out.append(f"  {kind:<26} {tally.counts[kind]:>6}  ({share:.1f} %)")
        out.extend(f"      {example}" for example in tally.examples[kind])
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--examples", type=int, default=3, help="example paths a kind (default 3)")
    parser.add_argument("--no-single", action="store_true", help="do not clean each page alone as well")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    for folder in args.folders:
        tally, seconds = check_folder(folder, not args.no_single, args.examples, args.workers)
        print(report(folder, tally, seconds), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
