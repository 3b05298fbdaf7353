"""Pilot tests of the reader's flows, on the bundled corpus and on small corpora made here.

They assert behaviour (which document is open, what the pane holds, counts, files
written), not the exact cleaned text, which the cleaner's work changes.
"""

from __future__ import annotations

import json
import re

from textual.widgets import Input, RadioButton
from waiting import until

from corpusreader.app import CorpusReaderApp, run_app
from corpusreader.screens.export import ExportScreen
from corpusreader.screens.help import HelpScreen
from corpusreader.state import load_state, state_file
from corpusreader.widgets.find_bar import FindBar
from corpusreader.widgets.reading_view import ReadingView
from corpusreader.widgets.text_layout import metadata_line

SIZE = (120, 36)
PROSE = (
    "The delegation discussed international information security at length, and the "
    "ministers agreed that the working group should continue its work next year."
)

NAMES = ["alpha", "bravo", "charlie", "delta", "echo"]


async def loaded(pilot, app: CorpusReaderApp, seconds: float = 20.0) -> None:
    """Wait until the worker has handed over every document."""
    waited = 0.0
    while app.session.loading and waited < seconds:
        await pilot.pause(0.05)
        waited += 0.05
    assert not app.session.loading, "loading did not finish"
    await pilot.pause()


async def palette_offers(pilot, text: str, seconds: float = 10.0) -> None:
    """Wait until the palette's first (highlighted) hit reads `text`."""
    from textual.command import CommandList

    waited = 0.0
    while waited < seconds:
        commands = pilot.app.screen.query(CommandList)
        if commands and commands.first().option_count:
            first = commands.first().get_option_at_index(0).prompt
            if text in str(first):
                return
        await pilot.pause(0.05)
        waited += 0.05
    raise AssertionError(f"the palette did not offer {text!r}")


