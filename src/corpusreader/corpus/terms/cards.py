"""Hover cards: a person's post, or a glossary note, that a site glues into the text.

The cleaner cuts Kremlin cards out and hands them over as ``Document.cards``
(``Card(name="Valentina Matviyenko", role="Chairwoman of the Council of
Federation", kind="person", paragraph=1)``). Where a card is still in the text
(a cleaner that does not know the site), ``find_cards`` recognises its shape,
``Valentina Matviyenko Matviyenko Valentina Matviyenko ValentinaChairwoman of
the Council of Federation``, and ``mask`` blanks it out (same length, so the
offsets of everything else stay right).
"""

from __future__ import annotations

import re

from ..model import Card

_NAME = r"[A-Z][\w’'-]+"
PERSON_CARD = re.compile(
    rf"(?P<first>{_NAME}) (?P<last>{_NAME})(?P<junk> (?P=last) (?P=first) (?P=last) (?P=first)"
    r"(?P<role>[A-Z].*?)?)(?=\s,|\s+and\s+(?:a|an|the|other|others)\b|\.(?:\s|$)|\s*$)"
)
GLOSSARY_CARD = re.compile(
    r"(?P<junk>\s?(?<![\w-])(?P<name>[A-Z][\w-]*(?: [\w-]+){0,4}) Background information (?P=name))(?![\w-])"
)


def find_cards(paragraph: int, text: str) -> tuple[list[Card], list[tuple[int, int]]]:
    """The cards still glued into ``text`` and the spans of their junk."""
    cards: list[Card] = []
    spans: list[tuple[int, int]] = []
    if "Background information" in text:
        for match in GLOSSARY_CARD.finditer(text):
            cards.append(Card(match.group("name"), None, "glossary", paragraph))
            junk_start = match.start("junk")
            # the term itself stays when the text names it before the card
            before = text[:junk_start].rstrip()
            keep = before.endswith(match.group("name"))
            spans.append((junk_start, match.end()) if keep else
                         (match.start("name") + len(match.group("name")), match.end()))
    for match in PERSON_CARD.finditer(text):
        name = f"{match.group('first')} {match.group('last')}"
        role = (match.group("role") or "").strip() or None
        cards.append(Card(name, role, "person", paragraph))
        spans.append((match.start("junk"), match.end("junk")))
    return cards, spans


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
