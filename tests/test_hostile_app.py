"""The reader (Pilot) on the hostile corpus: every document opens, the screen shows
the text as typed (markup literally, control characters made visible), and stays
intact while stepping through all of them."""

from __future__ import annotations

import os
import re
import time

import pytest
from hostile import (
    BAD_BYTES_NAME,
    BETRAYED,
    BIG_LINE,
    HUGE,
    betray,
    documents,
    listed,
    make_big_files,
    make_hostile_corpus,
)

from corpusreader.app import CorpusReaderApp
from corpusreader.corpus.loading.files import discover

SIZE = (120, 36)
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
MARKUP_SHOWN = ["[red]Red", "text[/red]", "[@click=app.quit]Quit", "[link=file:///etc/passwd]a", "[TODO]",
                "[IMPORTANT]", "\\[escaped]", "[/b]", "[#ff0000]hex[/]"]


async def loaded(pilot, app: CorpusReaderApp, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while app.session.loading and app.is_running and time.monotonic() < deadline:
        await pilot.pause(0.05)
    assert not app.session.loading, "loading did not finish"
    await pilot.pause()


def screen_lines(app: CorpusReaderApp) -> list[str]:
    """What the terminal would show: the text of every segment of the composed screen, line by line.

    (The compositor's strips are what Textual writes to the terminal; export_screenshot uses them too.)
    """
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip if not segment.control) for strip in strips]


def check_screen(app: CorpusReaderApp, where: str) -> str:
    lines = screen_lines(app)
    text = "\n".join(lines)
    assert len(lines) == SIZE[1], where
    bad = [(number, line) for number, line in enumerate(lines) if CONTROLS.search(line)]
    assert not bad, (where, bad)
    assert "corpusreader" in lines[0], (where, lines[0])  # the header
    assert "Quit" in lines[-1] and "Next doc" in lines[-1], (where, lines[-1])  # the footer
    return text


@pytest.fixture
def hostile(tmp_path):
    """The whole hostile corpus, the file whose name is not UTF-8 included."""
    folder = tmp_path / "hostile"
    expected = make_hostile_corpus(folder)
    return folder, expected


async def test_a_file_name_that_is_not_utf8_opens_and_the_reader_stays_up(tmp_path):
    folder = tmp_path / "hostile"
    make_hostile_corpus(folder)
    name = os.path.join(os.fsencode(folder), BAD_BYTES_NAME)
    app = CorpusReaderApp([os.fsdecode(name)], state_path=tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert app.reader_screen.document is not None
        shown = check_screen(app, "a name that is not UTF-8")
        assert "bad \ufffd\ufffd name.txt" in shown
        await pilot.press("q")
    assert app.return_code == 0


async def test_every_hostile_document_shows_as_typed_and_the_screen_stays_intact(hostile, tmp_path):
    folder, expected = hostile
    app = CorpusReaderApp([str(folder)], state_path=tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        screen = app.reader_screen
        wanted = documents(listed(expected))
        assert len(screen.documents) == len(wanted)
        skipped = {p.path.rsplit("/", 1)[-1]: p.reason for p in app.session.problems}
        assert skipped.keys() == {name for name, e in listed(expected).items() if not e.document}
        seen = []
        for step in range(len(wanted)):
            if step:
                await pilot.press("right_square_bracket")
                await pilot.pause()
            assert app.is_running
            document = screen.document
            seen.append(document.path)
            shown = check_screen(app, document.path)
            if document.path.endswith("markup.txt"):
                for piece in MARKUP_SHOWN:
                    assert piece in shown, piece
                assert "\u241b[2J" in shown  # ESC made visible, not obeyed
            await pilot.press("r")  # the raw view shows every removed piece too
            await pilot.pause()
            check_screen(app, f"{document.path} (raw)")
            await pilot.press("r")
        assert len(set(seen)) == len(wanted)
        await pilot.press("q")
    assert app.return_code == 0


async def test_a_markup_title_is_literal_in_the_header_and_the_list(hostile, tmp_path):
    folder, _ = hostile
    app = CorpusReaderApp([str(folder / "markup_title.md")], state_path=tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        lines = screen_lines(app)
        assert "[bold red]A title in [@click=app.quit]markup[/]" in lines[0]
        assert any("[bold red]A title in" in line for line in lines[2:6])  # the list's first row
        assert app.is_running


async def test_files_that_change_after_listing_are_skipped_by_the_reader(hostile, tmp_path):
    folder, expected = hostile
    app = CorpusReaderApp([str(folder)], discover([str(folder)])[0], state_path=tmp_path / "state.json")
    betray(folder)  # listed before the app was made; the worker reads them after
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app, seconds=20)
        reasons = {p.path.rsplit("/", 1)[-1]: p.reason for p in app.session.problems}
        for name, expect in BETRAYED.items():
            assert reasons[name].startswith(expect.reason), name
        assert len(app.reader_screen.documents) == len(documents(listed(expected))) - len(BETRAYED)
        check_screen(app, "after loading")


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    make_big_files(folder)
    return folder


BIG_TESTS = os.environ.get("CORPUSREADER_BIG_TESTS", "").lower() in ("1", "true", "yes")


@pytest.mark.timeout(180)
@pytest.mark.parametrize("name", [BIG_LINE, pytest.param(HUGE, marks=pytest.mark.skipif(
    not BIG_TESTS, reason="8 s: the 100 MB file is run with CORPUSREADER_BIG_TESTS=1"))])
async def test_a_huge_file_is_capped_and_the_reader_stays_responsive(big_folder, tmp_path, name):
    """Each key does its work on the capped text (how fast is for bench/, not for a test)."""
    app = CorpusReaderApp([str(big_folder / name)], state_path=tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app, seconds=90)
        document = app.reader_screen.document
        assert document is not None and document.truncated
        reader = app.reader_screen.reader
        await pilot.press("G")
        await pilot.pause()
        assert reader.scroll_y == reader.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert reader.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        assert 0 < reader.scroll_y < reader.max_scroll_y
        await pilot.press("right_square_bracket")  # the only document: a notice, the app stays
        await pilot.pause()
        assert any("No more documents" in n.message for n in app._notifications)
        assert app.is_running and app.reader_screen.document is document
        shown = check_screen(app, name)
        assert "truncated" in shown  # the side panel says the file was capped


async def test_a_capped_file_says_so_when_opened(tmp_path, monkeypatch):
    from corpusreader.corpus.loading import files as load

    big = tmp_path / "big.txt"
    big.write_text("A big page\n\n" + "Some words of text in a sentence.\n" * 20, encoding="utf-8")
    monkeypatch.setattr(load.read, "__defaults__", (300,))  # a cap of 300 bytes stands for 8 MB
    app = CorpusReaderApp([str(big)], state_path=tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert any("only the first" in n.message for n in app._notifications)
        assert any(b.kind == "notice" and "only the first" in b.text for b in app.reader_screen.reader.blocks)
