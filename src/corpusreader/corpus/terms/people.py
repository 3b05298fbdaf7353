"""People: names, their posts, and one person across spellings.

A name is found in a capitalised run (see ``mentions``) where a given name
from ``data/given_names.txt`` is followed by a surname (``Sergey Lavrov``,
``Vladimir Vladimirovich Putin``), or where a post stands right before two
capitalised words (``Minister Xavier Bettel``) or an initial and a surname
(``Secretary General A.Gutteres``). A post is the capitalised words before the
name that hold a post word from ``data/posts.txt`` (``Security Council
Secretary``), or the words after ``Name,`` (``Sergey Lavrov, Minister of
Foreign Affairs``); hover cards give the post the site itself states and win.

``PeopleFinder.resolve`` merges spellings: surnames are blocked by their first
letters after ``translit_fold`` and compared with rapidfuzz only inside a block;
given names likewise inside a surname; a surname standing alone (``Lavrov``)
joins the person of that surname named in the same document, or the only one
in the corpus.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from rapidfuzz import fuzz

from ..data import word_list
from ..model import Card
from .entities import HEADS
from .mentions import (
    Mention,
    Token,
    normal,
    not_a_lone_name,
    stopwords,
    stopwords_any_language,
    strip_possessive,
    translit_fold,
)

WEAK_POSTS = frozenset({  # words of posts that alone do not say a name follows (``General Assembly``)
    "First", "General", "Member", "Leader", "Head", "Chief", "Staff", "Vice", "Deputy", "Prime",
    "Officer", "Justice", "Metropolitan", "Chair", "Executive", "Founder", "Administrator",
})
NOT_SURNAME = frozenset({
    "Region", "Oblast", "Krai", "Territory", "Republic", "District", "Street", "Avenue", "Square",
    "Embankment", "Forum", "Empire", "Federation", "Union", "University", "Institute", "Cathedral",
    "Church", "Monastery", "Bridge", "Airport", "Station", "Prize", "Award", "Order", "Medal", "Day",
    "Council", "Committee", "Ministry", "Service", "Office", "Agency", "Group", "Foundation", "Fund",
})
INITIAL_NAME = re.compile(r"^([A-Z])\.\s?([A-Z][a-z][\w’'-]+)$")
# The capital comes before the look-behind (which checks the character before it) so that
# the regular expression engine skips ahead to capitals instead of trying every position.
CAPITAL_WORD = re.compile(r"[A-Z](?<![\w.-][A-Z])[a-z][\w-]*")


def _is_surname(token: Token) -> bool:
    text = strip_possessive(token).text
    return (len(text) > 1 and text[0].isupper() and not text.isupper() and text not in NOT_SURNAME
            and text not in HEADS
            and text.casefold() not in stopwords_any_language() and text not in word_list("posts")
            and not any(ch.isdigit() for ch in text))


def _word(token: Token) -> str:
    return strip_possessive(token).text


def _is_post(token: Token) -> bool:
    return strip_possessive(token).text in word_list("posts")


class PeopleFinder:
    """Read names in runs (``names_in``), ``add`` them, and ``card`` the cards;
    ``resolve`` gives the mentions, keyed by person."""

    def __init__(self) -> None:
        self.full: list[tuple[Mention, str, str]] = []  # mention, given name, surname
        self.card_roles: dict[tuple[int, str], str] = {}  # (doc, folded name) -> post

    # -- finding names in a run
    def add(self, mention: Mention, given: str, surname: str) -> None:
        self.full.append((mention, given, surname))

    def names_in(self, text: str, tokens: list[Token]) -> list[tuple[Mention, str, str, int, int]]:
        """The names in one run (``text`` is the run, or the paragraph it stands in):
        each a mention (no document yet), the given name, the surname, and the
        token span [first, end) it took."""
        found = []
        taken: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            span = self._name_at(tokens, i)
            if span is None:
                i += 1
                continue
            first, last = span
            given = tokens[i].text if last > i else ""
            initial = INITIAL_NAME.match(tokens[i].text)
            if initial:
                given, surname_token = initial.group(1) + ".", tokens[i]
                surname = initial.group(2)
            else:
                surname_token = strip_possessive(tokens[last])
                surname = surname_token.text
            lo = taken[-1][1] if taken else 0
            role = self._role_before(tokens[lo:first])
            mention = Mention("person", "", text[tokens[first].start:surname_token.end], -1, -1,
                              tokens[first].start, surname_token.end, role=role)
            found.append((mention, given, surname, first, last + 1))
            taken.append((first, last + 1))
            i = last + 1
        return found

    def _name_at(self, tokens: list[Token], i: int) -> tuple[int, int] | None:
        token = tokens[i]
        after_post = i > 0 and _is_post(tokens[i - 1])
        if INITIAL_NAME.match(token.text):
            return (i, i) if after_post else None
        if re.fullmatch(r"[A-Z]\.", token.text):  # ``R. Grossi`` after a post
            return (i, i + 1) if after_post and i + 1 < len(tokens) and _is_surname(tokens[i + 1]) else None
        if i + 1 >= len(tokens) or not _is_surname(tokens[i + 1]) or tokens[i].connector:
            return None
        if token.text in word_list("given_names"):
            last = i + 1
            if re.search(r"(vich|vna|ich)$", tokens[last].text) and i + 2 < len(tokens) \
                    and _is_surname(tokens[i + 2]):
                last = i + 2  # a patronymic
            return i, last
        if after_post and _is_surname(token) and (i + 2 == len(tokens) or tokens[i + 2].connector) \
                and any(_is_post(t) and _word(t) not in WEAK_POSTS for t in tokens[max(0, i - 3):i]):
            return i, i + 1
        return None

    @staticmethod
    def _role_before(tokens: list[Token]) -> str | None:
        """The post in the words before a name, from the last ``and`` that still leaves one."""
        for cut in [k + 1 for k, t in enumerate(tokens) if t.text == "and"][::-1] + [0]:
            part = tokens[cut:]
            if any(_is_post(t) for t in part):
                tokens = part
                break
        while tokens and (tokens[0].connector or tokens[0].text.casefold() in stopwords()):
            tokens = tokens[1:]
        while tokens and tokens[-1].connector:
            tokens = tokens[:-1]
        if not tokens or not any(_is_post(t) for t in tokens):
            return None
        return " ".join(t.text for t in tokens)

    @staticmethod
    def role_after(gap: str, next_run: list[Token] | None) -> str | None:
        """``Sergey Lavrov, Minister of Foreign Affairs``: the post after a comma."""
        if not next_run or not re.fullmatch(r"\s*,\s*", gap):
            return None
        if not _is_post(next_run[0]):
            return None
        tokens = next_run
        for k, token in enumerate(tokens):
            if k and token.text in word_list("given_names"):
                tokens = tokens[:k]
                break
        while tokens and tokens[-1].connector:
            tokens = tokens[:-1]
        return " ".join(t.text for t in tokens) or None

    # -- cards
    def card(self, doc: int, card: Card, text: str | None) -> Mention | None:
        """Remember a person card's post; the name's place in ``text`` if it stands there, else
        its surname's (the card follows ``Mr Erdogan``)."""
        if card.role:
            self.card_roles[(doc, translit_fold(card.name))] = card.role
        parts = card.name.split()
        if len(parts) < 2 or text is None:
            return None
        where, surface = text.find(card.name), card.name
        if where < 0:  # ``Mr Erdogan`` before the card: the card names him there
            found = re.search(rf"(?<![\w.-]){re.escape(parts[-1])}(?![\w-])", text)
            if found is None:
                return None
            where, surface = found.start(), found.group()
        mention = Mention("person", "", surface, doc, card.paragraph, where, where + len(surface),
                          role=card.role, weight=2, name=card.name if surface != card.name else None)
        self.full.append((mention, " ".join(parts[:-1]), parts[-1]))
        return mention

    # -- merging
    def resolve(self, doc_texts: list[list[tuple[int, str]]]) -> list[Mention]:
        """Key every name by its person, take the posts, add surnames standing alone."""
        surname_of = _cluster(sorted({translit_fold(s) for _, _, s in self.full}), 88)
        people: dict[tuple[str, str], list[tuple[Mention, str, str]]] = defaultdict(list)
        by_surname: dict[str, list[tuple[Mention, str, str]]] = defaultdict(list)
        for item in self.full:
            by_surname[surname_of[translit_fold(item[2])]].append(item)
        for surname, items in by_surname.items():
            givens = sorted({translit_fold(g) for _, g, _ in items if not g.endswith(".")})
            given_of = _cluster(givens, 80, block=1)
            for item in items:
                g = translit_fold(item[1])
                if item[1].endswith("."):
                    matches = {v for k, v in given_of.items() if k.startswith(g)}
                    g = matches.pop() if len(matches) == 1 else g
                people[(surname, given_of.get(g, g))].append(item)
        mentions: list[Mention] = []
        surnames: dict[str, list[str]] = defaultdict(list)  # spelled surname -> person keys
        for (surname, given), items in people.items():
            key = f"person:{given}:{surname}"
            for mention, _, _ in items:
                mention.key = key
                mentions.append(mention)
                card_role = self.card_roles.get((mention.doc, translit_fold(mention.surface)))
                if card_role and card_role != mention.role:  # the card's post, at the same place
                    mentions.append(replace(mention, role=card_role, weight=2))
            for spelled in {s for _, _, s in items}:
                surnames[spelled].append(key)
        mentions.extend(_alone(doc_texts, surnames, mentions))
        return mentions


