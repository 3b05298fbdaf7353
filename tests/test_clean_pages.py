"""The cleaner on pages written in the shape of the corpus's sites, and of sites it has never seen.

None of these pages is in the bundled corpus: other people in the hover cards,
other menus and footers, other dates and places.
"""

from __future__ import annotations

import pytest
from helpers import PAGES, assert_every_line_accounted, body, clean_page, removed_reasons


@pytest.fixture(scope="module")
def kremlin():
    return clean_page("kremlin_meeting.txt")


def test_kremlin_page_title_and_metadata(kremlin):
    assert kremlin.title == "Meeting with Government members"
    assert kremlin.date == "2023-06-02"
    assert kremlin.place == "The Kremlin, Moscow"
    assert kremlin.speaker == "Vladimir Putin"
    assert kremlin.source_url == "http://en.kremlin.ru/events/president/news/71234"


def test_kremlin_page_chrome_is_gone_and_reasons_given(kremlin):
    text = body(kremlin)
    for chrome in ("Amur tiger", "Mobile version", "Creative Commons", "See also", "Publication status",
                   "Send by email", "Direct link", "Presidential Executive Office", "Президента России"):
        assert chrome not in text
    reasons = removed_reasons(kremlin)
    assert reasons["• Amur tiger"] == "site navigation"
    assert reasons["June 2, 2023"] == "metadata: date"
    assert reasons["14:00"] == "metadata: time"
    assert reasons["The Kremlin, Moscow"] == "metadata: place"


def test_kremlin_hover_cards_of_other_people_are_cut_and_kept_as_facts(kremlin):
    attendance = next(p for p in kremlin.paragraphs if p.startswith("The meeting was attended"))
    assert attendance == (
        "The meeting was attended by Prime Minister Mikhail Mishustin, Deputy Prime Minister "
        "Tatyana Golikova, Finance Minister Anton Siluanov and other officials."
    )
    people = {c.name: c.role for c in kremlin.cards if c.kind == "person"}
    assert people == {
        "Mikhail Mishustin": "Prime Minister of Russia",
        "Tatyana Golikova": "Deputy Prime Minister",
        "Anton Siluanov": "Minister of Finance",
    }
    cut = [r for r in kremlin.removed if r.reason == "name card"]
    assert len(cut) == 3 and all(r.paragraph == kremlin.paragraphs.index(attendance) for r in cut)


def test_glossary_card_reads_as_the_term(kremlin):
    assert "within the SCO framework" in body(kremlin)
    assert "Background information" not in body(kremlin)
    assert any(c.kind == "glossary" and c.name == "SCO" for c in kremlin.cards)


def test_protected_lines_survive(kremlin):
    text = body(kremlin)
    for line in ("* * *", "President of Russia Vladimir Putin: Good afternoon, colleagues!",
                 "Mikhail Mishustin: Mr President, colleagues,", "Vladimir Putin: Thank you.", "<…>"):
        assert line in kremlin.paragraphs, line
    assert text.count("Meeting with Government members (via videoconference).") == 1


def test_kremlin_every_line_accounted(kremlin):
    assert_every_line_accounted(kremlin, (PAGES / "kremlin_meeting.txt").read_text(encoding="utf-8"))


def test_mirror_page_with_comment_form():
    doc = clean_page("mid_answers.txt")
    assert doc.title.startswith("Foreign Minister Sergey Lavrov’s answers")
    assert doc.date is None  # "Monday, May 6" is the site's header, not the document's date
    assert doc.source_url == "https://www.mid.ru/en/foreign_policy/news/1900001/"
    assert doc.speaker == "Sergey Lavrov"
    assert doc.paragraphs[0] == "Question: How do you assess the results of the talks?"
    assert doc.paragraphs[-1] == "Sergey Lavrov: The preparations are proceeding as planned."
    for chrome in ("Pinterest", "Leave A Reply", "Name *", "Save my name"):
        assert chrome not in body(doc)


def test_news_page_with_repeated_title_image_name_and_numbered_points():
    doc = clean_page("csto_news.txt")
    assert doc.title.startswith("CSTO Secretary General Imangali Tasmagambetov took part")
    assert doc.date == "2023-09-15" and doc.place == "Dushanbe"
    assert body(doc).count("took part in the meeting") == 0  # the repeat with its date is gone
    assert "terrorism." in body(doc) and "IMG_4512" not in body(doc)
    assert "1. To approve the plan of joint exercises for 2024." in doc.paragraphs
    assert doc.paragraphs[-1] == "Thank you."
    assert "Go back" not in body(doc)


