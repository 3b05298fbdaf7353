"""The processed corpus, cached in SQLite in the user's cache folder.

Cleaned documents are stored under a key made of the program version, the
text's hash and the corpus template lines the text contains (its cleaning
depends on them), so a second start reprocesses only what changed. A document
row has a small head (what the list shows, read in one query) beside its full
row (read when the document is opened, exported or indexed). Each file read is
remembered by its size and modification time with its text's hash and the
hashes of its line keys (``files``), and each corpus named (its paths) by the
list of its files and document keys (``manifests``): a warm start lists the
corpus from there before any file is read. Corpus-wide
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
import sys
import threading
import zlib
from array import array
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ... import __version__
from ..model import Card, Document, Removed
from ..owned_db import check_or_create

SCHEMA = 2
"""2: document heads, files and manifests (issue 12)."""
APPLICATION_ID = 0x43524452  # "CRDR"
CACHE_FILE = "corpus.sqlite3"
ROW_LIMIT = 256 << 20
"""The most a document row may inflate to: far above the row of the largest file read (8 MB)."""
_OPTIONAL_TEXTS = ("title", "date", "place", "speaker", "source_url", "site", "language", "notice")
_ROW_FIELDS = frozenset({*_OPTIONAL_TEXTS, "paragraphs", "paragraph_lines", "title_line", "removed", "cards",
                         "encoding", "size", "truncated", "paragraph_kinds"})


NOT_CLEANING = ("search/", "terms/", "loading/indexes.py")
"""Engine folders the cleaning never imports (a test holds this): a change to them keeps the cleaned rows."""


@lru_cache(maxsize=8)
def _engine_fingerprint(version: str, whole: bool) -> str:
    digest = hashlib.sha256(f"{version}\0{SCHEMA}".encode())
    engine_dir = Path(__file__).resolve().parents[1]
    for path in sorted([*engine_dir.rglob("*.py"), *engine_dir.glob("data/*")]):
        name = path.relative_to(engine_dir).as_posix()
        if not whole and name.startswith(NOT_CLEANING):
            continue
        try:
            digest.update(name.encode() + b"\0" + path.read_bytes())
        except OSError:
            pass
    return digest.hexdigest()[:16]


def engine() -> str:
    """The program version and a digest of the engine's files that clean a text: a change to
    the cleaner (even a development one, version unchanged) invalidates the cleaned documents."""
    return _engine_fingerprint(__version__, False)


def index_engine() -> str:
    """The same over every engine file, for what the indexes derive from the documents."""
    return _engine_fingerprint(__version__, True)


def cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("corpusreader", appauthor=False)


def default_path() -> Path:
    return cache_dir() / CACHE_FILE


def text_key(text: str) -> str:
    """A hash of a file's text as read (``dispatch.cache_text``)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def document_key(text_hash: str, template_hashes: bytes) -> str:
    """What a cleaned document depends on: the program, the text (its ``text_key``), the
    hashes of the template lines in it (``line_hashes.page_template_key``)."""
    digest = hashlib.sha256(f"{engine()}\0{text_hash}\0".encode())
    digest.update(template_hashes)
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


HEAD_TEXTS = ("title", "date", "place", "speaker", "site", "language", "notice")
Head = tuple  # HEAD_TEXTS, then shown (None: the title), encoding, size, truncated, lengths (array "I")


def document_head(document: Document) -> str:
    """What the list needs of a document, as a JSON array: its metadata (``HEAD_TEXTS``; the source URL
    is read with the text), the title it shows (null when it is the title), encoding, size, whether
    truncated, and each paragraph's length (what a stored index is checked against) as the hex of
    little-endian 32-bit numbers."""
    shown = document.display_title
    lengths = array("I", map(len, document.paragraphs))
    if sys.byteorder == "big":
        lengths.byteswap()
    data = [*(getattr(document, name) for name in HEAD_TEXTS), None if shown == document.title else shown,
            document.encoding, document.size, document.truncated, lengths.tobytes().hex()]
    return json.dumps(data)  # ASCII: a lone surrogate (an undecodable byte kept) is no error for SQLite


