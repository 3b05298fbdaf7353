"""Acronyms and long forms, on pages written here (not the bundled corpus)."""

from corpusreader.corpus.model import Document
from corpusreader.corpus.terms.index import TermIndex


def doc(path, *paragraphs, title=None):
    return Document(path=path, title=title, paragraphs=list(paragraphs))


def acronym(index, short):
    return index.get(f"acronym:{short}")


def test_long_form_before_and_after_in_parentheses():
    index = TermIndex.build([
        doc("a.txt", "The World Health Organization (WHO) warned of a new strain.",
            "NATO (North Atlantic Treaty Organization) met in Brussels; NATO leaders spoke."),
    ])
    who, nato = acronym(index, "WHO"), acronym(index, "NATO")
    assert who.expansion == "World Health Organization"
    assert nato.expansion == "North Atlantic Treaty Organization"
    assert len(nato.occurrences) == 3  # NATO twice and its long form once


def test_standing_long_form_joins_the_acronym_in_another_document():
    index = TermIndex.build([
        doc("a.txt", "Members of the Shanghai Cooperation Organisation met.", "The SCO agreed on a plan."),
        doc("b.txt", "Later the Shanghai Cooperation Organisation issued a statement."),
    ])
    sco = acronym(index, "SCO")
    assert sco.expansion == "Shanghai Cooperation Organisation"
    assert [index.documents[d].path for d in sco.documents] == ["a.txt", "b.txt"]


def test_lower_case_long_form_by_initials_and_plural():
    index = TermIndex.build([
        doc("a.txt", "Many non-governmental organizations took part.", "Several NGOs signed the letter."),
        doc("b.txt", "Non-governmental organizations were heard too."),
    ])
    ngo = acronym(index, "NGO")
    assert ngo.expansion == "non-governmental organizations"
    assert len(ngo.documents) == 2
    assert "NGOs" in {index.documents[o.doc].paragraphs[o.paragraph][o.start:o.end] for o in ngo.occurrences}


def test_a_known_acronym_stands_for_its_letters():
    index = TermIndex.build([
        doc("a.txt", "The European Union sent observers.", "The EU Council and the EU Parliament agreed.",
            "The EUP, that is the EU Parliament, voted."),
    ])
    assert acronym(index, "EU").expansion == "European Union"
    assert acronym(index, "EUP").expansion == "EU Parliament"


def test_what_is_not_an_acronym():
    index = TermIndex.build([
        doc("a.txt", "The XIV Congress opened.", 'Operation "THUNDERBOLT" and the "STORM" exercise.',
            "The MEGAFORUMSHOW was loud."),
    ])
    for word in ("XIV", "THUNDERBOLT", "STORM", "MEGAFORUMSHOW"):
        assert acronym(index, word) is None, word


def test_two_letter_acronym_needs_capitalised_long_form():
    index = TermIndex.build([doc("a.txt", "It is interesting to note the IT sector grew.")])
    assert acronym(index, "IT").expansion is None


def test_offsets_point_at_the_text():
    index = TermIndex.build([
        doc("a.txt", "Intro.", "The International Atomic Energy Agency (IAEA) reported.", title="IAEA report"),
    ])
    iaea = acronym(index, "IAEA")
    spans = {(o.paragraph, index.documents[0].paragraphs[o.paragraph][o.start:o.end] if o.paragraph >= 0
              else index.documents[0].title[o.start:o.end]) for o in iaea.occurrences}
    assert spans == {(-1, "IAEA"), (1, "IAEA"), (1, "International Atomic Energy Agency")}


def test_letters_in_order_when_initials_do_not_spell_it():
    filler = "Words before the name that take up room in the paragraph, many of them, " * 4
    text = filler + "the Eurasian Economic Union (EAEU) and Roskomnadzor (RKN) met."
    index = TermIndex.build([doc("a.txt", text)])
    eaeu = acronym(index, "EAEU")
    assert eaeu.expansion == "Eurasian Economic Union"
    assert {text[o.start:o.end] for o in eaeu.occurrences} == {"EAEU", "Eurasian Economic Union"}
    assert acronym(index, "RKN").expansion == "Roskomnadzor" or acronym(index, "RKN").expansion is None
