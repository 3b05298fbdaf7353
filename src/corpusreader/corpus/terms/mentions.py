"""Shared pieces of term extraction: mentions, the texts of a document, word lists, runs.

A *mention* is one place where an extractor saw a term: the term's key, kind
and spelling (``surface``; ``name`` when the extractor knows the term's own spelling),
the document, the paragraph (-1 for the title) and character
offsets in that paragraph. ``terms.TermIndex`` merges mentions into terms.

A *run* is a stretch of capitalised words that may be joined by small words
(``Ministry of Foreign Affairs of the Russian Federation``); most extractors
look at runs rather than at every word, which keeps a pass over a large corpus
to one regular expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..data import entries, json_data, word_list
from ..model import Document


@dataclass(slots=True)
class Mention:
    """One sighting of a term. ``role``/``expansion`` carry what the spot says of it."""

    kind: str
    key: str
    surface: str
    doc: int
    paragraph: int
    start: int
    end: int
    role: str | None = None
    expansion: str | None = None
    weight: int = 1
    name: str | None = None  # the term's preferred spelling, where the extractor knows it


def stopwords() -> frozenset[str]:
    return word_list("stopwords", fold=True)


@cache
def stopwords_any_language() -> frozenset[str]:
    """The small words of every language in ``data/stopwords_by_language.json`` (English:
    ``stopwords``), folded (``das``, ``und``, ``ich``): never a long form's first or last
    word, nor a surname."""
    languages = json_data("stopwords_by_language")["languages"]  # its English list is long: ``world``
    words = {w.casefold() for language, listed in languages.items() if language != "en" for w in listed.split()}
    return frozenset(words) | stopwords()


@cache
def not_a_lone_name() -> frozenset[str]:
    """Words that alone never name a person (folded): months, weekdays, given names, places."""
    dated = {form for name in ("months", "weekdays") for line in entries(name) for form in line.casefold().split()}
    return frozenset(dated) | word_list("given_names", fold=True) | word_list("places", fold=True)


def texts_of(document: Document) -> list[tuple[int, str]]:
    """The title (paragraph -1) and the body paragraphs, as extractors read them."""
    texts = [(-1, document.title)] if document.title else []
    texts.extend(enumerate(document.paragraphs))
    return texts


_FOLDS = (("x", "ks"), ("yo", "e"), ("iy", "i"), ("yi", "i"), ("ey", "ei"), ("ij", "i"),
          ("y", "i"), ("j", "i"), ("kh", "h"), ("ii", "i"), ("ie", "e"), ("ph", "f"))


_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya"})


def latin(text: str) -> str:
    """Cyrillic letters written in Latin ones (``лавров``: ``lavrov``); the text folded to lower case."""
    return text.casefold().translate(_LATIN)


@cache
def translit_fold(name: str) -> str:
    """A name folded so that transliteration variants meet:
    ``Sergey``/``Sergei``, ``Yuri``/``Yury``, ``Alexey``/``Aleksei``, ``Matviyenko``/``Matvienko``,
    and a name written in Cyrillic (``Сергей Лавров``) with its Latin spellings."""
    text = re.sub(r"[^a-z]", "", latin(name.replace("ё", "е").replace("Ё", "Е")))
    if text.startswith("ye"):
        text = text[1:]
    for old, new in _FOLDS:
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)


def normal(text: str) -> str:
    """Case, hyphens, apostrophes and spacing folded: the key of a spelling."""
    text = text.replace("’", "'").replace("‑", "-").replace("-", " ")
    return " ".join(text.split()).casefold()


# A capitalised word: ``Khanty-Mansiysk``, ``INFOFORUM-2022``, ``A.Gutteres``, ``Open-ended``.
WORD = r"(?:[A-Z]\.\s?)?[A-Z][\w]*(?:[-‑][\w]+)*"
CONNECTOR = r"(?:of|the|for|and|on|to|in|de|del|la|von|van|der|&)"
# The first word's capital comes before the look-behind (not preceded by [\w/.-]), so that the
# regular expression engine skips ahead to capitals: the same matches, several times faster.
_FIRST_WORD = r"[A-Z](?<![\w/.-][A-Z])(?:\.\s?[A-Z])?[\w]*(?:[-‑][\w]+)*"
RUN = re.compile(rf"{_FIRST_WORD}(?:\s+(?:{CONNECTOR}\s+){{0,2}}{WORD})*")
CONNECTORS = frozenset({"of", "the", "for", "and", "on", "to", "in", "de", "del", "la", "von",
                        "van", "der", "&"})
_TOKEN = re.compile(r"\S+")


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def connector(self) -> bool:
        return self.text in CONNECTORS


def run_tokens(match: re.Match) -> list[Token]:
    """The words of a run with their offsets in the paragraph."""
    base = match.start()
    return [Token(t.group(), base + t.start(), base + t.end()) for t in _TOKEN.finditer(match.group())]


def sentence_start(text: str, start: int) -> bool:
    """Whether ``start`` opens the paragraph or a sentence (so a capital says little)."""
    before = text[max(0, start - 3):start].rstrip(" \"“«'‘(")
    return not before or before[-1] in ".!?:;…"


def strip_possessive(token: Token) -> Token:
    """``Lavrov’s`` -> ``Lavrov`` (offsets kept right)."""
    for suffix in ("’s", "'s", "’", "'"):
        if token.text.endswith(suffix) and len(token.text) > len(suffix) + 1:
            return Token(token.text[: -len(suffix)], token.start, token.end - len(suffix))
    return token
