"""Pilot tests of the small things that got in the analyst's way (issue 14)."""

from __future__ import annotations

from textual.widgets import Input, RadioButton
from waiting import until

from corpusreader.app import CorpusReaderApp
from corpusreader.screens.export import ExportScreen
from corpusreader.screens.help import HelpScreen
from corpusreader.state import load_state, state_file

SIZE = (120, 36)
FILLER = "The delegation met again and went through the agenda item by item, without any decision."


def long_corpus(folder, count: int = 3):
    """Documents where the word 'Patrushev' stands only near the end."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        paragraphs = [f"Meeting number {number} of the council"] + [f"{FILLER} ({n})" for n in range(40)]
        paragraphs.append("Nikolai Patrushev closed the meeting with a statement.")
        (folder / f"doc{number}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return folder


async def loaded(pilot, app: CorpusReaderApp) -> None:
    await until(pilot, lambda: not app.session.loading and app.reader_screen.document is not None, "the load")
    await pilot.pause()


async def test_esc_leaves_the_filter_box_and_letters_in_the_list_are_commands(tmp_path):
    app = CorpusReaderApp([str(long_corpus(tmp_path / "c"))])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        listing = app.reader_screen.document_list
        listing.table.focus()
        await pilot.press("ampersand", *"sec", "escape")
        box = listing.query_one("#filter", Input)
        assert box.value == "sec" and listing.table.has_focus
        await pilot.press("s")
        assert box.value == "sec"  # s searched; it did not filter
        await until(pilot, lambda: app.screen is not app.reader_screen, "the search screen")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.reader_screen, "the reader again")
        listing.table.focus()
        await pilot.press("u")  # a letter no key is bound to: not text, a hint
        assert box.value == "sec" and listing.table.has_focus
        assert any("& filters" in n.message for n in app._notifications)


async def test_an_old_marking_does_not_scroll_documents_opened_later(tmp_path):
    app = CorpusReaderApp([str(long_corpus(tmp_path / "c"))])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        screen = app.reader_screen
        screen.open(0, (-1, 0))
        await pilot.press("slash", *"Patrushev", "enter")
        assert screen.reader.scroll_y > 0  # the find went to the hit
        await pilot.press("right_square_bracket")
        assert screen.current == 1 and screen.reader.scroll_y == 0  # opened at the top, where it was
        assert len(screen.reader.hits) == 1 and screen.reader.current_hit == -1
        await pilot.press("n")  # n goes to the hit from here
        assert screen.reader.current_hit == 0 and screen.reader.scroll_y > 0


async def test_the_export_dialog_remembers_its_last_format_and_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    app = CorpusReaderApp([str(long_corpus(tmp_path / "c", 2))])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#format-md", RadioButton).value = True
        app.screen.query_one("#export-folder", Input).value = str(out)
        await pilot.click("#export-ok")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    state = load_state(state_file())
    assert (state.export_format, state.export_folder) == ("md", str(out))
    app = CorpusReaderApp([str(tmp_path / "c")])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.format == "md"
        assert app.screen.query_one("#export-folder", Input).value == str(out)


async def test_help_explains_the_ideas_not_only_the_keys():
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        ideas = str(app.screen.query_one("#help-ideas").render())
        for idea in ("Cleaning", "raw", "Search syntax", "Terms", "References", "Notes", "citation"):
            assert idea.lower() in ideas.lower()
        keys = str(app.screen.query_one("#help-keys").render())
        assert "Copy" in keys and "Mark" in keys and "Notes" in keys and "Paragraph numbers" in keys


def twin_corpus(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for name, title, date in (("a", "Briefing", "March 2, 2013"), ("b", "Briefing", "March 2, 2013"),
                              ("c", "Security talks", "June 5, 2014"), ("d", "Undated remarks", "")):
        text = (f"{title}\n\n{date}\n\nThe spokesperson answered questions from journalists today.\n\n"
                f"The second answer was about the matter {name}, at some length.\n")
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


async def test_the_list_filters_by_date_range_and_site_and_counts(tmp_path):
    app = CorpusReaderApp([str(twin_corpus(tmp_path / "c"))])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        listing = app.reader_screen.document_list
        count = listing.query_one("#list-count")
        assert str(count.render()) == "4"
        listing.table.focus()
        await pilot.press("ampersand", *"year:2013", "enter")
        await until(pilot, lambda: len(listing.order) == 2, "the date filter")
        assert str(count.render()) == "2 of 4"
        box = listing.query_one("#filter", Input)
        box.value = "date:2013-03..2014-12 talks"
        await pilot.press("enter")
        names = lambda: [app.reader_screen.documents[i].name for i in listing.order]  # noqa: E731
        await until(pilot, lambda: names() == ["c.txt"], "the date range and word filter")
        assert str(count.render()) == "1 of 4"


async def test_twins_are_told_apart_and_w_widens_the_title_column(tmp_path):
    app = CorpusReaderApp([str(twin_corpus(tmp_path / "c"))])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        listing = app.reader_screen.document_list
        titles = {listing.documents[i].name: str(listing._row(i)[0]) for i in range(4)}
        assert titles["a.txt"].endswith("‹a.txt›") and titles["b.txt"].endswith("‹b.txt›")
        assert "‹" not in titles["c.txt"]
        listing.table.focus()
        before = listing.size.width
        await pilot.press("w")
        await until(pilot, lambda: listing.title_width > 26, "the wide title column")
        assert listing.size.width > before
        await pilot.press("w")
        await until(pilot, lambda: listing.title_width == 26, "the list back to its width")
