"""The query language run on a small corpus (``search.engine``): fields, dates, phrases, exclusions,
metadata, aliases from the term index, every hit counted, relevance and date orders, grouping."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpusreader.corpus.model import Document
from corpusreader.corpus.search.aliases import Aliases
from corpusreader.corpus.search.engine import run
from corpusreader.corpus.search.index import SearchIndex
from corpusreader.corpus.terms.term import Term

FILLER = "The participants discussed matters of mutual interest at length."


def document(path, title, paragraphs, date=None, place=None, speaker=None, site=None) -> Document:
    return Document(path=path, title=title, date=date, place=place, speaker=speaker, site=site,
                    paragraphs=paragraphs)


CORPUS = [
    document("meeting.txt", "Security Council meeting",
             ["Vladimir Putin: Good afternoon, colleagues.", FILLER,
              "I give the floor to Security Council Secretary Nikolai Patrushev.", FILLER,
              "Nikolai Patrushev: Thank you. The draft statement on information security is ready."[:40],
              "Vladimir Putin: We will issue a statement on the results."],
             date="2013-04-10", place="Novo-Ogaryovo, Moscow Region", speaker="Vladimir Putin",
             site="en.kremlin.ru"),
    document("statement.txt", "Statement by the Ministry of Foreign Affairs",
             ["The Ministry issues this statement on cyber security.", FILLER],
             date="2014-02-01", site="mid.ru", speaker="Sergey Lavrov"),
    document("oewg.txt", "Session of the working group",
             ["The Open-ended Working Group met in New York.", "Delegations welcomed the consensus report."],
             date="2021-03-12", site="russiaun.ru", speaker="Andrey Belousov"),
    document("acronym.txt", "Note on the OEWG",
             ["Russia supports the OEWG as the single negotiating format.", "Sergei Lavrov said so again."],
             date="2021-06-01", site="mid.ru", speaker="Sergei Lavrov"),
    document("undated.txt", "An undated note on information security",
             ["International information security is a priority.", "Information security, again."]),
]


@pytest.fixture(scope="module", params=["in memory", "mapped"])
def index(request, tmp_path_factory):
    """The index as built, and mapped from the file it saves: the same tests for both."""
    built = SearchIndex.build(CORPUS)
    if request.param == "in memory":
        return built
    path = tmp_path_factory.mktemp("search") / "index.idx"
    built.save(path, [bytes(16)] * len(CORPUS))
    return SearchIndex.open(path, CORPUS)


@pytest.fixture(scope="module")
def aliases():
    terms = [Term("acronym:OEWG", "OEWG", "acronym", expansion="Open-ended Working Group",
                  aliases=["Open-ended Working Group"]),
             Term("person:sergei:lavrov", "Sergei Lavrov", "person", aliases=["Sergey Lavrov"])]
    return Aliases(type("Terms", (), {"terms": terms})())


def paths(results, order="relevance", grouped=False):
    return [CORPUS[hit.doc].path for hit in results.all(order, grouped)]


def test_every_word_of_the_query_in_different_paragraphs_outranks_one_word_in_a_title(index):
    results = run(index, "Patrushev statement")
    assert paths(results, grouped=True) == ["meeting.txt"]  # the title "Statement by …" lacks Patrushev
    assert results.documents == 1 and results.paragraphs == 3 and not results.hints


def test_when_no_document_holds_every_word_the_nearest_are_shown_with_a_hint(index):
    results = run(index, "Patrushev consensus")
    assert set(paths(results, grouped=True)) == {"meeting.txt", "oewg.txt"}
    assert results.hints == ["no document holds every word: those with 1 of 2"]


def test_all_hits_are_counted_and_paged(index):
    results = run(index, "information security")
    assert results.summary() == "3 paragraphs in 1 document"
    everything = list(results.all())
    assert len(everything) == results.paragraphs
    assert results.page(1, 2) == everything[1:3]
    assert len({(hit.doc, hit.paragraph) for hit in everything}) == len(everything)


def test_a_phrase_must_stand_as_typed(index):
    assert paths(run(index, '"information security"'), grouped=True) == ["undated.txt"]
    assert run(index, '"security information"').paragraphs == 0


def test_excluded_words_and_phrases_drop_their_documents(index):
    assert "meeting.txt" not in paths(run(index, "statement -Patrushev"))
    assert paths(run(index, "statement -Patrushev"), grouped=True) == ["statement.txt"]
    assert set(paths(run(index, 'security -"cyber security"'), grouped=True)) == {"meeting.txt", "undated.txt"}


def test_fields_with_typos_and_prefixes(index):
    assert paths(run(index, "site:kremln statement"), grouped=True) == ["meeting.txt"]
    assert set(paths(run(index, "speaker:Lavrov"), grouped=True)) == {"statement.txt", "acronym.txt"}
    assert paths(run(index, "speaker:Puti"), grouped=True) == ["meeting.txt"]
    assert paths(run(index, "place:Novo-Ogaryovo"), grouped=True) == ["meeting.txt"]
    assert paths(run(index, "title:sesion"), grouped=True) == ["oewg.txt"]
    assert "statement.txt" not in paths(run(index, "statement -site:mid"))


def test_dates_and_years(index):
    assert paths(run(index, "year:2013"), grouped=True) == ["meeting.txt"]
    assert set(paths(run(index, "date:2013-04..2014-02"), grouped=True)) == {"meeting.txt", "statement.txt"}
    assert set(paths(run(index, "date:2021..", ), grouped=True)) == {"oewg.txt", "acronym.txt"}
    assert paths(run(index, "year:..2013 statement"), grouped=True) == ["meeting.txt"]
    bad = run(index, "date:2013-99 statement")
    assert bad.hints and set(paths(bad, grouped=True)) == {"meeting.txt", "statement.txt"}


def test_metadata_is_searchable_with_plain_words(index):
    results = run(index, "Novo-Ogaryovo")
    assert paths(results) == ["meeting.txt"]
    hit = results.page(0, 1)[0]
    assert hit.paragraph == -1 and hit.spans == [] and "Novo-Ogaryovo" in hit.snippet
    assert [hit.snippet[s:e] for s, e in hit.snippet_spans] == ["Novo", "Ogaryovo"]


def test_acronyms_and_long_forms_find_each_other(index, aliases):
    assert paths(run(index, "OEWG"), grouped=True) == ["acronym.txt"]  # without the term index
    assert set(paths(run(index, "OEWG", aliases), grouped=True)) == {"oewg.txt", "acronym.txt"}
    assert set(paths(run(index, '"open-ended working group"', aliases), grouped=True)) == {"oewg.txt", "acronym.txt"}
    assert set(paths(run(index, "open ended working group", aliases), grouped=True)) == {"oewg.txt", "acronym.txt"}


def test_a_persons_spellings_find_each_other(index, aliases):
    assert set(paths(run(index, "Sergey", aliases), grouped=True)) >= {"statement.txt", "acronym.txt"}


def test_counts_by_year_and_site(index):
    results = run(index, "security")
    assert dict(results.by_year) == {"2013": 1, "2014": 1}
    assert results.by_site[0] in (("en.kremlin.ru", 1), ("mid.ru", 1)) and results.documents == 3


def test_date_orders_and_grouping(index):
    results = run(index, "security")
    assert paths(results, "newest", grouped=True) == ["statement.txt", "meeting.txt", "undated.txt"]
    assert paths(results, "oldest", grouped=True) == ["meeting.txt", "statement.txt", "undated.txt"]
    assert paths(results, "oldest")[:2] == ["meeting.txt", "meeting.txt"]  # the title, then a paragraph
    grouped = list(results.all("relevance", grouped=True))
    assert len(grouped) == results.documents and sum(hit.count for hit in grouped) == results.paragraphs


@pytest.mark.parametrize("query", ['"', "-", "site:", "year:abc", 'title:"', "--x", "-site:", "::", "date:..",
                                   '"unclosed phrase', "a" * 300, "\x00\x1b[31m"])
def test_odd_queries_never_raise(index, query):
    results = run(index, query)
    list(results.all())
    run(index, query, typing=True).page(0, 10)


def test_spans_understand_the_syntax(index):
    text = "The statement on information security."
    assert index.spans(text, '"information security" site:kremlin -cyber') == [(17, 37)]
    assert index.spans(text, '"security information" statement') == [(4, 13)]
    assert index.spans(text, "informaton securty") == [(17, 28), (29, 37)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(alphabet=st.sampled_from('ab -":.yeardtsiplcn20139Ж\u0301'), max_size=30))
def test_any_query_gives_every_hit_once(index, query):
    results = run(index, query, typing=True)
    everything = [(hit.doc, hit.paragraph) for hit in results.all()]
    assert len(everything) == len(set(everything)) == results.paragraphs
    assert sum(hit.count for hit in results.all("oldest", grouped=True)) == results.paragraphs
