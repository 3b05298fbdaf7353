"""References: documents ranked by the rare terms they share."""

from corpusreader.corpus.model import Document
from corpusreader.corpus.terms.index import TermIndex


def doc(path, *paragraphs):
    return Document(path=path, paragraphs=list(paragraphs))


def test_rare_shared_terms_rank_first():
    documents = [
        doc("a.txt", "Russia and the OSCE discussed resolution 74/247 with Maria Ivanova."),
        doc("b.txt", "Resolution 74/247 and Maria Ivanova again, in Russia."),
        doc("c.txt", "Russia and the OSCE met."),
        doc("d.txt", "Russia and the OSCE met once more."),
        doc("e.txt", "Only Russia here."),
    ]
    index = TermIndex.build(documents)
    related = index.related(0)
    assert [r.doc for r in related][:1] == [1]
    assert related[0].score > related[1].score
    shared = [t.term for t in related[0].shared]
    assert "74/247" in shared and "Maria Ivanova" in shared
    assert shared.index("74/247") < shared.index("Russia")  # rarest first
    assert all(r.doc != 0 for r in related)
    assert len(index.related(0, limit=2)) == 2


def test_no_shared_terms_no_references():
    index = TermIndex.build([doc("a.txt", "The OSCE met."), doc("b.txt", "Resolution 70/1 stands.")])
    assert index.related(0) == [] and index.related(1) == []


def test_common_terms_do_not_link_a_large_corpus():
    documents = [doc(f"{n}.txt", f"Russia says item {n} matters.") for n in range(60)]
    documents.append(doc("x.txt", "Russia and the IAEA, resolution 65/50."))
    documents.append(doc("y.txt", "Resolution 65/50 and the IAEA."))
    index = TermIndex.build(documents)
    assert [r.doc for r in index.related(0)] == []  # Russia is in every document: not rare
    assert [r.doc for r in index.related(60)] == [61]
