"""Names in Cyrillic: ``Сергей Лавров`` is the person ``Sergey Lavrov`` named in English.

A Russian page names a person by a given name (one that, transliterated, is in
``data/given_names.txt``) and a capitalised word after it. The name is handed to
``PeopleFinder`` as any other; its key is made by ``mentions.translit_fold``,
which transliterates Cyrillic first (``latin``), so the Russian and English
spellings of one person meet in one term. ``Лавров`` alone then joins the
person as an English surname does.
"""

from __future__ import annotations

import re
from functools import cache

from ..data import word_list
from .mentions import Mention, translit_fold

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
NAME = re.compile(r"(?<![\w-])([А-ЯЁ][а-яё]+)\s+([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)(?![\w-])")


@cache
def given_names() -> frozenset[str]:
    """The given names of ``data/given_names.txt``, folded as names are compared."""
    return frozenset(translit_fold(name) for name in word_list("given_names"))


def cyrillic_names(doc: int, paragraph: int, text: str) -> list[tuple[Mention, str, str]]:
    """The names ``Given Surname`` written in Cyrillic in one text: (mention, given name, surname)."""
    if not CYRILLIC.search(text):
        return []
    found = []
    for match in NAME.finditer(text):
        given, surname = match.groups()
        if translit_fold(given) in given_names() and translit_fold(surname) not in given_names():
            found.append((Mention("person", "", match.group(), doc, paragraph, match.start(), match.end()),
                          given, surname))
    return found
