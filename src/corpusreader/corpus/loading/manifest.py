"""A corpus as it was last loaded, to list it again before any of its files is read.

The manifest of a corpus (the paths it was named by: ``pipeline.corpus_id``) is
the list of its documents, in the order they were listed: path shown, file,
document key, the template hashes the document holds, and the key the reader
keeps its reading position under (the resolved file, which takes time to make). With the documents'
heads (one query) it gives the list of a warm start at once; the files are
checked afterwards (``pipeline.load_stored``), and what changed is updated.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence

from . import cache as cache_module
from .stored import BodyCache, StoredDocument

LIMIT = 1 << 30


def save(store: cache_module.Cache, corpus: str, documents: Sequence[StoredDocument],
         state_keys: dict[str, str]) -> None:
    entries = [[d.path, d.file, d.key, d.template.hex(), state_keys.get(d.path, d.path)] for d in documents]
    text = json.dumps(entries, ensure_ascii=False)
    store.put_manifest(corpus, zlib.compress(text.encode("utf-8", "surrogatepass"), 1))


def listed(store: cache_module.Cache, corpus: str, bodies: BodyCache) -> tuple[list[StoredDocument], dict[str, str]]:
    """The documents the corpus had last time, and their state keys, from the store alone
    (nothing if unknown or unusable)."""
    blob = store.get_manifest(corpus)
    if blob is None:
        return [], {}
    try:
        entries = json.loads(cache_module._inflate(blob, LIMIT).decode("utf-8", "surrogatepass"))
        if not (type(entries) is list and all(type(e) is list and len(e) == 5 and all(type(x) is str for x in e)
                                              for e in entries)):
            return [], {}
        heads = store.get_heads([e[2] for e in entries])
        documents = []
        for path, file, key, template, _ in entries:
            if key not in heads:
                return [], {}  # a row gone: the load makes the list
            head = cache_module.head_from_text(heads[key])
            documents.append(StoredDocument(path, key, head, bodies, file, bytes.fromhex(template)))
    except (ValueError, TypeError, zlib.error, RecursionError):
        return [], {}
    return documents, {entry[0]: entry[4] for entry in entries}
