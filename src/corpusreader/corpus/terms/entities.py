"""Organisations, places, events and named documents, read from capitalised runs.

A run (``mentions.RUN``), less the people's names in it, is split into
segments; a segment's *head* word says what it is:

- a document: ``Convention``, ``Agreement``, ``Treaty``, ``Basic Principles`` ...
  (``Basic Principles of State Policy ...``, ``2017 Agreement among the ...``);
- an event: ``Forum``, ``Summit``, ``Conference`` ... or a name with a year
  (``INFOFORUM-2022``);
- an organisation: ``Council``, ``Committee``, ``Ministry``, ``Service`` ...
  (posts are trimmed: ``Security Council Secretary`` is the ``Security Council``);
- a place: a name from ``data/places.txt`` or from a document's dateline, unless it
  ends a longer name (``Power of Siberia``, a pipeline): after ``of`` it is the place only
  behind a post, an institution or a word for a state or a part of one (``President of
  Russia``, ``Republic of Korea``, ``North of Russia``).

An organisation is never led by a word for a kind of text (``Interview to TASS News
Agency``, a heading, is ``TASS News Agency``; ``Meeting of the Security Council`` is the
``Security Council``), nor a generic body made only of institution words (``Board of
Directors``, ``Management Board``).

The word lists are in this module's head; they are short and general.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ..data import entries, word_list
from .mentions import Mention, Token, normal, stopwords, strip_possessive

DOCUMENT_HEADS = frozenset({
    "Convention", "Conventions", "Agreement", "Agreements", "Treaty", "Treaties", "Charter",
    "Declaration", "Protocol", "Doctrine", "Strategy", "Concept", "Principles", "Memorandum",
    "Statute", "Pact", "Accord", "Accords", "Covenant", "Code", "Programme", "Program", "Roadmap",
    "Communique", "Communiqué", "Statement", "Resolution", "Constitution", "Act", "Fundamentals", "Foundations",
})
EVENT_HEADS = frozenset({
    "Forum", "Summit", "Conference", "Congress", "Festival", "Exhibition", "Expo", "Games",
    "Olympics", "Olympiad", "Week", "Readings", "Championship", "Marathon", "Parade", "Dialogue",
})
ORGANIZATION_HEADS = frozenset({
    "Council", "Committee", "Ministry", "Organization", "Organisation", "Service", "Office",
    "Agency", "Assembly", "Union", "Association", "Commission", "Group", "Mission", "Court",
    "Bank", "Fund", "Duma", "Parliament", "Institute", "University", "Academy", "Corporation",
    "Company", "Party", "Forces", "Army", "Navy", "Police", "Guard", "Secretariat", "Centre",
    "Center", "Alliance", "Coalition", "Department", "Directorate", "Chamber", "Senate",
    "Government", "Administration", "Cabinet", "Staff", "Bureau", "Board", "Inspectorate",
    "Prosecutor's", "Community", "Movement", "Front", "Network", "Partnership",
})
NOT_LEADING = frozenset({"States", "Member", "Members", "Countries", "Parties"})
OF_PLACE = frozenset({
    "Republic", "Republics", "Kingdom", "State", "States", "Federation", "Commonwealth", "Principality",
    "Emirate", "Emirates", "Sultanate", "Duchy", "People", "Peoples", "Citizen", "Citizens", "Nations",
    "City", "Cities", "Region", "Regions", "Territory", "Territories", "Province", "Provinces", "District",
    "Districts", "Capital", "North", "South", "East", "West", "Centre", "Center", "Part", "Parts",
    "Mufti", "Imam", "Archbishop", "Cardinal", "Rabbi", "II", "III", "IV", "V", "VI",
})
"""Words after which ``of`` and a place name that place (besides posts, honorifics, institutions)."""
NOT_ALONE = frozenset({"Federation", "Government", "Staff", "Board", "Community", "Group"})
HEADS = DOCUMENT_HEADS | EVENT_HEADS | ORGANIZATION_HEADS
EXTEND = re.compile(
    r"\s+(?:on|of|among|between|against|for|concerning|regarding|to)\s+"
    r"(?:(?!(?:which|that|who|was|were|is|are|has|have|had|will|would|shall|should|can|could|"
    r"may|must|adopted|signed|and\s+the|as|by|with|within)\b)[\w’'-]+\s*){1,16}"
)
YEAR_BEFORE = re.compile(r"(?:\b(?:19|20)\d\d\s+)$")
YEAR_NAME = re.compile(r"[A-Za-z]+-(?:19|20)\d\d$")


def _word(token: Token) -> str:
    return strip_possessive(token).text


class EntityFinder:
    """Turns the segments of runs into mentions; ``places`` grows with datelines."""

    def __init__(self, places: set[str], skip: set[str]):
        self.places = {normal(p) for p in places}
        self.single_places = {p for p in places if " " not in p}
        self.longest_place = max((len(p.split()) for p in self.places), default=1)
        self.skip = skip  # normal() names already terms of another kind (acronym long forms)

    def single(self, doc: int, paragraph: int, text: str, start: int, end: int) -> list[Mention]:
        """A run of one word (most runs): a place, a name with a year, or a document
        head followed by what it is about (``Agreement among ...``)."""
        word = text[start:end]
        if word in self.single_places:
            return [Mention("place", f"place:{normal(word)}", word, doc, paragraph, start, end)]
        if YEAR_NAME.match(word):
            return [Mention("event", f"event:{normal(word)}", word, doc, paragraph, start, end)]
        if word in DOCUMENT_HEADS:
            found = Mention("document", "", word, doc, paragraph, start, end)
            self.widen(text, found)
            return [found] if found.end > end or found.start < start else []
        return []

    @staticmethod
    def widen(text: str, mention: Mention) -> None:
        """Give a named document the year before it and the words after it in ``text``."""
        last = re.sub(r"[’']s$", "", mention.surface.split()[-1]) if mention.surface else ""
        mention.start, mention.end = _document_span(text, mention.start, mention.end, last)
        mention.surface = text[mention.start:mention.end]
        mention.key = f"document:{_key(mention.surface)}"

    def feed(self, doc: int, paragraph: int, text: str, tokens: list[Token]) -> list[Mention]:
        out: list[Mention] = []
        for segment in _segments(tokens, self._whole):
            out.extend(self._segment(doc, paragraph, text, segment))
        return out

    def _segment(self, doc: int, paragraph: int, text: str, tokens: list[Token]) -> list[Mention]:
        tokens, place = self._split_place(tokens)
        names = [_word(t) for t in tokens]
        kind = None
        if any(n in DOCUMENT_HEADS for n in names):
            kind = "document"
        elif names[-1] in EVENT_HEADS or any(YEAR_NAME.match(n) for n in names) or \
                any(n in EVENT_HEADS for n in names[:-1]) and "of" in names:
            kind = "event"
        elif any(n in ORGANIZATION_HEADS for n in names):
            kind = "organization"
        if kind is None:
            return self._places(doc, paragraph, tokens + place)
        if len(tokens) == 1 and not YEAR_NAME.match(names[0]):
            span = _document_span(text, tokens[0].start, tokens[0].end, names[0])
            if kind != "document" or span == (tokens[0].start, tokens[0].end):
                return self._places(doc, paragraph, tokens + place)
        if kind == "organization":
            tokens = _trim_posts(_trim_genre(tokens))
            if not tokens or len(tokens) == 1 and _word(tokens[0]) in NOT_ALONE | ORGANIZATION_HEADS \
                    or _generic_body(tokens):
                return self._places(doc, paragraph, place)
        start, end = tokens[0].start, strip_possessive(tokens[-1]).end
        if kind == "document":
            start, end = _document_span(text, start, end, _word(tokens[-1]))
        surface = text[start:end]
        found = [] if normal(surface) in self.skip or normal(surface) in self.places else \
            [Mention(kind, f"{kind}:{_key(surface)}", surface, doc, paragraph, start, end)]
        return found + (self._places(doc, paragraph, place) if place else [])

    def _whole(self, tokens: list[Token]) -> bool:
        """A name on its own: a place or an acronym's long form (``the United States``)."""
        words = [_word(t) for t in tokens if not (t.connector or t.text == "The")]
        name = normal(" ".join(words))
        return bool(words) and (name in self.places or name in self.skip)

    def _split_place(self, tokens: list[Token]) -> tuple[list[Token], list[Token]]:
        """``Forum in Khanty-Mansiysk``: the place after ``in`` is a place of its own."""
        for k in range(len(tokens) - 2, 0, -1):
            if tokens[k].text == "in" and normal(" ".join(_word(t) for t in tokens[k + 1:])) in self.places:
                return tokens[:k], tokens[k + 1:]
        return tokens, []

    def _places(self, doc: int, paragraph: int, tokens: list[Token]) -> list[Mention]:
        out: list[Mention] = []
        i = 0
        while i < len(tokens):
            for size in range(min(self.longest_place, len(tokens) - i), 0, -1):
                part = tokens[i:i + size]
                if part[0].connector or part[-1].connector:
                    continue
                name = normal(" ".join(_word(t) for t in part))
                if name in self.places and _names_place(tokens, i):
                    end = strip_possessive(part[-1]).end
                    out.append(Mention("place", f"place:{name}", " ".join(_word(t) for t in part),
                                       doc, paragraph, part[0].start, end))
                    i += size - 1
                    break
            i += 1
        return out


