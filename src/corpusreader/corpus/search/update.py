"""A mapped search index made anew for changed documents without indexing the others again.

Paragraph ids run document after document, so the index of a corpus with a
document added, removed or changed differs from the old one by the postings
of the documents that changed and by where the others' ids now start. ``update``
keeps every document the old file holds (recognised by its digest and its
number of paragraph ids): its ids move as a block (a shift of a slice of each
posting, or of a bitmap), and only the documents the file lacks are read and
indexed. The file written is the very file a full build would write (a test
holds this), so searches give the same hits.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from itertools import accumulate
from pathlib import Path

from ..model import Document
from ..text import folded_words
from .bits import bits_of
from .index import indexed_texts
from .mapped import DIGEST, MappedFile, MappedVocabulary, write

KEEP_AT_LEAST = 0.5
"""The share of the paragraphs the old file must already hold, or a full build is cheaper."""

Segment = tuple[int, int, int]  # old first id, old end, new first id


def update(file: MappedFile, documents: Sequence[Document], shapes: Sequence[Document], digests: Sequence[bytes],
           path: Path) -> bool:
    """Write to ``path`` the index of ``documents`` made from the index in ``file``; ``shapes``: the documents as
    far as their titles and paragraph counts (no text read). False (nothing written) when too little is kept."""
    old_digests = file.sections["digests"]
    old_counts = list(file.sections["doc_counts"])
    old_starts = [0, *accumulate(old_counts)]
    available: dict[bytes, list[int]] = {}
    for doc in range(len(old_counts) - 1, -1, -1):  # of two equal documents, the first is taken first
        available.setdefault(bytes(old_digests[doc * DIGEST : (doc + 1) * DIGEST]), []).append(doc)
    counts = [(1 if shape.title else 0) + len(shape.paragraphs) for shape in shapes]
    size = sum(counts)
    segments: list[Segment] = []
    fresh: list[tuple[int, int]] = []  # (document, its first new id)
    kept, start = 0, 0
    for doc, (digest, count) in enumerate(zip(digests, counts)):
        olds = available.get(digest)
        if olds and old_counts[olds[-1]] == count:
            old = olds.pop()
            kept += count
            if segments and segments[-1][1] == old_starts[old] and segments[-1][2] + (
                    segments[-1][1] - segments[-1][0]) == start:
                first, _, new = segments[-1]
                segments[-1] = (first, old_starts[old] + count, new)
            elif count:
                segments.append((old_starts[old], old_starts[old] + count, start))
        else:
            fresh.append((doc, start))
        start += count
    if size and kept < KEEP_AT_LEAST * size:
        return False
    para_len = array("H", bytes(2 * size))
    old_len = file.sections["para_len"]
    for first, end, new in segments:
        para_len[new : new + end - first] = array("H", old_len[first:end])
    added = _indexed([documents[doc] for doc, _ in fresh], [at for _, at in fresh], para_len)
    words, postings = [], []
    for word, posting in _merged(MappedVocabulary(file), segments, file.paragraphs, added, size):
        words.append(word)
        postings.append(posting)
    write(path, size, para_len, words, postings, b"".join(digests), array("I", counts))
    return True


def _indexed(documents: list[Document], starts: list[int], para_len: array) -> dict[str, list[int]]:
    """The postings of ``documents``, whose ids begin at ``starts`` (as ``SearchIndex.build`` numbers them)."""
    postings: dict[str, list[int]] = {}
    for document, pid in zip(documents, starts):
        for text in indexed_texts(document):
            words = folded_words(text)
            para_len[pid] = min(len(words), 65535)
            for word in set(words):
                postings.setdefault(word, []).append(pid)
            pid += 1
    return postings


def _merged(vocabulary: MappedVocabulary, segments: list[Segment], old_size: int, added: dict[str, list[int]],
            size: int) -> Iterator[tuple[str, Sequence[int] | int]]:
    """Every word of the new index in sorted order with its postings: the old words' moved, the new ones'."""
    unmoved = segments == [(0, old_size, 0)]
    old = ((vocabulary.word(i), i) for i in range(len(vocabulary)))
    new = ((word, -1) for word in sorted(added) if vocabulary.find(word) is None)
    for word, i in heapq.merge(old, new):
        posting: Sequence[int] | int = _moved(vocabulary.posting(i), segments, unmoved) if i >= 0 else ()
        more = added.get(word)
        if more:
            if isinstance(posting, int):
                posting |= bits_of(more, size)
            else:
                posting = sorted([*posting, *more])
        if posting:
            yield word, posting


def _moved(posting: Sequence[int] | int, segments: list[Segment], unmoved: bool) -> Sequence[int] | int:
    """``posting`` with each segment's old ids moved to its new ones (the ids of no segment dropped)."""
    if unmoved:
        return posting
    if isinstance(posting, int):
        bits = 0
        for first, end, new in segments:
            bits |= ((posting >> first) & ((1 << (end - first)) - 1)) << new
        return bits
    moved = array("I")
    for first, end, new in segments:
        low = bisect_left(posting, first)
        high = bisect_left(posting, end, low)
        if high > low:
            moved.extend(map((new - first).__add__, posting[low:high]) if new != first else posting[low:high])
    return moved
