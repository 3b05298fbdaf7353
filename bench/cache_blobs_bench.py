#!/usr/bin/env python3
"""Cache blobs benchmark: size, write and read time of the search index and terms blobs.

Usage (from the repository root):
    .venv/bin/python bench/cache_blobs_bench.py PATH [PATH ...]

For each corpus folder it cleans the documents (through a private cache in a
temporary folder), builds both indexes, and times ``SearchIndex.to_bytes`` /
``from_bytes`` and ``terms_to_bytes`` / ``terms_from_bytes`` (a warm start
reads both). For reference it times, in the same process and interleaved, a
pickle of the same data as the cache held before format 2 (the search index's
arrays and vocabulary, the list of terms): pickle is the speed to keep, not a
format to read (a pickle runs code). Times are CPU seconds of this process
(``time.process_time``, steadier than wall time on a shared machine), the
median of 7 reads; builds are timed once.
"""

from __future__ import annotations

import os
import pickle
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from corpusreader.corpus.loading.pipeline import build_corpus  # noqa: E402
from corpusreader.corpus.search.index import SearchIndex  # noqa: E402
from corpusreader.corpus.terms.index import TermIndex  # noqa: E402
from corpusreader.corpus.terms.stored import terms_from_bytes, terms_to_bytes  # noqa: E402

READS = 7


def cpu(action: Callable[[], object]) -> tuple[float, object]:
    start = time.process_time()
    result = action()
    return time.process_time() - start, result


def compare(name: str, build_s: float, formats: dict[str, tuple[Callable, Callable]]) -> None:
    """One row a format: blob MB, write s, read s (median), and the build for comparison."""
    blobs = {label: cpu(dump) for label, (dump, _) in formats.items()}
    reads: dict[str, list[float]] = {label: [] for label in formats}
    for _ in range(READS):
        for label, (_, load) in formats.items():
            reads[label].append(cpu(partial(load, blobs[label][1]))[0])
    for label, (dump_s, blob) in blobs.items():
        print(f"| {name} | {label} | {len(blob) / 1e6:.2f} | {dump_s:.3f} | {statistics.median(reads[label]):.3f}"
              f" | {build_s:.3f} |")


def bench(path: str) -> None:
    documents = build_corpus([path])[0].documents
    build_s, search = cpu(lambda: SearchIndex.build(documents))
    terms_build_s, terms = cpu(lambda: TermIndex.build(documents))
    occurrences = sum(len(term.occurrences) for term in terms.terms)
    print(f"\n{path}: {len(documents)} documents, {search.paragraph_count} paragraphs, "
          f"{search.vocabulary_size} words, {len(terms.terms)} terms, {occurrences} occurrences\n")
    print("| blob | format | MB | write s | read s | build s |")
    print("| --- | --- | --- | --- | --- | --- |")
    state = (1, search._para_doc, search._para_num, search._para_len, search._vocabulary)
    compare("search index", build_s, {
        "format 2": (search.to_bytes, lambda blob: SearchIndex.from_bytes(blob, documents)),
        "pickle (before)": (lambda: pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL), pickle.loads),
    })
    compare("terms", terms_build_s, {  # the build's CPU time is the main process's only
        "format 1": (lambda: terms_to_bytes(terms.terms), lambda blob: terms_from_bytes(blob, documents)),
        "pickle (before)": (lambda: pickle.dumps(terms.terms, protocol=pickle.HIGHEST_PROTOCOL), pickle.loads),
    })


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as cache_home:
        os.environ["XDG_CACHE_HOME"] = cache_home
        for path in sys.argv[1:]:
            bench(path)
    print(f"\nload average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
