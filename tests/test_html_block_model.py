"""The HTML reader's learned block model: shipped as data, the last word over the rules except where the
markup is sure, every block it removes with a reason a reader knows."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from corpusreader.corpus.html import block_model
from corpusreader.corpus.html.block_features import FEATURES, SMOOTH_FEATURES, rows
from corpusreader.corpus.html.extract import extract, judge
from corpusreader.corpus.html.reader import parse_page
from corpusreader.corpus.model import RawDocument

LONG = ("The harbour authority said on Monday that the quay would reopen to ferries next week, after three "
        "months of repairs to the sea wall and the loading ramps.")
PAGE = f"""<html><head><title>Harbour reopens</title></head><body>
<script>var tracking = "x";</script>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article><h1>Harbour reopens</h1><p>{LONG}</p><p>{LONG.replace('Monday', 'Tuesday')}</p>
<p class="hidden">A hidden note for screen readers only, never shown on the page itself.</p></article>
<footer><p>Contact the newsroom at any time of the day or night for tips and corrections.</p></footer>
</body></html>"""


def judged_page():
    page = parse_page(PAGE)
    raw = RawDocument("/tmp/harbour.html", PAGE, "utf-8", page=page)
    return raw, page, judge(raw, page)


def test_the_shipped_model_loads_and_is_small():
    shipped = files("corpusreader.corpus").joinpath(block_model.SHIPPED)
    data = json.loads(shipped.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES
    if "second" in data:
        assert tuple(data["second"]["features"]) == SMOOTH_FEATURES
    assert len(shipped.read_bytes()) <= 1_000_000
    model = block_model.from_data(data)
    assert 0 < model.inside <= model.outside < 1


def test_a_model_of_other_features_is_refused():
    with pytest.raises(ValueError):
        block_model.from_data({"features": ["words"], "base": 0.0, "trees": [], "inside": 0.1, "outside": 0.2,
                               "anchor": 0.9})


def test_one_row_of_every_feature_a_block():
    _, page, judged = judged_page()
    table = rows(judged, {"content": 1.0})
    assert len(table) == len(page.blocks) and all(len(row) == len(FEATURES) for row in table)


def test_what_the_markup_is_sure_of_stays_removed_whatever_the_probability():
    _, page, judged = judged_page()
    reasons = block_model.decide_from(judged, [1.0] * len(page.blocks), 0.1, 0.2, 0.9)
    by_text = {b.text: r for b, r in zip(page.blocks, reasons)}
    assert by_text['var tracking = "x";'] == "script"
    assert by_text["A hidden note for screen readers only, never shown on the page itself."] == "hidden text"
    assert by_text["Home"] is None  # the model has the last word over the rules' navigation


def test_a_block_the_model_removes_says_why_in_words_a_reader_knows():
    _, page, judged = judged_page()
    probabilities = [0.0 if b.text.startswith("Contact") else 1.0 for b in page.blocks]
    reasons = block_model.decide_from(judged, probabilities, 0.1, 0.2, 0.9)
    footer = next(i for i, b in enumerate(page.blocks) if b.text.startswith("Contact"))
    assert reasons[footer] == "footer"
    nothing = block_model.decide_from(judged, [0.0] * len(page.blocks), 0.1, 0.2, 0.9)
    assert all(r for i, r in enumerate(nothing) if i != judged.title_index)


def test_every_block_is_accounted_for_with_the_shipped_model_and_without(monkeypatch):
    raw, page, _ = judged_page()
    for setting in (None, "off"):
        if setting:
            monkeypatch.setenv(block_model.MODEL_ENV, setting)
        document = extract(raw, page)
        whole = [r for r in document.removed if r.paragraph is None]
        assert len(document.paragraphs) + len(whole) + (document.title_line is not None) == len(page.blocks)
        assert any("Monday" in p for p in document.paragraphs)
        assert all(r.reason and r.where for r in whole)


def test_the_shipped_model_removes_the_chrome_of_a_busy_page(tmp_path):
    from test_html import BUSY, PROSE, PROSE2, load_one, write

    document = load_one(write(tmp_path, "busy.html", BUSY))
    assert document.title == "Harbour reopens"
    assert document.paragraphs[:2] == [PROSE, PROSE2]
    reasons = {r.text: r.reason for r in document.removed}
    assert reasons["We use cookies to improve your experience on our website. Accept all cookies?"] == "cookie notice"
    assert reasons["Bridge repairs finish early after a dry summer on the coast"] == "related links"
    assert reasons["Sign up for our newsletter and never miss a story from the harbour."] == "newsletter"
    assert reasons["Facebook Twitter"] == "share and link buttons"
    comment = "Great news, I have been waiting for the harbour to reopen all year long."
    # a comment that reads as prose may stay (the web set's gold keeps some pages' comments); either way it is
    # accounted for
    assert reasons.get(comment) == "comments" or comment in document.paragraphs