def _names_place(tokens: list[Token], at: int) -> bool:
    """Whether a place name at ``tokens[at]`` names the place: not the end of a longer name
    (``Power of Siberia``, ``Club of Rome``, ``Times of India``), which ``of`` makes it unless
    a post, honorific, institution or word for a state or a part of one comes before it in the
    name (``Queen Beatrix of the Netherlands``, ``Minister of Foreign Affairs of Russia``)."""
    before = at - 1
    if before >= 1 and tokens[before].text == "the":
        before -= 1
    if before < 1 or tokens[before].text != "of":
        return True
    word = _word(tokens[before - 1])
    return (tokens[before - 1].connector or word.endswith("s") and _is_title(word[:-1])
            or any(_is_title(w) or w in ORGANIZATION_HEADS or w.casefold() in word_list("institution_nouns")
                   for w in map(_word, tokens[:before])))  # ``Minister of Foreign Affairs of Russia``


def _is_title(word: str) -> bool:
    """A post (``President``, ``President-elect``), an honorific or a word of ``OF_PLACE``."""
    return (word in OF_PLACE or word.split("-")[0] in word_list("posts") or word in word_list("posts")
            or word in word_list("honorifics"))


def _generic_body(tokens: list[Token]) -> bool:
    """``Board of Directors``, ``Management Board``: only institution heads, words for what a
    body does (``data/generic_body_words.txt``) and small words, no proper name: no named body."""
    generic = word_list("generic_body_words")
    return all(t.connector or _word(t) in ORGANIZATION_HEADS or _word(t).casefold() in generic
               or t.text.casefold() in stopwords() for t in tokens)


