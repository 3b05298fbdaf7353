"""People: names across transliterations and forms, posts from titles, signatures and cards."""

from corpusreader.corpus.model import Card, Document
from corpusreader.corpus.terms.index import TermIndex


def doc(path, *paragraphs, title=None, cards=()):
    return Document(path=path, title=title, paragraphs=list(paragraphs), cards=list(cards))


def people(index):
    return [t for t in index.terms if t.kind == "person"]


def person(index, name):
    found = [t for t in people(index) if name in t.names]
    assert len(found) == 1, (name, [t.names for t in people(index)])
    return found[0]


def test_transliteration_variants_and_forms_are_one_person():
    index = TermIndex.build([
        doc("a.txt", "Presidential Aide Yuri Ushakov briefed the press.", "Ushakov said the talks went well."),
        doc("b.txt", "Yury Ushakov met the envoy. Aleksei Overchuk joined them."),
        doc("c.txt", "Deputy Prime Minister Alexey Overchuk spoke; Dmitri Peskov and Dmitry Peskov agree."),
    ])
    ushakov = person(index, "Yuri Ushakov")
    assert "Yury Ushakov" in ushakov.names and "Ushakov" in ushakov.names
    assert len(ushakov.documents) == 2 and len(ushakov.occurrences) == 3
    assert ushakov.role == "Presidential Aide"
    overchuk = person(index, "Alexey Overchuk")
    assert "Aleksei Overchuk" in overchuk.names and overchuk.role == "Deputy Prime Minister"
    assert {"Dmitri Peskov", "Dmitry Peskov"} <= set(person(index, "Dmitry Peskov").names)


def test_same_surname_different_people_stay_apart():
    index = TermIndex.build([doc("a.txt", "Igor Ivanov and Sergei Ivanov met Ivan Petrov.")])
    assert len([t for t in people(index) if t.term.endswith("Ivanov")]) == 2


def test_card_gives_the_post_and_merges_with_other_spelling():
    card = Card(name="Sergei Lavrov", role="Foreign Minister of Russia", kind="person", paragraph=0)
    index = TermIndex.build([
        doc("a.txt", "The meeting was attended by Sergei Lavrov and others.", cards=[card]),
        doc("b.txt", "Sergey Lavrov, Minister of Foreign Affairs of the Russian Federation, said so."),
    ])
    lavrov = person(index, "Sergey Lavrov")
    assert "Sergei Lavrov" in lavrov.names
    assert lavrov.role == "Foreign Minister of Russia"
    assert "Minister of Foreign Affairs of the Russian Federation" in lavrov.roles


def test_card_still_in_the_text_is_read_and_masked():
    text = ("Present were Foreign Ministry Spokeswoman Maria Zakharova Zakharova Maria Zakharova "
            "MariaOfficial Representative of the Foreign Ministry , and Chief of Staff Anton Vaino "
            "Vaino Anton Vaino AntonChief of Staff of the Presidential Executive Office .")
    index = TermIndex.build([doc("a.txt", text)])
    zakharova = person(index, "Maria Zakharova")
    assert zakharova.role == "Official Representative of the Foreign Ministry"
    assert "Foreign Ministry Spokeswoman" in zakharova.roles
    assert person(index, "Anton Vaino").role == "Chief of Staff of the Presidential Executive Office"
    assert not [t for t in people(index) if t.term.startswith(("Zakharova", "Vaino"))]


def test_signature_post_on_the_next_line_and_initial_names():
    index = TermIndex.build([
        doc("a.txt", "Valentina Tereshkova,", "Deputy of the State Duma", "Dear friends!",
            "As UN Secretary-General A.Guterres said, the Director General R. Grossi agreed."),
    ])
    assert person(index, "Valentina Tereshkova").role == "Deputy of the State Duma"
    assert person(index, "A.Guterres").role == "UN Secretary-General"
    assert person(index, "R. Grossi").role == "Director General"


def test_post_before_an_unknown_given_name():
    index = TermIndex.build([doc("a.txt", "Prime Minister Xavier Bettel of Luxembourg arrived.")])
    assert person(index, "Xavier Bettel").role == "Prime Minister"


def test_patronymic_and_possessive():
    index = TermIndex.build([
        doc("a.txt", "Vladimir Vladimirovich Putin spoke.", "Vladimir Putin’s address followed."),
    ])
    putin = person(index, "Vladimir Putin")
    assert "Vladimir Vladimirovich Putin" in putin.names and len(putin.occurrences) == 2


def test_name_offsets_point_at_the_text():
    document = doc("a.txt", "At the talks, Defence Minister Andrei Belousov spoke.", title="Andrey Belousov visits")
    index = TermIndex.build([document])
    belousov = person(index, "Andrei Belousov")
    texts = {o.paragraph: (document.title if o.paragraph < 0 else document.paragraphs[o.paragraph])[o.start:o.end]
             for o in belousov.occurrences}
    assert texts == {-1: "Andrey Belousov", 0: "Andrei Belousov"}


def test_capitalised_phrases_are_not_people():
    index = TermIndex.build([doc("a.txt",
        "In the UN General Assembly Hall, the First Channel News said the Ban Treaty and the Moon Landing "
        "Day and the Christian Democratic Union matter; Vladimir Region and the Roman Empire too.")])
    assert people(index) == []
