"""The learned line model: its features, its pure-Python trees, the shipped weights on a page written here.

The page below is of no site in the development sets: a small association's
news page with a menu, an article, a "related" list, a newsletter box and a
footer. The model never saw it; the rules and the model together must keep the
article and drop the rest, each line accounted for with a reason in words.
"""

from __future__ import annotations

import json
import math
import random
from importlib.resources import files

import pytest
from helpers import assert_every_line_accounted, body, clean_text, removed_reasons

from corpusreader.corpus.cleaning import line_model, trees
from corpusreader.corpus.cleaning.cleaner import judge
from corpusreader.corpus.cleaning.line_features import (
    FEATURES,
    LEXICAL,
    SHAPE_FEATURES,
    SKIPPABLE,
    lexical_rows,
    page_stopwords,
    unit_features,
)
from corpusreader.corpus.vocab import Reason

ARTICLE = [
    "The volunteers of the river club spent the whole of Saturday clearing the banks below the old mill, "
    "where the spring floods had left branches, plastic and a rusted shopping trolley.",
    "More than forty people came, among them a class from the village school, who counted the birds "
    "they saw between the bridge and the weir for the county's spring survey.",
    "The club thanks the mill's owners, who lent their yard for the skips, and the bakery on Station "
    "Road, which brought bread and soup at noon for everyone who had worked through the morning.",
    "The next clearing is planned for the first Saturday of October, when the water is low enough to "
    "reach the reed beds on the far side of the island.",
]
PAGE = "\n".join([
    "River Club Millbrook",
    "",
    "  • Home",
    "  • About us",
    "  • Events",
    "  • Membership",
    "  • Contact",
    "",
    "Spring clearing at the old mill",
    "",
    "12 April 2024",
    "",
    *[line for paragraph in ARTICLE for line in (paragraph, "")],
    "Related posts",
    "",
    "  • Autumn walk along the lower river",
    "  • New benches for the picnic meadow",
    "  • Annual meeting minutes now online",
    "",
    "Subscribe to our newsletter",
    "Your e-mail: [                    ] [Subscribe]",
    "",
    "© 2024 River Club Millbrook · Imprint · Privacy",
])


@pytest.fixture(scope="module")
def page():
    return clean_text(PAGE, "river-club.txt")


def _units(text: str):
    lines = text.splitlines()
    units, _, zones = judge(lines)
    return units, lines, zones


# -- the shipped model ------------------------------------------------------------------


def test_shipped_weights_load_and_name_the_features():
    model = line_model.load()
    assert model is not None, "data/line_model.json ships with the package"
    data = json.loads(files("corpusreader.corpus").joinpath(line_model.SHIPPED).read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES)
    assert model.first.trees and model.second is not None and model.lexicon
    assert 0 < model.threshold < 1


def test_article_of_an_unseen_page_is_kept_whole(page):
    assert page.title == "Spring clearing at the old mill"
    text = body(page)
    for paragraph in ARTICLE:
        assert paragraph in text


def test_menu_newsletter_and_footer_go(page):
    text = body(page)
    for chrome in ("About us", "Membership", "Related posts", "Subscribe to our newsletter", "Your e-mail", "Imprint"):
        assert chrome not in text, chrome
    assert removed_reasons(page)["• Annual meeting minutes now online"] == Reason.RELATED_LINKS


def test_related_teasers_under_their_removed_heading_go(page):
    text = body(page)
    for chrome in ("Autumn walk along the lower river", "New benches"):
        assert chrome not in text, chrome


def test_every_line_of_the_page_is_accounted_for_with_a_reason_in_words(page):
    assert_every_line_accounted(page, PAGE)
    reasons = removed_reasons(page)
    assert reasons["• About us"] == Reason.SITE_NAVIGATION
    assert all(reason in set(Reason) for reason in reasons.values())
    assert not any(any(ch.isdigit() for ch in reason) for reason in reasons.values())  # words, not scores


def test_probabilities_rank_the_article_above_the_menu():
    units, lines, zones = _units(PAGE)
    model = line_model.load()
    assert model is not None
    p = model.probabilities(unit_features(units, lines, zones, frozenset(), model.lexicon))
    texts = [u.text for u in units]
    article = [p[texts.index(paragraph)] for paragraph in ARTICLE]
    menu = [p[texts.index(item)] for item in ("• About us", "• Membership")]
    assert min(article) > max(menu)


def test_the_model_switched_off_leaves_the_rules(monkeypatch):
    monkeypatch.setenv(line_model.MODEL_ENV, "off")
    assert line_model.load() is None
    ruled = clean_text(PAGE, "river-club.txt")
    assert ruled.title == "Spring clearing at the old mill"


# -- features ---------------------------------------------------------------------------


def test_one_vector_a_unit_of_the_named_features():
    units, lines, zones = _units(PAGE)
    shape = unit_features(units, lines, zones)
    full = unit_features(units, lines, zones, frozenset(), {"river": 1.0})
    assert len(shape) == len(full) == len(units)
    assert all(len(row) == len(SHAPE_FEATURES) for row in shape)
    assert all(len(row) == len(FEATURES) == len(SHAPE_FEATURES) + len(LEXICAL) for row in full)
    assert all(math.isfinite(x) for row in full for x in row)


