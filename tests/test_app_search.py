"""Pilot tests of the corpus search screen: typing, results, the jump into a document, n/N, Esc, coming back."""

from __future__ import annotations

from textual.widgets import Input
from waiting import until

from corpusreader.app import CorpusReaderApp
from corpusreader.screens.search import HIT_STYLE, SearchScreen
from corpusreader.widgets.find_bar import FindBar

SIZE = (120, 36)


async def ready(pilot, app: CorpusReaderApp, seconds: float = 30.0) -> None:
    """Loading done and both indexes built."""
    waited = 0.0
    while (app.session.loading or app.session.search_index is None or app.session.term_index is None) and waited < seconds:
        await pilot.pause(0.05)
        waited += 0.05
    assert app.session.search_index is not None and app.session.term_index is not None, "the indexes were not built"
    await pilot.pause()


async def results_for(pilot, screen: SearchScreen, query: str, seconds: float = 10.0) -> None:
    """Wait until the screen shows the results of `query`."""
    waited = 0.0
    while screen.shown_query != query and waited < seconds:
        await pilot.pause(0.05)
        waited += 0.05
    assert screen.shown_query == query, f"no results shown for {query!r}"
    await pilot.pause()


def status(screen) -> str:
    return str(screen.query_one("#search-status").render())


async def test_a_misspelled_name_is_found_opened_highlighted_and_stepped_through():
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        reader_screen = app.reader_screen
        council = next(i for i, d in enumerate(reader_screen.documents) if d.display_title == "Security Council meeting")
        assert reader_screen.current != council

        await pilot.press("s")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press(*"Patrushef")
        await results_for(pilot, search, "Patrushef")
        assert search.hits and all(hit.doc == council for hit in search.hits)
        assert status(search).startswith(f"{len(search.hits)} result")
        first = search.query_one("#search-results").get_option_at_index(0).prompt
        assert "Security Council meeting" in first.plain and "2021-03-26" in first.plain
        marked = [first.plain[span.start:span.end] for span in first.spans if span.style == HIT_STYLE]
        assert marked == ["Patrushev"]

        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is reader_screen and reader_screen.current == council
        reader = reader_screen.reader
        hit = search.hits[0]
        assert len(reader.hits) == len(search.hits) >= 2
        current = reader.hits[reader.current_hit]
        block = reader.blocks[current.block]
        assert block.paragraph == hit.paragraph and block.text[current.start:current.end] == "Patrushev"
        line = reader._line_of(current)
        assert reader.scroll_y <= line < reader.scroll_y + reader.scrollable_content_region.height
        bar = reader_screen.query_one(FindBar)
        assert bar.display and bar.typed_text == "Patrushef"
        assert str(bar.query_one("#find-label").render()) == "Search:"
        count = reader_screen.query_one("#find-count")
        assert str(count.render()) == f"1/{len(reader.hits)}"

        await pilot.press("n")
        assert reader.current_hit == 1 and str(count.render()) == f"2/{len(reader.hits)}"
        following = reader.hits[1]
        assert reader.blocks[following.block].text[following.start:following.end] == "Patrushev"
        assert reader.blocks[following.block].paragraph > hit.paragraph

        await pilot.press("escape")  # clears the highlights, as find does
        assert reader.hits == [] and not bar.display and reader_screen.marking is None

        await pilot.press("s")  # the query and its results are still there
        assert app.screen is search
        assert search.query_one("#search-input", Input).value == "Patrushef" and search.hits
        await pilot.press("escape")
        assert app.screen is reader_screen and reader_screen.current == council


async def test_results_follow_the_last_keystroke_and_say_when_there_are_none():
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("s", *"informaton securty")
        search = app.screen
        await results_for(pilot, search, "informaton securty")
        assert len(search.hits) > 3
        best = search.hits[0]
        words = {best.snippet[s:e].lower() for s, e in best.snippet_spans}
        assert {"information", "security"} <= words
        await pilot.press(*" zqxwv")
        await results_for(pilot, search, "informaton securty zqxwv")
        await pilot.press(*(["backspace"] * 30), *"zqxwvkj")
        await results_for(pilot, search, "zqxwvkj")
        assert search.hits == [] and status(search) == "No results."
        assert search.query_one("#search-results").option_count == 0


async def test_arrows_move_between_the_box_and_the_results_and_enter_opens_the_chosen_one():
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("s", *"Lavrov")
        search = app.screen
        await results_for(pilot, search, "Lavrov")
        assert len(search.hits) >= 2
        results = search.query_one("#search-results")
        await pilot.press("down")
        assert results.has_focus and results.highlighted == 0
        await pilot.press("down")
        assert results.highlighted == 1
        await pilot.press("up", "up")
        assert search.query_one("#search-input").has_focus
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        chosen = search.hits[1]
        screen = app.reader_screen
        assert app.screen is screen and screen.current == chosen.doc
        current = screen.reader.hits[screen.reader.current_hit]
        assert screen.reader.blocks[current.block].paragraph == chosen.paragraph


async def test_document_text_in_results_is_never_markup(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "odd.txt").write_text(
        "Odd statement\n\nThe delegation noted [red]cybersecurity[/red] and [@click=app.quit]x[/] in its report.\n",
        encoding="utf-8")
    app = CorpusReaderApp([str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("s", *"delegation")
        search = app.screen
        await results_for(pilot, search, "delegation")
        prompt = search.query_one("#search-results").get_option_at_index(0).prompt
        assert "[red]cybersecurity[/red]" in prompt.plain and "[@click=app.quit]" in prompt.plain
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.screen is app.reader_screen


async def test_search_during_a_long_load_covers_the_whole_corpus_once_it_is_loaded(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    prose = "The ministers discussed international information security and agreed on a plan of work."
    for number in range(600):
        (folder / f"d{number:04d}.txt").write_text(f"Title {number}\n\n{prose}\n\n{prose} {number}\n", encoding="utf-8")
    (folder / "d9999.txt").write_text(f"The last one\n\n{prose} Zanzibar archipelago.\n", encoding="utf-8")
    app = CorpusReaderApp([str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.reader_screen.documents, "the first documents", step=0.01)
        await pilot.press("s", *"zanzibar")
        search = app.screen
        assert isinstance(search, SearchScreen)
        await ready(pilot, app, seconds=60)
        waited = 0.0
        while not search.hits and waited < 10:
            await pilot.pause(0.05)
            waited += 0.05
        documents = app.reader_screen.documents
        assert len(documents) == 601 and app.session.search_index.documents == documents
        assert [documents[hit.doc].display_title for hit in search.hits] == ["The last one"]


async def test_enter_typed_before_the_results_opens_the_best_one_when_they_come():
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("s", *"Patrushef", "enter")  # no pause: Enter may come before the results
        waited = 0.0
        while app.screen is not app.reader_screen and waited < 10:
            await pilot.pause(0.05)
            waited += 0.05
        screen = app.reader_screen
        assert app.screen is screen and screen.document.display_title == "Security Council meeting"
        assert screen.marking is not None and screen.marking.kind == "search" and screen.reader.hits


async def test_the_palette_opens_the_search_and_the_panel():
    from test_app_flows import palette_offers

    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("ctrl+p", *"search the corpus")
        await palette_offers(pilot, "Search the corpus")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen) and app.screen.query_one("#search-input").has_focus
        await pilot.press("escape", "ctrl+p", *"references")
        await palette_offers(pilot, "References")
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader_screen.query_one("#references-list").has_focus