def head_from_text(text: str) -> Head:
    """A head ``document_head`` wrote, as a tuple in its order (the lengths as an ``array("I")``);
    ValueError for anything else."""
    try:
        data = json.loads(text)
    except (ValueError, TypeError, RecursionError) as error:
        raise ValueError(f"unusable document head: {error}") from None
    if type(data) is not list or len(data) != len(HEAD_TEXTS) + 5:
        raise ValueError("not a document head")
    *texts, shown, encoding, size, truncated, packed = data
    if not all(value is None or type(value) is str for value in texts) or not (
            type(shown) is str or (shown is None and type(texts[0]) is str)):
        raise ValueError("a head field is not text")
    if not (type(encoding) is str and type(size) is int and type(truncated) is bool and type(packed) is str):
        raise ValueError("a head field of another type")
    lengths = array("I")
    try:
        lengths.frombytes(bytes.fromhex(packed))
    except ValueError:
        raise ValueError("paragraph lengths of another shape") from None
    if sys.byteorder == "big":
        lengths.byteswap()
    return (*texts, shown, encoding, size, truncated, lengths)


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


def _file_name(file: str) -> str:
    """A file's path as SQLite text (a name with undecodable bytes has lone surrogates)."""
    return os.fsencode(file).decode("utf-8", "backslashreplace")


# -- the store -----------------------------------------------------------------------


