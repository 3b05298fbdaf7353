"""Acronyms and their long forms.

Three ways to learn a long form, in order of trust:

1. a definition: ``Open-ended Working Group (OEWG)`` or ``NATO (North Atlantic
   Treaty Organization)``, checked by initials;
2. a phrase standing alone, in a document that also uses the acronym, whose
   initials spell it: ``information and communication technologies`` is ICT,
   ``Collective Security Treaty Organization`` is CSTO, ``UN General Assembly``
   is UNGA (a known acronym may stand for its letters);
3. none: ``BRICS`` stays an acronym without expansion.

Then the long form is found wherever it stands in the corpus, so an acronym and
its long form are one term in every document. ``ICTs`` is ICT.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Container

from ..data import word_list
from .mentions import Mention, normal, stopwords, stopwords_any_language

# The capital before the look-behind (not preceded by [\w/.&-]): the engine then skips to capitals.
# Latin or Cyrillic capitals (``ОДКБ``); the capital before the look-behind (not preceded by
# [\w/.&-]): the engine then skips to capitals.
ACRONYM = re.compile(r"([A-ZА-ЯЁ](?<![\w/.&-][A-ZА-ЯЁ])[A-ZА-ЯЁ0-9&]*[A-ZА-ЯЁ0-9])(s)?(?![\w&]|\.\d|-\d)")
DEFINED_AFTER = re.compile(r"\(\s*([A-ZА-ЯЁ][A-Za-zА-ЯЁа-яё0-9&]*[A-ZА-ЯЁ0-9])s?\s*\)")
DEFINED_BEFORE = re.compile(r"(?<![\w/.])([A-ZА-ЯЁ][A-ZА-ЯЁ0-9&]*[A-ZА-ЯЁ0-9])s?\s+\(([^()]{3,120})\)")
# One acronym in the other script in brackets after another: ``ОДКБ (CSTO)``, ``CSTO (ОДКБ)``.
_CAPITALS = r"[A-ZА-ЯЁ][A-ZА-ЯЁ0-9&]*[A-ZА-ЯЁ0-9]"
PAIRED = re.compile(rf"(?<![\w/.])({_CAPITALS})\s*\(\s*({_CAPITALS})\s*\)")
LATIN = re.compile(r"[A-Z]")
MODEL = re.compile(r"(?!G\d{1,2}$)(?:[A-Z]\d+|[A-Z]{1,3}\d{3,})$")
"""A designation or code, not an acronym, unless a document defines it: 1-3 capitals and 3 digits or
more (``PV300``, ``A320``), or one capital and digits (a highway ``M10``, a category ``R1``). A group
of countries (``G7``, ``G20``) is the one acronym of this shape; 2-3 capitals and a digit or two are
names as often as codes (``MI6``, ``COP26``, ``TF1``) and stay acronyms."""
ROMAN = re.compile(r"^M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
QUOTES = "\"“”«»'‘’"
SEPARATOR = r"(?:[\s-]+(?:(?:and|of|the|for|on|in|to|&|и|о|об|по|в|на|для)\s+){0,2})"
STANDING_SEPARATOR = r"(?:[\s-]+(?:(?:and|of|for|&)\s+)?)"  # stricter where no definition vouches
MAX_BARE_LENGTH = 6  # an all-capital word longer than this, never defined, is a name, not an acronym
ASSOCIATION = 1 / 3  # of the documents where a standing long form stands, the share that must use the
# acronym too: ``Mr President`` stands in hundreds of documents and MP in a few
SEARCH_DOCS = 200  # documents tried per acronym when looking for a standing long form; in a
# large corpus the form must stand in a few of them (a chance phrase stands in one)


def _letter(ch: str) -> str:
    return f"[{ch}{ch.lower()}][\\w'’]*(?:-[\\w'’]+)?" if ch.isalpha() else re.escape(ch)


def initials_pattern(acronym: str, known: Container[str] = frozenset(), sep: str = SEPARATOR) -> str:
    """A regular expression for phrases whose initials spell ``acronym``; a known
    shorter acronym (in ``known``, any container) may stand for its own letters
    (``UN General Assembly``)."""
    branches = [sep.join(_letter(c) for c in acronym)]
    for cut in range(2, len(acronym)):
        if acronym[:cut] in known:
            rest = sep.join(_letter(c) for c in acronym[cut:])
            branches.append(f"{re.escape(acronym[:cut])}{sep}{rest}")
    return "(?:" + "|".join(branches) + ")"


def _plausible(phrase: str, acronym: str, strict: bool) -> bool:
    """A long form neither starts nor ends with a small word; when it was not
    given as a definition, a two-letter acronym needs capitalised words."""
    words = phrase.replace("-", " ").split()
    if len(words) < 2 or words[0].casefold() in stopwords() or words[-1].casefold() in stopwords():
        return False
    ends = phrase.split()  # a small word of any language, not an acronym (EU) nor part of a compound
    if any(w.casefold() in stopwords_any_language() and not w.isupper() for w in (ends[0], ends[-1])):
        return False  # ``das ist nicht`` is no DIN
    if any(w in word_list("honorifics") for w in words):
        return False  # ``Mr President`` is no MP
    if any(len(w) > 1 and w.isupper() for w in words[1:]) or words[0] == acronym:
        return False  # ``International IT`` does not spell IT
    if strict and len(acronym) < 3:
        return all(w[0].isupper() for w in words if w.casefold() not in stopwords())
    return True


def letters_from(acronym: str, text: str) -> int | None:
    """Where a long form for ``acronym`` starts at the end of ``text`` when its letters
    stand in order in the words, the first at a word's start (``Eurasian Economic
    Union`` is EAEU); None when they do not (after Schwartz and Hearst, 2003)."""
    short, at = acronym.casefold(), len(text) - 1
    lowered = text.casefold()
    for position in range(len(short) - 1, -1, -1):
        letter = short[position]
        if not letter.isalnum():
            continue
        while at >= 0 and (lowered[at] != letter or
                           (position == 0 and at > 0 and lowered[at - 1].isalnum())):
            at -= 1
        if at < 0:
            return None
        at -= 1
    start = at + 1
    return start if start == 0 or not lowered[start - 1].isalnum() else None


def _spelled(long_form: str) -> str:
    return r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", long_form))


def _is_acronym_token(text: str, token: str, start: int, end: int) -> bool:
    if ROMAN.match(token) and set(token) <= set("IVXLCDM"):
        return False
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before and after and before in QUOTES and after in QUOTES:
        return False
    return not (token.casefold() in stopwords_any_language() and _shouted(text, start, end))


def _shouted(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) stands among words in capitals (``STATEMENT OF
    THE MINISTRY``): a small word there is a heading's, not an acronym."""
    before = text[max(0, start - 40):start].split()
    after = text[end:end + 40].split()
    near = [before[-1] if before else "", after[0] if after else ""]
    return any(len(w.strip(".,:;!?\"'()")) > 1 and w.strip(".,:;!?\"'()").isupper() for w in near)


