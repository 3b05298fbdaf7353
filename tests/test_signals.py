"""Each cleaning signal on its own, on lines written for the test."""

from __future__ import annotations

import pytest
from helpers import body, clean_text

from corpusreader.corpus.cleaning import signals as sig
from corpusreader.corpus.cleaning.cleaner import template_lines
from corpusreader.corpus.cleaning.dates import find_dates
from corpusreader.corpus.cleaning.inline import apply_cuts, find_cuts
from corpusreader.corpus.cleaning.metadata import person_in, read_dateline, speaker_name
from corpusreader.corpus.model import RawDocument


@pytest.mark.parametrize("line", ["Share", "Share.", "Send by email", "Go back", "Back to the all news",
                                  "Google+ Pinterest LinkedIn Tumblr +", "Text version", "Leave A Reply",
                                  "Print version", "Read more"])
def test_link_words(line):
    assert sig.is_link_words(line)


@pytest.mark.parametrize("line", ["Thank you.", "Share the burden of security", "Go to the polls and vote",
                                  "Back in 1998, Russia spearheaded a resolution."])
def test_not_link_words(line):
    assert not sig.is_link_words(line)


@pytest.mark.parametrize("line", ["© 2001 - 2021 НП \"Инфофорум\",", "Copyright 2020 Example Ltd",
                                  "All content on this site is licensed under", "All rights reserved.",
                                  "Электронное СМИ, Эл. № ФС77-27767 Минпечати РФ"])
def test_copyright(line):
    assert sig.is_copyright(line)


@pytest.mark.parametrize("line,reason", [
    ("Vladimir Putin: Good afternoon, colleagues!", "speaker line"),
    ("President of Russia Vladimir Putin: Good afternoon!", "speaker line"),
    ("Question: What about the treaty?", "speaker line"),
    ("Dear Mr. Chairman!", "salutation"),
    ("Colleagues,", "salutation"),
    ("Ladies and gentlemen,", "salutation"),
    ("Уважаемые коллеги!", "salutation"),
    ("Thank you.", "thanks"),
    ("Thank you for your attention!", "thanks"),
    ("* * *", "section break"),
    ("1. To approve the plan.", "numbered point"),
    ("Sergey Lavrov,", "signature"),
])
def test_protection(line, reason):
    assert sig.protection(line) == reason


@pytest.mark.parametrize("line", ["Source: https://example.org/x", "Direct link: en.kremlin.ru/d/1",
                                  "Publication date: March 26, 2021, 18:20"])
def test_not_speakers(line):
    assert sig.speaker_of(line) is None


def test_publisher_and_headline():
    assert sig.is_publisher("Permanent Mission of the Russian Federation to the United Nations")
    assert sig.is_publisher("Ministry of Foreign Affairs of the Russian Federation")
    assert not sig.is_publisher("Security Council meeting")
    assert not sig.is_publisher("Statement by the Ministry of Foreign Affairs on the treaty")
    assert sig.is_headline("Security Council meeting")
    assert not sig.is_headline("Sergey Lavrov,")
    assert not sig.is_headline("The meeting was held.")


def test_dates_in_the_forms_pages_write_them():
    assert [d.iso for d in find_dates("Moscow, 15 June 2021")] == ["2021-06-15"]
    assert [d.iso for d in find_dates("February 3, 2022, Moscow")] == ["2022-02-03"]
    assert [d.iso for d in find_dates("on 03.02.2022")] == ["2022-02-03"]
    assert [d.iso for d in find_dates("15 июня 2021 г.")] == ["2021-06-15"]
    assert [d.iso for d in find_dates("Friday, April 19")] == [None]


def test_datelines():
    assert read_dateline("Moscow, 15 June 2021").place == "Moscow"
    assert read_dateline("February 3, 2022, Moscow").iso == "2022-02-03"
    assert read_dateline("March 26, 2021").place is None
    assert read_dateline("In 2021 we met on 15 June 2021 in Moscow to sign the treaty.") is None


def test_names_from_titles_and_speaker_lines():
    assert person_in("The CSTO Deputy Secretary General Valery Semerikov spoke at the forum") == "Valery Semerikov"
    assert person_in("Russian Foreign Minister Sergey Lavrov’s address") == "Sergey Lavrov"
    assert person_in("Regional Water Board adopts drought plan") is None
    assert speaker_name("President of Russia Vladimir Putin") == "Vladimir Putin"


