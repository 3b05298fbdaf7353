#!/usr/bin/env python3
"""Where the search index lives on a warm start (issue 12): on the heap, a mapped file, or SQLite FTS5.

Usage (from the repository root, with the project's venv):
    .venv/bin/python bench/search_store_bench.py [--sizes 1000 10000] [--cache DIR]

For each size N (the synthetic corpus ``bench/corpora/N``, as ``search_bench.py``
makes it), the corpus is cleaned into a cache (``--cache``, default a folder
under bench/out kept between runs) and its index built once, then written three
ways into a temporary folder: the blob the cache held before (``SearchIndex.to_bytes``,
loaded whole onto the heap by ``from_bytes``), the mapped file
(``SearchIndex.save`` / ``open``), and an FTS5 table of the paragraphs' folded
words (contentless, rowid = paragraph id) read through a vocabulary whose
postings are FTS5 queries (``FtsVocabulary`` below: the same ``SearchIndex``,
the same typo lookup, the postings from ``SELECT rowid ... MATCH``). Each is then
timed in a fresh process of its own, as a warm start is: the documents listed
from the cache (heads only), the index opened (seconds, RSS growth), then every
bench query typed keystroke by keystroke through ``SearchIndex.search`` and
the query engine (``search.engine.run``, a page of 30), median / p95 / max in ms, and the
RSS after. Every keystroke's hits are compared with the heap index's.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH: another tree's src can be timed
sys.path.insert(0, str(ROOT / "bench"))

from search_bench import QUERIES, SYNTAX_QUERIES, keystrokes, make_corpus, rss_mb, summary  # noqa: E402

from corpusreader.corpus.loading.indexes import _digests, _light  # noqa: E402
from corpusreader.corpus.loading.pipeline import build_corpus  # noqa: E402
from corpusreader.corpus.search.engine import run as run_query  # noqa: E402
from corpusreader.corpus.search.index import SearchIndex  # noqa: E402
from corpusreader.corpus.search.vocabulary import Vocabulary  # noqa: E402
from corpusreader.corpus.text import folded_words  # noqa: E402

VARIANTS = ("heap", "mapped", "fts5")


class FtsVocabulary(Vocabulary):
    """The words in memory (FTS5 has no typo lookup: its vocabulary is read whole, from ``fts5vocab``),
    each word's postings an FTS5 query."""

    def __init__(self, db: sqlite3.Connection, size: int) -> None:
        rows = db.execute("SELECT term, doc FROM vocab").fetchall()
        from array import array
        super().__init__({term: array("I") for term, _ in rows}, size)
        self._db = db
        self._frequency = dict(rows)

    def frequency(self, i: int) -> int:
        return self._frequency[self.words[i]]

    def posting(self, i: int):
        word = self.words[i].replace('"', '""')
        return [row[0] for row in self._db.execute('SELECT rowid FROM p WHERE p MATCH ? ORDER BY rowid',
                                                   (f'"{word}"',))]


def write_fts(path: Path, documents) -> float:
    start = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE p USING fts5(body, content='', detail=none, "
               "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")")
    db.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(p, 'row')")
    pid = 0
    rows = []
    for document in documents:
        for text in ([document.title] if document.title else []) + list(document.paragraphs):
            rows.append((pid, " ".join(folded_words(text))))
            pid += 1
            if len(rows) >= 5000:
                db.executemany("INSERT INTO p (rowid, body) VALUES (?, ?)", rows)
                rows = []
    db.executemany("INSERT INTO p (rowid, body) VALUES (?, ?)", rows)
    db.execute("INSERT INTO p (p) VALUES ('optimize')")
    db.commit()
    db.close()
    return time.perf_counter() - start


def prepare(size: int, cache: Path, folder: Path) -> dict:
    corpus = ROOT / "bench" / "corpora" / str(size)
    make_corpus(size, corpus)
    os.environ["XDG_CACHE_HOME"] = str(cache)
    documents = build_corpus([str(corpus)])[0].documents
    start = time.perf_counter()
    index = SearchIndex.build(documents)
    built = {"build_s": time.perf_counter() - start}
    start = time.perf_counter()
    (folder / "heap.blob").write_bytes(index.to_bytes())
    built["heap_write_s"] = time.perf_counter() - start
    start = time.perf_counter()
    index.save(folder / "mapped.idx", _digests(documents))
    built["mapped_write_s"] = time.perf_counter() - start
    built["fts5_write_s"] = write_fts(folder / "fts5.sqlite3", documents)
    built["bytes_mb"] = {name: round((folder / file).stat().st_size / 1e6, 1) for name, file in
                         (("heap", "heap.blob"), ("mapped", "mapped.idx"), ("fts5", "fts5.sqlite3"))}
    built["documents"], built["paragraphs"], built["vocabulary"] = (len(documents), index.paragraph_count,
                                                                    index.vocabulary_size)
    (folder / "expected.json").write_text(json.dumps(answers(index)))
    return built


def answers(index: SearchIndex) -> list:
    found = []
    for query in QUERIES + SYNTAX_QUERIES:
        for prefix in keystrokes(query):
            found.append([h.to_json() for h in index.search(prefix, 20)])
            found.append([h.to_json() for h in run_query(index, prefix, typing=True).page(0, 30)])
    return found