def test_shape_features_say_what_a_line_looks_like():
    units, lines, zones = _units(PAGE)
    rows = unit_features(units, lines, zones)
    column = {name: i for i, name in enumerate(SHAPE_FEATURES)}
    texts = [u.text for u in units]
    menu, prose = rows[texts.index("• Membership")], rows[texts.index(ARTICLE[0])]
    assert menu[column["bullet"]] == 1.0 and prose[column["bullet"]] == 0.0
    assert prose[column["ends_sentence"]] == 1.0 and prose[column["prose"]] == 1.0
    assert prose[column["stopword_share"]] > 0.3 > menu[column["stopword_share"]]
    assert prose[column["log_words"]] > menu[column["log_words"]]
    positions = [row[column["position"]] for row in rows]
    assert positions == sorted(positions) and positions[0] == 0.0


def test_stopwords_of_the_page_language_come_from_package_data():
    units, _, _ = _units("Die Mitglieder haben am Samstag das Ufer unterhalb der alten Mühle gereinigt, und es kamen mehr als vierzig Leute.")
    stop = page_stopwords(units)
    assert {"die", "der", "und"} <= stop and "the" not in stop


def test_lexical_features_read_the_words_and_their_neighbours():
    rows = lexical_rows([["impressum"], ["river", "club", "unknown"], []], {"impressum": -3.0, "river": 1.0, "club": 0.5})
    assert rows[0][:4] == [-3.0, -3.0, -3.0, 1.0]
    assert rows[1][:4] == [0.75, 1.0, 0.5, pytest.approx(2 / 3)]
    assert rows[2][:4] == [0.0, 0.0, 0.0, 0.0]
    assert rows[1][4] == -3.0 and rows[1][5] == 0.0  # the neighbours' mean before and after


# -- trees in pure Python ---------------------------------------------------------------


def test_trees_are_walked_left_at_or_below_the_threshold():
    ensemble = line_model.Ensemble(0.0, ([0, 0.5, -2.0, [1, 3.0, 1.0, 4.0]],))
    assert ensemble.probability([0.5, 9.0]) == pytest.approx(1 / (1 + math.exp(2.0)))
    assert ensemble.probability([0.6, 3.0]) == pytest.approx(1 / (1 + math.exp(-1.0)))
    assert ensemble.probability([0.6, 3.1]) == pytest.approx(1 / (1 + math.exp(-4.0)))


def _reference_probability(base: float, trees, row) -> float:
    """The plain reading of boosted trees: walk each from its root, add the leaves in order, then the logistic."""

    def leaf(tree):
        if not isinstance(tree, list):
            return float(tree)
        feature, threshold, left, right = tree
        return leaf(left if row[feature] <= threshold else right)

    score = base
    for tree in trees:
        score += leaf(tree)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def _random_tree(rng: random.Random, depth: int, features: int):
    if depth == 0 or rng.random() < 0.2:
        return rng.uniform(-2.0, 2.0)
    threshold = rng.choice([rng.uniform(-1.0, 1.0), 0.0, 0.5, float("inf"), -float("inf")])
    return [rng.randrange(features), threshold, _random_tree(rng, depth - 1, features),
            _random_tree(rng, depth - 1, features)]


def test_compiled_trees_give_the_walks_probabilities_to_the_last_bit():
    rng = random.Random(7)
    forest = tuple(_random_tree(rng, 8, 12) for _ in range(60))
    ensemble = line_model.Ensemble(0.25, forest)
    rows = [[rng.choice([rng.uniform(-1.5, 1.5), 0.0, 0.5, 1.0, -1.0]) for _ in range(12)] for _ in range(300)]
    expected = [_reference_probability(0.25, forest, row) for row in rows]
    assert ensemble.probabilities(rows) == expected
    assert [ensemble.probability(row) for row in rows] == expected
    assert len(set(expected)) > 100  # the rows take many paths


def test_shipped_model_compiled_equals_the_walk_on_a_real_page():
    units, lines, zones = _units(PAGE)
    model = line_model.load()
    assert model is not None and model.second is not None
    full = unit_features(units, lines, zones, frozenset(), model.lexicon)  # every feature, none skipped
    first = [_reference_probability(model.first.base, model.first.trees, row) for row in full]
    smoothed = line_model.smoothing_rows(first, full)
    expected = [_reference_probability(model.second.base, model.second.trees, row) for row in smoothed]
    assert model.probabilities(full) == expected
    assert line_model.page_probabilities(units, lines, zones, frozenset(), model) == expected


