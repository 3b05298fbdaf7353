"""A place inside a longer name is no mention of the place, and a heading is no organisation
(issue 15, third round): ``Power of Siberia`` is a pipeline, ``[Moscow Windows]`` a song's title,
``Interview to TASS News Agency`` a heading about the agency. On pages written here."""

from corpusreader.corpus.model import Document
from corpusreader.corpus.terms.index import TermIndex


def doc(path, *paragraphs, title=None):
    return Document(path=path, title=title, paragraphs=list(paragraphs))


def places_of(index, path):
    number = next(n for n, d in enumerate(index.documents) if d.path == path)
    return {t.term for t in index.terms if t.kind == "place" and number in t.documents}


def names(index, kind):
    return {t.term for t in index.terms if t.kind == kind}


def test_a_place_ending_a_longer_name_is_not_the_place():
    index = TermIndex.build([
        doc("pipeline.txt", "Work on the Power of Siberia gas pipeline is on schedule.",
            "The Club of Rome met, and the Times of India wrote about it."),
        doc("posts.txt", "President of Russia Vladimir Putin met the Prime Minister of India.",
            "He visited the Republic of Kazakhstan and the North of Russia, and spoke to the Peoples of Siberia."),
    ])
    assert places_of(index, "pipeline.txt") == set()
    assert places_of(index, "posts.txt") == {"Russia", "India", "Kazakhstan", "Siberia"}


def test_a_place_inside_a_title_in_brackets_or_quotes_is_not_the_place():
    index = TermIndex.build([
        doc("song.txt", "You played Moskovskiye Okna [Moscow Windows] and the song “Kiev Nights” in Minsk.",
            "The [Moscow Region] and “Vladivostok” stand alone in their marks: they are the places."),
    ])
    assert places_of(index, "song.txt") == {"Minsk", "Moscow Region", "Vladivostok"}


def test_a_heading_led_by_a_genre_word_is_no_organisation():
    index = TermIndex.build([
        doc("interview.txt", "The first part of the interview to TASS News Agency has been published.",
            "On the Meeting of the Security Council and the Address to the Federal Assembly we spoke at length.",
            "The Press Service of the Kremlin said nothing.",
            title="On the tasks of the new Government (Interview to TASS News Agency)"),
    ])
    organisations = names(index, "organization")
    assert {"TASS News Agency", "Security Council", "Federal Assembly", "Press Service of the Kremlin"} <= organisations
    assert not {o for o in organisations if o.split()[0] in {"Interview", "Meeting", "Address"}}
    agency = index.get("organization:tass news agency")
    assert agency is not None and len(agency.occurrences) == 2


def test_a_model_designation_is_no_acronym_and_a_cut_phrase_no_key_phrase():
    index = TermIndex.build([
        doc("ships.txt", "Our first PV300 cruise ship is ready; the NATO ships are not. The PV300 sails in May.",
            "The foreign agent status is new. Is the foreign agent status fair? The foreign agent status stays.",
            "The minimum wage rose. Is the minimum wage enough? We raised the minimum wage."),
        doc("other.txt", "Nothing about ships here, nor about wages."),
    ])
    acronyms, phrases = names(index, "acronym"), names(index, "phrase")
    assert "NATO" in acronyms and "PV300" not in acronyms
    assert "minimum wage" in phrases and "agent status" not in phrases


def test_an_acronyms_long_form_in_the_singular_is_no_organisation_of_its_own():
    index = TermIndex.build([
        doc("asi.txt", "We work with the Agency for Strategic Initiatives (ASI) on it.",
            "We have gone up in the Agency for Strategic Initiative’s ranking."),
    ])
    assert not names(index, "organization")
    assert index.get("acronym:ASI").expansion == "Agency for Strategic Initiatives"


def test_a_post_earlier_in_the_name_makes_the_place_the_place():
    index = TermIndex.build([
        doc("minister.txt", "The Minister of Foreign Affairs of the Russian Federation spoke.",
            "Mr Putin and Queen Beatrix of the Netherlands inspected a guard of honour."),
    ])
    assert places_of(index, "minister.txt") == {"Russian Federation", "Netherlands"}


def test_words_that_always_lead_to_another_word_are_no_key_phrase():
    index = TermIndex.build([
        doc("politics.txt", "They engage in domestic political affairs, in domestic political affairs again, in domestic political activity.",
            "There is nothing unusual here. Nothing unusual, we said. The subsistence wage rose; "
            "is the subsistence wage enough?"),
        doc("other.txt", "Nothing about politics here."),
    ])
    phrases = names(index, "phrase")
    assert "subsistence wage" in phrases
    assert not phrases & {"domestic political", "nothing unusual"}


def test_an_amount_is_no_key_phrase():
    index = TermIndex.build([
        doc("oil.txt", "We ship 30 million tonnes of oil and 45 million tonnes of gas for 28 billion rubles, "
            "then 43 billion rubles more; the oil pipeline and the oil pipeline again."),
        doc("other.txt", "Nothing about oil here."),
    ])
    phrases = names(index, "phrase")
    assert "oil pipeline" in phrases and not phrases & {"million tonnes", "billion rubles"}
