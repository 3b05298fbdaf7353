"""Marks, notes and saved searches: the analyst's work, kept between runs.

One SQLite file in the user's data folder (platformdirs' ``user_data_dir``, or
the folder ``CORPUSREADER_DATA_DIR`` names). A mark is keyed by the document's
content hash (``document_hash``: its title and paragraphs, not its path or the
cache's key) and the paragraph's index, so it survives a cache clear and a
moved or renamed file. Each mark keeps what its citation needs (title, date,
URL, path, the paragraph's text), so the marks can be listed and exported
without loading the corpus.

Every write is one transaction. A file that is not ours, of another format or
damaged is set aside (``notes.sqlite3.broken``) with a one-line ``problem`` and
a new one is started; a folder that cannot be written leaves the store empty
and read-only, with its ``problem``: never an error for the caller.

Paragraph numbers: ``paragraph`` is the index into the document's
``paragraphs`` (as the JSON export's lists and ``paragraph`` fields count,
-1 for the title); people see it 1-based, ``¶ 5`` for index 4 (``number``).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from .model import Document
from .owned_db import check_or_create

APP_NAME = "corpusreader"
DATA_DIR_ENV = "CORPUSREADER_DATA_DIR"
FILE_NAME = "notes.sqlite3"
APPLICATION_ID = 0x43524E31  # "CRN1"
SCHEMA = 1
EXCERPT_CHARS = 2000


def data_dir() -> Path:
    """Where the notes live: ``$CORPUSREADER_DATA_DIR``, else the platform's user data folder."""
    chosen = os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_path() -> Path:
    return data_dir() / FILE_NAME


