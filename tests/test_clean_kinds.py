"""The failure kinds of issue 10, each on a page or a line written for the test.

- a formula many articles share ("The message reads, in part:") is no template where it leads into the text;
- a headline that is a whole sentence is still the title, and a site line is never one;
- hover cards with long names, or with the sentence going on after them, leave no residue;
- a card's removal never takes the next person's name (or the words that join them) with it.
"""

from __future__ import annotations

from helpers import assert_every_line_accounted, body, clean_text

from corpusreader.corpus.cleaning.cleaner import line_keys, template_from
from corpusreader.corpus.cleaning.inline import apply_cuts, find_cuts
from corpusreader.corpus.model import RawDocument

HEADER = ["Presidential Office of Somewhere", "", "  • News", "  • Documents", "", "Presidential Office2024", " ", "News", ""]
FOOTER = ["", "Publication status", "", "Published in section: News", ""]


def _message_page(n: int) -> str:
    return "\n".join(HEADER + [
        f"The President sent a message of greetings to the participants of the {n}th river festival",
        "",
        f"May {n % 27 + 1}, 2019",
        "10:00",
        "",
        "The message reads, in part:",
        "",
        f"“For {n} years the festival has brought together the towns along the river and their guests, and it has become a good tradition.",
        "",
        "I wish you every success and all the best.”",
    ] + FOOTER)


def _uncut(line: str) -> str:
    return apply_cuts(line, find_cuts(line))[0]


def test_a_shared_formula_leads_into_the_text_in_a_folder_and_alone():
    pages = [_message_page(n) for n in range(3, 15)]
    template = template_from([line_keys(RawDocument(f"{i}.txt", text, "utf-8", len(text))) for i, text in enumerate(pages)])
    assert "the message reads, in part:" in template  # the corpus repeats it ...
    for chosen in (template, frozenset()):
        document = clean_text(pages[0], "3.txt", chosen)
        assert "The message reads, in part:" in document.paragraphs  # ... and it stays where it opens the quotation
        assert document.title == "The President sent a message of greetings to the participants of the 3th river festival"
        assert_every_line_accounted(document, pages[0])


def test_a_headline_written_as_a_sentence_is_the_title_not_the_site_line_above_it():
    text = "\n".join(HEADER + [
        "Talks on the new bridge over the river went well and will go on in June, the minister said.",
        "",
        "March 3, 2021",
        "18:30",
        "",
        "The two sides agreed on the route of the bridge and on the share each would pay for its building.",
        "",
        "Work is to start next spring, after the floods, and to take three years.",
    ] + FOOTER)
    pages = [text.replace("bridge", word) for word in ("bridge", "tunnel", "ferry", "road", "dam")]
    template = template_from([line_keys(RawDocument(f"{i}.txt", t, "utf-8", len(t))) for i, t in enumerate(pages)])
    for chosen in (template, frozenset()):
        document = clean_text(text, "bridge.txt", chosen)
        assert document.title == "Talks on the new bridge over the river went well and will go on in June, the minister said."
        assert "Presidential Office2024" not in body(document)


def test_cards_with_long_names_leave_the_sentence_as_it_reads():
    cases = {
        "Earlier, the President met Federal President of Austria Alexander Van der Bellen Van der Bellen Alexander "
        "Van der Bellen AlexanderFederal President of Austria .":
        "Earlier, the President met Federal President of Austria Alexander Van der Bellen.",
        "Mr Putin and Mr Erdogan Erdogan Recep Tayyip Erdogan Recep TayyipPresident of Turkey also held a news conference.":
        "Mr Putin and Mr Erdogan also held a news conference.",
        "Mr Obama Obama Barack Obama Barack thanked Mr Putin.": "Mr Obama thanked Mr Putin.",
        "Transport Minister Maxim Sokolov Sokolov Maxim Sokolov Maxim : Mr President,": "Transport Minister Maxim Sokolov: Mr President,",
        "At Alexis Tsipras Tsipras Alexis Tsipras Alexis ’ request, they spoke.": "At Alexis Tsipras’ request, they spoke.",
    }
    for raw, read in cases.items():
        assert _uncut(raw) == read


def test_a_card_never_takes_the_next_person_with_it():
    line = ("The talks were attended by President of Palestine Mahmoud Abbas Abbas Mahmoud Abbas MahmoudPresident of the "
            "State of Palestine and Prime Minister of Israel Benjamin Netanyahu Netanyahu Benjamin Netanyahu "
            "BenjaminPrime Minister of Israel .")
    assert _uncut(line) == ("The talks were attended by President of Palestine Mahmoud Abbas and Prime Minister of Israel "
                            "Benjamin Netanyahu.")
    posts = {cut.name: cut.role for cut in find_cuts(line)}
    assert posts == {"Mahmoud Abbas": "President of the State of Palestine", "Benjamin Netanyahu": "Prime Minister of Israel"}


def test_a_glossary_card_with_its_long_form_reads_as_the_term():
    line = "You chair the CSTO Background information Collective Security Treaty Organisation (CSTO) this year."
    assert _uncut(line) == "You chair the CSTO this year."


def test_repeated_words_that_are_no_card_stay():
    for line in ("He visited New York New York last year.", "Bora Bora Bora Bora is an island, they sang."):
        assert _uncut(line) == line
