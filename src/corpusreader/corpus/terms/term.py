"""What the term index holds and answers with: terms, their occurrences, counts, related documents.

Plain records shared by ``terms.index`` (which builds them) and
``terms.references`` (which ranks related documents); see ``terms.index`` for
what each field means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

KINDS = ("acronym", "person", "organization", "place", "document", "event", "phrase")


class Occurrence(NamedTuple):
    doc: int
    path: str
    paragraph: int
    start: int
    end: int


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
            "documents": paths,
            "occurrences": [{"path": o.path, "paragraph": o.paragraph, "start": o.start, "end": o.end}
                            for o in sorted(self.occurrences)],
        }


class TermCount(NamedTuple):
    term: Term
    count: int  # occurrences in this document
    documents: int  # documents of the corpus it stands in


class Related(NamedTuple):
    doc: int
    score: float
    shared: list[Term]  # the shared terms, rarest first
