"""The TermIndex API the app uses, and the JSON of the contract."""

from hypothesis import given, settings
from hypothesis import strategies as st

from corpusreader.corpus.model import Card, Document
from corpusreader.corpus.terms.index import KINDS, TermIndex, terms_json

DOCS = [
    Document(path="one.txt", title="Minister Ivan Petrov visits Kazan",
             paragraphs=["The World Trade Organization (WTO) met.", "Ivan Petrov spoke of the WTO in Kazan.",
                         "Resolution 70/1 was cited by Petrov."],
             cards=[Card(name="Ivan Petrov", role="Minister of Trade", kind="person", paragraph=1)]),
    Document(path="two.txt", title="Trade news",
             paragraphs=["The WTO and resolution 70/1 again.", "Nothing else of note."]),
]


def test_terms_have_keys_kinds_and_occurrences_in_their_text():
    index = TermIndex.build(DOCS)
    assert index.terms and {t.kind for t in index.terms} <= set(KINDS)
    for term in index.terms:
        assert index.get(term.key) is term
        for o in term.occurrences:
            document = DOCS[o.doc]
            assert o.path == document.path
            text = document.title if o.paragraph == -1 else document.paragraphs[o.paragraph]
            assert text[o.start:o.end].casefold().replace("’", "'") in {n.casefold() for n in term.names} \
                or term.kind in ("acronym", "phrase", "person")
            assert 0 <= o.start < o.end <= len(text)


def test_terms_of_a_document_grouped_by_kind_with_counts():
    index = TermIndex.build(DOCS)
    grouped = index.terms_of(0)
    assert list(grouped) == [k for k in KINDS if k in grouped]
    wto = next(c for c in grouped["acronym"] if c.term.term == "WTO")
    assert (wto.here, wto.documents) == (3, 2)
    petrov = next(c for c in grouped["person"] if c.term.term == "Ivan Petrov")
    assert petrov.here == 3 and petrov.term.role == "Minister of Trade"
    assert "Minister" in petrov.term.roles
    assert index.terms_of(99) == {}


def test_occurrences_and_paragraph_hits():
    index = TermIndex.build(DOCS)
    wto = index.get("acronym:WTO")
    assert index.occurrences(wto) == index.occurrences("acronym:WTO")
    assert {o.doc for o in index.occurrences(wto, doc=1)} == {1}
    assert index.occurrences("acronym:NOPE") == []
    hits = index.at(0, 1)
    assert [h[1].start for h in hits] == sorted(h[1].start for h in hits)
    assert {"Ivan Petrov", "WTO", "Kazan"} <= {t.term for t, _ in hits}


def test_related_documents_share_rare_terms():
    index = TermIndex.build(DOCS)
    related = index.related(0)
    assert [r.doc for r in related] == [1]
    assert {t.term for t in related[0].shared} >= {"WTO", "70/1"}


def test_json_follows_the_contract():
    items = terms_json(DOCS)
    assert items
    for item in items:
        assert set(item) >= {"term", "kind", "expansion", "aliases", "role", "documents", "occurrences"}
        assert item["kind"] in KINDS
        assert all(set(o) == {"path", "paragraph", "start", "end"} for o in item["occurrences"])
        assert item["documents"] == list(dict.fromkeys(o["path"] for o in item["occurrences"]))
    wto = next(i for i in items if i["term"] == "WTO")
    assert wto["expansion"] == "World Trade Organization" and wto["documents"] == ["one.txt", "two.txt"]


def test_empty_corpus():
    index = TermIndex.build([Document(path="empty.txt")])
    assert index.terms == [] and index.related(0) == [] and terms_json([]) == []


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("AaBbUNSCO (),.-/’'7 \n[]Ivan Petrov")), max_size=80),
                max_size=4))
def test_any_text_builds_with_offsets_inside(paragraphs):
    document = Document(path="x.txt", title=paragraphs[0] if paragraphs else None, paragraphs=paragraphs)
    index = TermIndex.build([document])
    for term in index.terms:
        for o in term.occurrences:
            text = document.title if o.paragraph == -1 else document.paragraphs[o.paragraph]
            assert 0 <= o.start < o.end <= len(text)


def test_in_document_lists_every_occurrence_in_reading_order():
    index = TermIndex.build(DOCS)
    hits = index.in_document(0)
    assert [(o.paragraph, o.start) for _, o in hits] == sorted((o.paragraph, o.start) for _, o in hits)
    assert hits[0][1].paragraph == -1  # the title first
    assert sum(c.here for cs in index.terms_of(0).values() for c in cs) == len(hits)
    assert index.at(0, 2) == [h for h in hits if h[1].paragraph == 2]
