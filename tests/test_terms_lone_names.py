"""Issue 15: a surname alone is the person named in full before it, never the end of another name."""

from corpusreader.corpus.model import Document
from corpusreader.corpus.terms.index import TermIndex


def doc(path, *paragraphs):
    return Document(path=path, title=None, paragraphs=list(paragraphs))


def spelled(index, name):
    found = next(t for t in index.terms if t.kind == "person" and t.term == name)
    return [index.documents[o.doc].paragraphs[o.paragraph][o.start:o.end] for o in found.occurrences]


def test_the_end_of_another_name_is_not_the_person():
    index = TermIndex.build([doc(
        "a.txt", "Defendant James Lee, 68, was arrested.",
        "Han Lee and Junmyung Lee were arraigned; fans prefer Amy Lee. Lee denies it.")])
    assert spelled(index, "James Lee") == ["James Lee", "Lee"]


def test_a_title_or_a_noun_after_an_article_before_the_surname_keeps_it():
    index = TermIndex.build([doc(
        "a.txt", "Martin Renner spoke first.",
        "Eine Sorge, die der Parteichef Renner teilt, sagte Herr Renner.")])
    assert spelled(index, "Martin Renner") == ["Martin Renner", "Renner", "Renner"]


def test_another_spelling_of_the_given_name_makes_a_full_mention():
    index = TermIndex.build([doc(
        "a.txt", "President Ilham Aliyev arrived.", "Vladimir Putin also sent Ilkham Aliyev a message.")])
    assert spelled(index, "Ilham Aliyev") == ["Ilham Aliyev", "Ilkham Aliyev"]
