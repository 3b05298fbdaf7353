"""The suite's scoring checks (tests/scoring.py) catch what they are there to catch."""

from __future__ import annotations

from scoring import (
    SEEDS,
    cleaning_failures,
    count_raw_lines,
    fold,
    gold_seeds,
    terms_checks,
    terms_failures,
    terms_gold,
    unaccounted_lines,
)

GOLD = {
    "file": "page.txt", "title": "A meeting on security", "date": "2021-03-26",
    "keep": ["The ministers met in Moscow.", "They agreed on a plan of work for the year."],
    "drop": ["Share", "Back to the section list"],
    "absent": ["IMG_2705.JPG"], "once": ["A meeting on security"], "at_most_once": ["A photo caption"],
}
GOOD = {"path": "x/page.txt", "title": "A meeting on security", "date": "2021-03-26",
        "paragraphs": ["The ministers met in Moscow.", "They agreed on a plan of work\nfor the year."]}


def with_changes(**changes):
    return {**GOOD, **changes}


def test_a_perfect_document_passes():
    assert cleaning_failures(GOLD, GOOD) == []


def test_each_kind_of_cleaning_fault_is_caught():
    cases = {
        "lost content": with_changes(paragraphs=["The ministers met in Moscow."]),
        "junk inside content": with_changes(paragraphs=["The ministers met in Moscow.",
                                                        "They agreed on a plan Share of work for the year."]),
        "boilerplate left": with_changes(paragraphs=[*GOOD["paragraphs"], "Share"]),
        "artifact left": with_changes(paragraphs=["The ministers met in Moscow.IMG_2705.JPG", *GOOD["paragraphs"]]),
        "expected once": with_changes(paragraphs=["A meeting on security", *GOOD["paragraphs"]]),
        "repeated 2x": with_changes(paragraphs=["A photo caption", *GOOD["paragraphs"], "A photo caption"]),
        "title": with_changes(title="Share this page"),
        "date": with_changes(date=None),
    }
    for fault, doc in cases.items():
        failures = cleaning_failures(GOLD, doc)
        assert any(f.startswith(fault) for f in failures), (fault, failures)


def test_a_title_that_is_boilerplate_fails_where_the_gold_has_none():
    gold = {**GOLD, "title": None, "once": []}
    assert cleaning_failures(gold, with_changes(title="Share")) == ["boilerplate left: 'Share'",
                                                                    "title is boilerplate: 'Share'"]


def test_folding_as_the_tools_fold():
    assert fold(" the 75^th  session ,\u00a0held\n") == "the 75th session, held"
    assert fold(None) == ""


def test_the_bundled_gold_is_here_and_names_the_bundled_texts():
    seeds = gold_seeds()
    assert len(seeds) == 5 == len(list(SEEDS.glob("*.json")))
    assert all(seed["keep"] and seed["drop"] for seed in seeds)
    assert terms_checks(terms_gold()) == 21


TERMS = [
    {"term": "OEWG", "expansion": "Open-ended Working Group", "aliases": ["Open-Ended Working Group"],
     "documents": ["t/a.txt", "t/b.txt"]},
    {"term": "Sergey Lavrov", "aliases": ["Sergei Lavrov"], "role": "Minister of Foreign Affairs",
     "documents": ["t/a.txt"]},
]
TERMS_GOLD = {
    "acronyms": [{"short": "OEWG", "long": "Open-ended Working Group"}],
    "entities": [{"name": "Sergey Lavrov", "aliases": ["Sergei Lavrov"], "documents": ["a.txt"]}],
    "links": [{"term": "OEWG", "documents": ["a.txt", "b.txt"]}],
    "roles": [{"name": "Sergei Lavrov", "role": "minister of foreign affairs"}],
}


def test_terms_that_match_the_gold_pass():
    assert terms_checks(TERMS_GOLD) == 4
    assert terms_failures(TERMS_GOLD, TERMS) == []


def test_each_kind_of_terms_fault_is_caught():
    oewg, lavrov = TERMS
    cases = {
        "acronym": [{**oewg, "expansion": "Open Working Group"}, lavrov],
        "entity": [oewg, {**lavrov, "documents": ["t/b.txt"]}],
        "link": [{**oewg, "documents": ["t/a.txt"]}, lavrov],
        "role of": [oewg, {**lavrov, "role": None}],
    }
    for fault, terms in cases.items():
        failures = terms_failures(TERMS_GOLD, terms)
        assert len(failures) == 1 and failures[0].startswith(fault), (fault, failures)


RAW = "Share\nA meeting on security\n\nThe ministers met in Moscow.states.IMG_2705.JPG\nMarch 26, 2021\n"


def test_every_line_accounted_and_a_lost_line_caught():
    doc = {"title": "A meeting on security", "date": "2021-03-26", "paragraphs": ["The ministers met in Moscow."],
           "removed": [{"line": 1, "text": "Share", "reason": "link word"},
                       {"line": 4, "text": "states.IMG_2705.JPG", "reason": "image file name"},
                       {"line": 5, "text": "March 26, 2021", "reason": "metadata: date"}]}
    assert count_raw_lines(RAW) == 4
    assert unaccounted_lines(doc, RAW) == []
    lossy = {**doc, "removed": doc["removed"][1:]}
    assert unaccounted_lines(lossy, RAW) == [(1, "Share")]
    no_cut = {**doc, "removed": doc["removed"][:1] + doc["removed"][2:]}
    assert unaccounted_lines(no_cut, RAW) == [(4, "The ministers met in Moscow.states.IMG_2705.JPG")]
