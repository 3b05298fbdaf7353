"""The search engine: misspelled queries over the bundled corpus, folding, spans, robustness."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from corpusreader.corpus.loading.pipeline import build_corpus
from corpusreader.corpus.model import Document
from corpusreader.corpus.search.index import SearchIndex
from corpusreader.corpus.text import fold, folded_words


@pytest.fixture(scope="module", params=["in memory", "mapped"])
def bundled(request, tmp_path_factory):
    """The bundled corpus and its index, held in memory as built, and mapped from the file it saves
    (what the reader uses with the cache): the same tests for both."""
    corpus, problems = build_corpus([])
    assert not problems and corpus.documents
    index = SearchIndex.build(corpus.documents)
    if request.param == "mapped":
        path = tmp_path_factory.mktemp("search") / "index.idx"
        index.save(path, [bytes(16)] * len(corpus.documents))
        index = SearchIndex.open(path, corpus.documents)
    return corpus.documents, index


def text_of(documents, hit) -> str:
    document = documents[hit.doc]
    return document.title if hit.paragraph == -1 else document.paragraphs[hit.paragraph]


# The intended paragraph of each misspelled query: the words it must hold, and
# the document it must be in where the corpus has one obvious home for them.
INTENDED = [
    ("informaton securty", ["information security"], None),
    ("Patrushef", ["patrushev"], "002_"),
    ("open ended working grup", ["open-ended working group"], None),
    ("colective security treaty", ["collective security treaty"], "001_"),  # the CSTO page
    ("cybercrme convention", ["convention", "cybercrime"], "002_"),
]


@pytest.mark.parametrize("query, words, document", INTENDED, ids=[q for q, _, _ in INTENDED])
def test_misspelled_query_finds_its_paragraph_in_the_top_3(bundled, query, words, document):
    documents, index = bundled
    hits = index.search(query, limit=3)
    intended = [
        hit for hit in hits
        if all(word in fold(text_of(documents, hit)) for word in words)
        and (document is None or document in hit.path)
    ]
    assert intended, f"{query!r}: top 3 were {[text_of(documents, h)[:80] for h in hits]}"
    hit = intended[0]
    text = text_of(documents, hit)
    highlighted = " ".join(fold(text[start:end]) for start, end in hit.spans)
    for word in words:
        for part in folded_words(word):
            assert part in highlighted, f"{part!r} not among the spans of {query!r}"


def near_query(word: str) -> bool:
    """A match for "information security cooperation": a typo of a word or a completion of the last."""
    return word.startswith("cooperation") or any(
        OSA.distance(word, query) <= 2 for query in ("information", "security", "cooperation"))


def test_results_are_sorted_and_carry_consistent_spans(bundled):
    documents, index = bundled
    hits = index.search("information security cooperation", limit=15)
    assert len(hits) == 15
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all(0 < h.score <= 100 for h in hits)
    for hit in hits:
        text = text_of(documents, hit)
        assert hit.path == documents[hit.doc].path and hit.title == documents[hit.doc].display_title
        assert hit.spans and all(0 <= s < e <= len(text) for s, e in hit.spans)
        assert all(near_query(fold(text[s:e])) for s, e in hit.spans)
        assert hit.snippet_spans
        assert all(near_query(fold(hit.snippet[s:e])) for s, e in hit.snippet_spans)
        assert len(hit.snippet) <= 170 and "\n" not in hit.snippet


def test_the_exact_phrase_outranks_scattered_words(bundled):
    documents, index = bundled
    top = index.search("open ended working group", limit=1)[0]
    assert "open-ended working group" in fold(text_of(documents, top))


def test_the_last_word_is_a_prefix_only_while_it_is_being_typed(bundled):
    documents, index = bundled
    typing = index.search("Patru")
    assert typing and "Patrushev" in text_of(documents, typing[0])
    assert index.search("Patru ") == []  # a finished word "patru" is no typo of "patrushev"


def test_limit(bundled):
    _, index = bundled
    assert len(index.search("security", limit=1)) == 1
    assert index.search("security", limit=0) == []


def test_cyrillic_accents_and_yo_fold():
    documents = [
        Document(path="ru.txt", title="Заявление МИД России",
                 paragraphs=["Информационная безопасность — наш приоритет.", "Ёлка стоит у дома.",
                             "Другой текст о погоде."]),
        Document(path="fr.txt", title=None, paragraphs=["Un café à Zürich.", "Nothing here."]),
    ]
    index = SearchIndex.build(documents)
    hit = index.search("информационая безопастность")[0]  # two typos
    assert (hit.doc, hit.paragraph) == (0, 0)
    assert [documents[0].paragraphs[0][s:e] for s, e in hit.spans] == ["Информационная", "безопасность"]
    for query in ("елка", "ЁЛКА", "ёлка"):
        assert [(h.doc, h.paragraph) for h in index.search(query)] == [(0, 1)]
    assert index.search("заявление мид")[0].paragraph == -1
    hit = index.search("CAFE zurich")[0]
    assert (hit.doc, hit.paragraph) == (1, 0)  # no title: paragraphs count from 0
    assert [documents[1].paragraphs[0][s:e] for s, e in hit.spans] == ["café", "Zürich"]


def test_fold():
    assert fold("Ёжик ЙОД Café ÆON straße") == "ежик йод cafe æon strasse"
    assert fold("cafe\u0301") == "cafe"


NASTY = ["", "   ", "!!! ...", "\x00\x1b[31m[red]x[/red]", "a" * 100_000, " ".join(["word"] * 10_000),
         "\u0301\u0301", "ﬁ ½ ²", "\ud800", "_", "__init__", "ß" * 50, "\n\t\r"]


@pytest.mark.parametrize("query", NASTY, ids=range(len(NASTY)))
def test_nasty_queries_never_raise(bundled, query):
    documents, index = bundled
    for hit in index.search(query):
        assert all(0 <= s < e <= len(text_of(documents, hit)) for s, e in hit.spans)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=60), limit=st.integers(min_value=-2, max_value=30), typing=st.booleans())
def test_any_query_string_never_raises(bundled, query, limit, typing):
    documents, index = bundled
    hits = index.search(query, limit, typing=typing)
    assert len(hits) <= max(limit, 0)
    for hit in hits:
        text = text_of(documents, hit)
        assert all(0 <= s < e <= len(text) for s, e in hit.spans)
        assert all(0 <= s < e <= len(hit.snippet) for s, e in hit.snippet_spans)


def test_word_cache_stays_within_its_budget(bundled, monkeypatch):
    import corpusreader.corpus.search.index as search

    _, index = bundled
    monkeypatch.setattr(search, "CACHE_BUDGET", 60)  # bytes: room for a few words' bitmaps
    index.clear_cache()
    for query in ("s", "se", "sec", "secu", "security", "security c", "security council", "the"):
        index.search(query)
        assert index._cached_bytes <= 60
        assert index._cached_bytes == sum(search._size(term) for term in index._cached_terms.values())
    assert index.search("security council")  # still right after evictions


def test_spans_in_any_text(bundled):
    _, index = bundled
    text = "The Security  Council of Russia, the council of Qwxyzk."
    assert [text[s:e] for s, e in index.spans(text, "securty councl qwxyzk ")] == \
        ["Security", "Council", "council", "Qwxyzk"]  # a word the corpus lacks: exactly
    assert index.spans(text, "") == [] and index.spans("", "security") == []


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab Éé\u0301ß½-’\xa0_Жё\t", max_size=40))
def test_spans_at_agrees_with_the_tokeniser(text):
    from corpusreader.corpus.search.rank import _aligned_words, spans_at
    from corpusreader.corpus.text import SEARCH_TOKEN

    words = _aligned_words(text)
    spans = spans_at(text, list(range(len(words))))
    assert len(spans) == len(words)
    if len(fold(text)) == len(text):
        assert spans == [m.span() for m in SEARCH_TOKEN.finditer(fold(text))]
    assert all(0 <= s < e <= len(text) for s, e in spans)


@pytest.mark.timeout(60)  # a guard against quadratic work (minutes), not a speed target
def test_a_huge_paragraph_of_repeated_words():
    text = "security council " * 20_000
    index = SearchIndex.build([Document(path="big.txt", title=None, paragraphs=[text, "the council"])])
    hit = index.search("security council", limit=1)[0]
    assert hit.paragraph == 0 and len(hit.spans) == 40_000 and hit.score == 100.0


def test_a_typo_in_the_first_letter_is_found_once_the_word_is_finished(bundled):
    documents, index = bundled
    assert not any("Patrushev" in text_of(documents, h) for h in index.search("Batrushev"))  # typing
    for hits in (index.search("Batrushev "), index.search("Batrushev", typing=False)):
        assert hits and "Patrushev" in text_of(documents, hits[0])


def test_the_index_survives_a_round_trip_through_bytes(bundled):
    documents, index = bundled
    again = SearchIndex.from_bytes(index.to_bytes(), documents)
    assert [(h.doc, h.paragraph, h.score, h.spans) for h in again.search("informaton securty")] == \
        [(h.doc, h.paragraph, h.score, h.spans) for h in index.search("informaton securty")]
    with pytest.raises(ValueError):
        SearchIndex.from_bytes(index.to_bytes(), documents[:-1])
    with pytest.raises(ValueError):
        SearchIndex.from_bytes(b"not a pickle", documents)
