"""Generic bodies, short codes and names joined by ``and`` (issue 15, third round, fresh samples):
``Board of Directors`` is no named organisation, ``M10`` no acronym, ``Centre for Epidemiology
and Microbiology`` one name. On pages written here."""

from corpusreader.corpus.model import Document
from corpusreader.corpus.terms.index import TermIndex


def doc(path, *paragraphs):
    return Document(path=path, title=None, paragraphs=list(paragraphs))


def names(index, kind):
    return {t.term for t in index.terms if t.kind == kind}


def test_a_body_made_only_of_institution_words_is_no_organisation():
    index = TermIndex.build([
        doc("boards.txt", "The Board of Directors met the Management Board and the Organising Committee.",
            "The Technical Committee and the Supervisory Board agreed; so did the Security Council.",
            "The Board of Directors of Northern Steel and the Sochi Organising Committee signed."),
        doc("defined.txt", "The Steering Committee (SC) met. The SC agreed."),
    ])
    organisations = names(index, "organization")
    assert {"Security Council", "Board of Directors of Northern Steel", "Sochi Organising Committee"} <= organisations
    assert not organisations & {"Board of Directors", "Management Board", "Organising Committee",
                                "Technical Committee", "Supervisory Board"}
    assert index.get("acronym:SC").expansion == "Steering Committee"


def test_a_short_letter_and_digit_code_is_no_acronym_unless_defined():
    index = TermIndex.build([
        doc("roads.txt", "The M10 highway is open. The R1 and R2 reserves grew. The NATO summit and the G20 met.",
            "The M10 is busy; the R1 reserves are proven."),
        doc("defined.txt", "The Tracking Unit 5 (TU5) was launched. The TU5 works."),
    ])
    acronyms = names(index, "acronym")
    assert {"NATO", "G20", "TU5"} <= acronyms
    assert not acronyms & {"M10", "R1", "R2"}


def test_capitalised_words_after_and_that_go_on_with_the_name_stay_in_it():
    index = TermIndex.build([
        doc("centre.txt", "The Gamaleya Research Centre for Epidemiology and Microbiology of the Healthcare Ministry"
            " made the vaccine.", "The Security Council and Foreign Ministry agreed; the Ministry of Defence and"
            " the Federal Security Service too."),
    ])
    organisations = names(index, "organization")
    assert "Gamaleya Research Centre for Epidemiology and Microbiology of the Healthcare Ministry" in organisations
    assert {"Security Council", "Foreign Ministry", "Ministry of Defence", "Federal Security Service"} <= organisations
    assert not {o for o in organisations if o.startswith("Microbiology")}


def test_a_hyphenated_piece_of_a_named_document_is_no_key_phrase():
    index = TermIndex.build([
        doc("statement.txt", "They signed the Joint Statement on the Franco-Austrian Cross Years of Music.",
            "The Joint Statement on the Franco-Austrian Cross Years of Music was read. The trade talks went on.",
            "The trade talks were long."),
        doc("other.txt", "Nothing about music here."),
    ])
    assert "Joint Statement on the Franco-Austrian Cross Years of Music" in names(index, "document")
    assert not {p for p in names(index, "phrase") if "franco-austrian" in p.casefold()}
