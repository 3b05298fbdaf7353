"""Junk glued inside a line: hover cards and image file names.

A site's hover card leaves its hidden text in the scrape:
``Valentina Matviyenko Matviyenko Valentina Matviyenko ValentinaChairwoman of
the Council of Federation ,`` reads ``Valentina Matviyenko,`` and keeps the post
as a fact; ``BRICS Background information BRICS`` reads ``BRICS``. An image
file name glued to a sentence (``states.IMG_2705.JPG``) goes. These are the
one definition of a card's shape: ``terms.cards`` looks for the same shapes in
text a cleaner has left them in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data import word_list
from ..model import Card
from ..text import FUNCTION_WORDS, fold_spaces
from ..vocab import CardKind, Reason

_NAME_WORD = r"[A-ZА-ЯЁ][\w’'\-]*"
# "L F L F" glued to a post: the surname-first name repeated twice, after the name itself.
_PERSON_CARD = re.compile(
    rf"(?<= )(?P<last>{_NAME_WORD}) (?P<first>{_NAME_WORD}) (?P=last) (?P=first)(?=[A-ZА-ЯЁ(]| [,.;)]|$)"
)
# The same with a longer card name ("Erdogan Recep Tayyip", "Van der Bellen Alexander") or a
# sentence that goes on after the card with no post ("Obama Barack Obama Barack thanked").
_NAME_PART = rf"(?:{_NAME_WORD}|der|van|von|de|da|bin|al|of|II|III|IV)"
_LONG_CARD = re.compile(
    rf"(?<= )(?P<card>{_NAME_WORD}(?: {_NAME_PART}){{1,4}}) (?P=card)(?=[A-ZА-ЯЁ(]| [,.;:)’'»]| [a-zа-яё]|$)"
)
GLOSSARY_LABELS = ("Background information", "Справочная информация", "Справка")
_GLOSSARY_CARD = re.compile(
    rf"(?P<term>\b[\w][\w\-.&]*(?: [\w][\w\-.&]*){{0,5}}) (?P<label>{'|'.join(GLOSSARY_LABELS)}) "
    rf"(?:(?P=term)\b|[^()]{{3,150}}?\((?P=term)\))"
)
IMAGE_EXTENSIONS = "jpe?g|png|gif|webp|bmp|tiff?|heic|svg"
_IMAGE_NAME = re.compile(rf"(?<![\w/:-])[\w()\-]+\.(?:{IMAGE_EXTENSIONS})\b", re.I)
IMAGE_LINE = re.compile(rf"^\s*[\w()\- ]+\.(?:{IMAGE_EXTENSIONS})\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Cut:
    """A piece cut out of a line: ``start``/``end`` index the raw line."""

    start: int
    end: int
    reason: Reason
    name: str | None = None
    role: str | None = None
    kind: CardKind | None = None


def _role_end(line: str, start: int) -> int:
    """Where a post glued after a card ends: capitalised words, with 'of the',
    dashes and commas between them, up to a comma after a space (the card's
    hidden block closing), the end of a sentence, or the first word that
    carries on the sentence."""
    end = start
    pending = False
    for token in re.finditer(r"\s,|,|[^\s,]+", line[start:]):
        text = token.group()
        if text[:1].isspace():
            break
        if text in (",", "–", "—", "-", "&") or text.lower() in FUNCTION_WORDS:
            pending = True
            continue
        bare = text.lstrip("(«“\"")
        if bare[:1].isupper() or (bare[:1].isdigit() and not pending):
            if text[-1] in ".;:!?" and not text.endswith(".)"):
                return start + token.end() - 1
            end = start + token.end()
            pending = False
            continue
        break
    return end


_AND = re.compile(r"\sand\s")  # "and\xa0Vice Chancellor": a site's typography may bind the words


def _before_named_tail(line: str, start: int, end: int) -> int:
    """A post never ends in another person's name: in "…Ushakov YuryAide to the President and
    Vice Chancellor of Austria Heinz-Christian Strache." the post stops before "and"."""
    ands = list(_AND.finditer(line, start, end))
    if not ands:
        return end
    tail = line[ands[-1].end() : end].split()
    if len(tail) < 3 or tail[-3].lower() in FUNCTION_WORDS or not any(w in word_list("posts") for w in tail[:-2]):
        return end
    named = all(w[:1].isupper() and w not in word_list("posts") and w.casefold() not in word_list("places", fold=True)
                for w in tail[-2:])
    return ands[-1].start() if named else end


