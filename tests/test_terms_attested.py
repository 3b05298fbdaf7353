"""Issue 15: acronyms with attested long forms only, people who are people."""

from corpusreader.corpus.model import Card, Document
from corpusreader.corpus.terms.index import TermIndex


def doc(path, *paragraphs, title=None, cards=(), date=None):
    return Document(path=path, title=title, paragraphs=list(paragraphs), cards=list(cards), date=date)


def term(index, key):
    return index.get(key)


def spelled(index, found):
    return [index.documents[o.doc].paragraphs[o.paragraph][o.start:o.end] for o in found.occurrences]


# -- acronyms
def test_a_phrase_common_everywhere_is_no_long_form():
    """``Mr President`` stands in the documents that use MP, and in many more without it."""
    documents = [doc("a.txt", "Mr President, the MP asked about roads."),
                 doc("b.txt", "Mr President, one MP wrote to you.")]
    documents += [doc(f"c{k}.txt", f"Mr President, question {k} is about schools.") for k in range(6)]
    index = TermIndex.build(documents)
    assert term(index, "acronym:MP").expansion is None
    assert all(text == "MP" for text in spelled(index, term(index, "acronym:MP")))


def test_a_tie_between_long_forms_gives_none():
    index = TermIndex.build([
        doc("a.txt", "The FA met. The Federal Assembly is in session."),
        doc("b.txt", "The FA met. The Football Association is large."),
    ])
    assert term(index, "acronym:FA").expansion is None


def test_a_defined_long_form_is_kept_and_a_single_standing_one_too():
    index = TermIndex.build([
        doc("a.txt", "The Financial Stability Board (FSB) met.", "The FSB said so."),
        doc("b.txt", "The projects of liquefied natural gas, the LNG plants, grow."),
    ])
    assert term(index, "acronym:FSB").expansion == "Financial Stability Board"
    assert term(index, "acronym:LNG").expansion == "liquefied natural gas"


def test_foreign_small_words_make_no_long_form():
    index = TermIndex.build([doc("a.txt", "Im Rahmen der IR Tagung, das ist nicht DIN gerecht, sagt er.")])
    assert term(index, "acronym:IR").expansion is None
    assert term(index, "acronym:DIN").expansion is None


def test_capital_letters_of_a_heading_are_no_acronyms():
    index = TermIndex.build([doc("a.txt", "STATEMENT OF THE MINISTRY OF FOREIGN AFFAIRS", "The UN met.")])
    assert term(index, "acronym:OF") is None and term(index, "acronym:THE") is None
    assert term(index, "acronym:UN") is not None


# -- people
def test_a_surname_alone_needs_the_full_name_before_it_in_the_document():
    index = TermIndex.build([
        doc("a.txt", "Foreign Minister Sergei Lavrov arrived.", "Lavrov spoke first."),
        doc("b.txt", "Lavrov was not there.", "Later Sergei Lavrov came.", "Lavrov left."),
    ])
    lavrov = term(index, "person:serge:lavrov") or next(t for t in index.terms if t.term == "Sergei Lavrov")
    places = {(index.documents[o.doc].path, o.paragraph) for o in lavrov.occurrences}
    assert places == {("a.txt", 0), ("a.txt", 1), ("b.txt", 1), ("b.txt", 2)}


def test_a_month_or_given_name_alone_is_no_person():
    index = TermIndex.build([
        doc("a.txt", "Prime Minister Theresa May spoke.", "In May the talks resumed.",
            "Host Maria Zakharova asked.", "Maria asked again."),
        doc("b.txt", "In May we met.", "Maria came."),
    ])
    for person in (t for t in index.terms if t.kind == "person"):
        for text in spelled(index, person):
            assert text not in {"May", "Maria"}, (person.term, text)


def test_a_common_word_is_no_surname():
    index = TermIndex.build([doc("a.txt", "Roman Das sagt: das ist gut.", "Das Buch ist neu und das Heft auch.")])
    assert not [t for t in index.terms if t.kind == "person" and t.term.endswith("Das")]


def test_a_card_names_the_person_before_the_surname_alone():
    card = Card(kind="person", name="Sergei Lavrov", role="Foreign Minister", paragraph=0)
    index = TermIndex.build([doc("a.txt", "Sergei Lavrov arrived.", "Lavrov spoke.", cards=[card])])
    lavrov = next(t for t in index.terms if t.kind == "person")
    assert len(lavrov.occurrences) == 2


def test_a_surname_the_document_writes_as_a_common_word_is_not_alone():
    index = TermIndex.build([doc("a.txt", "John Major spoke.", "Major said no.", "It is a major change.")])
    major = next(t for t in index.terms if t.kind == "person")
    assert spelled(index, major) == ["John Major"]
