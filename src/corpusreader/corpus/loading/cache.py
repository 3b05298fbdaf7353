"""The processed corpus, cached in SQLite in the user's cache folder.

Cleaned documents are stored under a key made of the program version, the
text's hash and the corpus template lines the text contains (its cleaning
depends on them), so a second start reprocesses only what changed. Corpus-wide
results (terms, the search index) are stored as blobs under a key of their
own. The cache is never trusted blindly: a file that is not ours, of another
schema or corrupt is set aside and rebuilt; a row that does not read back as
a document with every field of its type is a miss (the text is cleaned again
and the row rewritten); nothing read is ever unpickled or run; writes are
transactions, so a crash leaves no half-written entry; WAL mode and a busy
timeout let two programs share it. Nothing is ever written beside the corpus.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ... import __version__
from ..model import Card, Document, Removed

SCHEMA = 1
APPLICATION_ID = 0x43524452  # "CRDR"
CACHE_FILE = "corpus.sqlite3"
ROW_LIMIT = 256 << 20
"""The most a document row may inflate to: far above the row of the largest file read (8 MB)."""
_OPTIONAL_TEXTS = ("title", "date", "place", "speaker", "source_url", "site", "language", "notice")
_ROW_FIELDS = frozenset({*_OPTIONAL_TEXTS, "paragraphs", "paragraph_lines", "title_line", "removed", "cards",
                         "encoding", "size", "truncated", "paragraph_kinds"})


@lru_cache(maxsize=4)
def _engine_fingerprint(version: str) -> str:
    digest = hashlib.sha256(f"{version}\0{SCHEMA}".encode())
    engine_dir = Path(__file__).resolve().parents[1]
    for path in sorted([*engine_dir.rglob("*.py"), *engine_dir.glob("data/*")]):
        try:
            digest.update(path.relative_to(engine_dir).as_posix().encode() + b"\0" + path.read_bytes())
        except OSError:
            pass
    return digest.hexdigest()[:16]


def engine() -> str:
    """The program version and a digest of the engine's own files: a change to
    the cleaner (even a development one, version unchanged) invalidates entries."""
    return _engine_fingerprint(__version__)


def cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("corpusreader", appauthor=False)


def default_path() -> Path:
    return cache_dir() / CACHE_FILE


def document_key(text: str, template_keys: Iterable[str]) -> str:
    """What a cleaned document depends on: the program, the text, the template lines in it."""
    digest = hashlib.sha256(f"{engine()}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    for key in sorted(template_keys):
        digest.update(b"\0" + key.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


# -- documents as rows ---------------------------------------------------------------


def document_to_row(document: Document) -> bytes:
    data = {
        "title": document.title, "date": document.date, "place": document.place, "speaker": document.speaker,
        "source_url": document.source_url, "site": document.site, "paragraphs": document.paragraphs,
        "paragraph_lines": document.paragraph_lines, "title_line": document.title_line,
        "language": document.language, "notice": document.notice, "paragraph_kinds": document.paragraph_kinds,
        "removed": [[r.line, r.text, r.reason, r.paragraph, r.offset, r.where] for r in document.removed],
        "cards": [[c.name, c.role, c.kind, c.paragraph] for c in document.cards],
        "encoding": document.encoding, "size": document.size, "truncated": document.truncated,
    }
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass"), 1)


def document_from_row(path: str, row: bytes) -> Document:
    """The document a row holds. ValueError for anything but a row this program
    wrote: not zlib, not JSON, another shape, a field of another type (the caller
    cleans the text again and rewrites the row)."""
    try:
        data = json.loads(_inflate(row, ROW_LIMIT).decode("utf-8", "surrogatepass"))
        return _checked_document(path, data)
    except (ValueError, TypeError, KeyError, RecursionError, zlib.error) as error:
        raise ValueError(f"unusable cached document: {error}") from None


def _inflate(data: bytes, limit: int) -> bytes:
    """``zlib.decompress(data)``, refusing (ValueError) more than ``limit`` bytes:
    a crafted blob may expand a thousandfold."""
    if not isinstance(data, bytes):
        raise TypeError("not a blob")
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, limit)
    if inflater.unconsumed_tail or inflater.unused_data or not inflater.eof:
        raise ValueError("a damaged or oversized blob")
    return out


def _checked_document(path: str, data: object) -> Document:
    if type(data) is not dict or data.keys() != _ROW_FIELDS:
        raise ValueError("not a document row")
    if not all(data[name] is None or type(data[name]) is str for name in _OPTIONAL_TEXTS):
        raise ValueError("a metadata field is not text")
    paragraphs, lines = data["paragraphs"], data["paragraph_lines"]
    if not (_is_list_of(paragraphs, str) and _is_list_of(lines, int) and _is_list_of(data["paragraph_kinds"], str)):
        raise ValueError("paragraphs are not texts, or their lines not numbers")
    if not (_is_int_or_none(data["title_line"]) and type(data["encoding"]) is str
            and type(data["size"]) is int and type(data["truncated"]) is bool):
        raise ValueError("a scalar field of another type")
    removed, cards = data["removed"], data["cards"]
    if not (type(removed) is list and all(map(_is_removed, removed))):
        raise ValueError("removed pieces of another shape")
    if not (type(cards) is list and all(map(_is_card, cards))):
        raise ValueError("cards of another shape")
    data["removed"] = [Removed(*r) for r in removed]
    data["cards"] = [Card(*c) for c in cards]
    return Document(path=path, **data)


def _is_list_of(value: object, kind: type) -> bool:
    """A list whose items are all exactly ``kind`` (a bool is no int here)."""
    return type(value) is list and all(type(item) is kind for item in value)


def _is_int_or_none(value: object) -> bool:
    return value is None or type(value) is int


def _is_removed(item: object) -> bool:
    """``[line, text, reason, paragraph, offset, where]`` as ``document_to_row`` writes a ``Removed``."""
    return (type(item) is list and len(item) == 6 and type(item[0]) is int and type(item[1]) is str
            and type(item[2]) is str and _is_int_or_none(item[3]) and _is_int_or_none(item[4])
            and (item[5] is None or type(item[5]) is str))


def _is_card(item: object) -> bool:
    """``[name, role, kind, paragraph]`` as ``document_to_row`` writes a ``Card``."""
    return (type(item) is list and len(item) == 4 and type(item[0]) is str
            and (item[1] is None or type(item[1]) is str) and type(item[2]) is str and type(item[3]) is int)


# -- the store -----------------------------------------------------------------------


class Cache:
    """A SQLite file of cleaned documents and corpus-wide blobs; every method
    degrades to a miss (never an error) when the file cannot be used."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self._db: sqlite3.Connection | None = None
        self.problem: str | None = None

    # opening, checking, rebuilding

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self.problem:
            return self._db
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open_checked()
        except (sqlite3.Error, OSError) as error:
            self._set_aside(str(error))
            try:
                self._db = self._open_checked()
            except (sqlite3.Error, OSError) as again:
                self.problem = f"cache unavailable ({again}); working without it"
                self._db = None
        return self._db

    def _open_checked(self) -> sqlite3.Connection:
        for suffix in ("", "-wal", "-shm"):  # SQLite would write through a link, wherever it points
            if os.path.islink(str(self.path) + suffix):
                raise OSError(f"{self.path}{suffix} is a symbolic link")
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA busy_timeout = 10000")
            application_id = db.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables and application_id == 0:
                self._create(db)
            elif application_id != APPLICATION_ID or db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
                raise sqlite3.DatabaseError("not a corpusreader cache of this version")
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("corrupt cache")
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _create(db: sqlite3.Connection) -> None:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("BEGIN IMMEDIATE")
        db.execute("CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS blobs "
                   "(kind TEXT, key TEXT, data BLOB NOT NULL, PRIMARY KEY (kind, key))")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA}")
        db.execute("COMMIT")

    def _set_aside(self, why: str) -> None:
        """Move an unusable file away (kept for a look, replaced on the next failure)."""
        for suffix in ("", "-wal", "-shm"):
            part = Path(str(self.path) + suffix)
            try:
                if os.path.lexists(part):  # a dangling link too
                    os.replace(part, Path(str(self.path) + ".broken" + suffix))
            except OSError:
                pass
        self.problem = None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def clear(self) -> str | None:
        """Delete the cache file, its journal and what was set aside; returns None, or the first
        that could not be deleted and why (a folder in a file's place is not ours to delete)."""
        self.close()
        problem = None
        for suffix in ("", "-wal", "-shm", ".broken", ".broken-wal", ".broken-shm"):
            name = str(self.path) + suffix
            try:
                os.unlink(name)
            except FileNotFoundError:
                pass
            except OSError as error:
                problem = problem or f"{name}: {(error.strerror or type(error).__name__).lower()}"
        return problem

    # documents

    def get_documents(self, keys: list[str]) -> dict[str, bytes]:
        db = self._connect()
        if db is None or not keys:
            return {}
        found: dict[str, bytes] = {}
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                found.update(db.execute(f"SELECT key, data FROM documents WHERE key IN ({marks})", chunk))
        except sqlite3.Error:
            return {}
        return found

    def put_documents(self, rows: Iterable[tuple[str, bytes]]) -> None:
        self._write("INSERT OR REPLACE INTO documents (key, data) VALUES (?, ?)", list(rows))

    # corpus-wide blobs

    def get_blob(self, kind: str, key: str) -> bytes | None:
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT data FROM blobs WHERE kind = ? AND key = ?", (kind, key)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def put_blob(self, kind: str, key: str, data: bytes) -> None:
        """Keep one blob of a kind: the newest corpus's."""
        db = self._connect()
        if db is None:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM blobs WHERE kind = ?", (kind,))
            db.execute("INSERT INTO blobs (kind, key, data) VALUES (?, ?, ?)", (kind, key, data))
            db.execute("COMMIT")
        except sqlite3.Error:
            self._rollback(db)

    def _write(self, sql: str, rows: list[tuple]) -> None:
        db = self._connect()
        if db is None or not rows:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany(sql, rows)
            db.execute("COMMIT")
        except sqlite3.Error:
            self._rollback(db)

    @staticmethod
    def _rollback(db: sqlite3.Connection) -> None:
        try:
            db.execute("ROLLBACK")
        except sqlite3.Error:
            pass
