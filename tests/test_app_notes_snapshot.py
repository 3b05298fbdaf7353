"""An SVG snapshot of the Notes screen (marks made beforehand, so the picture does not follow the cleaner)."""

from __future__ import annotations

from waiting import until

from corpusreader.app import CorpusReaderApp
from corpusreader.corpus.model import Document
from corpusreader.corpus.notes import NotesStore

SIZE = (120, 24)


def test_notes_screen(snap_compare):
    store = NotesStore()
    meeting = Document("texts/002.txt", title="Security Council meeting", date="2021-03-26",
                       source_url="http://en.kremlin.ru/catalog/keywords/78/events/65231",
                       paragraphs=["The President held a Security Council meeting via video conference.",
                                   "Vladimir Putin: Today we will review issues of information security."])
    statement = Document("texts/004.txt", title="Statement by the Representative at the OEWG",
                         paragraphs=["Mr. Chairman, the Open-ended Working Group has made real progress."])
    store.mark(meeting, 1, "the draft principles: why now")
    store.mark(statement, 0, "")
    store.close()

    async def notes(pilot) -> None:
        app = pilot.app
        await until(pilot, lambda: not app.session.loading, "the corpus")
        await pilot.press("M")
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(CorpusReaderApp([]), terminal_size=SIZE, run_before=notes)
