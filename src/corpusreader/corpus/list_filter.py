"""The document list's filter: words and fields, as typed in its box.

``security year:2013``, ``date:2012-06..2014-02``, ``date:2013..`` (open ends),
``site:kremlin`` (several ``site:`` are alternatives). Words must all stand in the
title, date, site or file name (case-insensitive). A date filter lets through only
documents with a date; dates compare by their ISO prefix, so ``2014-02`` as the end
takes in the whole month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Document

_FIELD = re.compile(r"^(year|date|site):(.*)$", re.I)
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass
class ListFilter:
    """What the list's filter box asks for."""

    words: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    sites: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.words or self.date_from or self.date_to or self.sites)

    def passes(self, document: Document, text: str | None = None) -> bool:
        """Whether the filter lets ``document`` through; ``text``: its ``searched_text``, if at hand."""
        if self.date_from or self.date_to:
            date = document.date
            if not date:
                return False
            if self.date_from and date[:len(self.date_from)] < self.date_from:
                return False
            if self.date_to and date[:len(self.date_to)] > self.date_to:
                return False
        if self.sites:
            site = (document.site or "").lower()
            if not any(wanted in site for wanted in self.sites):
                return False
        if self.words:
            haystack = searched_text(document) if text is None else text
            return all(word in haystack for word in self.words)
        return True


def searched_text(document: Document) -> str:
    """What the filter's words are looked for in: title, date, site and file name, lower case."""
    return " ".join([document.display_title, document.date or "", document.site or "", document.name]).lower()


def parse_filter(text: str) -> ListFilter:
    """The filter of a box's text; a field whose value does not read as one is an ordinary word."""
    parsed = ListFilter()
    for token in text.lower().split():
        match = _FIELD.match(token)
        if match and _apply_field(parsed, match.group(1), match.group(2)):
            continue
        parsed.words.append(token)
    return parsed


def _apply_field(parsed: ListFilter, name: str, value: str) -> bool:
    if name == "site":
        if value:
            parsed.sites.append(value)
        return bool(value)
    start, dots, end = value.partition("..")
    if not dots:
        end = start
    if (start and not _DATE.match(start)) or (end and not _DATE.match(end)) or not (start or end):
        return False
    if name == "year" and any(len(part) != 4 for part in (start, end) if part):
        return False
    parsed.date_from, parsed.date_to = start or None, end or None
    return True
