"""The cleaner's quick paths answer as the slow tests they spare would (issue 10's speed work)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from corpusreader.corpus import text
from corpusreader.corpus.cleaning import dates, signals

SAMPLES = [
    "© 2024 Example Ltd", "  (c) Foo", "Copyright 2020", "COPYRIGHT", "All Rights Reserved.", "ALL RİGHTS RESERVED",
    "all rıghts reserved", "licenſed under", "Licensed under CC BY 4.0", "cc-by-sa", "Все права защищены",
    "ВСЕ ПРАВА ЗАЩИЩЕНЫ", "все прaва", "вᲃе права защищены", "Эл № ФС77-12345", "фс 77-1", "Свидетельство о регистрации",
    "See www.example.com", "HTTP://X.ORG", "page.HTML", "A plain sentence with nothing in it.", "", "   ",
    "15 June 2021", "JUNE 15, 2021", "Sept. 3, 2019", "ſeptember 3, 2019", "3 июня 2021 г.", "3 ИЮНЯ 2021",
    "03.02.2022", "2022-02-03", "Friday, April 19", "Room 12, floor 3", "Ünïcödé 12 straße", "١٢٣ digits ٤٥",
]
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _line_key(line: str) -> str:
    line = unicodedata.normalize("NFKC", line).casefold()
    return re.sub(r"\d", "0", " ".join(line.split()))


def _script(line: str) -> str | None:
    latin, cyrillic = len(_LATIN.findall(line)), len(_CYRILLIC.findall(line))
    return None if not latin and not cyrillic else "cyrillic" if cyrillic > latin else "latin"


def _all_dates(line: str) -> list[dates.FoundDate]:
    found: list[dates.FoundDate] = []
    for pattern in dates._PATTERNS:
        for match in pattern.finditer(line):
            if any(f.start < match.end() and match.start() < f.end for f in found):
                continue
            parts = match.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else dates._month_number(parts.get("month") or "")
            day = int(parts["day"])
            if month and 1 <= month <= 12 and 1 <= day <= 31:
                year = parts.get("year")
                found.append(dates.FoundDate(match.start(), match.end(),
                                             f"{int(year):04d}-{month:02d}-{day:02d}" if year else None))
    return sorted(found, key=lambda f: f.start)


@pytest.mark.parametrize("line", SAMPLES)
def test_quick_paths_agree_with_the_full_searches(line):
    assert signals.is_copyright(line) == bool(signals._COPYRIGHT.search(line))
    assert dates.find_dates(line) == _all_dates(line)
    assert text.line_key(line) == _line_key(line)
    assert text.script_of(line) == _script(line)


def test_the_case_traps_are_every_letter_a_case_blind_search_matches_to_another_lower_case():
    letters = set("".join(dates._MONTH_NUMBERS) + "copyrightallsvdundercmbwhtp" + "всеправазщиныдльтогэф")
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for letter in letters:
        for match in re.findall(re.escape(letter), every, re.I):
            assert match.lower() == letter.lower() or text._CASE_TRAPS.match(match), (letter, match)
