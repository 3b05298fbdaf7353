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
from .worn_cards import NAME_WORD, shown_name_worn, worn_cards

# "L F L F" glued to a post: the surname-first name repeated twice, after the name itself.
_PERSON_CARD = re.compile(
    rf"(?<= )(?P<last>{NAME_WORD}) (?P<first>{NAME_WORD}) (?P=last) (?P=first)(?=[A-ZА-ЯЁ(]|[,.;:!?)»]| [,.;)]|$)"
)
# The same with a longer card name ("Erdogan Recep Tayyip", "Van der Bellen Alexander") or a
# sentence that goes on after the card with no post ("Obama Barack Obama Barack thanked").
_NAME_PART = rf"(?:{NAME_WORD}|der|van|von|de|da|bin|al|of|II|III|IV)"
_LONG_CARD = re.compile(
    rf"(?<= )(?P<card>{NAME_WORD}(?: {_NAME_PART}){{1,4}}) (?P=card)(?=[A-ZА-ЯЁ(]|[,.;:!?)»]| [,.;:)’'»]| [a-zа-яё]|$)"
)
GLOSSARY_LABELS = ("Background information", "Справочная информация", "Справка")
_GLOSSARY_LABEL = re.compile(rf" (?:{'|'.join(GLOSSARY_LABELS)}) ")
IMAGE_EXTENSIONS = "jpe?g|png|gif|webp|bmp|tiff?|heic|svg"
_IMAGE_NAME = re.compile(rf"(?<![\w/:-])[\w()\-]+\.(?:{IMAGE_EXTENSIONS})\b", re.I)
_IMAGE_EXTENSION = re.compile(rf"\.(?:{IMAGE_EXTENSIONS})\b", re.I)  # what an image name needs: spares the rest
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


_POST_BREAK = re.compile(r",\s|\s(?:and|in|at|on|to|with|from|after|before|during)\s")


def _unclosed_post_end(line: str, start: int, end: int) -> int:
    """A card's hidden block closes with a space before the sentence's punctuation (``… Israel .``)
    or gives way to a word in lower case. A post read up to the sentence's end with neither may hold
    the sentence's own words ("…MahmoudPresident of Palestine and Prime Minister of Israel."): it
    stops at its first "and", comma or preposition, and the rest stays in the text."""
    if end <= start or line[end : end + 1] not in ("", ".", "!", "?", ";"):
        return end
    found = _POST_BREAK.search(line, start, end)
    return found.start() if found else end


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
        elif worn := shown_name_worn(before, first):
            name, written = f"{first} {last}", worn  # "Vladimir dunate Puchkov Vladimir Puchkov Vladimir ,"
        elif line[match.end() : match.end() + 1].isupper():
            # glued to its post, the name not shown before it: the name stays once ("Ivanov Sergei")
            half = match.start() + len(f"{last} {first}")
            found.append((half + 1, match.end(), f"{first} {last}", match.start()))
            continue
        else:
            continue
        found.append((match.start(), match.end(), name, len(before) - len(written)))
    found.extend(worn_cards(line, found))
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


_CAPITALISED_RUN = re.compile(r"[A-ZА-ЯЁ][^\W\d_]*")


def _repeats_a_name_word(line: str) -> bool:
    """Whether a run of letters that starts with a capital stands twice in the line: every card says a name
    word again, so a line without one is spared the card searches."""
    runs = _CAPITALISED_RUN.findall(line)
    return len(runs) != len(set(runs))


def _person_cards(line: str) -> list[Cut]:
    cuts: list[Cut] = []
    if not _repeats_a_name_word(line):
        return cuts
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
        role_end = _unclosed_post_end(line, role_start, role_end)
        role = line[role_start:role_end].strip(" ,") or None
        start = card_start - 1  # the space before the card
        end = role_end
        # The card's hidden block is followed by a space before the sentence goes on.
        if line[end : end + 2] in (" ,", " .", " ;", " )", " :", " ’"):
            end += 1
        cuts.append(Cut(start, end, Reason.NAME_CARD, name, role, CardKind.PERSON))
    return cuts


