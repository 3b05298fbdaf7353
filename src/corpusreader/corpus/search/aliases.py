"""Other names of what a query names, from the term index: an acronym's long form, a person's spellings.

``OEWG`` also finds "Open-ended Working Group" and the long form finds
``OEWG``; ``Sergey`` also finds ``Sergei`` where the term index merged the two
spellings of one person. Only names: the term index's document numbers are
not used, so a search index built on part of a corpus (during a load) works
with the term index of the whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text import folded_words

if TYPE_CHECKING:
    from ..terms.index import TermIndex


class Aliases:
    """Folded word -> other spellings; acronym -> long forms; long form (words) -> acronyms."""

    def __init__(self, terms: TermIndex | None = None) -> None:
        self.spellings: dict[str, set[str]] = {}
        self.long_forms: dict[str, list[tuple[str, ...]]] = {}
        self.acronyms: dict[tuple[str, ...], list[str]] = {}
        for term in (terms.terms if terms is not None else []):
            if term.kind == "acronym":
                self._acronym(term.term, [term.expansion or "", *term.aliases])
            elif term.kind == "person":
                self._spellings(term.names)

    def _acronym(self, acronym: str, long_forms: list[str]) -> None:
        short = folded_words(acronym)
        if len(short) != 1:
            return
        for name in long_forms:
            words = tuple(folded_words(name))
            if len(words) > 1 and words not in self.long_forms.get(short[0], []):
                self.long_forms.setdefault(short[0], []).append(words)
                self.acronyms.setdefault(words, []).append(short[0])

    def _spellings(self, names: list[str]) -> None:
        spelled = [folded_words(name) for name in names]
        for one in spelled:
            for other in spelled:
                if one is other or len(one) != len(other):
                    continue
                for word, variant in zip(one, other):
                    if word != variant and len(word) > 2 and len(variant) > 2:
                        self.spellings.setdefault(word, set()).add(variant)

    def __bool__(self) -> bool:
        return bool(self.spellings or self.long_forms)
