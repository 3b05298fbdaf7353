"""Pilot tests of taking text away: copy with a citation, paragraph numbers, marks and notes."""

from __future__ import annotations

from textual.widgets import Input
from waiting import until

from corpusreader.app import CorpusReaderApp
from corpusreader.corpus.notes import NotesStore, default_path
from corpusreader.screens.notes import NoteBox, NotesScreen

SIZE = (120, 36)


def write_corpus(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "meeting.txt").write_text(
        "Security Council meeting\n\nMarch 26, 2021\n\n"
        "The President held a meeting on international information security.\n\n"
        "Vladimir Putin: Good afternoon, colleagues. Today we discuss the Open-ended Working Group.\n\n"
        "Nikolai Patrushev: Thank you. The draft principles are ready for review by the Council.\n",
        encoding="utf-8")
    (folder / "other.txt").write_text(
        "Another statement\n\nThe delegation discussed cyber security at length and agreed on a plan.\n",
        encoding="utf-8")
    return folder


async def loaded(pilot, app: CorpusReaderApp) -> None:
    await until(pilot, lambda: not app.session.loading and app.reader_screen.document is not None, "the load")
    await pilot.pause()


async def open_meeting(pilot, app: CorpusReaderApp) -> int:
    screen = app.reader_screen
    index = next(i for i, d in enumerate(screen.documents) if d.path.endswith("meeting.txt"))
    screen.open(index, (-1, 0))
    screen.reader.focus()
    await pilot.pause()
    return index


async def test_y_copies_the_paragraph_with_its_citation_and_says_so(tmp_path):
    app = CorpusReaderApp([str(write_corpus(tmp_path / "c"))])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await open_meeting(pilot, app)
        document = app.reader_screen.document
        assert document is not None
        first = app.reader_screen.reader.current_paragraph
        assert first == 0
        await pilot.press("y")
        assert app.clipboard.startswith(" ".join(document.paragraphs[0].split()))
        assert f"— {document.display_title}" in app.clipboard and "¶ 1" in app.clipboard
        assert any("Copied ¶ 1" in n.message for n in app._notifications)


async def test_y_copies_the_current_find_hits_paragraph(tmp_path):
    app = CorpusReaderApp([str(write_corpus(tmp_path / "c"))])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await open_meeting(pilot, app)
        await pilot.press("slash", *"Patrushev", "enter")
        await pilot.press("y")
        document = app.reader_screen.document
        assert document is not None
        number = next(i for i, p in enumerate(document.paragraphs) if p.startswith("Nikolai Patrushev")) + 1
        assert app.clipboard.startswith("Nikolai Patrushev:") and f"¶ {number}," in app.clipboard


async def test_paragraph_numbers_in_the_margin_match_the_json_list(tmp_path):
    app = CorpusReaderApp([str(write_corpus(tmp_path / "c"))])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await open_meeting(pilot, app)
        reader = app.reader_screen.reader
        await pilot.press("number_sign")
        assert reader.numbers
        document = reader.document
        assert document is not None
        for index, text in enumerate(document.paragraphs):
            block = next(n for n, b in enumerate(reader.blocks) if b.paragraph == index)
            y = reader._first_line[block]
            strip = reader._paint(y)
            painted = "".join(segment.text for segment in strip)
            assert painted.startswith(f"{index + 1:>4}") and text.split()[0] in painted
        await pilot.press("number_sign")
        assert not reader.numbers


async def test_speaker_names_are_set_off(tmp_path):
    app = CorpusReaderApp([str(write_corpus(tmp_path / "c"))])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await open_meeting(pilot, app)
        reader = app.reader_screen.reader
        speaker = next(b for b in reader.blocks if b.text.startswith("Vladimir Putin:"))
        assert (0, len("Vladimir Putin:"), "speaker") in speaker.spans


async def test_m_marks_with_a_note_that_lasts_and_the_notes_screen(tmp_path):
    corpus = write_corpus(tmp_path / "c")
    app = CorpusReaderApp([str(corpus)])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        index = await open_meeting(pilot, app)
        await pilot.press("m")
        assert isinstance(app.screen, NoteBox)
        await pilot.press(*"key passage", "enter")
        assert not isinstance(app.screen, NoteBox)
        assert app.reader_screen.reader.marked == {0}
        assert any("Marked ¶ 1 with a note" in n.message for n in app._notifications)
    moved = tmp_path / "moved"
    corpus.rename(moved)  # a moved corpus: the mark follows the content
    app = CorpusReaderApp([str(moved)])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("M")
        assert isinstance(app.screen, NotesScreen)
        notes = app.screen
        assert [m.note for m in notes.marks] == ["key passage"]
        await pilot.press("e")
        assert isinstance(app.screen, NoteBox)
        box = app.screen.query_one(Input)
        box.value = ""
        await pilot.press(*"edited", "enter")
        assert [m.note for m in notes.marks] == ["edited"]
        await pilot.press("enter")  # open the marked paragraph
        assert not isinstance(app.screen, NotesScreen)
        screen = app.reader_screen
        assert screen.document is not None and screen.document.path.endswith("meeting.txt")
        assert screen.reader.marked == {0}
        assert index is not None
        await pilot.press("M", "x")
        assert isinstance(app.screen, NotesScreen) and app.screen.marks == []
        await pilot.press("escape")
        assert screen.reader.marked == set()
    assert NotesStore(default_path()).marks() == []


async def test_a_damaged_notes_file_is_set_aside_with_a_notice(tmp_path):
    path = default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"garbage" * 500)
    app = CorpusReaderApp([str(write_corpus(tmp_path / "c"))])
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await open_meeting(pilot, app)
        await pilot.press("M")
        assert isinstance(app.screen, NotesScreen)
        assert "set aside" in str(app.screen.query_one("#notes-count").render())
    assert path.with_name("notes.sqlite3.broken").exists()
