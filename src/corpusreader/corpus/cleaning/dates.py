"""Dates as scraped pages write them, read into ISO ``YYYY-MM-DD``.

``15 June 2021``, ``June 15, 2021``, ``February 3, 2022``, ``03.02.2022``,
``2022-02-03``, ``15 июня 2021 г.``; with or without a weekday. A date
without a year (a site header's ``Friday, April 19``) is no document date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data import entries
from ..text import might_hold, needles


def _alternatives(forms: list[str]) -> str:
    """A regular expression matching any of ``forms``, the longest first."""
    return "(?:" + "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True)) + ")"


_MONTH_NUMBERS = {form: number for number, line in enumerate(entries("months"), 1) for form in line.split()}
_MONTH_WORD = _alternatives(list(_MONTH_NUMBERS)) + r"\.?"
WEEKDAY = _alternatives([form for line in entries("weekdays") for form in line.split()])
ENGLISH_WEEKDAY = _alternatives([line.split()[0] for line in entries("weekdays")])  # the full English names
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = [
    re.compile(rf"\b{_DAY}\s+(?P<month>{_MONTH_WORD})(?:,?\s+{_YEAR}(?:\s*(?:г\.|года?))?)?", re.I),
    re.compile(rf"\b(?P<month>{_MONTH_WORD})\s+{_DAY}(?:,?\s+{_YEAR})?\b", re.I),
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<mnum>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
]
_DIGIT = re.compile(r"\d")
_MONTH_FORMS = {form.lower() for form in _MONTH_NUMBERS}
MONTH_NEEDLES = needles(form for form in _MONTH_FORMS if not any(o in form for o in _MONTH_FORMS - {form}))
"""The month forms that hold no other (``sep``, not ``september``): a date with a month word holds one of them."""
_WEEKDAY_HEADER = re.compile(rf"^\s*{WEEKDAY},?\s+", re.I)


@dataclass(frozen=True, slots=True)
class FoundDate:
    start: int
    end: int
    iso: str | None  # None when the year is missing


def _month_number(word: str) -> int | None:
    return _MONTH_NUMBERS.get(word.lower().rstrip("."))


def find_dates(text: str) -> list[FoundDate]:
    """Every date in the text, earliest first, overlapping matches dropped."""
    found: list[FoundDate] = []
    if not _DIGIT.search(text):
        return found
    named = might_hold(text, MONTH_NEEDLES)  # else the two patterns with a month word cannot match
    for pattern in _PATTERNS if named else _PATTERNS[2:]:
        for match in pattern.finditer(text):
            if any(f.start < match.end() and match.start() < f.end for f in found):
                continue
            parts = match.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else _month_number(parts.get("month") or "")
            day = int(parts["day"])
            if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
                continue
            year = parts.get("year")
            iso = f"{int(year):04d}-{month:02d}-{day:02d}" if year else None
            found.append(FoundDate(match.start(), match.end(), iso))
    return sorted(found, key=lambda f: f.start)


def has_weekday_header(text: str) -> bool:
    return bool(_WEEKDAY_HEADER.match(text))


TIME = re.compile(r"^\s*(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s*(?:[ap]\.?m\.?|msk|gmt|utc))?\s*$", re.I)
