"""The search syntax (``search.query.parse``): phrases, exclusions, fields, dates, and what it says of bad input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpusreader.corpus.search.query import DateRange, parse, parse_dates


def test_bare_words_are_plain_and_each_its_own_clause():
    parsed = parse("Informaton  securty")
    assert parsed.plain and not parsed.hints and parsed.unfinished
    assert [c.words for c in parsed.include] == [["informaton"], ["securty"]]
    assert not any(c.phrase for c in parsed.include)
    assert not parse("securty ").unfinished  # a trailing space finishes the word


def test_quotes_make_a_phrase_and_a_minus_excludes():
    parsed = parse('"Open-ended Working Group" cyber -Lavrov -"press release"')
    assert [(c.words, c.phrase) for c in parsed.include] == [
        (["open", "ended", "working", "group"], True), (["cyber"], False)]
    assert [(c.words, c.phrase) for c in parsed.exclude] == [(["lavrov"], False), (["press", "release"], True)]
    assert not parsed.plain and not parsed.hints


def test_a_hyphenated_word_is_two_words_but_excluded_as_one_phrase():
    assert [c.words for c in parse("open-ended").include] == [["open"], ["ended"]]
    assert [(c.words, c.phrase) for c in parse("-open-ended").exclude] == [(["open", "ended"], True)]


@pytest.mark.parametrize("name", ["site", "speaker", "title", "place"])
def test_text_fields(name):
    parsed = parse(f'{name}:Kremlin {name}:"Vladimir Putin" -{name}:mid')
    assert [(f.name, f.words, f.negated) for f in parsed.fields] == [
        (name, ["kremlin"], False), (name, ["vladimir", "putin"], False), (name, ["mid"], True)]
    assert not parsed.include and parsed.filtered


def test_field_names_are_case_insensitive_and_unknown_ones_are_text():
    assert parse("SITE:kremlin").fields[0].name == "site"
    parsed = parse("http://kremlin.ru 10:30")
    assert not parsed.fields and [c.words for c in parsed.include] == [["http"], ["kremlin"], ["ru"], ["10"], ["30"]]


@pytest.mark.parametrize("value, expected", [
    ("2013", ("2013", "2013")),
    ("2012-06..2014-02", ("2012-06", "2014-02")),
    ("2012-6-5..", ("2012-06-05", None)),
    ("..2014", (None, "2014")),
    ("2013-05-01", ("2013-05-01", "2013-05-01")),
])
def test_dates(value, expected):
    assert parse_dates(value) == expected
    assert parse(f"date:{value}").dates == [DateRange(*expected)]


@pytest.mark.parametrize("value", ["20x", "2013-13", "2013-05-40", "..", "2015..2012", "13", "2013..abc"])
def test_a_bad_date_is_left_out_with_a_hint(value):
    parsed = parse(f"date:{value} security")
    assert parsed.dates == [] and len(parsed.hints) == 1 and "date:" in parsed.hints[0]
    assert [c.words for c in parsed.include] == [["security"]]


def test_years():
    assert parse("year:2012..2014").dates == [DateRange("2012", "2014")]
    assert parse("-year:2013").dates == [DateRange("2013", "2013", negated=True)]
    assert parse("year:2013-05").hints and not parse("year:2013-05").dates


def test_a_date_range_holds_dates_by_their_prefix():
    spring = DateRange("2012-06", "2014-02")
    assert spring.holds("2012-06-01") and spring.holds("2014-02-28") and spring.holds("2013")
    assert not spring.holds("2012-05-31") and not spring.holds("2014-03-01") and not spring.holds(None)
    assert DateRange(None, "2014").holds("1999-01-01") and not DateRange("2013", None).holds("2012-12-31")
    assert DateRange("2013", "2013", negated=True).holds(None)


def test_an_unclosed_quote_reads_to_the_end():
    parsed = parse('security "open ended')
    assert parsed.include[1].phrase and parsed.include[1].words == ["open", "ended"]
    assert parsed.hints == ["a quote is not closed: read to the end of the query"]


def test_empty_values_and_lone_signs():
    assert parse("site:").hints == ["site: needs a value"]
    assert parse('- "" -').empty
    assert parse("   ").empty and not parse("   ").hints


def test_highlight_text_keeps_the_words_and_the_typing_state():
    assert parse('"exact phrase" site:x -no year:2013 more').highlight_text() == "exact phrase more"
    assert parse("more ").highlight_text() == "more "
    assert parse("site:x").highlight_text() == ""


@given(st.text(max_size=80))
def test_any_string_parses(query):
    parsed = parse(query)
    assert isinstance(parsed.hints, list)
    parsed.highlight_text()
