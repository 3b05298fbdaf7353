"""SVG snapshots of the reader at 120x36 on the bundled corpus: main screen, raw view, find, help.

The cleaned text changes whenever the cleaner does; regenerate the baselines with
    .venv/bin/python -m pytest tests/test_app_snapshots.py --snapshot-update
and look at them (tests/__snapshots__/test_app_snapshots/*.svg) before committing.
"""

from __future__ import annotations

from textual.widgets import Input

from corpusreader.app import CorpusReaderApp

SIZE = (120, 36)


def app() -> CorpusReaderApp:
    return CorpusReaderApp([])


async def settle(pilot) -> None:
    """Loading done, no blinking cursor, no toast: the same picture every run."""
    while pilot.app.loading_in_progress:
        await pilot.pause(0.05)
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
