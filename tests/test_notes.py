"""The notes store (marks, notes, saved searches): keys, persistence, damage, citations."""

from __future__ import annotations

import sqlite3

from corpusreader.corpus.model import Document
from corpusreader.corpus.notes import NotesStore, default_path, document_hash, quotation


def doc(path: str = "a.txt", title: str = "Security Council meeting") -> Document:
    return Document(path, title=title, date="2021-03-26", source_url="http://example.org/a",
                    paragraphs=["First paragraph.", "Second paragraph, quoted.", "Third."])


def test_a_mark_lasts_and_follows_the_content_not_the_path(tmp_path):
    store = NotesStore(tmp_path / "notes.sqlite3")
    mark = store.mark(doc(), 1, "the key sentence")
    assert mark is not None and mark.note == "the key sentence" and mark.number == "¶ 2"
    store.close()
    again = NotesStore(tmp_path / "notes.sqlite3")
    assert [m.note for m in again.marks()] == ["the key sentence"]
    moved = doc(path="elsewhere/b.txt")
    assert again.marked_paragraphs(moved) == {1}
    assert again.marked_paragraphs(doc(title="Another")) == set()
    assert again.problem is None


def test_marking_again_edits_the_note_and_delete_removes(tmp_path):
    store = NotesStore(tmp_path / "n.sqlite3")
    first = store.mark(doc(), 0, "one")
    second = store.mark(doc(), 0, "two")
    assert first is not None and second is not None and first.id == second.id
    assert [m.note for m in store.marks()] == ["two"]
    assert store.set_note(first.id, "three") and store.marks()[0].note == "three"
    assert store.delete(first.id) and store.marks() == []


def test_citation_numbers_paragraphs_like_the_json_list_one_based(tmp_path):
    store = NotesStore(tmp_path / "n.sqlite3")
    mark = store.mark(doc(), 1)
    assert mark is not None
    assert mark.citation == "Security Council meeting, 2021-03-26, ¶ 2, http://example.org/a"
    data = mark.to_json()
    assert data["paragraph"] == 1 and data["number"] == 2 and data["text"] == doc().paragraphs[1]
    assert quotation(doc(), 1).startswith("Second paragraph, quoted.\n\n— Security Council meeting")


def test_saved_searches(tmp_path):
    store = NotesStore(tmp_path / "n.sqlite3")
    assert store.save_search('"information security" year:2013')
    assert store.save_search("OEWG")
    assert not store.save_search("   ")
    assert store.saved_searches() == ["OEWG", '"information security" year:2013']
    assert store.save_search('"information security" year:2013')
    assert store.saved_searches()[0] == '"information security" year:2013'


def test_a_damaged_file_is_set_aside_never_fatal(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    store = NotesStore(path)
    assert store.marks() == []
    assert store.problem is not None and "set aside" in store.problem and "\n" not in store.problem
    assert (tmp_path / "notes.sqlite3.broken").exists()
    assert store.mark(doc(), 0, "still works") is not None


def test_a_foreign_database_is_set_aside(tmp_path):
    path = tmp_path / "notes.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE other (x)")
    db.close()
    store = NotesStore(path)
    assert store.marks() == [] and store.problem and "set aside" in store.problem


def test_an_unwritable_place_is_a_problem_not_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = NotesStore(blocker / "notes.sqlite3")
    assert store.marks() == [] and store.mark(doc(), 0) is None
    assert store.problem and "unavailable" in store.problem


def test_the_data_folder_env_var(tmp_path, monkeypatch):
    monkeypatch.setenv("CORPUSREADER_DATA_DIR", str(tmp_path / "d"))
    assert default_path() == tmp_path / "d" / "notes.sqlite3"


def test_the_hash_is_of_the_content():
    assert document_hash(doc()) == document_hash(doc(path="x.txt"))
    assert document_hash(doc()) != document_hash(doc(title="Other"))
