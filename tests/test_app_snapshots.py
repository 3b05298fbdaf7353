"""SVG snapshots of the reader at 120x36 on the bundled corpus: main screen, raw view, find, help, search, panel.

The cleaned text changes whenever the cleaner does; regenerate the baselines with
    .venv/bin/python -m pytest tests/test_app_snapshots.py --snapshot-update
and look at them (tests/__snapshots__/test_app_snapshots/*.svg) before committing.
"""

from __future__ import annotations

from textual.widgets import Input
from waiting import until

from corpusreader.app import CorpusReaderApp

SIZE = (120, 36)


def app() -> CorpusReaderApp:
    return CorpusReaderApp([])


async def settle(pilot) -> None:
    """Loading done, indexes built, no blinking cursor, no toast: the same picture every run."""
    app = pilot.app
    await until(pilot, lambda: not (app.session.loading or app.session.search_index is None
                                    or app.session.term_index is None), "the corpus and its indexes")
    for box in pilot.app.query(Input):
        box.cursor_blink = False
    pilot.app.clear_notifications()
    await pilot.pause()


def test_main_screen(snap_compare):
    assert snap_compare(app(), terminal_size=SIZE, run_before=settle)


def test_raw_view(snap_compare):
    async def raw(pilot):
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "r")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=raw)


def test_find(snap_compare):
    async def find(pilot):
        await settle(pilot)
        await pilot.press("right_square_bracket", "slash", *"information", "enter", "n")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=find)


def test_help(snap_compare):
    async def help_screen(pilot):
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=help_screen)


def test_search(snap_compare):
    async def search(pilot):
        await settle(pilot)
        await pilot.press("s", *"Patrushef")
        await until(pilot, lambda: pilot.app.screen.shown_query == "Patrushef", "the results of 'Patrushef'")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=search)


def test_search_jump(snap_compare):
    async def jump(pilot):
        await settle(pilot)
        await pilot.press("s", *"Patrushef")
        await until(pilot, lambda: pilot.app.screen.shown_query == "Patrushef", "the results of 'Patrushef'")
        await pilot.press("enter", "n")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=jump)


async def _terms_of_the_council_meeting(pilot) -> None:
    await settle(pilot)
    await pilot.press("right_square_bracket", "right_square_bracket", "T")
    await settle(pilot)


def test_terms_panel(snap_compare):
    assert snap_compare(app(), terminal_size=SIZE, run_before=_terms_of_the_council_meeting)


def test_references_panel(snap_compare):
    async def references(pilot):
        await _terms_of_the_council_meeting(pilot)
        terms = pilot.app.reader_screen.query_one("#terms-list")
        for _ in range(terms.option_count):
            if terms.payload == "acronym:OEWG":
                break
            await pilot.press("j")
        assert terms.payload == "acronym:OEWG"
        await pilot.press("enter", "j", "j")
        await settle(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=references)
