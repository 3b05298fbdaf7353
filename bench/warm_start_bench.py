#!/usr/bin/env python3
"""Warm start of the reader, headless: when the list, the files' check, the terms and the search are there.

Usage (from the repository root, with the project's venv):
    .venv/bin/python bench/warm_start_bench.py PATH [--runs 3] [--src SRC ...] [--cache DIR]

Each run is a fresh process running the app under ``App.run_test()`` on PATH
(a cache folder of its own per source tree, filled by a first, cold run that is
not counted). Times are seconds from the process's start, imports included, to:
the first document in the list; the load over (files checked); the term index
ready; the search index over the whole list (a list from the store is whole while
its files are checked); the search index ready with the load over; then the process's RSS (MB) and the CPU seconds
it used. ``--src`` names other trees' ``src`` folders (e.g. the code before a
change, from ``git archive``) to time in the same run, alternating, so that all
see the same machine load. Results: a Markdown table of medians (and ranges).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HARNESS = r"""
import time
START = time.perf_counter()
import asyncio, json, resource, sys
from pathlib import Path
from corpusreader.app import CorpusReaderApp

def rss():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

async def main():
    app = CorpusReaderApp([sys.argv[1]], state_path=Path(sys.argv[2]))
    found = {}
    async with app.run_test(size=(120, 36)) as pilot:
        while len(found) < 5 and time.perf_counter() - START < 900:
            if not app.is_running:
                raise SystemExit(f"the app stopped: {getattr(app, '_exception', None)!r}")
            now = round(time.perf_counter() - START, 3)
            session = app.session
            if session.documents:
                found.setdefault("listed_s", now)
            if session.documents and not session.loading:
                found.setdefault("loaded_s", now)
            if session.term_index is not None:
                found.setdefault("terms_s", now)
            if session.search_index is not None and session.search_size == len(session.documents) > 0:
                found.setdefault("search_whole_s", now)  # over the whole list (listed from the store: still checking)
            if session.search_index is not None and not session.loading:
                found.setdefault("search_s", now)
            await pilot.pause(0.01)
        found["documents"] = len(app.session.documents)
        found["rss_mb"] = round(rss(), 1)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        found["cpu_s"] = round(usage.ru_utime + usage.ru_stime, 2)
        index = app.session.search_index
        found["mapped"] = getattr(index, "mapped", None) is not None
    print(json.dumps(found))

asyncio.run(main())
"""

FIELDS = ("listed_s", "loaded_s", "terms_s", "search_whole_s", "search_s", "rss_mb", "cpu_s")


def once(src: Path, path: str, cache: Path) -> dict:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), XDG_STATE_HOME=str(cache / "state"), PYTHONPATH=str(src))
    out = subprocess.run([sys.executable, "-c", HARNESS, path, str(cache / "state.json")], env=env,
                         capture_output=True, text=True, timeout=1200)
    if out.returncode:
        raise SystemExit(f"the run failed ({src}):\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--src", type=Path, nargs="*", default=[])
    parser.add_argument("--others-only", action="store_true", help="time only the --src trees")
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / "out" / "warm-start-cache")
    args = parser.parse_args()
    trees = [*([] if args.others_only else [ROOT / "src"]), *args.src]
    caches = {src: args.cache / f"tree{number}" for number, src in enumerate(trees)}
    for src in trees:
        cold = once(src, args.path, caches[src])
        print(f"cold ({src}): {json.dumps(cold)}", file=sys.stderr)
    results: dict[Path, list[dict]] = {src: [] for src in trees}
    for _ in range(args.runs):
        for src in trees:
            found = once(src, args.path, caches[src])
            print(f"warm ({src}): {json.dumps(found)}", file=sys.stderr)
            results[src].append(found)
    print(f"load average (1, 5 min) at the end: {os.getloadavg()[0]:.2f}, {os.getloadavg()[1]:.2f}\n")
    print("| tree | documents | first listed s | files checked s | terms ready s | search over the list s "
          "| search ready, files checked s | RSS MB | CPU s | search mapped |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for src, runs in results.items():
        cells = []
        for field in FIELDS:
            values = [run[field] for run in runs if field in run]
            cells.append(f"{statistics.median(values):g} ({min(values):g}-{max(values):g})" if values else "-")
        print(f"| {src} | {runs[0]['documents']:,} | " + " | ".join(cells) + f" | {runs[0]['mapped']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
