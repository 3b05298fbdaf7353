"""The reading pane's text layout: wrapping, visible control characters, the raw view's order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from corpusreader.corpus.model import Document, Removed
from corpusreader.widgets.text_layout import clean_blocks, raw_blocks, visible, wrap


def check_wrap(text: str, width: int) -> None:
    spans = wrap(text, width)
    covered = "".join(text[start:end] for start, end in spans)
    assert covered.split() == "".join(covered).split() and "".join(covered.split()) == "".join(text.split())
    for (_, end), (next_start, _) in zip(spans, spans[1:]):
        assert end <= next_start
        assert not text[end:next_start].strip()  # only white space falls between lines
    for start, end in spans:
        assert cell_len(text[start:end].rstrip()) <= width


def test_wrap_keeps_words_whole_and_lines_within_the_width():
    text = "The quick brown fox jumps over the lazy dog. " * 5
    check_wrap(text, 20)
    assert all(text[s:e].rstrip().split()[-1] in text.split() for s, e in wrap(text, 20))


def test_wrap_cuts_a_word_longer_than_the_line_and_counts_wide_characters():
    check_wrap("x" * 45 + " short", 10)
    assert wrap("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]
    check_wrap("信息安全 " * 10, 9)
    assert wrap("信息安全信息", 5) == [(0, 2), (2, 4), (4, 6)]


@given(st.text(alphabet=st.sampled_from("ab 信é\u00a0xyz  "), max_size=200), st.integers(2, 40))  # a wide character needs 2 cells
def test_wrap_never_overflows(text, width):
    check_wrap(text, width)


def test_visible_replaces_control_characters_one_for_one():
    text = "a\x1b[31mb\x07\x9b\x7fc\td"
    shown = visible(text)
    assert len(shown) == len(text)
    assert shown == "a\u241b[31mb\u2407\ufffd\u2421c d"
    assert all(ch.isprintable() for ch in shown)


def document() -> Document:
    return Document(
        path="x.txt", title="A title", title_line=3, date="2021-03-26", site="en.kremlin.ru",
        paragraphs=["First paragraph with a card inside.", "* * *", "Second paragraph."],
        paragraph_lines=[5, 7, 9],
        removed=[
            Removed(1, "• Events", "site navigation"),
            Removed(2, "• News", "site navigation"),
            Removed(4, "26 March 2021", "metadata: date"),
            Removed(5, "Ivanov IvanMinister", "name card", paragraph=0, offset=23),
            Removed(3, "IMG_1.JPG", "image file name", paragraph=-1, offset=7),
            Removed(11, "Share", "share and link buttons"),
        ],
    )


def test_clean_blocks_have_the_title_metadata_paragraphs_and_a_rule():
    kinds = [b.kind for b in clean_blocks(document())]
    assert kinds == ["title", "meta", "paragraph", "rule", "paragraph"]
    assert clean_blocks(document())[1].text == "2021-03-26 · en.kremlin.ru"


def test_raw_blocks_put_every_piece_back_in_line_order_with_its_reason():
    blocks = raw_blocks(document())
    assert [b.kind for b in blocks] == ["removed", "removed", "title", "removed", "paragraph", "rule", "paragraph", "removed"]
    assert blocks[0].text == "• Events  ‹site navigation›" and not blocks[1].gap_before
    title = blocks[2]
    assert title.text == "A title IMG_1.JPG ‹image file name›"
    assert (8, 17, "removed") in title.spans
    paragraph = blocks[4]
    assert paragraph.text.startswith("First paragraph with a Ivanov IvanMinister ‹name card› card inside.")
    start = paragraph.text.index("Ivanov")
    assert (start, start + len("Ivanov IvanMinister"), "removed") in paragraph.spans
    assert blocks[-1].text.endswith("‹share and link buttons›")