class Cache:
    """A SQLite file of cleaned documents and corpus-wide blobs; every method
    degrades to a miss (never an error) when the file cannot be used."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self._db: sqlite3.Connection | None = None
        self.problem: str | None = None
        self._lock = threading.RLock()  # one connection, used by the app's threads in turn

    # opening, checking, rebuilding

    def _connect(self) -> sqlite3.Connection | None:
        with self._lock:
            return self._connect_once()

    def _connect_once(self) -> sqlite3.Connection | None:
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
            db.execute("PRAGMA synchronous = NORMAL")  # WAL: a crash loses the last writes at most, never the file
            check_or_create(db, APPLICATION_ID, SCHEMA, self._create, "cache")
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _create(db: sqlite3.Connection) -> None:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("BEGIN IMMEDIATE")
        db.execute("CREATE TABLE IF NOT EXISTS documents "
                   "(key TEXT PRIMARY KEY, head TEXT NOT NULL, data BLOB NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS files (file TEXT PRIMARY KEY, size INTEGER NOT NULL, "
                   "mtime_ns INTEGER NOT NULL, text_key TEXT NOT NULL, hashes BLOB NOT NULL)")
        db.execute("CREATE TABLE IF NOT EXISTS manifests (corpus TEXT PRIMARY KEY, data BLOB NOT NULL)")
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
        with self._lock:
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
        try:
            for part in self.search_folder.iterdir():
                if part.suffix in (".idx", ".tmp") and not part.is_symlink():
                    part.unlink()
            self.search_folder.rmdir()
        except FileNotFoundError:
            pass
        except OSError as error:
            problem = problem or f"{self.search_folder}: {(error.strerror or type(error).__name__).lower()}"
        return problem

    # documents

    def get_documents(self, keys: list[str]) -> dict[str, bytes]:
        """The full rows of the documents of these keys that are stored."""
        return dict(self._select_in("SELECT key, data FROM documents WHERE key IN ({}) ORDER BY rowid", keys))

    def get_heads(self, keys: list[str]) -> dict[str, str]:
        """The heads of the documents of these keys that are stored (few queries, no full rows)."""
        return dict(self._select_in("SELECT key, head FROM documents WHERE key IN ({}) ORDER BY rowid", keys))

    def stored_keys(self, keys: list[str]) -> set[str]:
        """Which of these keys have a document row (nothing read but the keys)."""
        return {row[0] for row in self._select_in("SELECT key FROM documents WHERE key IN ({})", keys)}

    def get_row(self, key: str) -> bytes | None:
        """A document's full row (of two rows of one key, written by another program: the last,
        as ``get_heads`` takes it)."""
        db = self._connect()
        if db is None:
            return None
        try:
            with self._lock:
                row = db.execute("SELECT data FROM documents WHERE key = ? ORDER BY rowid DESC LIMIT 1",
                                 (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def put_documents(self, rows: Iterable[tuple[str, str, bytes]]) -> None:
        """Store ``(key, head, row)`` triples."""
        self._write("INSERT OR REPLACE INTO documents (key, head, data) VALUES (?, ?, ?)", list(rows))

    # files read, and the corpora named

    def get_files(self, files: list[str]) -> dict[str, tuple[int, int, str, bytes]]:
        """For each file known: size, mtime_ns, text key, line hashes (bytes)."""
        named = {_file_name(file): file for file in files}
        found = self._select_in("SELECT file, size, mtime_ns, text_key, hashes FROM files WHERE file IN ({})",
                                list(named))
        return {named[row[0]]: (row[1], row[2], row[3], row[4]) for row in found if row[0] in named}

    def get_file_stats(self, files: list[str]) -> dict[str, tuple[int, int]]:
        """For each file known: the size and mtime_ns it had when it was read (``get_files`` without the hashes)."""
        named = {_file_name(file): file for file in files}
        found = self._select_in("SELECT file, size, mtime_ns FROM files WHERE file IN ({})", list(named))
        return {named[row[0]]: (row[1], row[2]) for row in found if row[0] in named}

    def put_files(self, rows: Iterable[tuple[str, int, int, str, bytes]]) -> None:
        self._write("INSERT OR REPLACE INTO files (file, size, mtime_ns, text_key, hashes) VALUES (?, ?, ?, ?, ?)",
                    [(_file_name(row[0]), *row[1:]) for row in rows])

    def get_manifest(self, corpus: str) -> bytes | None:
        found = self._select_in("SELECT corpus, data FROM manifests WHERE corpus IN ({})", [corpus])
        return found[0][1] if found else None

    def put_manifest(self, corpus: str, data: bytes) -> None:
        self._write("INSERT OR REPLACE INTO manifests (corpus, data) VALUES (?, ?)", [(corpus, data)])

    def _select_in(self, sql: str, values: list[str]) -> list[tuple]:
        db = self._connect()
        if db is None or not values:
            return []
        found: list[tuple] = []
        try:
            with self._lock:
                for start in range(0, len(values), 500):
                    chunk = values[start : start + 500]
                    found.extend(db.execute(sql.format(",".join("?" * len(chunk))), chunk))
        except sqlite3.Error:
            return []
        return found

    # corpus-wide blobs

    def get_blob(self, kind: str, key: str) -> bytes | None:
        db = self._connect()
        if db is None:
            return None
        try:
            with self._lock:
                row = db.execute("SELECT data FROM blobs WHERE kind = ? AND key = ?", (kind, key)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def get_kept_blob(self, kind: str) -> tuple[str, bytes] | None:
        """The one blob kept of a kind, whatever its key: ``(key, data)``."""
        found = self._select_in("SELECT key, data FROM blobs WHERE kind IN ({}) ORDER BY rowid DESC LIMIT 1", [kind])
        return (found[0][0], found[0][1]) if found else None

    def usable(self) -> bool:
        """Whether the cache file can be used (else every method is a miss)."""
        return self._connect() is not None

    @property
    def search_folder(self) -> Path:
        """Where the search indexes are kept, as files to be mapped (``loading.indexes``)."""
        return Path(str(self.path) + ".search")

    def put_blob(self, kind: str, key: str, data: bytes) -> None:
        """Keep one blob of a kind: the newest corpus's."""
        db = self._connect()
        if db is None:
            return
        with self._lock:
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
        with self._lock:
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
