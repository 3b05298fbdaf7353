"""The document list's filter: words, date ranges, sites."""

from __future__ import annotations

from corpusreader.corpus.list_filter import parse_filter
from corpusreader.corpus.model import Document

DOCS = [
    Document("a/one.txt", title="Security Council meeting", date="2013-05-02", site="en.kremlin.ru"),
    Document("b/two.txt", title="Statement on security", date="2014-02-28", site="www.mid.ru"),
    Document("c/three.txt", title="Press release", date="2012-06-01", site="en.kremlin.ru"),
    Document("d/four.txt", title="Undated note on security", site="russiaun.ru"),
]


def passing(text: str) -> list[str]:
    wanted = parse_filter(text)
    return [d.name for d in DOCS if wanted.passes(d)]


def test_words_fields_and_ranges():
    assert passing("") == ["one.txt", "two.txt", "three.txt", "four.txt"]
    assert passing("security") == ["one.txt", "two.txt", "four.txt"]
    assert passing("year:2013") == ["one.txt"]
    assert passing("date:2012-06..2014-02") == ["one.txt", "two.txt", "three.txt"]
    assert passing("date:2013..") == ["one.txt", "two.txt"]
    assert passing("date:..2013-05") == ["one.txt", "three.txt"]
    assert passing("year:2012..2013 site:kremlin") == ["one.txt", "three.txt"]
    assert passing("site:mid site:russiaun security") == ["two.txt", "four.txt"]
    assert passing("Security YEAR:2014") == ["two.txt"]


def test_a_field_that_does_not_read_as_one_is_a_word():
    assert parse_filter("year:soon").words == ["year:soon"]
    assert parse_filter("date:2013-5").words == ["date:2013-5"]
    assert parse_filter("site:").words == ["site:"]
    assert parse_filter("").empty
