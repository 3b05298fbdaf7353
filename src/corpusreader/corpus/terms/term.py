"""What the term index holds and answers with: terms, their occurrences, counts, related documents.

Plain records shared by ``terms.index`` (which builds them) and
``terms.references`` (which ranks related documents); see ``terms.index`` for
what each field means.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial
from typing import NamedTuple, overload

KINDS = ("acronym", "person", "organization", "place", "document", "event", "phrase")


class Occurrence(NamedTuple):
    doc: int
    path: str
    paragraph: int
    start: int
    end: int


_new_occurrence = partial(tuple.__new__, Occurrence)  # Occurrence._make without its Python frame


class Occurrences(Sequence[Occurrence]):
    """A term's occurrences, packed: four 32-bit numbers each (document, paragraph, start, end), in
    the order of their documents, made into ``Occurrence`` records (with their document's path, from
    the corpus's ``paths``) when asked for: a corpus of 100,000 pages has millions of them."""

    __slots__ = ("places", "paths")

    def __init__(self, places: array, paths: Sequence[str]) -> None:
        self.places, self.paths = places, paths

    @classmethod
    def of(cls, places: Iterable[tuple[int, int, int, int]], paths: Sequence[str]) -> Occurrences:
        """From ``(doc, paragraph, start, end)`` tuples, sorted."""
        return cls(array("i", [value for place in places for value in place]), paths)

    @property
    def docs(self) -> array:
        """Each occurrence's document, in order."""
        return self.places[0::4]

    def in_document(self, doc: int) -> Occurrences:
        """The occurrences in one document (its documents are in order: found by bisection)."""
        docs = self.docs
        return Occurrences(self.places[4 * bisect_left(docs, doc) : 4 * bisect_right(docs, doc)], self.paths)

    def __len__(self) -> int:
        return len(self.places) // 4

    def __iter__(self) -> Iterator[Occurrence]:
        places = self.places
        docs = places[0::4]
        return map(_new_occurrence, zip(docs, map(self.paths.__getitem__, docs), places[1::4], places[2::4],
                                        places[3::4]))

    @overload
    def __getitem__(self, index: int) -> Occurrence: ...

    @overload
    def __getitem__(self, index: slice) -> list[Occurrence]: ...

    def __getitem__(self, index: int | slice) -> Occurrence | list[Occurrence]:
        if isinstance(index, slice):
            return list(self)[index]
        at = 4 * range(len(self))[index]  # IndexError as a list's
        doc, paragraph, start, end = self.places[at : at + 4]
        return Occurrence(doc, self.paths[doc], paragraph, start, end)

    def __eq__(self, other: object) -> bool:
        """Equal to the same occurrences, packed or in a list."""
        if not isinstance(other, (Occurrences, list)):
            return NotImplemented
        return list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Occurrences({list(self)!r})"


def docs_of(occurrences: Sequence[Occurrence]) -> Iterable[int]:
    """Each occurrence's document, in order (packed ones without making their records)."""
    return occurrences.docs if isinstance(occurrences, Occurrences) else (o.doc for o in occurrences)


def in_document(occurrences: Sequence[Occurrence], doc: int) -> Sequence[Occurrence]:
    """The occurrences in document ``doc``."""
    if isinstance(occurrences, Occurrences):
        return occurrences.in_document(doc)
    return [o for o in occurrences if o.doc == doc]


class DocTerms(Mapping[int, int]):
    """The terms of one document and how often each stands in it (0 for one that does not, as a
    ``Counter``'s): term numbers ascending, packed with their counts."""

    __slots__ = ("numbers", "counts")

    def __init__(self) -> None:
        self.numbers, self.counts = array("i"), array("i")

    def add(self, number: int, count: int) -> None:
        """Term ``number`` (above all those added before) stands ``count`` times in the document."""
        self.numbers.append(number)
        self.counts.append(count)

    def __getitem__(self, number: int) -> int:
        at = bisect_left(self.numbers, number)
        return self.counts[at] if at < len(self.numbers) and self.numbers[at] == number else 0

    def __contains__(self, number: object) -> bool:
        return type(number) is int and self[number] > 0  # (a term stands at least once where it is counted)

    def __iter__(self) -> Iterator[int]:
        return iter(self.numbers)

    def __len__(self) -> int:
        return len(self.numbers)

    def items(self) -> Iterator[tuple[int, int]]:  # type: ignore[override]
        return zip(self.numbers, self.counts)


class Post(NamedTuple):
    """A post a person held, from the first to the last date of the documents that state it."""

    role: str
    first: str | None
    last: str | None


@dataclass(slots=True)
class Term:
    key: str
    term: str
    kind: str
    expansion: str | None = None
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    roles: list[str] = field(default_factory=list)
    occurrences: Sequence[Occurrence] = field(default_factory=list)  # (built or read: Occurrences)
    stated: dict[int, str] = field(default_factory=dict)  # document -> the post it states (a person)
    doc_roles: dict[int, str] = field(default_factory=dict)  # document -> the post of its time
    posts: list[Post] = field(default_factory=list)  # the posts over time, the earliest first

    def role_in(self, doc: int) -> str | None:
        """The post for document ``doc``: the one it states, or the one stated nearest in time,
        or ``role``."""
        return self.doc_roles.get(doc, self.role)

    def date_posts(self, dates: Sequence[str | None]) -> None:
        """Fill ``doc_roles`` and ``posts`` from ``stated`` and the documents' ``dates``."""
        self.doc_roles, self.posts = posts_by_date(self.stated, self.documents, dates)

    @property
    def documents(self) -> list[int]:
        """The indexes of the documents it stands in, in order."""
        return sorted(set(docs_of(self.occurrences)))

    @property
    def names(self) -> list[str]:
        return [self.term, *self.aliases]

    def to_json(self) -> dict:
        paths = list(dict.fromkeys(o.path for o in sorted(self.occurrences)))
        return {
            "term": self.term,
            "kind": self.kind,
            "expansion": self.expansion,
            "aliases": list(self.aliases),
            "role": self.role,
            "roles": list(self.roles),
            **({"posts": [{"role": p.role, "from": p.first, "to": p.last} for p in self.posts]}
               if self.kind == "person" else {}),
            "documents": paths,
            "occurrences": [{"path": o.path, "paragraph": o.paragraph, "start": o.start, "end": o.end}
                            for o in sorted(self.occurrences)],
        }


@lru_cache(maxsize=4096)
def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _nearest(dated: list[tuple[date, int, str]], days: list[date], day: date) -> str:
    """The post of the dated statement nearest ``day`` (the earlier day, then the lower
    document, on a tie): the first statement of the last day before it or of the first day from it."""
    at = bisect_left(days, day)
    candidates = [dated[at]] if at < len(dated) else []
    if at:
        candidates.append(dated[bisect_left(days, days[at - 1])])
    return min(candidates, key=lambda item: (abs((item[0] - day).days), item[0], item[1]))[2]


def posts_by_date(stated: dict[int, str], documents: list[int],
                  dates: Sequence[str | None]) -> tuple[dict[int, str], list[Post]]:
    """Each document's post (the one it states, else the one stated in the dated document
    nearest in time) and the posts over time, the earliest first."""
    dated = sorted((day, doc, role) for doc, role in stated.items() if (day := _day(dates[doc])))
    days = [item[0] for item in dated]
    doc_roles = dict(stated)
    for doc in documents:
        day = _day(dates[doc])
        if doc not in doc_roles and day and dated:
            doc_roles[doc] = _nearest(dated, days, day)
    spans: dict[str, list[str]] = {}
    for doc, role in sorted(stated.items()):
        spans.setdefault(role, [])
        if _day(dates[doc]):
            spans[role].append(str(dates[doc]))
    posts = [Post(role, min(days, default=None), max(days, default=None)) for role, days in spans.items()]
    posts.sort(key=lambda p: (p.first is None, p.first or "", p.role))
    return doc_roles, posts


class TermCount(NamedTuple):
    term: Term
    here: int  # occurrences in this document
    documents: int  # documents of the corpus it stands in


class Related(NamedTuple):
    doc: int
    score: float
    shared: list[Term]  # the shared terms, rarest first