def _cluster(keys: list[str], cutoff: int, block: int = 3) -> dict[str, str]:
    """Each key to a representative: equal first ``block`` letters and a rapidfuzz
    ratio over ``cutoff`` join a cluster (compared only inside a block)."""
    blocks: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        blocks[key[:block]].append(key)
    out: dict[str, str] = {}
    for members in blocks.values():
        heads: list[str] = []
        for key in members:
            head = next((h for h in heads if fuzz.ratio(h, key) >= cutoff), None)
            if head is None:
                heads.append(key)
                head = key
            out[key] = head
    return out


def _alone(doc_texts: list[list[tuple[int, str]]], surnames: dict[str, list[str]],
           named: list[Mention]) -> list[Mention]:
    """Surnames standing alone (``Lavrov``), joined to the person named in full before
    them in the same document (one person, or none); never a word that alone names no one."""
    first_named: dict[tuple[int, str], tuple[int, int]] = {}  # (doc, person) -> first full mention
    taken: set[tuple[int, int, int]] = set()  # where the words of full names start
    word_starts: dict[str, list[int]] = {}
    for m in named:
        place = first_named.get((m.doc, m.key))
        if place is None or (m.paragraph, m.start) < place:
            first_named[(m.doc, m.key)] = (m.paragraph, m.start)
        starts = word_starts.get(m.surface)
        if starts is None:
            starts = word_starts[m.surface] = [w.start() for w in re.finditer(r"\S+", m.surface)]
        taken.update((m.doc, m.paragraph, m.start + start) for start in starts)
    out: list[Mention] = []
    never = not_a_lone_name() | stopwords_any_language()
    small_in: dict[tuple[int, str], bool] = {}
    pattern = _surname_pattern({s: keys for s, keys in surnames.items() if s.casefold() not in never})
    if pattern is None:
        return out
    for doc, texts in enumerate(doc_texts):
        for paragraph, text in texts:
            for match in pattern.finditer(text):
                if (doc, paragraph, match.start()) in taken:
                    continue
                named_here = [k for k in surnames[match.group()] if (doc, k) in first_named]
                before = _WORDS_BEFORE.search(text, max(0, match.start() - 60), match.start())
                given = [k for k in named_here if before and _is_given_of(before.group(2), k)]
                if len(given) == 1 and before:  # ``Alexandar Vucic``: a spelling of the full name
                    out.append(Mention("person", given[0], text[before.start(2):match.end()], doc, paragraph,
                                       before.start(2), match.end()))
                    continue
                here = {k for k in named_here if first_named[(doc, k)] < (paragraph, match.start())}
                if len(here) == 1 and not _written_small(doc, doc_texts[doc], match.group(), small_in) \
                        and not _inside_another_name(doc, doc_texts[doc], before, small_in):
                    out.append(Mention("person", here.pop(), match.group(), doc, paragraph, match.start(),
                                       match.end()))
    return out


