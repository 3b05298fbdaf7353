"""What the term index holds and answers with: terms, their occurrences, counts, related documents.

Plain records shared by ``terms.index`` (which builds them) and
``terms.references`` (which ranks related documents); see ``terms.index`` for
what each field means.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import NamedTuple

KINDS = ("acronym", "person", "organization", "place", "document", "event", "phrase")


class Occurrence(NamedTuple):
    doc: int
    path: str
    paragraph: int
    start: int
    end: int


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
    occurrences: list[Occurrence] = field(default_factory=list)
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
        return sorted({o.doc for o in self.occurrences})

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
