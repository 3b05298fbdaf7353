"""Properties of the cleaner on any text: it never raises, loses nothing, and is stable."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from helpers import assert_every_line_accounted, clean_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

LINES = st.sampled_from([
    "Security Council meeting", "  • Events", "Share", "Vladimir Putin: Good afternoon, colleagues!",
    "March 26, 2021", "18:20", "Moscow, 15 June 2021", "* * *", "Dear Mr. Chairman!", "Thank you.",
    "See also", "© 2001 - 2021 Example", "Valentina Matviyenko Matviyenko Valentina Matviyenko ValentinaChair ,",
    "The meeting was held to discuss information security and cooperation between the states.",
    "Russia was among the first countries to have urged the international community to join efforts.",
    "states.IMG_2705.JPG", "BRICS Background information BRICS", "[red]markup[/red] [@click=app.quit]x[/]",
    "\x1b[2J\x1b]52;c;aGk=\x07", "Сергей Лавров,", "1. A numbered point of the text.", "", "", "",
    "President of\u00a0Russia", "Go back", "Leave A Reply", "http://example.org/a", "Source: https://x.org/1",
])
PAGES = st.lists(st.one_of(LINES, st.text(max_size=80)), max_size=40).map("\n".join)
REALISTIC_PAGES = st.lists(LINES, max_size=40).map("\n".join)
PROSE = [
    "The meeting was held to discuss information security and cooperation between the states.",
    "Russia was among the first countries to have urged the international community to join efforts.",
]
# A page with some article text amid the chrome: where a page holds none, which of its menu lines the line
# model keeps is a guess, and a guess need not be the same on the cleaned text.
ARTICLE_PAGES = st.tuples(st.lists(LINES, max_size=20), st.sampled_from(PROSE), st.lists(LINES, max_size=20)).map(
    lambda parts: "\n".join([*parts[0], parts[1], *parts[2]]))
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def word_counts(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text))


def rendered(document) -> str:
    return "\n\n".join(([document.title] if document.title else []) + document.paragraphs)


@SETTINGS
@given(PAGES)
def test_every_word_is_kept_somewhere(text):
    document = clean_text(text)
    kept = word_counts(" ".join([document.title or ""] + document.paragraphs + [r.text for r in document.removed]))
    assert not word_counts(text) - kept


@SETTINGS
@given(PAGES)
def test_every_line_is_accounted_for(text):
    assert_every_line_accounted(clean_text(text), text)


def assert_cleaning_again_changes_nothing(text: str) -> None:
    once = clean_text(text)
    twice = clean_text(rendered(once))
    assert (twice.title, twice.paragraphs) == (once.title, once.paragraphs)


@pytest.mark.xfail(strict=True, reason=(
    "cleaner re-cleaning limit, issue 10: a glossary card alone on a line ('BRICS Background information BRICS') "
    "leaves its term ('BRICS') as a line of text, which a second cleaning takes for page header above the "
    "article. The examples are the same on every run (tests/conftest.py): once none fails, remove this mark"))
@SETTINGS
@given(ARTICLE_PAGES)
def test_cleaning_the_clean_text_again_changes_nothing(text):
    assert_cleaning_again_changes_nothing(text)


# Pages that random runs of the property above found, where the first cleaning keeps a short
# piece of chrome (a menu item, a heading) next to its title and the second cleaning drops both.
KNOWN_UNSTABLE_PAGES = [
    "Security Council meeting\nMarch 26, 2021\nMarch 26, 2021\n  • Events\nVladimir Putin: Good afternoon, colleagues!",
    "states.IMG_2705.JPG\nGo back\nPresident of\xa0Russia\nMoscow, 15 June 2021\nSee also\nLeave A Reply\n\nGo back\n"
    "Go back\nMoscow, 15 June 2021\n\nBRICS Background information BRICS\n1. A numbered point of the text.\n18:20\n"
    "Russia was among the first countries to have urged the international community to join efforts.\n"
    "Russia was among the first countries to have urged the international community to join efforts.\nShare\n"
    "BRICS Background information BRICS\nhttp://example.org/a\nBRICS Background information BRICS",
]


@pytest.mark.parametrize("text", [
    # stable since the line model (issue 10) removes the menu item the rules kept below the title
    pytest.param(KNOWN_UNSTABLE_PAGES[0], id="menu-item-below-title"),
    # stable since a heading the corpus repeats is a title only next to the article (issue 10)
    pytest.param(KNOWN_UNSTABLE_PAGES[1], id="see-also-as-title"),
])
def test_known_pages_that_cleaning_again_changes(text):
    assert_cleaning_again_changes_nothing(text)
