"""A corpus as it was last loaded, to list it again before any of its files is read.

The manifest of a corpus (the paths it was named by: ``corpus_id``) is
the list of its documents, in the order they were listed: path shown, file (null:
the path), document key, the template hashes the document holds (an index into
the manifest's table of them: pages of one site share theirs), the key the reader
keeps its reading position under (the resolved file, which takes time to make;
null: the file), and the size and mtime the file had when it was read. With the
documents' heads (a query a few hundred at a time) it gives the list of a warm
start at once; the files are checked afterwards (``pipeline.load_stored``: when
every file is the one listed, by name, size and mtime, and the engine is the
same, nothing else is read), and what changed is updated.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import shutil
import tempfile
import zlib
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from . import cache as cache_module
from .stored import BodyCache, StoredDocument

LIMIT = 1 << 30
FORMAT = 2
"""2: a table of template keys, nulls for what is the path or the file, each file's size and mtime, the engine."""
CHUNK = 500
"""Heads read a query at a time: the list never holds all of their texts at once."""


class Listed(NamedTuple):
    """What a manifest lists: the documents, their state keys by path, each document's file's size and
    mtime_ns when it was read, and whether this engine wrote it (its keys are the ones it would make)."""

    documents: list[StoredDocument]
    state_keys: dict[str, str]
    sizes: array
    mtimes: array
    current: bool


NOTHING = Listed([], {}, array("q"), array("q"), False)


def open_store(use_cache: bool) -> cache_module.Cache:
    """The user's cache; without it, a private temporary store removed at exit."""
    if use_cache:
        return cache_module.Cache()
    folder = tempfile.mkdtemp(prefix="corpusreader-store-")
    atexit.register(shutil.rmtree, folder, True)
    return cache_module.Cache(Path(folder) / cache_module.CACHE_FILE)


def corpus_id(paths: Iterable[str]) -> str:
    """The key a corpus named by these paths is remembered under (its manifest)."""
    named = []
    for path in paths:
        try:
            named.append(str(Path(path).resolve()))
        except (OSError, RuntimeError):
            named.append(path)
    return hashlib.sha256("\0".join(named or ["<bundled>"]).encode("utf-8", "surrogatepass")).hexdigest()


def save(store: cache_module.Cache, corpus: str, documents: Sequence[StoredDocument],
         state_keys: dict[str, str]) -> None:
    """Remember the corpus's documents, in order, with their files' size and mtime as the files table has
    them (what this load read or found unchanged)."""
    stats = store.get_file_stats([d.file for d in documents])
    templates: dict[bytes, int] = {}
    entries = []
    for d in documents:
        state = state_keys.get(d.path, d.path)
        size, mtime = stats.get(d.file, (-1, -1))
        entries.append([d.path, None if d.file == d.path else d.file, d.key,
                        templates.setdefault(d.template, len(templates)), None if state == d.file else state,
                        size, mtime])
    data = {"format": FORMAT, "engine": cache_module.engine(), "templates": [t.hex() for t in templates],
            "documents": entries}
    text = json.dumps(data, ensure_ascii=False)
    store.put_manifest(corpus, zlib.compress(text.encode("utf-8", "surrogatepass"), 1))


def listed(store: cache_module.Cache, corpus: str, bodies: BodyCache) -> Listed:
    """The documents the corpus had last time, from the store alone (nothing if unknown or unusable)."""
    blob = store.get_manifest(corpus)
    if blob is None:
        return NOTHING
    try:
        data = json.loads(cache_module._inflate(blob, LIMIT).decode("utf-8", "surrogatepass"))
        if not (type(data) is dict and data.get("format") == FORMAT and type(data.get("engine")) is str
                and _is_texts(data.get("templates")) and type(data.get("documents")) is list):
            return NOTHING
        templates = [bytes.fromhex(t) for t in data["templates"]]
        entries = data.pop("documents")
        if not all(map(_is_entry, entries)) or any(e[3] >= len(templates) for e in entries):
            return NOTHING
        documents: list[StoredDocument] = []
        for start in range(0, len(entries), CHUNK):
            chunk = entries[start : start + CHUNK]
            heads = store.get_heads([e[2] for e in chunk])
            for path, file, key, template, _, _, _ in chunk:
                if key not in heads:
                    return NOTHING  # a row gone: the load makes the list
                head = cache_module.head_from_text(heads[key])
                documents.append(StoredDocument(path, key, head, bodies, path if file is None else file,
                                                templates[template]))
        sizes, mtimes = array("q", [e[5] for e in entries]), array("q", [e[6] for e in entries])
    except (ValueError, TypeError, OverflowError, zlib.error, RecursionError):
        return NOTHING
    state_keys = {d.path: d.file if e[4] is None else e[4] for d, e in zip(documents, entries)}
    return Listed(documents, state_keys, sizes, mtimes, data["engine"] == cache_module.engine())


def _is_texts(value: object) -> bool:
    return type(value) is list and all(type(item) is str for item in value)


def _is_entry(entry: object) -> bool:
    """``[path, file or null, key, template number, state key or null, size, mtime_ns]``."""
    return (type(entry) is list and len(entry) == 7 and type(entry[0]) is str
            and (entry[1] is None or type(entry[1]) is str) and type(entry[2]) is str and type(entry[3]) is int
            and entry[3] >= 0 and (entry[4] is None or type(entry[4]) is str) and type(entry[5]) is int
            and type(entry[6]) is int)
