"""Pilot tests of the search screen with the query language: the count line, the chart by year and site,
every hit paged in lazily, the sort and group keys, the loading message, and the keyword-in-context view."""

from __future__ import annotations

import csv

from test_app_search import SIZE, ready, results_for, status
from textual.widgets import DataTable, Input
from waiting import until

from corpusreader.app import CorpusReaderApp
from corpusreader.screens.concordance import ConcordanceScreen
from corpusreader.screens.search import PAGE, SearchScreen
from corpusreader.widgets.hit_chart import HitChart, year_bars


def corpus(folder, documents: int = 40):
    """Dated pages of two sites, each with the word 'cyberspace' in three paragraphs."""
    folder.mkdir()
    for number in range(documents):
        year = 2010 + number % 5
        site = "en.kremlin.ru" if number % 2 else "mid.ru"
        (folder / f"d{number:03d}.txt").write_text(
            f"Statement number {number}\n\n{year}-03-0{1 + number % 9}\n\n"
            f"Cyberspace must stay peaceful, said delegate {number}.\n\n"
            "The ministers met and talked of other things at length.\n\n"
            f"Security in cyberspace is a shared concern. Cyberspace again.\n\nSource: https://{site}/{number}\n",
            encoding="utf-8")
    return folder


async def test_the_count_line_and_the_chart_tell_every_hit_by_year_and_site(tmp_path):
    app = CorpusReaderApp([str(corpus(tmp_path / "c"))])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("s", *"cyberspace")
        search = app.screen
        await results_for(pilot, search, "cyberspace")
        results = search.results
        assert results.documents == 40 and results.paragraphs >= 80
        assert status(search).startswith(f"{results.paragraphs:,} results · {results.summary()} · by relevance")
        chart = search.query_one(HitChart)
        assert chart.display
        years = [year for year, _ in results.by_year]
        assert years == ["2010", "2011", "2012", "2013", "2014"] or not years  # dates as the cleaner reads them
        drawn = str(chart.render())
        assert "years" in drawn and "sites" in drawn

        assert len(search.hits) == PAGE < results.paragraphs  # the first page; the rest as the cursor goes
        options = search.query_one("#search-results")
        await pilot.press("down")
        assert options.has_focus
        await pilot.press("end")
        await until(pilot, lambda: len(search.hits) > PAGE, "the next page", step=0.02)
        while len(search.hits) < results.paragraphs:
            await pilot.press("end")
            await pilot.pause()
        assert len({(hit.doc, hit.paragraph) for hit in search.hits}) == results.paragraphs


async def test_sort_and_group_keys(tmp_path):
    app = CorpusReaderApp([str(corpus(tmp_path / "c", 12))])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("s", *"cyberspace")
        search = app.screen
        await results_for(pilot, search, "cyberspace")
        await pilot.press("ctrl+g")
        assert search.grouped and len(search.hits) == 12 and "grouped by document" in status(search)
        assert status(search).startswith("12 results")
        assert all(hit.count >= 2 for hit in search.hits)
        await pilot.press("ctrl+o")
        assert search.order == "newest" and "newest first" in status(search)
        dates = [hit.date or "" for hit in search.hits]
        assert dates == sorted(dates, reverse=True)
        await pilot.press("ctrl+o")
        assert search.order == "oldest"
        await pilot.press("ctrl+o", "ctrl+g")
        assert search.order == "relevance" and not search.grouped and len(search.hits) > 12


async def test_fields_phrases_and_a_bad_date_in_the_box(tmp_path):
    app = CorpusReaderApp([str(corpus(tmp_path / "c", 10))])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("s", *'"shared concern" delegate -"delegate 3"')
        search = app.screen
        await results_for(pilot, search, '"shared concern" delegate -"delegate 3"')
        assert search.results.documents == 9
        box = search.query_one("#search-input", Input)
        box.value = "cyberspace date:2013-99"
        await results_for(pilot, search, "cyberspace date:2013-99")
        assert "date:2013-99 left out" in status(search) and search.hits
        box.value = 'cyberspace "unclosed'
        await results_for(pilot, search, 'cyberspace "unclosed')
        assert "quote is not closed" in status(search)


