"""Hover cards left in the text: ``terms.cards`` finds the shapes the cleaner cuts, and masks them in place."""

from __future__ import annotations

from corpusreader.corpus.cleaning.inline import find_cuts
from corpusreader.corpus.model import Card
from corpusreader.corpus.terms.cards import find_cards, mask


def test_person_card_left_in_text_is_found_and_masked():
    text = ("Putin met Valentina Matviyenko Matviyenko Valentina Matviyenko ValentinaChairwoman of the "
            "Council of Federation , who reported.")
    cards, spans = find_cards(2, text)
    assert cards == [Card("Valentina Matviyenko", "Chairwoman of the Council of Federation", "person", 2)]
    masked = mask(text, spans)
    assert len(masked) == len(text)
    assert " ".join(masked.split()) == "Putin met Valentina Matviyenko , who reported."


def test_glossary_card_in_english_and_russian():
    for text, term in (("Talks within the SCO Background information SCO framework.", "SCO"),
                       ("Встреча в рамках ШОС Справочная информация ШОС продолжилась.", "ШОС")):
        cards, spans = find_cards(0, text)
        assert [(c.name, c.kind) for c in cards] == [(term, "glossary")]
        assert mask(text, spans).split().count(term) == 1


def test_the_terms_see_what_the_cleaner_cuts():
    line = ("Sergey Lavrov Lavrov Sergey Lavrov SergeyMinister of Foreign Affairs of Russia , said that "
            "BRICS Background information BRICS is growing.")
    cuts = [cut for cut in find_cuts(line) if cut.kind]
    cards, spans = find_cards(0, line)
    assert spans == [(cut.start, cut.end) for cut in cuts] and len(cards) == 2
    assert cards[0].role == "Minister of Foreign Affairs of Russia"


def test_text_without_cards_is_left_alone():
    text = "Ivan Petrov met Petrov Ivan's colleagues. Background information is on the site."
    assert find_cards(0, text) == ([], [])
