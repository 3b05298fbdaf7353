"""Pilot tests of the side panel's Terms and References tabs: choose a term, jump to its place in another document."""

from __future__ import annotations

from test_app_search import ready
from waiting import until

from corpusreader.app import CorpusReaderApp
from corpusreader.widgets.find_bar import FindBar
from corpusreader.widgets.side_panel import SidePanel
from corpusreader.widgets.term_lists import Place, keyword_in_context

SIZE = (120, 36)


def title_index(app: CorpusReaderApp, start: str) -> int:
    return next(i for i, d in enumerate(app.reader_screen.documents) if d.display_title.startswith(start))


async def move_to(pilot, widget, wanted, limit: int = 200) -> None:
    """Press j until the list's cursor is on the row whose payload is `wanted` (or passes the test)."""
    test = wanted if callable(wanted) else (lambda payload: payload == wanted)
    for _ in range(limit):
        if test(widget.payload):
            return
        await pilot.press("j")
    raise AssertionError(f"no row for {wanted!r} in {widget.payloads}")


async def test_choose_a_term_and_jump_to_its_place_in_another_document():
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        screen = app.reader_screen
        council = title_index(app, "Security Council meeting")
        screen.open(council)
        await pilot.pause()
        panel = screen.query_one(SidePanel)

        await pilot.press("T")
        terms = panel.terms_list
        assert panel.tabs.active == "tab-terms" and terms.has_focus
        rows = [str(terms.get_option_at_index(i).prompt) for i in range(terms.option_count)]
        assert any(row.startswith("Acronyms") for row in rows) and any(row.startswith("People") for row in rows)
        oewg = next(row for row in rows if row.startswith("OEWG"))
        assert "Open-ended Working Group" in oewg and oewg.split()[-2:] == ["1", "2"]  # once here, in 2 documents

        await move_to(pilot, terms, "acronym:OEWG")
        await pilot.press("enter")
        references = panel.references_list
        assert panel.tabs.active == "tab-references" and references.has_focus
        assert screen.marking is not None and screen.marking.term_key == "acronym:OEWG"
        assert len(screen.reader.hits) == 1  # its one place here is marked in the text
        places = [p for p in references.payloads if isinstance(p, Place)]
        expected = app.session.term_index.occurrences("acronym:OEWG")
        assert [(p.doc, p.paragraph, p.start) for p in places] == [(o.doc, o.paragraph, o.start) for o in expected]
        other = next(p for p in places if p.doc != council)

        await move_to(pilot, references, other)
        line = str(references.get_option_at_index(references.highlighted).prompt)
        document = screen.documents[other.doc]
        surface = document.paragraphs[other.paragraph][other.start:other.end]
        assert surface in line
        await pilot.press("enter")
        await pilot.pause()

        assert screen.current == other.doc
        reader = screen.reader
        current = reader.hits[reader.current_hit]
        block = reader.blocks[current.block]
        assert block.paragraph == other.paragraph and block.text[current.start:current.end] == surface
        top = reader.scroll_y
        assert top <= reader._line_of(current) < top + reader.scrollable_content_region.height
        assert len(reader.hits) == len(app.session.term_index.occurrences("acronym:OEWG", other.doc))
        bar = screen.query_one(FindBar)
        assert str(bar.query_one("#find-label").render()) == "Term:" and bar.typed_text == "OEWG"
        await pilot.press("n")
        assert reader.current_hit == 1 % len(reader.hits)

        # The panel follows: the terms of the newly open document, the same term's places, the cursor kept.
        assert references.has_focus and references.payload == other
        assert set(p for p in panel.terms_list.payloads if p) == {
            c.term.key for counts in app.session.term_index.terms_of(other.doc).values() for c in counts}
        await pilot.press("escape")
        assert reader.has_focus
        await pilot.press("escape")
        assert reader.hits == [] and screen.marking is None


async def test_a_person_and_the_related_documents():
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        screen = app.reader_screen
        panel = screen.query_one(SidePanel)
        await pilot.press("x")  # References before any term is chosen: a hint, then the related documents
        references = panel.references_list
        assert references.has_focus
        first = str(references.get_option_at_index(0).prompt)
        assert first.startswith("Choose a term")
        related = [p for p in references.payloads if isinstance(p, int) and not isinstance(p, Place)]
        assert related == [r.doc for r in app.session.term_index.related(screen.current)]
        assert related and all(doc != screen.current for doc in related)
        prompt = str(references.get_option_at_index(references.payloads.index(related[0])).prompt)
        assert screen.documents[related[0]].display_title[:20] in prompt and "shares" in prompt

        await pilot.press("T")
        lavrov = next(key for key in panel.terms_list.payloads if key and key.startswith("person:") and "lavrov" in key)
        await move_to(pilot, panel.terms_list, lavrov)
        await pilot.press("enter")
        places = [p for p in references.payloads if isinstance(p, Place)]
        assert len({p.doc for p in places}) == len(app.session.term_index.get(lavrov).documents) >= 2

        await pilot.press("left")  # the arrows go between the two tabs
        assert panel.tabs.active == "tab-terms" and panel.terms_list.has_focus
        await pilot.press("right")
        assert panel.tabs.active == "tab-references" and references.has_focus
        await move_to(pilot, references, related[0])  # Enter on a related document opens it
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current == related[0]


async def test_the_panel_says_terms_are_coming_until_the_index_is_built(tmp_path, monkeypatch):
    import threading

    from corpusreader.corpus.loading import indexes

    release = threading.Event()
    real = indexes.term_index

    def held_back(documents, **options):  # the real build, once the test has looked at the panel
        release.wait(20)
        return real(documents, **options)

    monkeypatch.setattr(indexes, "term_index", held_back)
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("A statement\n\nThe Open-ended Working Group (OEWG) met. The OEWG agreed.\n",
                                  encoding="utf-8")
    app = CorpusReaderApp([str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: not app.session.loading, "the corpus to load")
        await pilot.pause()
        panel = app.reader_screen.query_one(SidePanel)
        await pilot.press("T")
        assert str(panel.terms_list.get_option_at_index(0).prompt) == "Building terms…"
        assert str(panel.references_list.get_option_at_index(0).prompt) == "Building terms…"
        release.set()
        await ready(pilot, app)
        assert "acronym:OEWG" in panel.terms_list.payloads


def test_keyword_in_context_fits_the_width_and_highlights_the_term():
    text = "[red]Markup[/red] before " * 5 + "the OEWG term" + " and a long right context" * 5
    start = text.index("OEWG")
    line = keyword_in_context(text, start, start + 4, 40)
    assert line.cell_length <= 40 and "OEWG" in line.plain
    assert line.plain.startswith("…") and line.plain.endswith("…")
    assert [line.plain[s.start:s.end] for s in line.spans] == ["OEWG"]
    short = keyword_in_context("OEWG met.", 0, 4, 40)
    assert short.plain == "OEWG met."
