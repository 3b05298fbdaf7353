#!/usr/bin/env python3
"""Processing a corpus cold and warm: time, throughput and peak memory.

Usage (from the repository root, with the project's venv):
    .venv/bin/python bench/corpus_bench.py [N ...]      (default: 1000 10000)

For each N it writes (once) a synthetic corpus with ../shared/tools/make_corpus.py
into bench/corpora/N, then runs, each in a fresh process, with a cache folder
that starts empty: cold processing (scan: read every file for its line hashes;
clean in worker processes into the store; then the term index and the search
index built at once in two threads, all as the reader does it) and a warm run
that takes all of it from the cache. "read s" is the scan, "clean s" the rest
of the load. Peak RSS is the largest of the main process and its worker
processes.
Results are printed as a Markdown table.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

STAGES = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from corpusreader.corpus.loading.files import discover
from corpusreader.corpus.loading.pipeline import load_stored, open_store
sources, _, _ = discover([sys.argv[1]])
store = open_store(True)
scanned = [0]
def progress(stage, done, total):
    if stage == "scan":
        scanned[0] = time.perf_counter()
documents = [d for _, d in load_stored(sources, store, progress) if hasattr(d, "key")]
t2 = time.perf_counter()
size = sum(d.size for d in documents)
t1 = scanned[0] or t0
timings = {"documents": len(documents), "mb": size / 1e6, "read_s": t1 - t0, "clean_s": t2 - t1}
from concurrent.futures import ThreadPoolExecutor
from corpusreader.corpus.loading.indexes import search_index, term_index
def timed(build):
    start = time.perf_counter()
    build(documents)
    return time.perf_counter() - start
with ThreadPoolExecutor(2) as threads:  # as the reader builds them: two threads, once loading ends
    terms, search = threads.submit(timed, term_index), threads.submit(timed, search_index)
    timings["terms_s"], timings["index_s"] = terms.result(), search.result()
timings["indexes_s"] = time.perf_counter() - t2
timings["total_s"] = time.perf_counter() - t0
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
timings["peak_rss_mb"] = max(own, children) / 1024
timings["workers_rss_mb"] = children / 1024
print(json.dumps(timings))
"""


def corpus(n: int) -> Path:
    folder = ROOT / "bench" / "corpora" / str(n)
    if not folder.is_dir() or len(list(folder.glob("*.txt"))) != n:
        subprocess.run([sys.executable, str(SHARED / "tools" / "make_corpus.py"), str(SHARED / "texts"), str(folder),
                        str(n)], check=True)
    return folder


def run(folder: Path, cache_home: str) -> dict:
    env = dict(os.environ, XDG_CACHE_HOME=cache_home)
    out = subprocess.run([sys.executable, "-c", STAGES, str(folder)], env=env, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(sizes: list[int]) -> None:
    print("| documents | MB | run | read s | clean s | terms s | search index s | both indexes s | total s "
          "| MB/s (read+clean) | peak RSS MB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for n in sizes:
        folder = corpus(n)
        with tempfile.TemporaryDirectory() as cache_home:
            for label in ("cold", "warm"):
                r = run(folder, cache_home)
                rate = r["mb"] / (r["read_s"] + r["clean_s"])
                print(f"| {r['documents']} | {r['mb']:.1f} | {label} | {r['read_s']:.2f} | {r['clean_s']:.2f} | "
                      f"{r['terms_s']:.2f} | {r['index_s']:.2f} | {r['indexes_s']:.2f} | {r['total_s']:.2f} | "
                      f"{rate:.1f} | {r['peak_rss_mb']:.0f} |", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