def test_features_the_model_never_reads_are_skipped_and_nothing_else_changes():
    units, lines, zones = _units(PAGE)
    model = line_model.load()
    assert model is not None and model.reads is not None
    full = unit_features(units, lines, zones, frozenset(), model.lexicon)
    spared = unit_features(units, lines, zones, frozenset(), model.lexicon, model.reads)
    skipped = {i for i, name in enumerate(FEATURES) if name in SKIPPABLE and name not in model.reads}
    assert skipped  # the shipped model reads no copyright or publisher feature
    for row_full, row_spared in zip(full, spared, strict=True):
        assert [x for i, x in enumerate(row_full) if i not in skipped] == [
            x for i, x in enumerate(row_spared) if i not in skipped]
        assert all(row_spared[i] == 0.0 for i in skipped)
    assert any(row[FEATURES.index("copyright")] == 1.0 for row in full)  # the footer: it was worth skipping
    assert model.probabilities(spared) == model.probabilities(full)


def test_trees_too_deep_to_compile_are_walked():
    deep: float | list = 1.0
    for level in range(trees.MAX_COMPILED_DEPTH + 20):
        deep = [level % 3, 0.5, deep, -1.0]
    ensemble = line_model.Ensemble(0.0, (deep, [2, 0.0, 0.5, -0.5]))
    for row in ([0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]):
        assert ensemble.probability(row) == _reference_probability(0.0, (deep, [2, 0.0, 0.5, -0.5]), row)


@pytest.mark.parametrize("tree", [
    [0, "__import__('os').getpid()", 1.0, 2.0],
    [0, 0.5, "x0", 2.0],
    [-1, 0.5, 1.0, 2.0],
    ["0 or 1", 0.5, 1.0, 2.0],
])
def test_a_tree_holding_anything_but_numbers_is_refused(tree):
    with pytest.raises(ValueError):
        line_model.Ensemble(0.0, (tree,))


def test_a_model_of_other_features_is_refused():
    data = json.loads(files("corpusreader.corpus").joinpath(line_model.SHIPPED).read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError):
        line_model.from_data(data)


def test_smoothing_rows_see_the_neighbours():
    rows = line_model.smoothing_rows([0.1, 0.9, 0.8], [[0.0] * len(FEATURES)] * 3)
    assert len(rows) == 3 and all(len(r) == len(line_model.SMOOTH_FEATURES) for r in rows)
    names = line_model.SMOOTH_FEATURES
    assert rows[1][names.index("p")] == 0.9
    assert rows[1][names.index("p@-1")] == 0.1 and rows[1][names.index("p@+1")] == 0.8
    assert rows[0][names.index("p@-1")] == -1.0  # no neighbour
    assert rows[0][names.index("p_max_after")] == 0.9



HEADED_FOOTER = "\n".join([
    "Harbour works resume after the storm",
    "",
    "3 March 2024",
    "",
    *[line for paragraph in ARTICLE[:3] for line in (paragraph, "")],
    "Publication status",
    "Published in section: News",
    "Publication date: March 3, 2024, 10:00",
    "",
    "Moscow, 15 June 2021",
    "Share",
])


def test_after_the_article_a_heading_goes_with_the_removed_block_it_heads():
    """Whatever the probabilities: past the article, a short unpunctuated line whose next line is removed is
    removed too; a line with a date in it is no heading."""
    units, _, _ = _units(HEADED_FOOTER)
    texts = [unit.text for unit in units]
    last = texts.index(ARTICLE[2])
    keep = [True] * len(units)  # as if the model kept everything ...
    for removed in ("Published in section: News", "Share"):  # ... but these two
        keep[texts.index(removed)] = False
    line_model._drop_headings_of_removed_blocks(units, keep, range(0, last + 1))
    assert not keep[texts.index("Publication status")]
    assert keep[texts.index("Moscow, 15 June 2021")]
    assert all(keep[: last + 1])


SEE_ALSO = "\n".join([
    "Meeting on the new bridge",
    "",
    "The Governor reported on the building of the bridge.",
    "",
    "See also",
    "",
    "All news about the trip to the northern region",
    "May 3, 2021",
    "",
    ARTICLE[0],
    "",
    "See also",
    "",
    ARTICLE[1],
    "",
    ARTICLE[2],
])


def test_the_teasers_under_a_see_also_heading_are_related_links_even_above_the_text():
    """A related-links heading and the block under it go where every line of the block is a teaser (a headline,
    its date); a heading over sentences heads nothing."""
    units, _, _ = _units(SEE_ALSO)
    texts = [unit.text for unit in units]
    related = line_model.related_blocks(units)
    assert {texts[i] for i in related} == {"See also", "All news about the trip to the northern region May 3, 2021"} \
        or {texts[i] for i in related} == {"See also", "All news about the trip to the northern region", "May 3, 2021"}
    assert texts.index(ARTICLE[1]) not in related and texts.index(ARTICLE[0]) not in related
    document = clean_text(SEE_ALSO, "see-also.txt")
    assert "All news about" not in body(document)
    assert all(paragraph in body(document) for paragraph in ARTICLE[:3])
    assert removed_reasons(document).get("All news about the trip to the northern region") == Reason.RELATED_LINKS
    assert_every_line_accounted(document, SEE_ALSO)
