"""Metadata read off the units the cleaner classified: date, place, speaker, source.

The date comes only from where a page states its own date (a dateline, a date
standing alone, a "Publication date:" label, a date glued to a repeated
title or in the title) and never from running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from ..data import word_list
from ..text import FUNCTION_WORDS, is_capitalised, words
from .dates import ENGLISH_WEEKDAY, TIME, find_dates, has_weekday_header

NAME_LEAD_WORDS = word_list("name_lead_words")
NOT_NAMES = word_list("not_names")
GENRE_WORDS = word_list("genre_words")
_NAME_TOKEN = re.compile(r"[A-Z][a-z’'\-]+(?:-[A-Z][a-z]+)?")  # Latin: no word lists for other scripts
_INITIALS_NAME = re.compile(r"^(?:[A-ZА-ЯЁ]\.\s?){1,2}[A-ZА-ЯЁ][a-zа-яё’'\-]+$")


@dataclass(frozen=True, slots=True)
class Dateline:
    iso: str | None
    place: str | None


def read_dateline(text: str) -> Dateline | None:
    """A unit that is only a date, maybe with a place: ``Moscow, 15 June 2021``,
    ``February 3, 2022, Moscow``, ``March 26, 2021``. None for anything else."""
    if len(text) > 120:
        return None
    found = find_dates(text)
    if len(found) != 1 or len(words(text)) > 10:
        return None
    date = found[0]
    rest = (text[: date.start] + " " + text[date.end :]).strip()
    rest = re.sub(rf"^\W*{ENGLISH_WEEKDAY}?\W*", "", rest, flags=re.I)
    rest = re.sub(r"^\W+|\W+$", "", rest)
    rest = re.sub(r"\b\d{1,2}[:.]\d{2}\b", "", rest).strip(" ,–—-")
    if not rest:
        return Dateline(date.iso, None)
    place_words = words(rest)
    if not re.search(r"[^\W\d_]", rest):
        return None  # numbers left over: a document number, not a place
    if len(place_words) > 5 or not all(is_capitalised(w) or w.lower() in FUNCTION_WORDS for w in place_words):
        return None
    return Dateline(date.iso, None if is_genre(rest) else rest)


def is_genre(text: str) -> bool:
    """A kind of text (``Announcement``, ``Statement``), which a header may put where a place stands."""
    found = words(text)
    return bool(found) and all(w.lower() in GENRE_WORDS or w.lower() in FUNCTION_WORDS for w in found)


def is_time(text: str) -> bool:
    return bool(TIME.match(text))


def is_date_header(text: str) -> bool:
    """A site's date of the day with no year: ``Friday, April 19``."""
    if len(text) > 60:
        return False
    found = find_dates(text)
    return bool(found) and found[0].iso is None and has_weekday_header(text) and len(words(text)) <= 5


def is_place(text: str) -> bool:
    """A short name of a place, as a page's header writes it under the date (a longer one
    with its town after a comma: ``The Centre For Strategic Studies, Moscow``)."""
    found = words(text)
    longest = 8 if "," in text else 5
    named = all(is_capitalised(w) or w.lower() in FUNCTION_WORDS for w in found)
    return 1 <= len(found) <= longest and named and not any(ch.isdigit() for ch in text) and \
        text.rstrip()[-1:] not in ".:!?"


def person_in(text: str) -> str | None:
    """The first personal name in a title or signature: two or three
    capitalised words after the posts and bodies before them."""
    for run in re.finditer(rf"{_NAME_TOKEN.pattern}(?:\s+{_NAME_TOKEN.pattern})*", text):
        tokens = run.group().split()
        while tokens and tokens[0].lower().strip("’'") in NAME_LEAD_WORDS:
            tokens.pop(0)
        tokens = [re.sub(r"[’']s$", "", t) for t in tokens]
        if 2 <= len(tokens) <= 3 and not any(t.lower() in NAME_LEAD_WORDS or t.lower() in NOT_NAMES for t in tokens):
            return " ".join(tokens)
    return None


def speaker_name(who: str) -> str | None:
    """``President of Russia Vladimir Putin`` -> ``Vladimir Putin``; ``В.Путин`` as it is."""
    if _INITIALS_NAME.match(who.strip()):
        return who.strip()
    found = who.split()
    tail: list[str] = []
    for token in reversed(found):
        if token.lower() in NAME_LEAD_WORDS or not is_capitalised(token):
            break
        tail.insert(0, token)
        if len(tail) == 3:
            break
    return " ".join(tail) if len(tail) >= 2 else None


_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'»”]+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/[^\s<>\"'»”]*", re.I)


def url_in(text: str) -> str | None:
    match = _URL.search(text)
    return match.group().rstrip(".,;)") if match else None


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    parsed = urlparse(url if "://" in url else "http://" + url)
    host = (parsed.hostname or "").lower()
    return host[4:] if host.startswith("www.") else host or None
