"""``corpusreader notes`` and the md/html exports' speaker lines and source link."""

from __future__ import annotations

import json

from corpusreader.cli import main
from corpusreader.corpus.export import to_html, to_markdown, to_text
from corpusreader.corpus.model import Document
from corpusreader.corpus.notes import NotesStore

TRANSCRIPT = Document(
    "t.txt", title="Meeting", date="2021-03-26", source_url="http://en.kremlin.ru/events/65231?a=1&b_c=2",
    paragraphs=["The President held a meeting.", "Vladimir Putin: Good afternoon, *colleagues*.",
                "Question: What next?", "The time: is not a speaker."])


def test_markdown_and_html_set_off_speakers_and_link_the_source():
    md = to_markdown(TRANSCRIPT)
    assert "**Vladimir Putin:** Good afternoon, \\*colleagues\\*." in md
    assert "**Question:** What next?" in md
    assert "The time: is not a speaker." in md and "**The time" not in md
    assert "- **Source:** <http://en.kremlin.ru/events/65231?a=1&b_c=2>" in md
    page = to_html([TRANSCRIPT])
    assert '<a href="http://en.kremlin.ru/events/65231?a=1&amp;b_c=2">' in page
    assert "<strong>Vladimir Putin:</strong> Good afternoon, *colleagues*." in page


def test_plain_text_is_unchanged_by_speakers():
    text = to_text(TRANSCRIPT)
    assert "Vladimir Putin: Good afternoon, *colleagues*." in text and "**" not in text


def test_an_odd_source_is_text_not_a_link():
    document = Document("u.txt", title="T", source_url="javascript:alert(1)", paragraphs=["x"])
    assert "<a " not in to_html([document])


def test_notes_command_exports_marks_with_citations(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CORPUSREADER_DATA_DIR", str(tmp_path / "data"))
    store = NotesStore()
    store.mark(TRANSCRIPT, 1, "greeting")
    store.save_search('"information security" year:2013')
    store.close()
    assert main(["notes", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    [mark] = data["marks"]
    assert mark["paragraph"] == 1 and mark["number"] == 2 and mark["note"] == "greeting"
    assert mark["citation"] == "Meeting, 2021-03-26, ¶ 2, http://en.kremlin.ru/events/65231?a=1&b_c=2"
    assert data["saved_searches"] == ['"information security" year:2013']
    assert main(["notes"]) == 0
    md = capsys.readouterr().out
    assert "## Meeting, ¶ 2" in md and "**Note:** greeting" in md and "> Vladimir Putin: Good afternoon" in md


def test_notes_command_with_a_damaged_file_says_so_in_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CORPUSREADER_DATA_DIR", str(tmp_path))
    (tmp_path / "notes.sqlite3").write_bytes(b"\x00garbage" * 300)
    assert main(["notes", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {"marks": [], "saved_searches": []}
    assert captured.err.count("\n") == 1 and "set aside" in captured.err