def make_corpus(folder, count: int = 3, extra: str = ""):
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        paragraphs = [f"Statement {NAMES[number]} on cyber security", PROSE, f"{PROSE} {extra}", PROSE]
        (folder / f"doc{number}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return folder


def screen_text(reader: ReadingView) -> str:
    return "\n".join(reader.blocks[line.block].text[line.start:line.end] for line in reader.lines if line.block >= 0)


async def test_opens_the_bundled_corpus_and_shows_the_first_document():
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        screen = app.reader_screen
        assert len(screen.documents) == 5
        assert screen.current == 0
        assert screen.document_list.table.row_count == 5
        reader = screen.reader
        assert reader.document is screen.documents[0]
        assert reader.lines and reader.has_focus
        assert screen.documents[0].display_title.split()[0] in screen_text(reader)
        assert not screen.query_one("#progress").display


async def test_brackets_move_between_documents_in_list_order():
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        screen = app.reader_screen
        await pilot.press("right_square_bracket")
        assert screen.current == 1
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.current == 3
        await pilot.press("left_square_bracket")
        assert screen.current == 2
        assert screen.document_list.current_index == 2
        assert screen.reader.document is screen.documents[2]
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert screen.current == 0  # stops at the first


async def test_list_sorts_by_title_and_filters(tmp_path):
    app = CorpusReaderApp([str(make_corpus(tmp_path / "c", 3))])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        listing = app.reader_screen.document_list
        listing.table.focus()
        await pilot.press("t")
        titles = [app.reader_screen.documents[i].display_title for i in listing.order]
        assert titles == sorted(titles, key=str.casefold)
        await pilot.press("t")
        assert [app.reader_screen.documents[i].display_title for i in listing.order] == titles[::-1]
        await pilot.press("ampersand", *"bravo")
        # the filter waits for typing to pause
        await until(pilot, lambda: len(listing.order) == 1, "the filter to apply")
        assert listing.table.row_count == 1
        await pilot.press("enter")  # back to the list, then open the one shown
        await pilot.press("enter")
        assert app.reader_screen.current == listing.order[0]


async def test_raw_view_puts_removed_pieces_back_with_reasons():
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        screen = app.reader_screen
        index = max(range(5), key=lambda i: len(screen.documents[i].removed))
        screen.open(index)
        document = screen.documents[index]
        assert document.removed, "the bundled pages have chrome to remove"
        clean_lines = len(screen.reader.lines)
        await pilot.press("r")
        reader = screen.reader
        assert reader.raw and reader.has_class("-raw")
        removed_blocks = [b for b in reader.blocks if b.kind == "removed"]
        whole = [r for r in document.removed if not r.is_fragment]
        assert len(removed_blocks) >= len(whole)
        assert any(f"‹{whole[0].reason}›" in b.text for b in removed_blocks)
        assert len(reader.lines) > clean_lines
        await pilot.press("r")
        assert not reader.raw and not any(b.kind == "removed" for b in reader.blocks)


async def test_find_counts_hits_and_n_N_wrap(tmp_path):
    app = CorpusReaderApp([str(make_corpus(tmp_path / "c", 1))])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        screen = app.reader_screen
        document = screen.document
        texts = [document.display_title, metadata_line(document), *document.paragraphs]
        expected = sum(len(re.findall("(?i)security", text)) for text in texts)
        assert expected >= 3
        await pilot.press("slash", *"SECURITY", "enter")
        count = screen.query_one("#find-count")
        assert str(count.render()) == f"1/{expected}"
        assert screen.reader.has_focus
        await pilot.press("n")
        assert str(count.render()) == f"2/{expected}"
        await pilot.press("N", "N")
        assert str(count.render()) == f"{expected}/{expected}"  # wrapped to the last
        await pilot.press("n")
        assert str(count.render()) == f"1/{expected}"  # and back to the first
        await pilot.press("slash")
        await pilot.press("escape")
        assert not screen.query_one(FindBar).display and screen.reader.hits == []


async def test_find_reports_no_match(tmp_path):
    app = CorpusReaderApp([str(make_corpus(tmp_path / "c", 1))])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+f", *"zzqx")
        assert str(app.reader_screen.query_one("#find-count").render()) == "no match"


async def test_export_writes_the_open_document(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    app = CorpusReaderApp([str(make_corpus(tmp_path / "c", 2))])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("e")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#format-json", RadioButton).value = True
        app.screen.query_one("#export-folder", Input).value = str(out)
        await pilot.click("#export-ok")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        written = out / "doc0.json"
        data = json.loads(written.read_text(encoding="utf-8"))
        assert data["documents"][0]["paragraphs"] == app.reader_screen.document.paragraphs
        assert any(str(written) in n.message for n in app._notifications)


async def test_export_refuses_the_corpus_folder_and_says_why(tmp_path):
    corpus = make_corpus(tmp_path / "c", 1)
    app = CorpusReaderApp([str(corpus)])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("e")
        app.screen.query_one("#export-folder", Input).value = str(corpus / "exports")
        await pilot.click("#export-ok")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "corpus folder" in str(app.screen.query_one("#export-error").render())
        assert sorted(p.name for p in corpus.iterdir()) == ["doc0.txt"]
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportScreen)


async def test_help_is_built_from_the_bindings_and_follows_a_keymap():
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.set_keymap({"reader.next_document": "ctrl+n"})
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-keys").render())
        assert "Next doc" in text and "Raw view" in text and "Find" in text
        assert re.search(r"\^n\s+Next doc", text) and re.search(r"/, \^f\s+Find", text)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("ctrl+n")
        assert app.reader_screen.current == 1


async def test_palette_finds_a_title_with_a_typo_and_opens_it():
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        screen = app.reader_screen
        target = next(i for i, d in enumerate(screen.documents) if "Security Council" in d.display_title)
        await pilot.press("ctrl+p")
        await pilot.press(*"secrity councl")
        await palette_offers(pilot, "Security Council meeting")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current == target


def test_matched_letters_highlight_the_matching_stretch():
    from corpusreader.widgets.title_finder import matched_letters

    title = "Security Council meeting"
    letters = matched_letters("councl", title)
    assert "".join(title[i] for i in letters).lower() == "councl"
    assert min(letters) >= title.index("Council")


async def test_state_is_restored_on_the_next_start():
    app = CorpusReaderApp([])
    async with app.run_test(size=(100, 20)) as pilot:
        await loaded(pilot, app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        reader = app.reader_screen.reader
        await pilot.press("space", "space", "j")
        position = reader.position
        top = reader.scroll_y
        assert top > 0
        app.theme = "nord"
        await pilot.press("q")
    assert load_state().theme == "nord"

    again = CorpusReaderApp([])
    async with again.run_test(size=(100, 20)) as pilot:
        await loaded(pilot, again)
        screen = again.reader_screen
        assert screen.current == 2
        assert screen.reader.position == position
        assert screen.reader.scroll_y == top
        assert again.theme == "nord"
        await pilot.press("left_square_bracket")
        assert screen.reader.scroll_y == 0  # a document never scrolled opens at the top


async def test_a_corrupt_state_file_is_ignored():
    path = state_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00{not json")
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert app.reader_screen.current == 0
        await pilot.press("q")
    assert json.loads(path.read_text())["version"] == 1


async def test_markup_and_control_characters_show_as_typed(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    body = f"{PROSE} [red]not red[/red] [@click=app.quit]x[/] \x1b[31mansi\x1b[0m \x9b end."
    (folder / "odd.txt").write_text(f"Odd [b]title[/b]\n\n{body}\n\n{PROSE}\n", encoding="utf-8")
    app = CorpusReaderApp([str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        text = screen_text(app.reader_screen.reader)
        assert "[red]not red[/red]" in text and "[@click=app.quit]" in text
        assert "\x1b" not in text and "\x9b" not in text and "\u241b[31m" in text
        rendered = "".join(app.reader_screen.reader.render_line(y).text for y in range(20))
        assert "\x1b" not in rendered
        assert app.is_running  # the click markup did not quit


def test_run_app_refuses_when_nothing_is_readable(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert run_app([str(tmp_path / "missing"), str(tmp_path / "empty.txt")]) == 2
    err = capsys.readouterr().err
    assert "missing: no such file or folder" in err
    assert "nothing to read" in err
    assert "Traceback" not in err


async def test_escape_cancels_a_long_load_and_keeps_what_is_ready(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(1500):
        (folder / f"d{number:04d}.txt").write_text(f"Title {number}\n\n{PROSE}\n\n{PROSE} {number}\n", encoding="utf-8")
    app = CorpusReaderApp([str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.reader_screen.documents, "the first documents", step=0.01)
        assert app.session.loading and app.reader_screen.query_one("#progress").display
        await pilot.press("escape")
        await loaded(pilot, app)
        count = len(app.reader_screen.documents)
        assert 0 < count < 1500
        assert app.reader_screen.document_list.table.row_count == count
        assert any("cancelled" in n.message for n in app._notifications)


async def test_each_document_keeps_its_scroll_position_and_a_click_opens_a_row():
    app = CorpusReaderApp([])
    async with app.run_test(size=(100, 20)) as pilot:
        await loaded(pilot, app)
        screen, reader = app.reader_screen, app.reader_screen.reader
        await pilot.press("space", "j", "j")
        kept, kept_y = reader.position, reader.scroll_y
        assert kept_y > 0
        await pilot.press("right_square_bracket")
        assert reader.scroll_y == 0
        await pilot.press("left_square_bracket")
        # The place kept is the first body text at the top: a blank line above it may scroll away.
        assert screen.current == 0 and reader.position == kept and 0 <= reader.scroll_y - kept_y <= 1
        await pilot.click("#documents", offset=(5, 3))  # the header is row 0: this is the third document
        await pilot.pause()
        assert screen.current == 2


async def test_a_keymap_file_remaps_a_binding_by_its_id():
    from corpusreader.state import keymap_file

    path = keymap_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('"reader.next_document" = "ctrl+n"\n"reader.raw_view" = "w"\n', encoding="utf-8")
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("right_square_bracket")
        assert app.reader_screen.current == 0  # "]" is no longer bound
        await pilot.press("ctrl+n", "w")
        assert app.reader_screen.current == 1 and app.reader_screen.reader.raw


async def test_a_broken_keymap_file_is_reported_and_ignored():
    from corpusreader.state import keymap_file

    path = keymap_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("this is = = not toml", encoding="utf-8")
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert any("keymap.toml: ignored" in n.message for n in app._notifications)
        await pilot.press("right_square_bracket")
        assert app.reader_screen.current == 1


async def test_palette_runs_the_apps_actions():
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+p", *"raw view")
        await palette_offers(pilot, "Raw view")
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader_screen.reader.raw


async def test_unreadable_files_are_skipped_with_a_notice(tmp_path):
    folder = make_corpus(tmp_path / "c", 2)
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "empty.md").write_text("", encoding="utf-8")
    app = CorpusReaderApp([str(folder)])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        assert len(app.reader_screen.documents) == 2
        assert sorted(p.reason.split(" ")[0] for p in app.session.problems) == ["binary", "empty"]
        assert any("Skipped 2 file(s)" in n.message for n in app._notifications)


async def test_the_first_frame_has_header_and_keys_the_rest_follows_then_the_load():
    """The list, side panel and find bar come after the first frame; keys pressed before them do no harm."""
    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        screen = app.reader_screen
        await pilot.press("right_square_bracket", "r", "T", "slash")  # whenever they land, nothing breaks
        await loaded(pilot, app)
        assert app.is_running and screen.parts_ready and screen.document is not None
        screen.reader.focus()
        await pilot.pause()
        from corpusreader.widgets.key_bar import KeyBar

        bar = app.screen.query_one(KeyBar)
        rendered = str(bar.render())
        assert "Next doc" in rendered and "Quit" in rendered and rendered.rstrip().endswith("Palette")


async def test_the_key_bar_follows_the_focus_and_a_click_presses_a_key():
    from corpusreader.widgets.key_bar import KeyBar

    app = CorpusReaderApp([])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        screen, bar = app.reader_screen, app.screen.query_one(KeyBar)
        screen.document_list.table.focus()
        await pilot.pause()
        assert "Sort by date" in str(bar.render())
        screen.reader.focus()
        await pilot.pause()
        text = str(bar.render())
        assert "Sort by date" not in text
        raw = text.index("Raw view")
        await pilot.click(KeyBar, offset=(raw, 0))
        await pilot.pause()
        assert screen.reader.raw
