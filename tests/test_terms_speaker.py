"""Issue 15: a page's speaker is a person, never a heading that ends in a colon."""

from helpers import clean_text

PAGE = """Events to mark Victory Day

May 9, 2023

The President laid a wreath at the Tomb of the Unknown Soldier.

Great Patriotic War: the memory of the fallen is sacred for every family in our country and abroad.

Vladimir Putin: Dear veterans, comrades, friends, today we honour those who fought for our Motherland.

Vladimir Putin: We will never forget them, and we will always remember their deeds.
"""


def test_a_heading_with_a_colon_is_no_speaker():
    assert clean_text(PAGE, "victory.txt").speaker == "Vladimir Putin"


def test_a_speaker_in_capitals_is_still_a_person():
    page = PAGE.replace("Vladimir Putin:", "PRESIDENT OF RUSSIA DMITRY MEDVEDEV:")
    assert clean_text(page, "victory.txt").speaker == "DMITRY MEDVEDEV"


def test_the_one_who_answers_every_question_is_the_speaker_not_the_first_host():
    page = """Direct Line with Vladimir Putin

April 25, 2013

The annual special programme was broadcast live.

Kirill Kleimyonov: Good afternoon. This is Direct Line, and here is the first question.

Vladimir Putin: Thank you. The economy is growing, if slowly, and we will keep working.

Maria Sittel: The next question comes from Novosibirsk.

Vladimir Putin: Roads there will be repaired this year, the money is allocated.

Kirill Kleimyonov: And a question on pensions.

Vladimir Putin: Pensions will be indexed, as the law says.
"""
    assert clean_text(page, "direct_line.txt").speaker == "Vladimir Putin"