def _trim_genre(tokens: list[Token]) -> list[Token]:
    """``Interview to TASS News Agency`` -> ``TASS News Agency``: a word for a kind of text
    or event (``data/genre_words.txt``) and the small words after it lead no organisation."""
    while len(tokens) > 2 and tokens[1].connector and _word(tokens[0]).casefold() in word_list("genre_words"):
        k = 1
        while k < len(tokens) and tokens[k].connector:
            k += 1
        tokens = tokens[k:]
    return tokens


def _has_head(tokens: list[Token]) -> bool:
    return any(_word(t) in HEADS for t in tokens)


def _segments(tokens: list[Token], whole: Callable[[list[Token]], bool]) -> list[list[Token]]:
    """A run cut at an ``and`` that joins two whole names (``Security Council and
    Foreign Ministry``, ``European Union and the United States``; not ``Ministry of
    Science and Higher Education``), and trimmed of small words at its edges
    (``The``, ``In the``); an ``and`` inside a name's complement is kept (``Centre for Epidemiology
    and Microbiology of the Healthcare Ministry``). ``whole(tokens)`` says whether words are a name on their own."""
    out: list[list[Token]] = [[]]
    cuts = [k for k, t in enumerate(tokens) if t.text == "and"]
    start = 0
    for k in cuts + [len(tokens)]:
        left, right = tokens[start:k], tokens[k + 1:]
        if k == len(tokens) or _has_head(left) and (_has_head(right) or right[:1] != [] and right[0].text == "the") \
                and not _continues(left, right) or whole(left) or whole(right):
            out.append(tokens[start:k])
            start = k + 1
    trimmed = []
    for segment in out:
        while segment and (segment[0].connector or segment[0].text.casefold() in stopwords()
                           or segment[0].text in NOT_LEADING):
            segment = segment[1:]
        while segment and (segment[-1].connector or len(segment) > 1 and segment[-2].text in ("on", "in")
                           and segment[-1].text.casefold() in _months()):  # ``Assembly on March``
            segment = segment[:-1]
        if segment:
            trimmed.append(segment)
    return trimmed


def _continues(left: list[Token], right: list[Token]) -> bool:
    """``Centre for Epidemiology and Microbiology of the ... Ministry``: the ``and`` joins two
    words after the name's ``for``/``of`` (no head between), and the capitalised words after it,
    up to the next small word, hold no head: one name, not two."""
    k = len(left) - 1
    while k >= 0 and not left[k].connector and _word(left[k]) not in HEADS:
        k -= 1
    if k == len(left) - 1 or k < 1 or left[k].text not in ("of", "for"):
        return False
    words = []
    for token in right:
        if token.connector:
            break
        words.append(token)
    return bool(words) and not _has_head(words)


@cache
def _months() -> frozenset[str]:
    return frozenset(form for line in entries("months") for form in line.casefold().split())


def _trim_posts(tokens: list[Token]) -> list[Token]:
    """``Director of the Federal Security Service`` -> ``Federal Security Service``;
    ``Security Council Secretary`` -> ``Security Council``."""
    posts = word_list("posts")
    while tokens and _word(tokens[-1]) in posts and _word(tokens[-1]) not in ORGANIZATION_HEADS:
        tokens = tokens[:-1]
    if tokens and _word(tokens[0]) in posts and _word(tokens[0]) not in ORGANIZATION_HEADS:
        k = 0
        while k < len(tokens) and (_word(tokens[k]) in posts or tokens[k].connector or
                                   _word(tokens[k]) == "Staff"):
            k += 1
        tokens = tokens[k:]
    while tokens and tokens[-1].connector:
        tokens = tokens[:-1]
    return tokens


def _document_span(text: str, start: int, end: int, last: str) -> tuple[int, int]:
    """Widen a named document to a year before it and lower-case words after its head."""
    year = YEAR_BEFORE.search(text, 0, start)
    if year and year.end() == start:
        start = year.start()
    if last in DOCUMENT_HEADS:
        more = EXTEND.match(text, end)
        if more:
            end = more.start() + len(more.group().rstrip())
    return start, end


def _key(name: str) -> str:
    text = normal(name)
    return text[4:] if text.startswith("the ") else text
