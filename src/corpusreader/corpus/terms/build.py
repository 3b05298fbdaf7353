"""Run every extractor over a corpus and return their mentions, keyed.

Order matters: cards are masked out of the texts first; acronyms come next,
so that a long form (``Collective Security Treaty Organization``) is the
acronym's and not an organisation of its own; then one pass of capitalised
runs feeds people and entities; symbols, then people are resolved across the
corpus; named documents that differ only in small words are merged.

What reads each document on its own (symbols, phrase grams, where the long
forms stand) runs in worker processes on a large corpus (``terms_background``),
while this process does the rest; the mentions come out in the same order
either way, so the terms do too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from rapidfuzz import fuzz

from ..data import word_list
from ..model import Card, Document
from .acronyms import AcronymFinder
from .background import Background, Texts
from .cards import masked_texts
from .cyrillic import cyrillic_names
from .entities import DOCUMENT_HEADS, ORGANIZATION_HEADS, EntityFinder
from .mentions import RUN, Mention, Token, normal, run_tokens, texts_of
from .people import PeopleFinder
from .phrases import phrase_mentions

_TOKEN = re.compile(r"\S+")
GLUED = re.compile(r"([A-Z][a-z]+)[A-Z][a-z]")


def prepare(documents: list[Document]) -> tuple[list[list[tuple[int, str]]], list[list[Card]]]:
    """Every document's texts with glued cards blanked out, and all its cards."""
    all_texts, all_cards = [], []
    for document in documents:
        texts, found = masked_texts(texts_of(document))
        all_texts.append(texts)
        all_cards.append(list(document.cards) + found)
    return all_texts, all_cards


def extract(documents: list[Document]) -> list[Mention]:
    doc_texts, doc_cards = prepare(documents)
    background = Background(doc_texts)  # symbols, phrase grams, long forms: in workers when it pays
    try:
        finder = AcronymFinder(doc_texts)
        acronyms = finder.found()
        patterns = finder.patterns()
        background.find_long_forms(patterns)
        long_forms = {normal(m.expansion) for m in acronyms if m.expansion}
        long_forms |= {f + "s" for f in long_forms} | {f[:-1] for f in long_forms if f.endswith("s")}
        places = set(word_list("places"))
        for document in documents:
            if document.place:
                places.update(p.strip() for p in document.place.split(",") if p.strip())
        people = PeopleFinder()
        found = _read_runs(doc_texts, doc_cards, background.symbols(doc_texts), people,
                           EntityFinder(places, long_forms))
        mentions = acronyms + finder.long_form_mentions(background.long_form_spans(doc_texts, patterns),
                                                        acronyms)
        mentions.extend(found)
        mentions.extend(people.resolve(doc_texts))
        mentions.extend(phrase_mentions(doc_texts, mentions, background.phrase_grams(doc_texts)))
    finally:
        background.close()
    _merge_named_documents(mentions)
    return mentions


def _read_runs(doc_texts: list[Texts], doc_cards: list[list[Card]], doc_symbols: list[list[list[Mention]]],
               people: PeopleFinder, entities: EntityFinder) -> list[Mention]:
    """One pass of capitalised runs over every text: entities and symbols (returned, in
    reading order), names and cards (given to ``people``)."""
    mentions: list[Mention] = []
    reader = RunReader(people, entities)
    single_words = entities.single_places | DOCUMENT_HEADS
    for doc, texts in enumerate(doc_texts):
        by_paragraph = dict(texts)
        for number, (paragraph, text) in enumerate(texts):
            runs = list(RUN.finditer(text))
            for k, run in enumerate(runs):
                word = run.group()
                if " " not in word:  # most runs: one capitalised word, seldom a term
                    if word in single_words or "-" in word:
                        mentions.extend(entities.single(doc, paragraph, text, run.start(), run.end()))
                    continue
                names, found = reader.read(word)
                base = run.start()
                for template, given, surname, at_end in names:
                    mention = _placed(template, doc, paragraph, base)
                    if mention.role is None and at_end:
                        following, gap = _following(texts, number, runs, k)
                        mention.role = PeopleFinder.role_after(gap, following)
                    people.add(mention, given, surname)
                titled = _in_title_marks(text, run.start(), run.end())
                for template in found:
                    if titled and template.kind == "place" and template.end - template.start < len(word):
                        continue  # ``Moskovskiye Okna [Moscow Windows]``: a song, not Moscow
                    mention = _placed(template, doc, paragraph, base)
                    if mention.kind == "document":
                        entities.widen(text, mention)
                    mentions.append(mention)
            mentions.extend(doc_symbols[doc][number])
            for mention, given, surname in cyrillic_names(doc, paragraph, text):
                people.add(mention, given, surname)
        for card in doc_cards[doc]:
            card_text = by_paragraph.get(card.paragraph)
            if card.kind == "person":
                people.card(doc, card, card_text)
            else:
                mentions.extend(_glossary(doc, card, card_text))
    return mentions