def _glossary_cards(line: str) -> list[Cut]:
    """``TERM Background information TITLE``: the label and the card's title go, the term stays.

    The title is cut only where it is clearly the card's: the term again, a title
    ending in the term or its acronym in brackets, or a title that shares a word
    with the term and closes with a space before the sentence's punctuation (the
    card's hidden block). Otherwise only the label goes: when unsure, keep the text.
    """
    if not any(label in line for label in GLOSSARY_LABELS):
        return []
    cuts: list[Cut] = []
    for match in _GLOSSARY_LABEL.finditer(line):
        before = line[: match.start()].split()[-6:]
        if not before or not _title_word(line[match.end() :].split(maxsplit=1)[0].rstrip(".,;:!?")):
            continue  # no card title after the label: words of the text
        end, term = _glossary_title(line, match.end(), before)
        if line[end : end + 2] in (" ,", " .", " ;", " )", " :"):
            end += 1
        cuts.append(Cut(match.start(), end, Reason.GLOSSARY_CARD, term, None, CardKind.GLOSSARY))
    return cuts


def _glossary_title(line: str, start: int, before: list[str]) -> tuple[int, str]:
    """Where a glossary card's title after its label ends (``start`` - 1: no title cut), and the term."""
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", line[start:])][:16]
    title = [t for _, _, t in tokens]
    fallback = start - 1, " ".join(_capitalised_tail(before)) or before[-1].strip(",.;:")
    for size in range(min(6, len(before)), 0, -1):  # the term said again (with its long form in brackets)
        term = before[-size:]
        if title[:size] == term or (title[:size - 1] == term[:-1] and title[size - 1 : size] == [term[-1] + "."]):
            after = size
            if after < len(title) and title[after].startswith("(") and ")" in " ".join(title[after : after + 8]):
                after += next(i for i, t in enumerate(title[after : after + 8]) if ")" in t) + 1
            last = tokens[after - 1]
            stop = start + last[1] - (1 if line[start + last[1] - 1] in ".," and after == size else 0)
            return stop, " ".join(term)
    acronym = before[-1].strip(",.") if before and before[-1].strip(",.").isupper() else ""
    run = 0
    while run < len(title) and _title_word(title[run]) and run < 14:
        if len(acronym) >= 2 and _initials(title[: run + 1]) == acronym and not title[run].endswith(")"):
            if not (run + 1 < len(title) and title[run + 1].startswith("(")):
                return start + tokens[run][1], acronym
        if title[run].endswith(")"):
            inside = " ".join(title[:run + 1]).rsplit("(", 1)[-1].rstrip(")")
            words_before = {w.strip(",.").casefold() for w in before}
            named = inside.casefold() in words_before or inside == _initials(title[:run])
            shares = bool(_content_words(title[:run]) & {w.casefold() for w in _capitalised_tail(before)})
            if named or shares:
                named_as = inside if inside.casefold() in words_before else " ".join(_capitalised_tail(before))
                return start + tokens[run][1], named_as or inside
            break
        run += 1
    closed = run and line[start + tokens[run - 1][1] : start + tokens[run - 1][1] + 2] in (" .", " ,", " ;")
    if closed and _content_words(title[:run]) & {w.casefold() for w in _capitalised_tail(before)}:
        return start + tokens[run - 1][1], fallback[1]
    return fallback


def _title_word(token: str) -> bool:
    bare = token.lstrip("(«“\"")
    return bool(bare) and (bare[0].isupper() or bare[0].isdigit() or token.lower() in FUNCTION_WORDS) and \
        token[-1] not in ".,;:!?"


def _capitalised_tail(words: list[str]) -> list[str]:
    tail: list[str] = []
    for word in reversed(words):
        if not (word[:1].isupper() or (tail and word.lower() in FUNCTION_WORDS and word.lower() != "the")):
            break
        tail.insert(0, word)
    while tail and tail[0].lower() in FUNCTION_WORDS:
        tail.pop(0)
    return tail


def _content_words(words: list[str]) -> set[str]:
    return {w.strip("(),.«»“”\"").casefold() for w in words if w.lower() not in FUNCTION_WORDS and len(w) > 2}


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def _image_names(line: str) -> list[Cut]:
    cuts: list[Cut] = []
    if not _IMAGE_EXTENSION.search(line):
        return cuts
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
