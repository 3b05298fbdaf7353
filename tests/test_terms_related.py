"""Issue 15: related documents by what they say (shared key phrases, named documents) above who attended."""

from corpusreader.corpus.model import Document
from corpusreader.corpus.terms.index import TermIndex

ATTENDANCE = ("Taking part were Foreign Minister Sergei Lavrov, Defence Minister Sergei Shoigu "
              "and Security Council Secretary Nikolai Patrushev.")
TOPIC = ("The meeting discussed the Convention on International Information Security and the "
         "threats of cyber espionage. The Convention on International Information Security sets out "
         "rules against cyber espionage in the information space.")


def doc(path, *paragraphs):
    return Document(path=path, paragraphs=list(paragraphs))


def test_shared_topic_ranks_above_shared_attendance():
    documents = [
        doc("a.txt", ATTENDANCE, TOPIC),
        doc("b.txt", ATTENDANCE, "They talked about the harvest and the railways."),
        doc("c.txt", "Experts met in Geneva.", TOPIC),
    ]
    documents += [doc(f"x{k}.txt", f"Filler page {k} about the weather in the region.") for k in range(6)]
    index = TermIndex.build(documents)
    related = index.related(0)
    assert [index.documents[r.doc].path for r in related][:2] == ["c.txt", "b.txt"], [
        (index.documents[r.doc].path, r.score, [t.term for t in r.shared]) for r in related]