class AcronymFinder:
    """Finds acronyms and long forms over a list of documents: ``mentions()``."""

    def __init__(self, texts: list[list[tuple[int, str]]]):
        self.texts = texts  # per document: (paragraph, text), the title as -1
        self.bare: dict[str, list[Mention]] = defaultdict(list)
        self.defined: dict[str, Counter] = defaultdict(Counter)
        self.long_mentions: list[Mention] = []
        self.expansions: dict[str, str] = {}  # acronym -> long form, once ``found``
        self.paired: Counter = Counter()  # (Cyrillic, Latin) -> pages that write one in brackets after the other
        self.paired_on: set[tuple[int, str, str]] = set()
        self.same_as: dict[str, str] = {}  # a Cyrillic acronym -> its Latin one, once ``found``

    def mentions(self) -> list[Mention]:
        """Every acronym mention, long forms included (all in this process)."""
        found = self.found()
        return found + self.long_form_mentions(long_form_spans(self.texts, self.patterns()), found)

    def found(self) -> list[Mention]:
        """The acronyms and their definitions, each with its expansion (kept in
        ``self.expansions``); ``patterns`` then says how to find the long forms."""
        for index, texts in enumerate(self.texts):
            self._scan(index, texts)
        known = frozenset(self.bare)
        expansions = {a: forms.most_common(1)[0][0] for a, forms in self.defined.items()}
        expansions.update(self._standing_long_forms(known, expansions))
        keep = [a for a in self.bare  # in order of first appearance (a set's order changes per run)
                if a in expansions or (len(a) <= MAX_BARE_LENGTH and not a.isdigit() and not MODEL.match(a))]
        out = [m for a in keep for m in self.bare[a]]
        out.extend(m for m in self.long_mentions if m.key[8:] in expansions)
        for mention in out:
            mention.expansion = expansions.get(mention.key[8:])
        self.expansions = expansions
        self.same_as = self._same_as()
        return self._one_key(out)

    def _same_as(self) -> dict[str, str]:
        """Each Cyrillic acronym a page pairs with a Latin one (``ОДКБ (CSTO)``) to the Latin one
        it is paired with most (then the first in the alphabet)."""
        best: dict[str, tuple[int, str]] = {}
        for (cyrillic, latin), pages in sorted(self.paired.items()):
            if cyrillic in self.bare and latin in self.bare and pages > best.get(cyrillic, (0, ""))[0]:
                best[cyrillic] = (pages, latin)
        return {cyrillic: latin for cyrillic, (_, latin) in best.items()}

    def _one_key(self, mentions: list[Mention]) -> list[Mention]:
        """The mentions of a paired Cyrillic acronym (its long form too) keyed as its Latin one:
        one term, the Cyrillic spellings its aliases."""
        for mention in mentions:
            latin = self.same_as.get(mention.key[8:])
            if latin is not None:
                mention.key = f"acronym:{latin}"
                mention.expansion = self.expansions.get(latin, mention.expansion)
        return mentions

    # -- pass 1: every all-capital word and every definition
    def _scan(self, index: int, texts: list[tuple[int, str]]) -> None:
        for paragraph, text in texts:
            for match in ACRONYM.finditer(text):
                token = match.group(1)
                if _is_acronym_token(text, match.group(), match.start(), match.end()):
                    self.bare[token].append(Mention("acronym", f"acronym:{token}", match.group(),
                                                    index, paragraph, match.start(), match.end()))
            if "(" in text:
                self._definitions(index, paragraph, text)
                self._pairs(index, text)

    def _pairs(self, index: int, text: str) -> None:
        """``ОДКБ (CSTO)``: the same acronym in both scripts, counted once a page."""
        for match in PAIRED.finditer(text):
            one, other = match.groups()
            if bool(LATIN.match(one)) != bool(LATIN.match(other)):
                cyrillic, latin = (other, one) if LATIN.match(one) else (one, other)
                if (index, cyrillic, latin) not in self.paired_on:
                    self.paired_on.add((index, cyrillic, latin))
                    self.paired[(cyrillic, latin)] += 1

    def _definitions(self, index: int, paragraph: int, text: str) -> None:
        for match in DEFINED_AFTER.finditer(text):
            acronym = match.group(1)
            if not acronym.isupper():
                continue
            first = max(0, match.start() - 160)
            window = text[first:match.start()]
            found = re.search(initials_pattern(acronym, self.bare) + r"\s*$", window)
            if found and _plausible(found.group(), acronym, strict=False):
                start = match.start() - len(window) + found.start()
                self._define(acronym, found.group().strip(), index, paragraph, start)
                continue
            window = window.rstrip()
            words = window.split()[-min(len(acronym) + 5, 2 * len(acronym)):]
            tail = " ".join(words)
            at = letters_from(acronym, tail)
            if at is not None and window.endswith(tail) and _plausible(tail[at:], acronym, strict=False):
                start = first + len(window) - len(tail) + at
                self._define(acronym, tail[at:], index, paragraph, start)
        for match in DEFINED_BEFORE.finditer(text):
            acronym, inner = match.group(1), match.group(2).strip()
            if (re.fullmatch(initials_pattern(acronym, self.bare), inner)
                    or letters_from(acronym, inner) == 0) and _plausible(inner, acronym, strict=False):
                self._define(acronym, inner, index, paragraph, match.start(2) + match.group(2).find(inner))

    def _define(self, acronym: str, long_form: str, index: int, paragraph: int, start: int) -> None:
        self.defined[acronym][long_form] += 1
        self.long_mentions.append(Mention("acronym", f"acronym:{acronym}", long_form, index,
                                          paragraph, start, start + len(long_form)))

    # -- pass 2: long forms standing alone in documents that use the acronym
    def _standing_long_forms(self, known: frozenset[str], defined: dict) -> dict[str, str]:
        found: dict[str, str] = {}
        for acronym, mentions in self.bare.items():
            if acronym in defined or not acronym.isalpha() or len(acronym) > 8:
                continue
            pattern = re.compile(rf"(?<![\w-]){initials_pattern(acronym, known, STANDING_SEPARATOR)}(?![\w-])")
            searched = list(dict.fromkeys(m.doc for m in mentions))[:SEARCH_DOCS]
            spellings: Counter = Counter()
            in_docs: Counter = Counter()  # normal() form -> documents that hold it
            uses: Counter = Counter()  # normal() form -> times it stands
            for doc in searched:
                here: dict[str, None] = {}  # this document's forms in order (a set's order changes per run)
                for _, text in self.texts[doc]:
                    for match in pattern.finditer(text):
                        if _plausible(match.group(), acronym, strict=True):
                            spellings[match.group()] += 1
                            form = normal(match.group())
                            uses[form] += 1
                            here[form] = None
                in_docs.update(list(here))
            if in_docs:
                # in the most documents, then standing most often, then the first found
                rank = {form: (count, uses[form]) for form, count in in_docs.items()}
                best = max(rank, key=rank.__getitem__)
                runner_up = max((count for form, count in in_docs.items() if form != best), default=0)
                enough = 1 + (len(searched) >= 20) + (len(searched) >= 100)
                if in_docs[best] > runner_up and in_docs[best] >= enough:  # a clear best candidate
                    found[acronym] = max((f for f in spellings if normal(f) == best), key=spellings.__getitem__)
        return found

    # -- pass 3: every standing long form, in every document
    def patterns(self) -> list[tuple[str, str, int, re.Pattern]]:
        """Per long form: its acronym, its rarest word (folded), how far around that word
        it may reach, and its regular expression (for ``long_form_spans``)."""
        expansions = self.expansions
        patterns = []
        for acronym, long_form in expansions.items():
            words = re.split(r"[\s-]+", long_form)
            probe = max(words, key=len).casefold().rstrip("s")
            last = words[-1]
            last = (re.escape(last[:-3]) + "(?:y|ies)") if last.endswith("ies") else \
                re.escape(last[:-1] if last.endswith("s") else last) + "s?"
            parts = [f"(?:{re.escape(w)}|{_spelled(expansions[w])})" if w in expansions and w != acronym
                     else re.escape(w) for w in words[:-1]]
            body = r"[\s-]+".join(parts + [last])
            reach = 2 * len(long_form) + 40
            patterns.append((acronym, probe, reach,
                             re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)))
        return patterns

    def long_form_mentions(self, spans: list[tuple[int, int, int, int, int]],
                           found: list[Mention]) -> list[Mention]:
        """Mentions for ``long_form_spans(texts, self.patterns())``, less the places of ``found``;
        a standing long form that stands mostly without its acronym is dropped (``unassociated``)."""
        taken = {(m.doc, m.paragraph, m.start) for m in found}
        acronyms = list(self.expansions)
        dropped = self.unassociated(spans, acronyms)
        for mention in found:
            if mention.key[8:] in dropped:
                mention.expansion = None
        out: list[Mention] = []
        for k, index, number, start, end in spans:  # (keyed as the Latin acronym by ``_one_key`` below)
            paragraph, text = self.texts[index][number]
            if (index, paragraph, start) not in taken and acronyms[k] not in dropped:
                acronym = acronyms[k]
                out.append(Mention("acronym", f"acronym:{acronym}", text[start:end], index, paragraph,
                                   start, end, expansion=self.expansions[acronym]))
        return self._one_key(out)


    def unassociated(self, spans: list[tuple[int, int, int, int, int]], acronyms: list[str]) -> set[str]:
        """The acronyms whose long form no definition gave and that stands in too many
        documents without the acronym (fewer than ``ASSOCIATION`` of them use it): no
        clear candidate. They are taken out of ``self.expansions``."""
        stands_in: dict[str, set[int]] = defaultdict(set)
        for k, index, _, _, _ in spans:
            stands_in[acronyms[k]].add(index)
        dropped = set()
        for acronym in acronyms:
            if acronym in self.defined or not stands_in[acronym]:
                continue
            using = {m.doc for m in self.bare[acronym]}
            if len(stands_in[acronym] & using) < ASSOCIATION * len(stands_in[acronym]):
                dropped.add(acronym)
                del self.expansions[acronym]
        return dropped