def _is_given_of(word: str, key: str) -> bool:
    """Whether ``word`` spells the given name of the person ``key`` (``person:given:surname``)."""
    given = key.split(":")[1]
    return bool(given) and word[:1].isupper() and fuzz.ratio(translit_fold(word), given) >= 80


_WORDS_BEFORE = re.compile(r"(?:(\S+)[ \xa0])?(\S+)[ \xa0]$")


def _inside_another_name(doc: int, texts: list[tuple[int, str]], before: re.Match[str] | None,
                         seen: dict[tuple[int, str], bool]) -> bool:
    """Whether a surname ends another person's name (``Amy Lee``, ``Han Lee``): the word right
    before it (``before`` holds the two words before it) is capitalised and no post, honorific or
    possessive, nor a small word (English, or of another language the document writes in lower
    case: ``Wie Kurz sagte``), nor a noun after an article (``der Parteichef Renner``)."""
    if before is None:
        return False
    word = before.group(2)
    if not word[:1].isupper() or not word[-1:].isalpha() or word.endswith(("'s", "’s")) \
            or word in word_list("posts") or word in word_list("honorifics") \
            or (before.group(1) or "").casefold() in word_list("determiners", fold=True):
        return False
    folded = word.casefold()
    small = folded in stopwords() or (folded in stopwords_any_language() and _written_small(doc, texts, word, seen))
    return not small