def test_person_card_cut_keeps_the_sentence_and_the_post():
    line = ("attended by Minister Olga Lyubimova Lyubimova Olga Lyubimova OlgaMinister of Culture , "
            "and Yury Trutnev Trutnev Yury Trutnev YuryDeputy Prime Minister – Presidential Envoy "
            "to the Far Eastern Federal District and others.")
    cuts = find_cuts(line)
    text, _ = apply_cuts(line, cuts)
    assert text == "attended by Minister Olga Lyubimova, and Yury Trutnev and others."
    assert [(c.name, c.role) for c in cuts] == [
        ("Olga Lyubimova", "Minister of Culture"),
        ("Yury Trutnev", "Deputy Prime Minister – Presidential Envoy to the Far Eastern Federal District"),
    ]


def test_glossary_card_and_image_name():
    text, _ = apply_cuts(line := "partners in BRICS Background information BRICS and the SCO.", find_cuts(line))
    assert text == "partners in BRICS and the SCO."
    text, _ = apply_cuts(line := "interdependence of states.IMG_2705.JPG", find_cuts(line))
    assert text == "interdependence of states."
    line = "See https://example.org/photo.jpg for the picture."
    assert find_cuts(line) == []


def test_repetition_across_documents_finds_template_with_no_site_knowledge():
    pages = [
        RawDocument(f"p{i}.txt", f"Welcome to Acme News\nSubscribe to our weekly digest\n\nStory number {i}\n\n"
                    f"This is the text of story {i}, and it says something different every time.\n", "utf-8")
        for i in range(6)
    ]
    template = template_lines(pages)
    doc = clean_text(pages[0].text, template=template)
    assert doc.title == "Story number 0"
    assert "Welcome to Acme News" not in body(doc)
    assert all(r.reason == "repeated on other pages" or r.reason.startswith("page header") for r in doc.removed)
    assert doc.paragraphs == ["This is the text of story 0, and it says something different every time."]


def test_end_zone_does_not_cut_an_article_that_goes_on():
    doc = clean_text("Title of the piece\n\nFirst paragraph of the article is here.\n\nShare\n\n"
                     "Second paragraph, after a share widget, is still the article.\n")
    assert doc.paragraphs == ["First paragraph of the article is here.",
                              "Second paragraph, after a share widget, is still the article."]


def test_single_line_and_headless_texts():
    assert clean_text("Just one sentence of text.").paragraphs == ["Just one sentence of text."]
    doc = clean_text("a b c")
    assert "a b c" in [doc.title, *doc.paragraphs]  # kept, as the title or in the body


def test_cards_of_names_written_family_name_first_and_roles_in_brackets():
    line = ("talks with President of China Xi Jinping Xi Jinping Xi JinpingPresident of the "
            "People’s Republic of China , and Ksenia Razuvayeva Razuvayeva Ksenia Razuvayeva KseniaHead of "
            "Rosmolodezh (Federal Agency for Youth Affairs) . The talks went well.")
    cuts = find_cuts(line)
    text, _ = apply_cuts(line, cuts)
    assert text == "talks with President of China Xi Jinping, and Ksenia Razuvayeva. The talks went well."
    assert [(c.name, c.role) for c in cuts] == [
        ("Xi Jinping", "President of the People’s Republic of China"),
        ("Ksenia Razuvayeva", "Head of Rosmolodezh (Federal Agency for Youth Affairs)"),
    ]


def test_transcript_page_without_a_lead_finds_its_title_above_date_time_and_place():
    doc = clean_text("Menu\n\nMeeting with young scientists\n\nFebruary 8, 2024\n15:30\nNovosibirsk\n\n"
                     "Vladimir Putin: Good afternoon, friends!\n\nYoung scientist: Thank you for coming.\n")
    assert doc.title == "Meeting with young scientists"
    assert (doc.date, doc.place) == ("2024-02-08", "Novosibirsk")
    assert doc.paragraphs == ["Vladimir Putin: Good afternoon, friends!", "Young scientist: Thank you for coming."]


def test_a_capitalised_title_naming_an_institution_is_still_a_title():
    doc = clean_text("Permanent Mission of the Russian Federation to the United Nations\n\n"
                     "STATEMENT BY THE DELEGATION OF THE RUSSIAN FEDERATION\n\n"
                     "Mr. Chairman,\n\nWe thank the delegation of Brazil for the draft text of the report.\n")
    assert doc.title == "STATEMENT BY THE DELEGATION OF THE RUSSIAN FEDERATION"
    assert doc.paragraphs[0] == "Mr. Chairman,"


def test_a_date_closing_a_letter_stays_with_the_letter():
    doc = clean_text("Greetings to the forum\n\nI welcome the participants of the forum on security.\n\n"
                     "I wish you fruitful work and all the best.\n\n15 June 2021\n")
    assert doc.paragraphs[-1] == "15 June 2021" and doc.date == "2021-06-15"