class RunReader:
    """What a run of several capitalised words holds, read once per distinct run:
    names (with the post before them) and entities, at offsets in the run."""

    def __init__(self, people: PeopleFinder, entities: EntityFinder):
        self.people = people
        self.entities = entities
        self.seen: dict[str, tuple[list, list[Mention]]] = {}

    def read(self, run: str) -> tuple[list, list[Mention]]:
        known = self.seen.get(run)
        if known is None:
            tokens = _before_glued(Token(t.group(), t.start(), t.end()) for t in _TOKEN.finditer(run))
            names = self.people.names_in(run, tokens)
            spans = [(first, end) for _, _, _, first, end in names]
            found = [m for piece in _outside(tokens, spans) for m in self.entities.feed(-1, -1, run, piece)]
            known = ([(m, g, s, end == len(tokens)) for m, g, s, _, end in names], found)
            self.seen[run] = known
        return known


def _before_glued(tokens: Iterable[Token]) -> list[Token]:
    """A run stops at a card's glued junk (``SergeiDirector of the ...``): a given name
    with a capitalised word stuck to it; and before a closing ``and I`` (``the Executive
    Office and I personally``: the speaker, not a word of the name)."""
    out = []
    for token in tokens:
        glued = GLUED.match(token.text)
        if glued and glued.group(1) in word_list("given_names"):
            break
        out.append(token)
    while len(out) > 2 and out[-1].text == "I" and out[-2].connector:
        out = out[:-2]
    return out


_TITLE_MARKS = {"[": "]", "“": "”", "«": "»", "„": "“", "‘": "’", '"': '"', "'": "'"}


def _in_title_marks(text: str, start: int, end: int) -> bool:
    """Whether a run stands alone in brackets or quotes: a title (of a song, a film, a
    pipeline), so a place inside it is part of that name, not a mention of the place."""
    closing = _TITLE_MARKS.get(text[start - 1]) if start else None
    return closing is not None and text.startswith(closing, end)


def _placed(template: Mention, doc: int, paragraph: int, base: int) -> Mention:
    """A copy of a run's mention placed in a paragraph (``dataclasses.replace`` is slow)."""
    t = template
    return Mention(t.kind, t.key, t.surface, doc, paragraph, t.start + base, t.end + base, t.role,
                   t.expansion, t.weight, t.name)


def _following(texts: Texts, number: int, runs: list[re.Match[str]], k: int) -> tuple[list[Token] | None, str]:
    """The run after run ``k`` (as tokens) and the text between; past the paragraph's
    end, the next paragraph's first run when the paragraph ends in a comma (a signature)."""
    text = texts[number][1]
    if k + 1 < len(runs):
        return run_tokens(runs[k + 1]), text[runs[k].end():runs[k + 1].start()]
    tail = text[runs[k].end():]
    if tail.strip() == "," and number + 1 < len(texts):
        match = RUN.match(texts[number + 1][1])
        if match:
            return run_tokens(match), tail
    return None, ""


def _outside(tokens: list[Token], taken: list[tuple[int, int]]) -> Iterator[list[Token]]:
    """The pieces of a run between the names found in it."""
    start = 0
    for first, end in taken:
        if tokens[start:first]:
            yield tokens[start:first]
        start = end
    if tokens[start:]:
        yield tokens[start:]


def _glossary(doc: int, card: Card, text: str | None) -> list[Mention]:
    """A glossary card's term where it stands in its paragraph (acronyms are found anyway)."""
    if text is None or card.name.isupper():
        return []
    kind = "organization" if set(card.name.split()) & ORGANIZATION_HEADS else "phrase"
    where = text.find(card.name)
    if where < 0:
        return []
    return [Mention(kind, f"{kind}:{normal(card.name)}", card.name, doc, card.paragraph, where,
                    where + len(card.name), name=card.name)]


def _merge_named_documents(mentions: list[Mention]) -> None:
    """``Basic Principles of State Policy of the Russian Federation on ...`` and
    ``Basic Principles of State Policy in ...`` are one document: long names that
    share their first word and nearly all their words (rapidfuzz token set)."""
    counts: dict[str, int] = defaultdict(int)
    for m in mentions:
        if m.kind == "document" and "/" not in m.key and len(m.key.split()) >= 4:
            counts[m.key] += 1
    blocks: dict[str, list[str]] = defaultdict(list)
    for key in sorted(counts, key=lambda k: (-counts[k], k)):
        blocks[key.split(":", 1)[1].split()[0]].append(key)
    target: dict[str, str] = {}
    for keys in blocks.values():
        heads: list[str] = []
        for key in keys:
            head = next((h for h in heads if fuzz.token_set_ratio(h, key) >= 90), None)
            if head is None:
                heads.append(key)
            else:
                target[key] = head
    for m in mentions:
        m.key = target.get(m.key, m.key)