def document_hash(document: Document) -> str:
    """The document's content (title and paragraphs), hashed: the same text anywhere is the same key."""
    digest = hashlib.sha256((document.title or "").encode("utf-8", "surrogatepass"))
    for paragraph in document.paragraphs:
        digest.update(b"\0" + paragraph.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def paragraph_number(paragraph: int) -> str:
    """How a paragraph index is shown: ``¶ 5`` for index 4, ``title`` for -1."""
    return "title" if paragraph < 0 else f"¶ {paragraph + 1}"


def paragraph_text(document: Document, paragraph: int) -> str:
    if paragraph < 0:
        return document.display_title
    return document.paragraphs[paragraph] if paragraph < len(document.paragraphs) else ""


def citation(title: str, date: str | None, url: str | None, path: str, paragraph: int) -> str:
    """``Title, 2021-03-26, ¶ 5, http://…`` (the file's path where the URL is not known)."""
    parts = [title or path, date, paragraph_number(paragraph), url or path]
    return ", ".join(part for part in parts if part)


def document_citation(document: Document, paragraph: int) -> str:
    return citation(document.display_title, document.date, document.source_url, document.path, paragraph)


def quotation(document: Document, paragraph: int) -> str:
    """The paragraph and its citation, as ``y`` copies it."""
    return f"{' '.join(paragraph_text(document, paragraph).split())}\n\n— {document_citation(document, paragraph)}"


@dataclass(frozen=True, slots=True)
class Mark:
    """A marked paragraph and its note, with what its citation needs."""

    id: int
    doc_hash: str
    paragraph: int
    note: str
    path: str
    title: str
    date: str | None
    url: str | None
    excerpt: str
    created: float
    updated: float

    @property
    def number(self) -> str:
        return paragraph_number(self.paragraph)

    @property
    def citation(self) -> str:
        return citation(self.title, self.date, self.url, self.path, self.paragraph)

    def to_json(self) -> dict:
        return {"title": self.title, "date": self.date, "source_url": self.url, "path": self.path,
                "paragraph": self.paragraph, "number": self.paragraph + 1 if self.paragraph >= 0 else None,
                "text": self.excerpt, "note": self.note, "citation": self.citation,
                "document_hash": self.doc_hash,
                "created": _iso(self.created), "updated": _iso(self.updated)}


def _iso(moment: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(moment))


MARK_COLUMNS = "id, doc_hash, paragraph, note, path, title, date, url, excerpt, created, updated"


class NotesStore:
    """The marks and saved searches; every method degrades (an empty answer, False) when the
    file cannot be used, and ``problem`` says why in one line."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self.problem: str | None = None
        self._db: sqlite3.Connection | None = None
        self._tried = False

    # -- opening ---------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection | None:
        if self._tried:
            return self._db
        self._tried = True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open_checked()
        except (sqlite3.Error, OSError) as error:
            if not self.path.parent.is_dir():
                self.problem = f"{self.path}: notes unavailable: {_reason(error)}"
                return None
            aside = self._set_aside()
            try:
                self._db = self._open_checked()
                self.problem = f"{self.path}: set aside as {aside.name} ({_reason(error)}); started a new one"
            except (sqlite3.Error, OSError) as again:
                self.problem = f"{self.path}: notes unavailable: {_reason(again)}"
        return self._db

    def _open_checked(self) -> sqlite3.Connection:
        if os.path.islink(self.path) or (self.path.exists() and not self.path.is_file()):
            raise OSError(f"{self.path} is not a regular file")
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            check_or_create(db, APPLICATION_ID, SCHEMA, _create, "notes file")
        except BaseException:
            db.close()
            raise
        return db

    def _set_aside(self) -> Path:
        aside = self.path.with_name(self.path.name + ".broken")
        for suffix in ("", "-journal", "-wal", "-shm"):
            part = Path(str(self.path) + suffix)
            try:
                if os.path.lexists(part):
                    os.replace(part, Path(str(aside) + suffix))
            except OSError:
                pass
        return aside

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
        self._db, self._tried = None, False

    def _write(self, sql: str, args: tuple) -> int | None:
        """One statement in its own transaction; the row id (or None if it could not be written)."""
        db = self._connect()
        if db is None:
            return None
        try:
            with _transaction(db):
                return db.execute(sql, args).lastrowid
        except sqlite3.Error as error:
            self.problem = f"{self.path}: not saved: {_reason(error)}"
            return None

    def _read(self, sql: str, args: tuple = ()) -> list[tuple]:
        db = self._connect()
        if db is None:
            return []
        try:
            return db.execute(sql, args).fetchall()
        except sqlite3.Error as error:
            self.problem = f"{self.path}: cannot be read: {_reason(error)}"
            return []

    # -- marks -----------------------------------------------------------------------------

    def mark(self, document: Document, paragraph: int, note: str = "") -> Mark | None:
        """Mark a paragraph (or change its note if it is marked): the mark, or None if not saved."""
        now = time.time()
        excerpt = paragraph_text(document, paragraph)[:EXCERPT_CHARS]
        key = document_hash(document)
        written = self._write(
            "INSERT INTO marks (doc_hash, paragraph, note, path, title, date, url, excerpt, created, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (doc_hash, paragraph) DO UPDATE SET "
            "note = excluded.note, path = excluded.path, updated = excluded.updated",
            (key, paragraph, note, document.path, document.display_title, document.date,
             document.source_url, excerpt, now, now))
        return None if written is None else self.mark_at(key, paragraph)

    def mark_at(self, doc_hash: str, paragraph: int) -> Mark | None:
        rows = self._read(f"SELECT {MARK_COLUMNS} FROM marks WHERE doc_hash = ? AND paragraph = ?",
                          (doc_hash, paragraph))
        return Mark(*rows[0]) if rows else None

    def marks(self) -> list[Mark]:
        """Every mark, the newest first."""
        return [Mark(*row) for row in self._read(f"SELECT {MARK_COLUMNS} FROM marks ORDER BY updated DESC, id DESC")]

    def marked_paragraphs(self, document: Document) -> set[int]:
        rows = self._read("SELECT paragraph FROM marks WHERE doc_hash = ?", (document_hash(document),))
        return {row[0] for row in rows}

    def set_note(self, mark_id: int, note: str) -> bool:
        return self._write("UPDATE marks SET note = ?, updated = ? WHERE id = ?",
                           (note, time.time(), mark_id)) is not None

    def delete(self, mark_id: int) -> bool:
        return self._write("DELETE FROM marks WHERE id = ?", (mark_id,)) is not None

    # -- saved searches --------------------------------------------------------------------

    def save_search(self, query: str) -> bool:
        """Keep a search query (saving it again brings it to the top)."""
        query = query.strip()
        if not query:
            return False
        return self._write("INSERT INTO searches (query, saved) VALUES (?, ?) "
                           "ON CONFLICT (query) DO UPDATE SET saved = excluded.saved",
                           (query, time.time())) is not None

    def saved_searches(self) -> list[str]:
        """The saved queries, the latest first."""
        return [row[0] for row in self._read("SELECT query FROM searches ORDER BY saved DESC, id DESC")]

    def delete_search(self, query: str) -> bool:
        return self._write("DELETE FROM searches WHERE query = ?", (query,)) is not None


def _create(db: sqlite3.Connection) -> None:
    with _transaction(db):
        db.execute("CREATE TABLE marks (id INTEGER PRIMARY KEY, doc_hash TEXT NOT NULL, "
                   "paragraph INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '', path TEXT NOT NULL, "
                   "title TEXT NOT NULL, date TEXT, url TEXT, excerpt TEXT NOT NULL, "
                   "created REAL NOT NULL, updated REAL NOT NULL, UNIQUE (doc_hash, paragraph))")
        db.execute("CREATE TABLE searches (id INTEGER PRIMARY KEY, query TEXT NOT NULL UNIQUE, saved REAL NOT NULL)")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA}")


class _transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error (the connection is in autocommit mode)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, traceback: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def _reason(error: BaseException) -> str:
    return (getattr(error, "strerror", None) or str(error) or type(error).__name__).lower()
