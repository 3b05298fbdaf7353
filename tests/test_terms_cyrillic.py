"""Issue 15: Russian text. Acronyms and names in Cyrillic, one term with their English spellings."""

from corpusreader.corpus.model import Document
from corpusreader.corpus.terms.index import TermIndex
from corpusreader.corpus.terms.mentions import translit_fold

RUSSIAN = Document(path="ru.txt", title="Заседание Совета коллективной безопасности", paragraphs=[
    "В Москве прошло заседание Организации Договора о коллективной безопасности (ОДКБ).",
    "Государства – члены ОДКБ (CSTO) договорились о сотрудничестве. ОДКБ будет расширяться.",
    "Министр иностранных дел Сергей Лавров выступил на заседании. Лавров сказал, что ОДКБ важна."])
ENGLISH = Document(path="en.txt", title="CSTO summit", paragraphs=[
    "The Collective Security Treaty Organization (CSTO) met in Moscow.",
    "Foreign Minister Sergey Lavrov spoke. Lavrov said the CSTO matters."])


def term(index, kind):
    return next(t for t in index.terms if t.kind == kind)


def spelled(index, found):
    return sorted({(index.documents[o.doc].paragraphs[o.paragraph] if o.paragraph >= 0
                    else index.documents[o.doc].title)[o.start:o.end] for o in found.occurrences})


def test_a_cyrillic_acronym_a_page_pairs_with_a_latin_one_is_one_term():
    index = TermIndex.build([RUSSIAN, ENGLISH])
    acronyms = [t for t in index.terms if t.kind == "acronym"]
    assert [t.term for t in acronyms] == ["CSTO"]
    assert {"ОДКБ", "Организации Договора о коллективной безопасности"} <= set(acronyms[0].aliases)
    assert acronyms[0].expansion == "Collective Security Treaty Organization"
    assert spelled(index, acronyms[0]).count("ОДКБ") == 1 and len(acronyms[0].documents) == 2


def test_a_cyrillic_acronym_alone_keeps_its_russian_long_form():
    index = TermIndex.build([Document(path="ru.txt", title=None, paragraphs=[
        "Саммит Шанхайской организации сотрудничества (ШОС) прошёл в Астане.", "ШОС расширяется."])])
    found = term(index, "acronym")
    assert (found.term, found.expansion) == ("ШОС", "Шанхайской организации сотрудничества")


def test_a_name_in_cyrillic_is_the_person_of_its_latin_spelling():
    index = TermIndex.build([RUSSIAN, ENGLISH])
    people = [t for t in index.terms if t.kind == "person"]
    assert len(people) == 1
    assert {"Сергей Лавров", "Sergey Lavrov", "Лавров", "Lavrov"} <= set(people[0].names)
    assert len(people[0].documents) == 2


def test_transliteration_folds_both_scripts_alike():
    assert translit_fold("Лавров") == translit_fold("Lavrov")
    assert translit_fold("Сергей") == translit_fold("Sergei") == translit_fold("Sergey")
    assert translit_fold("Юрий Ушаков") == translit_fold("Yury Ushakov")
