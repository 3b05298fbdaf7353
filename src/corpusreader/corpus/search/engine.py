"""Run a parsed query (``search.query``) on a ``SearchIndex``: every hit, counted, ready to page through.

::

    results = run(index, "Patrushev statement year:2021 -Lavrov", aliases)   # never raises
    results.paragraphs, results.documents    # 312 paragraphs in 87 documents
    results.by_year, results.by_site         # [(year, documents)], [(site, documents)]
    results.page(0, 50, order="relevance")   # Hits; "newest" / "oldest"; grouped=True: one a document
    results.hints                            # what the query could not say, in a few words each

What is a hit: the query's words and phrases (each with its typos, other
spellings and long forms) must all stand in a document — in any paragraphs, its
title, place or speaker — and the document must pass the fields and dates and
hold no excluded word; then every paragraph of it that holds one of them is a
hit (a document found by its metadata alone has one hit, at its top). If no
document holds every word, those holding all but one are shown, else those
holding any, and a hint says so. A query of fields alone lists its documents.

All of it is bitmaps of paragraphs (``search.bits``, ``search.layout``): a
keystroke costs a few hundred big-integer operations, whatever the number of
hits; only the page shown is read word by word (``search.results``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import partial

from ..text import fold, split_words
from .aliases import Aliases
from .bits import bits_of, ids_of
from .index import SearchIndex
from .layout import Layout
from .query import Clause, DateRange, FieldFilter, ParsedQuery, parse
from .results import Results

PHRASE_SCAN = 200_000  # paragraphs read at most to verify one phrase


@dataclass(slots=True)
class Matched:
    """One clause of the query, resolved: the paragraphs holding it (``bits``; ``strong``: exactly),
    every paragraph of the documents holding it (``docs``), the words that matched and their weight."""

    label: str
    bits: int
    strong: int
    docs: int
    sims: dict[str, float] = field(default_factory=dict)  # every word that counts, for the score
    idf: float = 1.0
    phrases: list[tuple[str, ...]] = field(default_factory=list)  # highlighted only where whole
    phrase_words: set[str] = field(default_factory=set)  # words that count only inside a phrase

    @property
    def highlighted(self) -> dict[str, float]:
        """The words highlighted wherever they stand (not those of a phrase)."""
        return {word: sim for word, sim in self.sims.items() if word not in self.phrase_words}


def run(index: SearchIndex, query: str | ParsedQuery, aliases: Aliases | None = None,
        typing: bool = False) -> Results:
    """Every hit of ``query`` (a string, or already parsed) in ``index``; ``typing``: as in ``search``."""
    parsed = parse(query) if isinstance(query, str) else query
    aliases = aliases or Aliases()
    layout = index.layout
    hints = list(parsed.hints)
    if parsed.empty:
        return Results(index, parsed, [], 0, 0, hints)
    allowed = _allowed(index, parsed)
    matched = [_clause(index, parsed, clause, aliases, typing, number == len(parsed.include) - 1)
               for number, clause in enumerate(parsed.include)]
    matched = _join_long_forms(index, parsed.include, matched, aliases)
    if not matched:
        return Results(index, parsed, [], allowed & layout.starts, allowed & layout.starts, hints)
    total = max(1, index.paragraph_count)
    for each in matched:
        each.idf = math.log(1.0 + total / (1 + each.bits.bit_count()))
    region = allowed
    for each in matched:
        region &= each.docs
    if not region and len(matched) > 1:
        region, hint = _fewer_words(matched, allowed)
        if region:
            hints.append(hint)
    some = 0
    for each in matched:
        some |= each.bits
    hits = region & some
    by_metadata = region & layout.starts & ~layout.document_starts(hits)
    return Results(index, parsed, matched, hits | by_metadata, by_metadata, hints)


def _fewer_words(matched: list[Matched], allowed: int) -> tuple[int, str]:
    """The documents holding all words but one; else any of them."""
    region = 0
    for left_out in range(len(matched)):
        part = allowed
        for number, each in enumerate(matched):
            if number != left_out:
                part &= each.docs
        region |= part
    if region:
        return region, f"no document holds every word: those with {len(matched) - 1} of {len(matched)}"
    for each in matched:
        region |= each.docs & allowed
    return region, "no document holds every word: those with any of them"


def _allowed(index: SearchIndex, parsed: ParsedQuery) -> int:
    """The paragraphs of the documents that pass the fields and dates and hold no excluded clause."""
    layout = index.layout
    allowed = layout.all
    for dates in parsed.dates:
        allowed &= index.remembered(("dates", dates.start, dates.end, dates.negated), partial(_dated, layout, dates))
    for want in parsed.fields:
        bits = index.remembered(("field", want.name, *want.words), partial(_described, index, want))
        allowed &= ~bits if want.negated else bits
    for clause in parsed.exclude:
        found = _phrase_bits(index, clause.words) if clause.phrase else index.exact_bits(clause.words[0])
        allowed &= ~layout.spread(found)
    return allowed


def _dated(layout: Layout, dates: DateRange) -> int:
    return layout.documents_bits(doc for doc, day in enumerate(layout.dates) if dates.holds(day))


def _described(index: SearchIndex, want: FieldFilter) -> int:
    return index.layout.documents_bits(index.metadata.fields[want.name].all_of(want.words))


def _clause(index: SearchIndex, parsed: ParsedQuery, clause: Clause, aliases: Aliases, typing: bool,
            last: bool) -> Matched:
    layout = index.layout
    if clause.phrase:
        bits = _phrase_bits(index, clause.words)
        sims = {word: 1.0 for word in clause.words}
        for acronym in aliases.acronyms.get(tuple(clause.words), []):
            bits |= index.exact_bits(acronym)
            sims[acronym] = 1.0
        return Matched(clause.text, bits, bits, layout.spread(bits), sims, phrases=[tuple(clause.words)],
                       phrase_words=set(clause.words))
    word = clause.words[0]
    prefix = last and parsed.unfinished
    term = index.resolve_word(word, prefix, typing)
    bits, strong, sims = term.paragraphs, term.strong, dict(term.sims)
    sims.setdefault(word, 1.0)
    for variant in aliases.spellings.get(word, ()):
        found = index.exact_bits(variant)
        bits, strong, sims[variant] = bits | found, strong | found, 1.0
    long_forms = aliases.long_forms.get(word, [])
    for long_form in long_forms:
        found = _phrase_bits(index, list(long_form))
        bits, strong = bits | found, strong | found
        sims.update((part, max(sims.get(part, 0.0), 0.99)) for part in long_form)
    docs = layout.spread(bits)
    described = index.metadata.plain(word, prefix)
    if described:
        docs |= layout.documents_bits(described)
    return Matched(clause.text, bits, strong, docs, sims, phrases=list(long_forms),
                   phrase_words={part for long_form in long_forms for part in long_form} - set(term.sims) - {word})


def _join_long_forms(index: SearchIndex, clauses: list[Clause], matched: list[Matched],
                     aliases: Aliases) -> list[Matched]:
    """Bare words that spell a long form (open ended working group) also find its acronym: one clause."""
    if not aliases.acronyms:
        return matched
    joined: list[Matched] = []
    at = 0
    while at < len(matched):
        for end in range(len(matched), at + 1, -1):
            words = tuple(word for clause in clauses[at:end] if not clause.phrase for word in clause.words)
            if end - at == len(words) and words in aliases.acronyms:
                joined.append(_either(index, matched[at:end], aliases.acronyms[words]))
                at = end
                break
        else:
            joined.append(matched[at])
            at += 1
    return joined


def _either(index: SearchIndex, parts: list[Matched], acronyms: list[str]) -> Matched:
    """All of ``parts`` in a document, or one of the ``acronyms``."""
    bits = strong = 0
    docs = index.layout.all
    sims: dict[str, float] = {}
    either = Matched(" ".join(part.label for part in parts), 0, 0, 0)
    for part in parts:
        bits, strong, docs = bits | part.bits, strong | part.strong, docs & part.docs
        sims.update(part.sims)
        either.phrases += part.phrases
        either.phrase_words |= part.phrase_words
    for acronym in acronyms:
        found = index.exact_bits(acronym)
        bits, strong, docs = bits | found, strong | found, docs | index.layout.spread(found)
        sims[acronym] = 1.0
    either.bits, either.strong, either.docs, either.sims = bits, strong, docs, sims
    return either


def _phrase_bits(index: SearchIndex, words: list[str]) -> int:
    """The paragraphs holding ``words`` (folded) one after another."""
    if len(words) == 1:
        return index.exact_bits(words[0])
    return index.remembered(("phrase", *words), lambda: _verified(index, words))


def _verified(index: SearchIndex, words: list[str]) -> int:
    candidates = index.layout.all
    for word in sorted(set(words), key=len, reverse=True):
        candidates &= index.exact_bits(word)
        if not candidates:
            return 0
    pattern = re.compile(r"(?<!\S)" + r"\s+".join(map(re.escape, words)) + r"(?!\S)")
    found = []
    for pid in ids_of(candidates, PHRASE_SCAN):
        text = index.locate(pid)[2]
        if pattern.search(" ".join(split_words(fold(text)))):
            found.append(pid)
    return bits_of(found, index.paragraph_count)
