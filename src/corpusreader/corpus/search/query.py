"""The search syntax: one parser for the app's search screen and ``corpusreader search``.

::

    security council                 every word, anywhere in a document (typos welcome)
    "exact phrase"                   these words in this order
    -word   -"a phrase"              no document that holds it
    year:2013   year:2012..2014      the document's date (year:2012.. and year:..2014 are open)
    date:2012-06..2014-02            a date range; each end YYYY, YYYY-MM or YYYY-MM-DD, either may be left out
    site:kremlin  speaker:Putin      the document's metadata; typos and prefixes welcome
    title:meeting  place:Moscow      (a value in quotes for several words: speaker:"Vladimir Putin")
    -site:mid                        a field negated: no document whose field matches

``parse`` never raises: a quote left open reads to the end of the query, a
date that is no date is left out; each says why in ``ParsedQuery.hints``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import SEARCH_TOKEN, folded_words

SYNTAX_HELP = """search syntax (the same in the reader's search screen):
  security council              every word somewhere in a document (typos welcome)
  "exact phrase"                these words in this order
  -word  -"a phrase"            no document that holds it
  year:2013  year:2012..2014    the document's date; year:2012.. and year:..2014 are open
  date:2012-06..2014-02         each end YYYY, YYYY-MM or YYYY-MM-DD; either may be left out
  site:kremlin  speaker:Putin   the document's metadata (typos and prefixes welcome);
  title:meeting  place:Moscow   quotes for several words: speaker:"Vladimir Putin"
  -site:mid                     a field negated
An acronym finds its long form and back (OEWG, "Open-ended Working Group"), a name
its other spellings (Sergey, Sergei), as the term index knows them. A plain word
also finds a document's place and speaker. If no document holds every word, those
holding all but one are shown (a note says so)."""

FIELDS = ("year", "date", "site", "speaker", "title", "place")
TEXT_FIELDS = ("site", "speaker", "title", "place")
MAX_CLAUSES = 12  # words and phrases beyond these are ignored

# An optional minus, an optional field name, then a quoted value (maybe unclosed) or a bare one.
_TOKEN = re.compile(r'(-?)(?:([A-Za-z]+):)?(?:"([^"]*)("?)|(\S*))')
_DAY = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
DATE_HINT = "dates are YYYY, YYYY-MM or YYYY-MM-DD, ranges with .. (date:2012-06..2014-02)"


@dataclass(slots=True)
class Clause:
    """A word or a quoted phrase: ``words`` folded; ``phrase`` for quoted words (exact, in order)."""

    text: str
    words: list[str]
    phrase: bool = False


@dataclass(slots=True)
class FieldFilter:
    """``name:value`` on a document's metadata (``site``, ``speaker``, ``title``, ``place``)."""

    name: str
    value: str
    words: list[str]
    negated: bool = False


@dataclass(slots=True)
class DateRange:
    """Documents dated from ``start`` to ``end`` (ISO prefixes; None: open), or not, if ``negated``."""

    start: str | None
    end: str | None
    negated: bool = False

    def holds(self, day: str | None) -> bool:
        if not day:
            return self.negated
        inside = (self.start is None or day[:len(self.start)] >= self.start) and \
            (self.end is None or day[:len(self.end)] <= self.end)
        return inside != self.negated


@dataclass(slots=True)
class ParsedQuery:
    """What a query asks, in parts; ``hints`` say what could not be read and how it was taken."""

    text: str
    include: list[Clause] = field(default_factory=list)
    exclude: list[Clause] = field(default_factory=list)
    fields: list[FieldFilter] = field(default_factory=list)
    dates: list[DateRange] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    unfinished: bool = False  # the last clause is a bare word still being typed

    @property
    def plain(self) -> bool:
        """Only bare words: no phrase, exclusion or field."""
        return not (self.exclude or self.fields or self.dates or any(c.phrase for c in self.include))

    @property
    def filtered(self) -> bool:
        return bool(self.fields or self.dates)

    @property
    def empty(self) -> bool:
        return not (self.include or self.exclude or self.fields or self.dates)

    def highlight_text(self) -> str:
        """The words to highlight, as one plain query (a trailing space once the last word is finished)."""
        words = " ".join(" ".join(clause.words) for clause in self.include)
        return words if self.unfinished or not words else words + " "


def parse(query: str) -> ParsedQuery:
    """The parts of ``query`` (see the module's docstring); never raises."""
    parsed = ParsedQuery(query)
    last_bare = False
    for match in _TOKEN.finditer(query):
        if not match.group(0):
            continue
        minus, name, quoted, closing, bare = match.groups()
        negated = minus == "-"
        if name is not None and name.lower() not in FIELDS:  # "http://…", "10:30": plain text
            bare = match.group(0)[len(minus):] if quoted is None else f"{name}:{quoted}"
            name = None
        if quoted is not None and not closing:
            parsed.hints.append("a quote is not closed: read to the end of the query")
        value = quoted if quoted is not None else bare or ""
        last_bare = False
        if name is not None:
            _field(parsed, name.lower(), value, negated)
        elif value:
            words = folded_words(value)
            if not words:
                continue
            if quoted is not None:
                clauses = [Clause(value, words, phrase=len(words) > 1)]
            elif negated and len(words) > 1:  # -open-ended: the phrase, not each part
                clauses = [Clause(value, words, phrase=True)]
            else:  # "open-ended" is two words, as the index has them
                clauses = [Clause(word, [word]) for word in words]
            (parsed.exclude if negated else parsed.include).extend(clauses)
            last_bare = quoted is None and not negated
    if len(parsed.include) > MAX_CLAUSES:
        parsed.include = parsed.include[:MAX_CLAUSES]
        parsed.hints.append(f"only the first {MAX_CLAUSES} words are searched")
    parsed.unfinished = last_bare and bool(query) and SEARCH_TOKEN.fullmatch(query[-1]) is not None
    return parsed


def _field(parsed: ParsedQuery, name: str, value: str, negated: bool) -> None:
    if not value.strip():
        parsed.hints.append(f"{name}: needs a value")
        return
    if name in ("year", "date"):
        dates = parse_dates(value, years_only=name == "year")
        if dates is None:
            parsed.hints.append(f"{name}:{value} left out: " +
                                ("a year is 4 digits (year:2013, year:2012..2014)" if name == "year" else DATE_HINT))
        else:
            parsed.dates.append(DateRange(*dates, negated=negated))
        return
    words = folded_words(value)
    if words:
        parsed.fields.append(FieldFilter(name, value, words, negated))
    else:
        parsed.hints.append(f"{name}:{value} has no words to look for")


def parse_dates(value: str, years_only: bool = False) -> tuple[str | None, str | None] | None:
    """``(start, end)`` ISO prefixes of ``2013``, ``2012-06..2014-02``, ``..2014``, ``2012..``; None if malformed."""
    if ".." in value:
        start_text, _, end_text = value.partition("..")
    else:
        start_text = end_text = value
    ends = [_day(text.strip(), years_only) if text.strip() else "" for text in (start_text, end_text)]
    if any(end is None for end in ends) or ends == ["", ""]:
        return None
    start, end = (end or None for end in ends)
    if start and end and start[:len(end)] > end:
        return None
    return start, end


def _day(text: str, years_only: bool) -> str | None:
    """``text`` as an ISO prefix (``2012``, ``2012-06``, ``2012-06-05``), or None."""
    match = _DAY.fullmatch(text)
    if match is None or (years_only and match.group(2)):
        return None
    year, month, day = match.groups()
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return f"{year}-{int(month):02d}"
    if not 1 <= int(day) <= 31:
        return None
    return f"{year}-{int(month):02d}-{int(day):02d}"
