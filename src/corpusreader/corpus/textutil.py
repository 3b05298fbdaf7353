"""Small text helpers shared by the cleaner: spaces, words, case and script."""

from __future__ import annotations

import re
import unicodedata

NO_BREAK_SPACES = "\u00a0\u2007\u202f"
_SPACES = str.maketrans({ch: " " for ch in NO_BREAK_SPACES + "\t"})
_WORD = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*", re.UNICODE)
FUNCTION_WORDS = frozenset(
    "a an and as at by de del der di du for from in into la le of on or the to und van von with".split()
)
TERMINAL = ".!?…"
CLOSERS = "\"'”’»)]"


def show_spaces(text: str) -> str:
    """No-break spaces and tabs shown as plain spaces; everything else as typed."""
    return text.translate(_SPACES)


def fold_spaces(text: str) -> str:
    return " ".join(show_spaces(text).split())


def line_key(text: str) -> str:
    """A line's identity for counting repeats: folded case and spaces, digits masked."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\d", "0", " ".join(text.split()))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


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


_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def script_of(text: str) -> str | None:
    """'latin', 'cyrillic' or None: the script most letters of the text are in."""
    latin = len(_LATIN.findall(text))
    cyrillic = len(_CYRILLIC.findall(text))
    if not latin and not cyrillic:
        return None
    return "cyrillic" if cyrillic > latin else "latin"
