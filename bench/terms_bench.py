#!/usr/bin/env python3
"""Term index benchmark: ``TermIndex.build`` wall time, CPU time and peak memory.

Usage (from the repository root):
    .venv/bin/python bench/terms_bench.py [--sizes 1000 10000] [--baseline-src DIR]

For each size N it makes (once) a synthetic corpus with
``/work/shared/tools/make_corpus.py /work/shared/texts bench/corpora/N N``
(reused when ``bench/corpora/N`` exists), cleans it with the pipeline and
writes the documents to a temporary pickle. Each measurement then runs in a
fresh interpreter that loads that pickle and times ``TermIndex.build`` (the
median of 3 runs at 1,000 documents and fewer, 1 run above), so memory is not
mixed with the cleaning's: peak memory is sampled every 5 ms while building,
the parent's resident set above what it held before the build, and the worker
processes' resident sets summed; the workers' CPU time is read from /proc too.

Configurations measured in the same run, on the same documents:
- ``workers``: the engine with its worker processes on at any size (``MIN_DOCUMENTS``
  = 1; as shipped they start from ``terms_background.MIN_DOCUMENTS`` documents);
- ``one process``: the same engine with the workers off (``MIN_DOCUMENTS`` out of reach);
- ``baseline``: with ``--baseline-src DIR``, the engine of another checkout
  (e.g. ``git worktree add /tmp/terms-before <commit>`` then ``--baseline-src
  /tmp/terms-before/src``), which must unpickle the same ``Document``s.
The JSON of every build is compared with the first configuration's: a
difference is reported (the output must not depend on the configuration).
Results: a Markdown table on standard output, raw numbers in ``bench/out/terms.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def make_corpus(size: int, folder: Path) -> None:
    if folder.is_dir() and len(list(folder.glob("*.txt"))) >= size:
        return
    tool = SHARED / "tools" / "make_corpus.py"
    subprocess.run([sys.executable, str(tool), str(SHARED / "texts"), str(folder), str(size)], check=True)


def _rss_mb(pid: int | str = "self") -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children() -> list[str]:
    pid = os.getpid()
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as listing:
            return listing.read().split()
    except OSError:
        return []


def _cpu_s(pid: str) -> float:
    """User + system CPU seconds of a process so far (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


class PeakMemory:
    """Samples the process's and its children's resident sets (and the children's CPU
    time, the last value seen of each) until stopped."""

    def __init__(self):
        self.parent = self.children = 0.0
        self.children_cpu: dict[str, float] = {}
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()

    def _run(self):
        while not self._done.is_set():
            self.parent = max(self.parent, _rss_mb())
            children = _children()
            self.children = max(self.children, sum(_rss_mb(pid) for pid in children))
            for pid in children:
                self.children_cpu[pid] = max(self.children_cpu.get(pid, 0.0), _cpu_s(pid))
            self._done.wait(0.005)


def child(src: str, pickle_path: str, runs: int, workers: bool) -> None:
    """In a fresh interpreter: time ``TermIndex.build`` on the pickled documents."""
    sys.path.insert(0, src)
    from corpusreader.corpus import terms  # noqa: PLC0415

    try:
        from corpusreader.corpus import terms_background  # noqa: PLC0415

        terms_background.MIN_DOCUMENTS = 1 if workers else 10 ** 12
    except ImportError:  # an engine without workers
        pass
    with open(pickle_path, "rb") as handle:
        documents = pickle.load(handle)
    walls, cpus, parents, children, children_cpu = [], [], [], [], []
    digest = ""
    for _ in range(runs):
        before = _rss_mb()
        with PeakMemory() as peak:
            wall, cpu = time.perf_counter(), time.process_time()
            index = terms.TermIndex.build(documents)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        parents.append(peak.parent - before)
        children.append(peak.children)
        children_cpu.append(sum(peak.children_cpu.values()))
        digest = hashlib.sha256(json.dumps(index.to_json(), ensure_ascii=False).encode()).hexdigest()
        terms_count = len(index.terms)
        del index
    print(json.dumps({"wall_s": walls, "parent_cpu_s": cpus, "parent_peak_mb": parents,
                      "workers_peak_mb": children, "workers_cpu_s": children_cpu, "terms": terms_count, "json_sha256": digest}))


def measure(src: Path, pickle_path: Path, runs: int, workers: bool) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(src), str(pickle_path), str(runs),
                          "1" if workers else "0"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--baseline-src", type=Path, help="the src folder of another checkout to compare with")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from corpusreader.corpus.loading.pipeline import build_corpus  # noqa: PLC0415

    configurations = [("workers", ROOT / "src", True), ("one process", ROOT / "src", False)]
    if args.baseline_src:
        configurations.append(("baseline", args.baseline_src.resolve(), False))
    results = []
    for size in args.sizes:
        folder = ROOT / "bench" / "corpora" / str(size)
        make_corpus(size, folder)
        documents = build_corpus([str(folder)])[0].documents
        runs = 3 if size <= 1000 else 1
        with tempfile.TemporaryDirectory() as tmp:
            pickle_path = Path(tmp) / "documents.pickle"
            with open(pickle_path, "wb") as handle:
                pickle.dump(documents, handle, protocol=pickle.HIGHEST_PROTOCOL)
            paragraphs = sum(len(d.paragraphs) for d in documents)
            for name, src, workers in configurations:
                load = os.getloadavg()[0]
                row = measure(src, pickle_path, runs, workers)
                row.update(size=len(documents), paragraphs=paragraphs, configuration=name, runs=runs,
                           load_average_1min=round(load, 2))
                results.append(row)
                print(f"{size} {name}: {statistics.median(row['wall_s']):.2f} s", file=sys.stderr)
    out_dir = ROOT / "bench" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "terms.json").write_text(json.dumps(results, indent=1))
    print("| documents | configuration | build wall (median) | parent CPU | workers CPU | parent peak "
          "| workers peak | terms | wall vs one process | same JSON |")
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for row in results:
        same_size = [r for r in results if r["size"] == row["size"]]
        alone = next(r for r in same_size if r["configuration"] == "one process")
        wall = statistics.median(row["wall_s"])
        ratio = wall / statistics.median(alone["wall_s"])
        same = "yes" if row["json_sha256"] == same_size[0]["json_sha256"] else "**NO**"
        print(f"| {row['size']:,} | {row['configuration']} | {wall:.2f} s | "
              f"{statistics.median(row['parent_cpu_s']):.2f} s | {statistics.median(row['workers_cpu_s']):.2f} s | "
              f"{max(row['parent_peak_mb']):.0f} MB | "
              f"{max(row['workers_peak_mb']):.0f} MB | {row['terms']:,} | {ratio:.2f} | {same} |")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5] == "1")
    else:
        main()