def _card_matches(line: str) -> list[tuple[int, int, str, int]]:
    """Each card's repeated part as (start, end), the person's name, and where the name stands."""
    found: list[tuple[int, int, str, int]] = []
    position = 0
    while match := _PERSON_CARD.search(line, position):
        position = match.start() + 1  # matches may overlap: "Xi Jinping Xi Jinping Xi Jinping"
        last, first = match.group("last"), match.group("first")
        before = line[: match.start()].rstrip()
        if before.endswith(f"{last} {first}"):
            name, written = f"{last} {first}", f"{last} {first}"  # names written family name first (Xi Jinping)
        elif before.endswith((last, first)):
            name, written = f"{first} {last}", last if before.endswith(last) else first
        else:
            continue
        found.append((match.start(), match.end(), name, len(before) - len(written)))
    for match in _LONG_CARD.finditer(line):
        if any(start <= match.start() < end for start, end, _, _ in found):
            continue
        card = match.group("card").split()
        before = line[: match.start()].rstrip()
        shown: list[str] = []
        for word in reversed(before.split()):
            if word not in card:
                break
            shown.insert(0, word)
        if not shown:
            continue
        name = " ".join(shown) if len(shown) >= 2 else " ".join(card[1:] + card[:1])
        found.append((match.start(), match.end(), name, len(before) - len(" ".join(shown))))
    return sorted(found)


def _person_cards(line: str) -> list[Cut]:
    cuts: list[Cut] = []
    found = _card_matches(line)
    for i, (card_start, card_end, name, _) in enumerate(found):
        if cuts and card_start - 1 < cuts[-1].end:
            continue
        role_start = card_end
        role_end = _role_end(line, role_start) if line[role_start : role_start + 1].isupper() else role_start
        next_name = next((later[3] for later in found[i + 1 :] if later[0] >= card_end), None)
        if next_name is not None and role_end > next_name:
            # A post never runs into the next person's name ("…Abbas MahmoudPresident of
            # Palestine and Prime Minister of Israel Benjamin Netanyahu Netanyahu Benjamin…").
            ands = [match.start() for match in _AND.finditer(line, role_start, next_name)]
            role_end = max([role_start, *ands, line.rfind(",", role_start, next_name)])
        role_end = _before_named_tail(line, role_start, role_end)
        role = line[role_start:role_end].strip(" ,") or None
        start = card_start - 1  # the space before the card
        end = role_end
        # The card's hidden block is followed by a space before the sentence goes on.
        if line[end : end + 2] in (" ,", " .", " ;", " )", " :", " ’"):
            end += 1
        cuts.append(Cut(start, end, Reason.NAME_CARD, name, role, CardKind.PERSON))
    return cuts


def _glossary_cards(line: str) -> list[Cut]:
    cuts: list[Cut] = []
    if not any(label in line for label in GLOSSARY_LABELS):
        return cuts
    for match in _GLOSSARY_CARD.finditer(line):
        term = match.group("term")
        cuts.append(Cut(match.start("label") - 1, match.end(), Reason.GLOSSARY_CARD, term, None, CardKind.GLOSSARY))
    return cuts


def _image_names(line: str) -> list[Cut]:
    cuts = []
    for match in _IMAGE_NAME.finditer(line):
        start = match.start()
        if start > 0 and line[start - 1] == " ":
            start -= 1
        cuts.append(Cut(start, match.end(), Reason.IMAGE_FILE_NAME))
    return cuts


def find_cuts(line: str) -> list[Cut]:
    """The junk inside one raw line, in order, not overlapping."""
    if len(line) < 8:
        return []
    found = _person_cards(line) + _glossary_cards(line) + _image_names(line)
    found.sort(key=lambda c: (c.start, -c.end))
    cuts: list[Cut] = []
    for cut in found:
        if cuts and cut.start < cuts[-1].end:
            continue
        cuts.append(cut)
    return cuts


def card_of(cut: Cut, paragraph: int) -> Card:
    """The fact a card cut tells: a person's post or a glossary term, in ``paragraph``."""
    assert cut.kind is not None, "only a card's cut tells a fact"
    role = fold_spaces(cut.role) if cut.role else None
    return Card(fold_spaces(cut.name or ""), role, cut.kind, paragraph)


def apply_cuts(line: str, cuts: list[Cut]) -> tuple[str, list[tuple[Cut, int]]]:
    """The line without its cuts, and each cut with its offset in the result."""
    kept: list[str] = []
    placed: list[tuple[Cut, int]] = []
    position = 0
    length = 0
    for cut in cuts:
        piece = line[position : cut.start]
        kept.append(piece)
        length += len(piece)
        placed.append((cut, length))
        position = cut.end
    kept.append(line[position:])
    return "".join(kept), placed
