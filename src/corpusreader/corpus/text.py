"""Text helpers shared by the engine.

For the cleaner: spaces, words, case and script. For search: folding and
tokenising, case- and accent-insensitive, Cyrillic kept.

``fold`` casefolds, maps ``ё`` to ``е``, decomposes (NFKD) and drops combining
marks, so ``Café`` and ``CAFE`` meet and ``Ёлка`` meets ``елка``; ``й`` stays
``й`` (it is a letter of its own in Russian, not an accented ``и``).

A search word is a run of ``\\w`` characters (Unicode); combining marks glued to a
word stay part of it, so text in decomposed form tokenises like composed text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

NO_BREAK_SPACES = "\u00a0\u2007\u202f"
_SPACES = str.maketrans({ch: " " for ch in NO_BREAK_SPACES + "\t"})
_WORD = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*", re.UNICODE)
FUNCTION_WORDS = frozenset(
    "a an and as at by de del der di du for from in into la le of on or the to und van von with".split()
)
TERMINAL = ".!?…"
CLOSERS = "\"'”’»)]"


_SPACE_LIKE = re.compile(f"[{NO_BREAK_SPACES}\t]")


def show_spaces(text: str) -> str:
    """No-break spaces and tabs shown as plain spaces; everything else as typed."""
    return text.translate(_SPACES) if _SPACE_LIKE.search(text) else text


def fold_spaces(text: str) -> str:
    return " ".join(show_spaces(text).split())


_DIGIT = re.compile(r"\d")


_ASCII_DIGITS_TO_0 = str.maketrans("123456789", "000000000")


def line_key(text: str) -> str:
    """A line's identity for counting repeats: folded case and spaces, digits masked."""
    if text.isascii():  # NFKC changes nothing, and the only digits are 0-9
        return " ".join(text.lower().split()).translate(_ASCII_DIGITS_TO_0)
    text = unicodedata.normalize("NFKC", text).casefold()
    return _DIGIT.sub("0", " ".join(text.split()))


KEPT_TEXT = 2000
"""Texts up to this long have their words kept (the last 4,096): the cleaner asks a unit's words several times
(its protection, its prose, its features). A longer one is read each time, never held."""


def text_key(text: str) -> str:
    """``line_key`` of a unit's text, kept for the last 8,192 texts up to ``KEPT_TEXT`` (template tests ask it of
    the same menus and footers on every page)."""
    return _text_key(text) if len(text) <= KEPT_TEXT else line_key(text)


_text_key = lru_cache(maxsize=8192)(line_key)


def words(text: str) -> list[str]:
    return list(_words(text)) if len(text) <= KEPT_TEXT else _WORD.findall(text)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u1c80-\u1c88]")
"""Letters a case-blind pattern matches to a Latin or Cyrillic letter whose lower case they are not (İ ı ſ, the
old Cyrillic letter forms)."""


def needles(words: Iterable[str]) -> re.Pattern[str]:
    """A search for any of ``words`` in lower-cased text (``might_hold``)."""
    return re.compile("|".join(re.escape(word.lower()) for word in sorted(set(words), key=len, reverse=True)))


def might_hold(text: str, words: re.Pattern[str]) -> bool:
    """False only where none of the ``needles`` stands in the text in lower case: a case-blind pattern of Latin
    and Cyrillic words that needs one of them cannot match it. A quick test before a costly search."""
    if not (text.isascii() or not _CASE_TRAPS.search(text)):
        return True
    return words.search(text.lower()) is not None


def ends_sentence(text: str) -> bool:
    """Whether the text ends like a sentence: a full stop, ! ? or …, maybe inside quotes."""
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


def is_capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def is_title_case(text: str) -> bool:
    """Every word capitalised but the small function words: a name, not a sentence."""
    found = words(text)
    if not found:
        return False
    return all(is_capitalised(w) or w.lower() in FUNCTION_WORDS for w in found) and is_capitalised(found[0])


_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")  # runs: their lengths sum to the letters, in fewer matches
_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")


_ASCII_LETTER = re.compile("[A-Za-z]")


def script_of(text: str) -> str | None:
    """'latin', 'cyrillic' or None: the script most letters of the text are in."""
    if text.isascii():
        return "latin" if _ASCII_LETTER.search(text) else None
    latin = sum(map(len, _LATIN.findall(text)))
    cyrillic = sum(map(len, _CYRILLIC.findall(text)))
    if not latin and not cyrillic:
        return None
    return "cyrillic" if cyrillic > latin else "latin"

# A search word: \w plus the combining marks (which \w does not match) that may follow a letter.
SEARCH_TOKEN = re.compile(r"[\w\u0300-\u036f\u0483-\u0489]+")

_SHORT_I = "\ue000"  # a stand-in for й while combining marks are dropped
# The combining marks of Latin, Greek and Cyrillic (the marks of other scripts,
# such as Indic vowel signs, are part of their letters and stay).
_COMBINING = re.compile(r"[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """``text`` lower-cased (casefold) and stripped of accents; ``ё`` -> ``е``."""
    text = text.casefold()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", text).replace("ё", "е").replace("й", _SHORT_I)
    text = unicodedata.normalize("NFKD", text)
    text = _COMBINING.sub("", text)
    return text.replace(_SHORT_I, "й")


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """``fold`` of one word, remembered (the same words recur in every paragraph)."""
    return fold(word)


class _Separators(dict):
    """A ``str.translate`` table: every character that is not part of a word -> space."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        self[code] = value = char if SEARCH_TOKEN.fullmatch(char) else " "
        return value


_SEPARATORS = _Separators()


def split_words(folded: str) -> list[str]:
    """The words of already folded text: ``SEARCH_TOKEN.findall(folded)``, several times faster."""
    return folded.translate(_SEPARATORS).split()


def folded_words(text: str) -> list[str]:
    """The folded words of ``text``, in order (for indexing and for queries)."""
    return split_words(fold(text))


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, folded word)`` for each word of ``text``; offsets in ``text`` itself."""
    for match in SEARCH_TOKEN.finditer(text):
        folded = fold_word(match.group())
        if folded:
            yield match.start(), match.end(), folded
