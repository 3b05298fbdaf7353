"""Properties over hostile text (issue 6): markup, escapes, control, zero-width and
right-to-left characters, any line break Python knows. The cleaner never raises,
keeps every word, accounts for every line and is stable; search never raises; the
decoder never raises; exports and the reading layout never carry a control character."""

from __future__ import annotations

import re

import pytest
from helpers import assert_every_line_accounted, clean_text
from hostile import ESCAPES, HOSTILE_TEXT, MARKUP_LINES, ODD_CHARACTERS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_clean_properties import LINES, rendered, word_counts

from corpusreader.corpus.export import render_one
from corpusreader.corpus.loading.decoding import BINARY_SHARE, decode
from corpusreader.corpus.search.index import SearchIndex
from corpusreader.widgets.text_layout import clean_blocks, raw_blocks

HOSTILE_PIECES = st.sampled_from(MARKUP_LINES + [ESCAPES, ODD_CHARACTERS, "[", "[/]", "]", "\\", "\x1b[2J",
                                                 "\x1b]52;c;aGk=\x07", "\u202e", "\u200b", "\r", "\t", "\x00"])
HOSTILE_LINES = st.one_of(
    HOSTILE_PIECES,
    LINES,
    st.lists(st.one_of(HOSTILE_PIECES, LINES), min_size=2, max_size=4).map(" ".join),
    st.text(max_size=60),  # any code point but surrogates: controls, separators, combining marks
)
HOSTILE_PAGES = st.lists(HOSTILE_LINES, max_size=30).map("\n".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@SETTINGS
@given(HOSTILE_PAGES)
def test_the_cleaner_keeps_every_word_of_hostile_text(text):
    document = clean_text(text)
    kept = word_counts(" ".join([document.title or ""] + document.paragraphs + [r.text for r in document.removed]))
    assert not word_counts(text) - kept


@SETTINGS
@given(HOSTILE_PAGES)
def test_the_cleaner_accounts_for_every_hostile_line(text):
    assert_every_line_accounted(clean_text(text), text)


REPEAT = MARKUP_LINES[0]
TWICE_FAILS = f"{REPEAT}\n{REPEAT}\n{ESCAPES}\nVladimir Putin: Good afternoon, colleagues!"


def test_cleaning_twice_a_page_with_a_repeat_above_its_title():
    once = clean_text(TWICE_FAILS)
    twice = clean_text(rendered(once))
    assert (twice.title, twice.paragraphs) == (once.title, once.paragraphs)


@pytest.mark.xfail(strict=True, reason=(
    "cleaner re-cleaning limit, issue 10: with junk lines (markup, escapes, stray menu items) above "
    "the first prose, the title chosen on a second cleaning can differ, because the junk removed by "
    "the first no longer stands between a long line and the text. The examples are the same on "
    "every run (tests/conftest.py), and some of them fail today: once none does, this passes and "
    "the strict mark fails the run, to be removed"))
@SETTINGS
@given(st.lists(st.one_of(HOSTILE_PIECES, LINES), max_size=30).map("\n".join))
def test_cleaning_hostile_text_twice_gives_what_cleaning_once_gave(text):
    once = clean_text(text)
    twice = clean_text(rendered(once))
    assert (twice.title, twice.paragraphs) == (once.title, once.paragraphs)


HOSTILE_DOCUMENTS = [clean_text(HOSTILE_TEXT, "markup.txt"),
                     clean_text("A title [red]x[/red]\n\n" + ODD_CHARACTERS + "\n\n" + ESCAPES + "\n", "odd.txt")]
INDEX = SearchIndex.build(HOSTILE_DOCUMENTS)


@SETTINGS
@given(st.one_of(st.text(max_size=40), HOSTILE_PIECES), st.booleans())
def test_search_never_raises_on_any_query_over_hostile_documents(query, typing):
    for hit in INDEX.search(query, 5, typing=typing):
        assert 0 <= hit.score <= 100 and not CONTROLS.search(hit.snippet)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_the_decoder_never_raises_and_keeps_nul_only_as_a_stray_byte(data):
    decoded = decode(data)
    assert isinstance(decoded, str) or decoded[0].count("\x00") <= BINARY_SHARE * len(data)


@SETTINGS
@given(HOSTILE_PAGES)
def test_exports_and_the_reading_layout_carry_no_control_character(text):
    document = clean_text(text)
    for fmt in ("txt", "md", "html"):
        assert not CONTROLS.search(render_one(document, fmt)), fmt
    for fmt in ("json", "jsonl"):
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", render_one(document, fmt)), fmt
    for block in clean_blocks(document) + raw_blocks(document):
        assert not re.search("[\x00-\x1f\x7f-\x9f]", block.text), block
