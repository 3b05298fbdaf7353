"""Organisations, places, events and documents, on pages written here."""

from corpusreader.corpus.model import Document
from corpusreader.corpus.terms.index import TermIndex


def doc(path, *paragraphs, title=None, place=None):
    return Document(path=path, title=title, paragraphs=list(paragraphs), place=place)


def names(index, kind):
    return {name for t in index.terms if t.kind == kind for name in t.names}


def test_resolutions_and_draft_documents():
    index = TermIndex.build([
        doc("a.txt", "Recalling its resolutions 73/27 and A/RES/76/19, the Assembly adopted draft A/C.1/77/L.23.",
            "Security Council resolution 2341 (2017) applies.", "It runs 24/7, see page 12/5 of the report.",
            "We support the draft resolution L.11/Rev.1 today."),
        doc("b.txt", "Resolution 76/19 was also cited."),
    ])
    found = names(index, "document")
    assert {"73/27", "76/19", "A/RES/76/19", "L.23", "A/C.1/77/L.23", "S/RES/2341 (2017)", "L.11/Rev.1"} <= found
    assert "24/7" not in found and "12/5" not in found
    assert len(index.get("document:76/19").documents) == 2


def test_named_conventions_agreements_and_principles():
    index = TermIndex.build([
        doc("a.txt", "The Budapest Convention is old.",
            "The 2009 Agreement among the SCO member states on cooperation in the field of international "
            "information security, which was signed in Yekaterinburg, holds.",
            "The Treaty on the Non-Proliferation of Nuclear Weapons stands.",
            "The Fundamentals of State Policy of the Russian Federation in the Field of International "
            "Information Security were approved."),
    ])
    found = names(index, "document")
    assert "Budapest Convention" in found
    assert ("2009 Agreement among the SCO member states on cooperation in the field of international "
            "information security") in found
    assert "Treaty on the Non-Proliferation of Nuclear Weapons" in found
    assert "Fundamentals of State Policy of the Russian Federation in the Field of International Information Security" in found
    assert "Yekaterinburg" in names(index, "place")


def test_similar_document_names_merge():
    index = TermIndex.build([
        doc("a.txt", "The Doctrine of Information Security of the Russian Federation was approved."),
        doc("b.txt", "The Doctrine of Information Security was updated."),
    ])
    doctrine = [t for t in index.terms if t.kind == "document"]
    assert len(doctrine) == 1 and len(doctrine[0].documents) == 2


def test_events_with_years_and_heads():
    index = TermIndex.build([
        doc("a.txt", 'He opened the St Petersburg International Economic Forum and the "ARMY-2022" show.',
            "The BRICS Summit in Kazan ended."),
    ])
    events = names(index, "event")
    assert {"St Petersburg International Economic Forum", "ARMY-2022", "BRICS Summit"} <= events
    assert "Kazan" in names(index, "place")


def test_organisations_without_posts():
    index = TermIndex.build([
        doc("a.txt", "Director of the Federal Security Service Alexander Bortnikov arrived.",
            "State Duma Speaker Vyacheslav Volodin and the Ministry of Digital Development agreed.",
            "The Security Council and the Foreign Ministry were told."),
    ])
    found = names(index, "organization")
    assert {"Federal Security Service", "State Duma", "Ministry of Digital Development",
            "Security Council", "Foreign Ministry"} <= found
    assert not any("Director" in name or "Speaker" in name for name in found)


def test_places_from_the_list_and_the_dateline():
    index = TermIndex.build([
        doc("a.txt", "Talks in Vladivostok and Ulan-Ude, then the Republic of Armenia.", place="Zavidovo"),
        doc("b.txt", "He flew to Zavidovo again."),
    ])
    places = names(index, "place")
    assert {"Vladivostok", "Ulan-Ude", "Armenia", "Zavidovo"} <= places
    assert index.get("place:zavidovo").documents == [1]


def test_markup_and_odd_characters_are_plain_text():
    text = "[red]Ministry of Defence[/red] [@click=quit]NATO[/] \x1b[31mUN\x1b[0m — «WHO» and \u00a0EU."
    index = TermIndex.build([doc("a.txt", text, title="[bold]Title[/bold]")])
    for term in index.terms:
        for o in term.occurrences:
            assert 0 <= o.start < o.end <= len(text if o.paragraph == 0 else "[bold]Title[/bold]")


def test_glossary_card_names_a_term_where_it_stands():
    from corpusreader.corpus.model import Card

    card = Card(name="Eurasian Economic Union", role=None, kind="glossary", paragraph=0)
    document = Document(path="a.txt", paragraphs=["Talks on the Eurasian Economic Union went on."], cards=[card])
    index = TermIndex.build([document])
    term = index.get("organization:eurasian economic union")
    assert term is not None
    occurrence = term.occurrences[0]
    assert document.paragraphs[0][occurrence.start:occurrence.end] == "Eurasian Economic Union"


def test_and_between_a_long_form_or_place_and_another_name():
    index = TermIndex.build([doc("a.txt",
        "The European Union (EU) and the United States imposed sanctions.",
        "The leaders signed the Joint Statement on Deepening the Comprehensive Partnership.",
        "General Assembly resolution ES-11/1 was adopted.")])
    assert not [t for t in index.terms if t.kind == "organization" and "United States" in t.term]
    assert "United States" in names(index, "place")
    assert "Joint Statement on Deepening the Comprehensive Partnership" in names(index, "document")
    assert "ES-11/1" in names(index, "document") and index.get("acronym:ES") is None


def test_a_closing_and_i_is_no_word_of_the_name():
    index = TermIndex.build([doc("a.txt", "We in the Presidential Executive Office and I personally examine it.",
                                 "The Presidential Executive Office agreed.")])
    assert [(t.kind, t.term, len(t.occurrences)) for t in index.terms] == [
        ("organization", "Presidential Executive Office", 2)]
