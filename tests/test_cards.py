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


def _cleaned(line: str) -> str:
    from corpusreader.corpus.cleaning.inline import apply_cuts

    text, _ = apply_cuts(line, find_cuts(line))
    return " ".join(text.split())


def test_a_card_with_a_word_worn_into_another_still_goes():
    """An archive's copy may have a card's word replaced (by a scraper's damage, or the made-up words of a
    synthetic corpus): what is left of the name still tells the card, and only the card goes."""
    worn = {
        # after the full name, one word of "L F L F" in lower case
        "He thanked Nikolai Patrushev Patrushev lume Patrushev NikolaiSecretary of the Security Council , "
        "who spoke next.": "He thanked Nikolai Patrushev, who spoke next.",
        # the surname alone shown, then the card with one word worn
        "Mr Mishustin Mishustin zudolone Mishustin MikhailPrime Minister of Russia , said so.":
            "Mr Mishustin, said so.",
        # the given name shown is the word worn
        "Putin and liza Jeenbekov Jeenbekov zezeku Jeenbekov SooronbayPresident of Kyrgyzstan , met.":
            "Putin and liza Jeenbekov, met.",
        # the last word of the card worn with its post's first word
        "Mr Mishustin Mishustin Mikhail Mishustin daruve Minister said so.": "Mr Mishustin Minister said so.",
        # the card closes on the given name before the sentence's comma
        "Transport Minister dunate Sokolov Sokolov kuta Sokolov Maxim , Emergencies Minister came.":
            "Transport Minister dunate Sokolov, Emergencies Minister came.",
        # the shown surname is the word worn
        "Minister Vladimir dunate Puchkov Vladimir Puchkov Vladimir , and the Governor came.":
            "Minister Vladimir dunate, and the Governor came.",
    }
    for line, expected in worn.items():
        assert _cleaned(line) == expected, line


def test_words_said_twice_that_are_no_card_stay():
    for line in ("They sailed to Bora Bora and then home to Bora for the winter.",
                 "The Walla Walla valley wines: Walla Walla Sweet onions and more.",
                 "New York New York is a song, and New York is a city.",
                 "Ivanov Ivanov and then Ivanov again, all of them Ivanov, wrote the report.",
                 "Duran Duran played Duran McCartney songs all night.",
                 "He said Bora Bora beats Bora DeLuxe resorts.",
                 "They toured Walla Walla valley Walla Washington , and left.",
                 "I love York city New York New York , and so on."):
        assert _cleaned(line) == " ".join(line.split()), line