def test_unknown_site_content_survives_whole():
    text = (PAGES / "unknown_site.txt").read_text(encoding="utf-8")
    doc = clean_page("unknown_site.txt")
    assert doc.title == "Regional Water Board adopts drought plan"
    assert doc.date == "2024-03-12"
    assert [r.reason for r in doc.removed] == ["metadata: date"]
    for line in text.splitlines()[4:]:
        if line.strip():
            assert line.strip() in body(doc)
    assert doc.speaker == "Anna Keller"


def test_unknown_site_chrome_from_shape_alone():
    doc = clean_page("unknown_with_chrome.txt")
    assert doc.title == "Institute for Peace Studies launches new report on cyber norms"
    assert doc.date == "2023-10-04"
    assert len(doc.paragraphs) == 2
    assert doc.speaker is None
    reasons = removed_reasons(doc)
    assert reasons["© 2023 Institute for Peace Studies. All rights reserved."] == "copyright or licence notice"
    assert reasons["Home | About | News | Contact"] == "breadcrumb"


def test_hard_wrapped_lines_are_joined():
    doc = clean_page("wrapped_plain.txt")
    assert doc.title == "The Harbour Commission"
    assert len(doc.paragraphs) == 2
    assert doc.paragraphs[0].startswith("The harbour commission met on Tuesday to consider the application for a new ferry")
    assert doc.paragraphs[1].endswith("The survey is expected to take three months.")


def test_kremlin_greeting_with_quoted_message():
    doc = clean_page("greeting.txt")
    assert doc.title == "Greetings to participants of the International Cybersecurity Forum"
    assert doc.date == "2022-04-05"
    assert doc.paragraphs[0].startswith("Vladimir Putin sent greetings")
    assert doc.paragraphs[-1] == "I wish you every success.”"
    assert "Topics" not in body(doc) and "VK" not in body(doc)


def test_signature_page_of_another_body_and_person():
    doc = clean_page("infoforum2.txt")
    assert doc.title is None
    assert (doc.date, doc.place, doc.speaker) == ("2023-02-01", "Moscow", "Nikolai Patrushev")
    assert doc.paragraphs[:2] == ["Nikolai Patrushev,", "Secretary of the Security Council of the Russian Federation"]
    assert doc.paragraphs[-1] == "Moscow, 1 February 2023"
    assert "Инфофорум" not in body(doc)


def test_russian_page():
    doc = clean_page("kremlin_ru.txt")
    assert doc.title == "Заседание Совета Безопасности"
    assert (doc.date, doc.place, doc.speaker) == ("2022-05-20", "Москва, Кремль", "В.Путин")
    assert doc.paragraphs == ["Владимир Путин провёл оперативное совещание с постоянными членами Совета Безопасности.",
                              "В.Путин: Добрый день, уважаемые коллеги!",
                              "Сегодня мы обсудим вопросы информационной безопасности."]


def test_ministry_page_with_menu_date_time_and_document_number():
    doc = clean_page("mid_native.txt")
    assert doc.title.startswith("Foreign Ministry Spokeswoman Maria Zakharova’s comment")
    assert (doc.date, doc.speaker) == ("2022-10-12", "Maria Zakharova")
    assert doc.paragraphs[0].startswith("Question:")
    assert len(doc.paragraphs) == 3
    assert "Print version" not in body(doc) and "©" not in body(doc)


def test_mission_statement():
    doc = clean_page("un_statement.txt")
    assert doc.title.startswith("Statement by Deputy Permanent Representative Dmitry Polyanskiy")
    assert doc.speaker == "Dmitry Polyanskiy"
    assert doc.paragraphs[-2:] == [
        "The Russian Federation has consistently advocated the development of universal rules of responsible "
        "behaviour of States in the use of ICTs.", "Thank you."]
    assert "Permanent Mission" not in body(doc)


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.txt")))
def test_every_line_of_every_page_is_accounted_for(name):
    assert_every_line_accounted(clean_page(name), (PAGES / name).read_text(encoding="utf-8"))
