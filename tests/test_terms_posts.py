"""Issue 15: a person's posts carry the dates of their documents; each document has its own post."""

from corpusreader.corpus.model import Card, Document
from corpusreader.corpus.terms.index import TermIndex
from corpusreader.corpus.terms.stored import terms_from_bytes, terms_to_bytes


def doc(path, date, *paragraphs, cards=()):
    return Document(path=path, date=date, paragraphs=list(paragraphs), cards=list(cards))


def kudrin_corpus():
    return [
        doc("a.txt", "2013-05-01", "Finance Minister Alexei Kudrin spoke."),
        doc("b.txt", "2019-03-01", "Accounts Chamber Chairman Alexei Kudrin spoke.",
            "Accounts Chamber Chairman Alexei Kudrin agreed."),
        doc("c.txt", "2014-01-01", "Alexei Kudrin came."),
        doc("d.txt", None, "Alexei Kudrin wrote."),
    ]


def kudrin(index):
    return next(t for t in index.terms if t.kind == "person")


def test_each_document_has_the_post_of_its_time():
    index = TermIndex.build(kudrin_corpus())
    person = kudrin(index)
    assert person.role_in(0) == "Finance Minister"
    assert person.role_in(1) == "Accounts Chamber Chairman"
    assert person.role_in(2) == "Finance Minister"  # no post here: the post of the nearest date
    assert person.role_in(3) == person.role  # no date: the person's post overall


def test_posts_over_time_in_the_json():
    person = kudrin(TermIndex.build(kudrin_corpus()))
    assert person.to_json()["posts"] == [
        {"role": "Finance Minister", "from": "2013-05-01", "to": "2013-05-01"},
        {"role": "Accounts Chamber Chairman", "from": "2019-03-01", "to": "2019-03-01"},
    ]
    assert person.to_json()["role"] == person.role and set(person.to_json()["roles"]) == {
        "Finance Minister", "Accounts Chamber Chairman"}


def test_the_card_of_a_page_gives_its_post_there():
    card = Card(kind="person", name="Dmitry Medvedev", role="Deputy Chairman of the Security Council", paragraph=0)
    index = TermIndex.build([
        doc("a.txt", "2010-01-01", "Prime Minister Dmitry Medvedev spoke.", "Prime Minister Dmitry Medvedev left."),
        doc("b.txt", "2021-01-01", "Prime Minister Dmitry Medvedev came.", cards=[card]),
    ])
    person = kudrin(index)
    assert person.role_in(0) == "Prime Minister"
    assert person.role_in(1) == "Deputy Chairman of the Security Council"


def test_posts_by_document_survive_the_cache_blob():
    documents = kudrin_corpus()
    index = TermIndex.build(documents)
    again = terms_from_bytes(terms_to_bytes(index.terms), documents)
    person = next(t for t in again if t.kind == "person")
    assert [person.role_in(d) for d in range(4)] == [kudrin(index).role_in(d) for d in range(4)]
    assert person.to_json() == kudrin(index).to_json()


def test_a_card_after_a_surname_names_the_person_there():
    card = Card(kind="person", name="Recep Tayyip Erdogan", role="President of Turkey", paragraph=0)
    index = TermIndex.build([doc("a.txt", "2018-01-01", "Mr Putin and Mr Erdogan held a news conference.",
                                 cards=[card])])
    person = next(t for t in index.terms if t.kind == "person" and "Erdogan" in t.term)
    assert person.term == "Recep Tayyip Erdogan" and person.role_in(0) == "President of Turkey"
    assert [(o.paragraph, o.start, o.end) for o in person.occurrences] == [(0, 16, 23)]


def test_the_panel_row_shows_the_post_of_the_open_document():
    from corpusreader.widgets.term_lists import term_row

    person = kudrin(TermIndex.build(kudrin_corpus()))
    assert "Finance Minister" in term_row(person, 1, 4, 80, doc=0).plain
    assert "Accounts Chamber Chairman" in term_row(person, 2, 4, 80, doc=1).plain