def _written_small(doc: int, texts: list[tuple[int, str]], word: str, seen: dict[tuple[int, str], bool]) -> bool:
    """Whether the document writes ``word`` in lower case (``a major change``): then the
    word alone is a common word there, not the person (remembered in ``seen``)."""
    known = seen.get((doc, word))
    if known is None:
        small = re.compile(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])")
        known = seen[(doc, word)] = any(small.search(text) for _, text in texts)
    return known


def _surname_pattern(surnames: dict[str, list[str]]) -> re.Pattern[str] | None:
    """The ``CAPITAL_WORD``s that are one of ``surnames``, found directly: each name's
    capital, the look-behind after it, the rest of the name, the word's end. (A branch
    of literals lets the engine skip to those capitals; the same places as reading every
    capitalised word and looking it up.)"""
    names = sorted(s for s in surnames if re.fullmatch(r"[A-ZА-ЯЁ][a-zа-яё][\w-]*", s))
    if not names:
        return None
    branches = "|".join(f"{re.escape(n[0])}(?<![\\w.-]{re.escape(n[0])}){re.escape(n[1:])}" for n in names)
    return re.compile(f"(?:{branches})(?![\\w-])")


def person_roles(mentions: list[Mention]) -> list[str]:
    """A person's posts, the most trusted and most frequent first."""
    score: Counter = Counter()
    spelled: dict[str, str] = {}
    for m in mentions:
        if m.role:
            score[normal(m.role)] += m.weight * 10 + 1
            spelled.setdefault(normal(m.role), m.role)
    return [spelled[k] for k, _ in score.most_common()]
