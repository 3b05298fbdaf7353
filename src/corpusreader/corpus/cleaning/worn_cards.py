"""Hover cards with a word worn into another: found by the words that still say the name.

A card repeats the person's name, surname first, twice ("Nikolai Patrushev
Patrushev Nikolai Patrushev NikolaiSecretary of the Security Council"). Where
an archive's copy has a word of it replaced (a synthetic corpus's made-up words,
a scraper's damage), the exact patterns of ``inline`` miss it and the name is
left doubled in the text. These read such a card from what is left: each
miss is one word in lower case (never a small word such as "and"), and every
match starts and ends where the card's words do. Matches are ``(start, end,
name, where the shown name starts)``, as ``inline`` makes them.
"""

from __future__ import annotations

import re

from ..data import word_list
from ..text import FUNCTION_WORDS

NAME_WORD = r"[A-ZА-ЯЁ][\w’'\-]*"
NAME_RE = re.compile(NAME_WORD)
_TOKEN = re.compile(r"\S+")
_LOWER_WORD = re.compile(r"[a-zа-яё]+")
_GLUED = re.compile(r"(?P<name>[A-ZА-ЯЁ][a-zа-яё’'\-]+)(?P<post>[A-ZА-ЯЁ][a-zа-яё’'\-]*)[\w’'\-]*")  # "SergeiForeign"
Match = tuple[int, int, str, int]


def _given_name(word: str) -> bool:
    return word in word_list("given_names")


def _names_a_card(glued: re.Match[str]) -> bool:
    """A word glued to another reads as a card's given name and post ("MikhailPrime", "SooronbayPresident")
    only where the first is a given name or the second starts a post ("McCartney", "DeLuxe" do not)."""
    return _given_name(glued.group("name")) or glued.group("post") in word_list("posts")


def _misses(words: list[str], wanted: tuple[str, ...]) -> list[str] | None:
    """The words that are not the wanted ones, if each is a word in lower case (else None)."""
    misses = [w for w, want in zip(words, wanted) if w != want]
    return None if any(not _LOWER_WORD.fullmatch(w) or w in FUNCTION_WORDS for w in misses) else misses


def shown_name_worn(before: str, first: str) -> str | None:
    """The shown name before a card, "F L", with its surname worn into a word in lower case: that "F x", else
    None."""
    head, _, worn = before.rpartition(" ")
    shown = _given_name(first) and head.endswith(first) and head[: -len(first)][-1:] in ("", " ")
    if shown and _misses([worn], ("",)) == [worn]:
        return f"{first} {worn}"
    return None


def _overlaps(start: int, end: int, matches: list[Match]) -> bool:
    return any(a <= start < b or start <= a < end for a, b, _, _ in matches)


class _Tokens:
    """A line's words (its runs of non-space: ``line.split()``), their offsets found only when a card needs them."""

    __slots__ = ("line", "words", "_spans")

    def __init__(self, line: str) -> None:
        self.line = line
        self.words = line.split()
        self._spans: list[tuple[int, int]] | None = None

    def start(self, k: int) -> int:
        return self._span(k)[0]

    def end(self, k: int) -> int:
        return self._span(k)[1]

    def _span(self, k: int) -> tuple[int, int]:
        if self._spans is None:
            self._spans = [m.span() for m in _TOKEN.finditer(self.line)]
        return self._spans[k]


def worn_cards(line: str, found: list[Match]) -> list[Match]:
    """Cards with a word worn into another, not overlapping ``found``."""
    tokens = _Tokens(line)
    worn: list[Match] = []
    for match in _after_the_name(tokens) + _after_the_surname(tokens):
        if not _overlaps(match[0], match[1], found + worn):
            worn.append(match)
    return worn


def _after_the_name(tokens: _Tokens) -> list[Match]:
    """After the name "F L", three of the four words "L F L F", the fourth a word in lower case (two of them
    where the surname is said again right after the name): "Nikolai Patrushev Patrushev lume Patrushev Nikolai"."""
    worn: list[Match] = []
    words = tokens.words
    for i in range(len(words) - 5):
        last = words[i + 1]
        if words[i + 2] != last and words[i + 4] != last:
            continue  # one miss allowed, two where the first "L" stands: a card says "L" in one of the two
        first = words[i]
        if not (NAME_RE.fullmatch(first) and NAME_RE.fullmatch(last)) or first == last:
            continue
        window = words[i + 2 : i + 6]
        glued = window[3] != first and window[3].startswith(first) and window[3][len(first) :][:1].isupper()
        if glued:
            window[3] = first  # glued to its post
        misses = _misses(window, (last, first, last, first))
        allowed = 2 if window[0] == last else 1  # the surname said again right after the name: a card
        if misses is not None and 0 < len(misses) <= allowed:
            end = tokens.start(i + 5) + len(first) if glued else tokens.end(i + 5)
            worn.append((tokens.start(i + 2), end, f"{first} {last}", tokens.start(i)))
    return worn


def _after_the_surname(tokens: _Tokens) -> list[Match]:
    """The surname said twice in a row, then the rest of the card's "L F L F" with one word in lower case: the
    shown name was the surname alone ("Mr Mishustin Mishustin zudolone Mishustin MikhailPrime Minister") or
    its given name is the word worn ("liza Jeenbekov Jeenbekov zezeku Jeenbekov SooronbayPresident"). The last
    "F" is glued to the post, or worn with it, or said twice, or closes the card before the sentence's
    punctuation ("Sokolov Sokolov kuta Sokolov Maxim ,"). "F" is a given name the data knows, or glued to a word
    a post starts with: a name said twice that is no card ("Duran Duran played Duran McCartney songs") stays."""
    worn: list[Match] = []
    words = tokens.words
    for i in range(1, len(words) - 3):
        last = words[i]
        if words[i - 1] != last or not NAME_RE.fullmatch(last):
            continue
        second, third, fourth = words[i + 1 : i + 4]
        end = -1  # the card's end: where its last word ends, unless that word is glued to the post
        if (glued := _GLUED.fullmatch(fourth)) and _names_a_card(glued):
            first, end = glued.group("name"), tokens.start(i + 3) + len(glued.group("name"))
        elif NAME_RE.fullmatch(fourth) and _given_name(fourth):
            first = fourth
            closing = tokens.line[tokens.end(i + 3) : tokens.end(i + 3) + 2]
            if second != first and closing not in _CLOSING:
                continue  # the given name said once only, and the sentence not closing on it
        elif NAME_RE.fullmatch(second) and _given_name(second) and not glued:
            first = second  # the last word worn, with the post glued to it
        else:
            continue
        misses = _misses([second, third, fourth if not glued else first], (first, last, first))
        if first != last and misses is not None and len(misses) == 1:
            worn.append((tokens.start(i), end if end >= 0 else tokens.end(i + 3), f"{first} {last}",
                         tokens.start(i - 1)))
    return worn


_CLOSING = frozenset({" ,", " .", " ;", " :", " )"})
