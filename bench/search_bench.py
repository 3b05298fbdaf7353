#!/usr/bin/env python3
"""Search benchmark: index build time and memory, per-keystroke latency, against rg and fzf.

Usage (from the repository root):
    .venv/bin/python bench/search_bench.py [--sizes 1000 10000] [--no-baselines]

For each size N it makes (once) a synthetic corpus with
``/work/shared/tools/make_corpus.py /work/shared/texts bench/corpora/N N``
(or ``../shared/tools`` relative to the repository), cleans it with the
pipeline, builds the ``SearchIndex`` (time, and memory as the growth of the
process's resident set; and the time to write it to bytes and read it back,
as a cache would), then types every query of ``QUERIES`` keystroke by
keystroke (every prefix is a query, the index's word cache cleared before each
query) and times each search. In the same run it writes the cleaned titles and
paragraphs one a line to a temporary file and times ``rg -i -F PREFIX`` (exact,
case-insensitive) and ``fzf --filter PREFIX`` on it, for the same prefixes
(each a whole process, output read through a pipe; fzf, which takes seconds a
run at 10,000 documents, on every 4th keystroke and each full query). A missing tool is skipped
with a note. Results go to standard output (a Markdown table) and
``bench/out/search-N.json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from corpusreader.corpus.loading.pipeline import build_corpus  # noqa: E402
from corpusreader.corpus.search.engine import run as run_query  # noqa: E402
from corpusreader.corpus.search.index import SearchIndex  # noqa: E402

SHARED = ROOT.parent / "shared"

# Typed one keystroke at a time; misspellings on purpose, as people type them.
QUERIES = [
    "informaton securty",
    "Patrushef",
    "open ended working grup",
    "colective security treaty",
    "cybercrme convention",
    "international law",
    "digital sovereignty",
    "Security Council meeting",
    "confidence-building measures",
    "United Natons",
    "terrorist attacks",
    "critical infrastructure",
]

# Typed the same way through the query language (``search.engine``, what the app's search screen runs).
SYNTAX_QUERIES = [
    "informaton securty year:2015..2019",
    '"international law" -terrorism',
    "site:kremlin Patrushef",
    "speaker:Lavrov digital sovereignty",
    "date:2014-03..2016 cybercrme",
]
PAGE = 30  # the results the search screen reads at a time (screens/search.py PAGE)


def keystrokes(query: str) -> list[str]:
    return [query[:i] for i in range(1, len(query) + 1)]


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def summary(times_ms: list[float]) -> dict:
    ordered = sorted(times_ms)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
        "max_ms": round(ordered[-1], 2),
    }


def make_corpus(size: int, folder: Path) -> None:
    if folder.is_dir() and any(folder.iterdir()):
        return
    tool = SHARED / "tools" / "make_corpus.py"
    subprocess.run([sys.executable, str(tool), str(SHARED / "texts"), str(folder), str(size)], check=True)


def time_engine(index: SearchIndex) -> tuple[list[float], list[float]]:
    per_key, per_query_last = [], []
    for query in QUERIES:
        index.clear_cache()  # each query typed from a cold word cache
        for prefix in keystrokes(query):
            start = time.perf_counter()
            index.search(prefix, 20)
            per_key.append((time.perf_counter() - start) * 1000)
        per_query_last.append(per_key[-1])
    return per_key, per_query_last


def time_query_engine(index: SearchIndex, queries: list[str]) -> tuple[list[float], list[float]]:
    """Per keystroke: every hit counted by year and site, and the first page read (the search screen's work);
    wall time, and the process's CPU time (which the load of a shared machine inflates less)."""
    per_key, cpu = [], []
    for query in queries:
        index.clear_cache()
        for prefix in keystrokes(query):
            start, start_cpu = time.perf_counter(), time.process_time()
            run_query(index, prefix, typing=True).page(0, PAGE)
            per_key.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
    return per_key, cpu


def time_engine_cpu(index: SearchIndex) -> list[float]:
    """``index.search(prefix, 20)`` per keystroke again, in CPU time, to set beside the query engine's."""
    cpu = []
    for query in QUERIES:
        index.clear_cache()
        for prefix in keystrokes(query):
            start = time.process_time()
            index.search(prefix, 20)
            cpu.append((time.process_time() - start) * 1000)
    return cpu


def time_tool(command: list[str], lines_file: Path, use_stdin: bool, every: int) -> list[float]:
    """Wall time of the tool on each keystroke (every ``every``-th one, and each full query)."""
    times = []
    for query in QUERIES:
        prefixes = keystrokes(query)
        for prefix in prefixes[every - 1::every] + ([query] if len(query) % every else []):
            args = [*command, prefix] + ([] if use_stdin else [str(lines_file)])
            start = time.perf_counter()
            with open(lines_file, "rb") as stdin:
                subprocess.run(args, stdin=stdin if use_stdin else subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            times.append((time.perf_counter() - start) * 1000)
    return times


def bench(size: int, baselines: bool, fzf_every: int) -> dict:
    load_before = os.getloadavg()[0]
    folder = ROOT / "bench" / "corpora" / str(size)
    make_corpus(size, folder)
    start = time.perf_counter()
    corpus, _ = build_corpus([str(folder)])
    clean_s = time.perf_counter() - start
    documents = corpus.documents

    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    index = SearchIndex.build(documents)
    build_s = time.perf_counter() - start
    gc.collect()
    index_mb = rss_mb() - before

    start = time.perf_counter()
    blob = index.to_bytes()
    dump_s = time.perf_counter() - start
    start = time.perf_counter()
    SearchIndex.from_bytes(blob, documents)
    load_s = time.perf_counter() - start

    per_key, last = time_engine(index)
    start = time.perf_counter()
    _ = (index.layout, index.metadata)  # made on the first query; timed here apart
    layout_s = time.perf_counter() - start
    query_keys, query_cpu = time_query_engine(index, QUERIES)
    syntax_keys, syntax_cpu = time_query_engine(index, SYNTAX_QUERIES)
    engine_cpu = time_engine_cpu(index)
    gc.collect()
    result = {
        "documents": len(documents),
        "paragraphs": index.paragraph_count,
        "vocabulary": index.vocabulary_size,
        "clean_s": round(clean_s, 2),
        "index_build_s": round(build_s, 2),
        "index_rss_mb": round(index_mb, 1),
        "index_bytes_mb": round(len(blob) / 1e6, 1),
        "index_to_bytes_s": round(dump_s, 2),
        "index_from_bytes_s": round(load_s, 2),
        "process_rss_mb_after_queries": round(rss_mb(), 1),
        "engine": summary(per_key),
        "engine_full_queries": summary(last),
        "layout_and_metadata_s": round(layout_s, 3),
        "query_engine": summary(query_keys),
        "query_engine_syntax": summary(syntax_keys),
        "engine_cpu": summary(engine_cpu),
        "query_engine_cpu": summary(query_cpu),
        "query_engine_syntax_cpu": summary(syntax_cpu),
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    if baselines:
        with tempfile.TemporaryDirectory() as tmp:
            lines_file = Path(tmp) / "paragraphs.txt"
            with open(lines_file, "w", encoding="utf-8") as out:
                for document in documents:
                    for text in ([document.title] if document.title else []) + document.paragraphs:
                        out.write(" ".join(text.split()) + "\n")
            result["lines_mb"] = round(lines_file.stat().st_size / 1e6, 1)
            for name, command, use_stdin, every in (("rg", ["rg", "-i", "-F", "--"], False, 1),
                                                    ("fzf", ["fzf", "--filter"], True, fzf_every)):
                if shutil.which(command[0]) is None:
                    result[name] = f"skipped: {command[0]} is not installed (apt-get install -y ripgrep fzf)"
                    continue
                result[name] = summary(time_tool(command, lines_file, use_stdin, every))
    return result


def table(results: list[dict]) -> str:
    rows = ["| documents | paragraphs | vocabulary | index build | index memory | engine median / p95 / max"
            " | rg -i -F median / p95 | fzf --filter median / p95 | engine median ÷ rg median |",
            "| ---: | ---: | ---: | ---: | ---: | --- | --- | --- | ---: |"]
    for r in results:
        def cell(name, r=r):
            s = r.get(name)
            return s if isinstance(s, str) or s is None else f"{s['median_ms']} / {s['p95_ms']} ms"
        e = r["engine"]
        ratio = (f"{e['median_ms'] / r['rg']['median_ms']:.2f}" if isinstance(r.get("rg"), dict) else "–")
        rows.append(f"| {r['documents']:,} | {r['paragraphs']:,} | {r['vocabulary']:,} | {r['index_build_s']} s"
                    f" | {r['index_rss_mb']} MB | {e['median_ms']} / {e['p95_ms']} / {e['max_ms']} ms"
                    f" | {cell('rg')} | {cell('fzf')} | {ratio} |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--fzf-every", type=int, default=4, metavar="K",
                        help="run fzf on every K-th keystroke and each full query (it takes seconds a run)")
    args = parser.parse_args()
    results = []
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        result = bench(size, not args.no_baselines, max(1, args.fzf_every))
        results.append(result)
        (out / f"search-{size}.json").write_text(json.dumps(result, indent=2))
        print(json.dumps(result), file=sys.stderr)
    print(f"{sum(len(keystrokes(q)) for q in QUERIES)} keystrokes over {len(QUERIES)} queries\n")
    print(table(results))
    print("\n| documents | layout + metadata (first query) | query engine, same queries | query engine, syntax"
          " queries | CPU: engine | CPU: query engine, same | CPU: query engine, syntax |"
          "\n| ---: | ---: | --- | --- | --- | --- | --- |")
    for r in results:
        cells = [r[name] for name in ("query_engine", "query_engine_syntax", "engine_cpu", "query_engine_cpu",
                                      "query_engine_syntax_cpu")]
        print(f"| {r['documents']:,} | {r['layout_and_metadata_s']} s | "
              + " | ".join(f"{c['median_ms']} / {c['p95_ms']} / {c['max_ms']} ms" for c in cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