def long_form_spans(doc_texts: list[list[tuple[int, str]]],
                    patterns: list[tuple[str, str, int, re.Pattern]]) -> list[tuple[int, int, int, int, int]]:
    """Where the long forms stand: (pattern number, document, text number in the document,
    start, end), in reading order. Needs nothing but the texts and the patterns, so a worker
    process can do it (``terms_background``)."""
    out: list[tuple[int, int, int, int, int]] = []
    for index, texts in enumerate(doc_texts):
        lowered = [text.casefold() for _, text in texts]
        for number, found in _probed(lowered, patterns):
            text = texts[number][1]
            for k in found:
                _, probe, reach, pattern = patterns[k]
                out.extend((k, index, number, start, end)
                           for start, end in _around(text, lowered[number], probe, reach, pattern))
    return out


def _probed(lowered: list[str], patterns: list[tuple]) -> list[tuple[int, list[int]]]:
    """The paragraphs (by number, in order) where a pattern's probe word stands, each with
    those patterns' numbers (in order): one search of the document's text per pattern."""
    joined = "\n".join(lowered)  # a probe holds no line break: a hit is in one paragraph
    starts, position = [], 0
    for text in lowered:
        starts.append(position)
        position += len(text) + 1
    hits: dict[int, set[int]] = defaultdict(set)
    for k, (_, probe, _, _) in enumerate(patterns):
        at = joined.find(probe)
        while at >= 0:
            number = bisect_right(starts, at) - 1
            hits[number].add(k)
            if number + 1 >= len(starts):
                break
            at = joined.find(probe, starts[number + 1])
    return [(number, sorted(hits[number])) for number in sorted(hits)]


def _around(text: str, lowered: str, probe: str, reach: int, pattern: re.Pattern) -> list[tuple[int, int]]:
    """The matches of ``pattern`` near the places where its rarest word stands:
    a few short searches instead of a scan of every paragraph."""
    at = lowered.find(probe)
    if at < 0:
        return []
    if len(lowered) != len(text):
        return [m.span() for m in pattern.finditer(text)]
    found: set[tuple[int, int]] = set()
    while at >= 0:
        found.update(m.span() for m in pattern.finditer(text, max(0, at - reach), at + reach))
        at = lowered.find(probe, at + 1)
    return sorted(found)