async def test_a_search_during_a_load_says_its_results_are_so_far():
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        app.session.loading = True  # as while documents still come in
        await pilot.press("s", *"zqxwvkj")
        search = app.screen
        await results_for(pilot, search, "zqxwvkj")
        assert status(search) == "Still loading: no results so far."
        box = search.query_one("#search-input", Input)
        box.value = "Patrushef"
        await results_for(pilot, search, "Patrushef")
        assert status(search).startswith("Still loading: results so far · 2 results")
        app.session.loading = False
        box.value = "zqxwvkj"
        await results_for(pilot, search, "zqxwvkj")
        assert status(search) == "No results."


async def test_keyword_in_context_sorts_exports_and_opens(tmp_path):
    app = CorpusReaderApp([str(corpus(tmp_path / "c", 6))])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("s", *"cyberspace")
        search = app.screen
        await results_for(pilot, search, "cyberspace")
        await pilot.press("ctrl+l")
        kwic = app.screen
        assert isinstance(kwic, ConcordanceScreen)
        await until(pilot, lambda: kwic.lines, "the lines", step=0.02)
        assert len(kwic.lines) == 18 and kwic.query_one(DataTable).row_count == 18  # 3 a document
        assert {line.match.lower() for line in kwic.lines} == {"cyberspace"}
        await pilot.press("r")
        rights = [line.right for line in kwic.shown]
        assert kwic.sorting == "right" and rights[0].startswith("again") and rights[-1].startswith("must")
        await pilot.press("l")
        assert kwic.shown[-1].left.endswith("in")  # "Security in" sorts after "again." and ""

        await pilot.press("e")
        path = tmp_path / "out" / "lines.csv"
        box = kwic.query_one("#kwic-path", Input)
        box.value = str(path)
        await pilot.press("enter")
        await until(pilot, path.exists, "the CSV", step=0.02)
        rows = list(csv.reader(path.open(encoding="utf-8")))
        assert rows[0] == ["path", "title", "date", "paragraph", "left", "match", "right"] and len(rows) == 19
        box.value = str(tmp_path / "c" / "inside.csv")
        await pilot.press("e", "enter")
        await pilot.pause()
        assert not (tmp_path / "c" / "inside.csv").exists()  # never into the corpus

        await pilot.press("escape")
        assert app.screen is kwic
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.reader_screen and app.reader_screen.current == kwic.shown[0].hit.doc
        assert isinstance(search, SearchScreen)


def test_year_bars():
    assert year_bars([]) is None
    assert year_bars([("2010", 1), ("2013", 8)]) == ("2010", "▁  █", "2013")


async def test_a_saved_search_comes_back_and_is_kept_with_the_notes(tmp_path, monkeypatch):
    from corpusreader.corpus.notes import NotesStore

    monkeypatch.setenv("CORPUSREADER_DATA_DIR", str(tmp_path / "data"))
    app = CorpusReaderApp([str(corpus(tmp_path / "c", 6))])
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("s", "ctrl+s")  # nothing typed: nothing saved
        assert app.notes.saved_searches() == []
        for query in ('"shared concern" year:2012', "cyberspace -peaceful"):
            box = app.screen.query_one("#search-input", Input)
            box.value = query
            await results_for(pilot, app.screen, query)
            await pilot.press("ctrl+s")
        box.value = ""
        await pilot.pause()
        await pilot.press("ctrl+r")  # the latest first, then the one before
        await results_for(pilot, app.screen, "cyberspace -peaceful")
        await pilot.press("ctrl+r")
        await results_for(pilot, app.screen, '"shared concern" year:2012')
        assert app.screen.results.documents == 1  # 2012: d002 only among six
    assert NotesStore().saved_searches() == ["cyberspace -peaceful", '"shared concern" year:2012']