def measure(variant: str, size: int, folder: Path) -> dict:
    """In a process of its own: open the index as a warm start would, and type the queries."""
    corpus = ROOT / "bench" / "corpora" / str(size)
    documents = build_corpus([str(corpus)])[0].documents  # warm: heads from the cache, no text
    before = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    if variant == "cached":  # the reader's own warm path: fingerprint, pointer, file mapped
        from corpusreader.corpus.loading.indexes import search_index
        index = search_index(documents)
    elif variant == "heap":
        light = _light(documents)
        index = SearchIndex.from_bytes((folder / "heap.blob").read_bytes(), light)
        index.documents = documents
    elif variant == "mapped":
        index = SearchIndex.open(folder / "mapped.idx", _light(documents))
        index.documents = documents
    else:
        index = SearchIndex.from_bytes((folder / "heap.blob").read_bytes(), _light(documents))  # its layout
        db = sqlite3.connect(folder / "fts5.sqlite3", check_same_thread=False)
        index._vocabulary = FtsVocabulary(db, index.paragraph_count)
        index.documents = documents
    result = {"open_s": round(time.perf_counter() - start, 3), "open_cpu_s": round(time.process_time() - cpu, 3),
              "rss_open_mb": round(rss_mb() - before, 1)}
    plain, engine, plain_cpu, engine_cpu = [], [], [], []
    for query in QUERIES + SYNTAX_QUERIES:
        index.clear_cache()
        for prefix in keystrokes(query):
            start, cpu = time.perf_counter(), time.process_time()
            index.search(prefix, 20)
            plain.append((time.perf_counter() - start) * 1000)
            plain_cpu.append((time.process_time() - cpu) * 1000)
            start, cpu = time.perf_counter(), time.process_time()
            run_query(index, prefix, typing=True).page(0, 30)
            engine.append((time.perf_counter() - start) * 1000)
            engine_cpu.append((time.process_time() - cpu) * 1000)
    result.update(search=summary(plain), engine=summary(engine), search_cpu=summary(plain_cpu),
                  engine_cpu=summary(engine_cpu), rss_after_mb=round(rss_mb(), 1),
                  rss_growth_mb=round(rss_mb() - before, 1))
    if variant == "cached":
        return result
    expected = json.loads((folder / "expected.json").read_text())
    index.clear_cache()
    got = answers(index)
    result["keystrokes_differing"] = sum(a != b for a, b in zip(got, expected))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / "out" / "store-bench-cache")
    parser.add_argument("--cached-only", action="store_true",
                        help="only the reader's warm path (indexes.search_index on a cache it fills), no three stores")
    parser.add_argument("--measure", nargs=3, metavar=("VARIANT", "SIZE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        variant, size, folder = args.measure
        print(json.dumps(measure(variant, int(size), Path(folder))))
        return 0
    rows = ["| documents | store | on disk | open s (CPU) | RSS growth: open / after typing | search median / p95 / max"
            " | query engine median / p95 / max | CPU median / p95: search, engine | keystrokes differing |",
            "| ---: | --- | ---: | --- | --- | --- | --- | --- | ---: |"]
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            if args.cached_only:
                corpus = ROOT / "bench" / "corpora" / str(size)
                make_corpus(size, corpus)
                fill = "from corpusreader.corpus.loading import indexes, pipeline; import sys; " \
                       "indexes.search_index(pipeline.build_corpus([sys.argv[1]])[0].documents)"
                subprocess.run([sys.executable, "-c", fill, str(corpus)], check=True,
                               env=dict(os.environ, XDG_CACHE_HOME=str(args.cache)))
                built = {"documents": size, "bytes_mb": {"cached": "-"}}
            else:
                built = prepare(size, args.cache, folder)
            print(json.dumps(built), file=sys.stderr)
            env = dict(os.environ, XDG_CACHE_HOME=str(args.cache))
            for variant in ("cached",) if args.cached_only else VARIANTS:
                out = subprocess.run([sys.executable, __file__, "--measure", variant, str(size), str(folder)],
                                     env=env, capture_output=True, text=True, check=True)
                r = json.loads(out.stdout.strip().splitlines()[-1])
                r.setdefault("keystrokes_differing", "-")
                print(variant, json.dumps(r), file=sys.stderr)
                s, e = r["search"], r["engine"]
                rows.append(f"| {built['documents']:,} | {variant} | {built['bytes_mb'][variant]} MB"
                            f" | {r['open_s']} ({r['open_cpu_s']}) | {r['rss_open_mb']} / {r['rss_growth_mb']} MB"
                            f" | {s['median_ms']} / {s['p95_ms']} / {s['max_ms']} ms"
                            f" | {e['median_ms']} / {e['p95_ms']} / {e['max_ms']} ms"
                            f" | {r['search_cpu']['median_ms']} / {r['search_cpu']['p95_ms']},"
                            f" {r['engine_cpu']['median_ms']} / {r['engine_cpu']['p95_ms']} ms"
                            f" | {r['keystrokes_differing']} |")
    print(f"load average (1 min) at the end: {os.getloadavg()[0]:.2f}\n")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
