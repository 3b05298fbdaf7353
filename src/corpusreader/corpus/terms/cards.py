"""Hover cards: a person's post, or a glossary note, that a site glues into the text.

The cleaner cuts cards out and hands them over as ``Document.cards``
(``Card(name="Valentina Matviyenko", role="Chairwoman of the Council of
Federation", kind="person", paragraph=1)``). Where a card is still in the text
(a cleaner that did not see it, say across a hard-wrapped line), ``find_cards``
recognises the same shapes the cleaner cuts (``cleaning.inline``),
``Valentina Matviyenko Matviyenko Valentina Matviyenko ValentinaChairwoman of
the Council of Federation`` or ``BRICS Background information BRICS``, and
``mask`` blanks them out (same length, so the offsets of everything else stay right).
"""

from __future__ import annotations

from ..cleaning.inline import card_of, find_cuts
from ..model import Card


def find_cards(paragraph: int, text: str) -> tuple[list[Card], list[tuple[int, int]]]:
    """The cards still glued into ``text`` and the spans of their junk."""
    cuts = [cut for cut in find_cuts(text) if cut.kind]
    return [card_of(cut, paragraph) for cut in cuts], [(cut.start, cut.end) for cut in cuts]


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the spans blanked out by spaces."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def masked_texts(texts: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[Card]]:
    """A document's texts (``(paragraph, text)``) with the glued cards blanked out, and those cards."""
    out: list[tuple[int, str]] = []
    cards: list[Card] = []
    for paragraph, text in texts:
        found, spans = find_cards(paragraph, text)
        cards.extend(found)
        out.append((paragraph, mask(text, spans)))
    return out, cards
