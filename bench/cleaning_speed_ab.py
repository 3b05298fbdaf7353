"""Cleaning speed of this tree against another, in the same run: CPU pages a second, medians.

    git archive 788d793 src | tar -x -C /tmp/before                # the tree to compare with
    .venv/bin/python bench/cleaning_speed_ab.py /tmp/before/src kremlin web /tmp/synth600 --runs 3

Each tree cleans the folder in its own subprocess (its ``src`` first on the
path), one page after another with the folder's template, the line model
loaded before the clock starts; the trees alternate, ``--runs`` times. A set
named without a slash is a development set (``../shared/devsets/NAME/raw``).
Only the cleaner is timed (the files are read before), so trees of any age
that have ``cleaning.cleaner.clean`` and ``template_lines`` compare.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEVSETS = HERE.parent.parent / "shared" / "devsets"
CLEAN = r'''
import sys, time
from pathlib import Path
from corpusreader.corpus.cleaning import cleaner
from corpusreader.corpus.model import RawDocument
folder = Path(sys.argv[1])
raws = [RawDocument(str(p), p.read_text(encoding="utf-8", errors="replace"), "utf-8")
        for p in sorted(folder.glob("*.txt"))]
template = cleaner.template_lines(raws)
try:
    from corpusreader.corpus.cleaning import line_model
    line_model.load()
except ImportError:
    pass  # a tree from before the line model
started = time.process_time()
for raw in raws:
    cleaner.clean(raw, template)
print(len(raws) / (time.process_time() - started))
'''


def rate(src: Path, folder: Path) -> float:
    done = subprocess.run([sys.executable, "-c", CLEAN, str(folder)], env={"PYTHONPATH": str(src), "PATH": "/usr/bin"},
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{src}: {done.stderr.strip().splitlines()[-1]}")
    return float(done.stdout.split()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("other", type=Path, help="the other tree's src folder")
    parser.add_argument("sets", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    trees = {"other": args.other, "this": HERE.parent / "src"}
    for name in args.sets:
        folder = Path(name) if "/" in name else DEVSETS / name / "raw"
        rates: dict[str, list[float]] = {k: [] for k in trees}
        for _ in range(args.runs):
            for key, src in trees.items():
                rates[key].append(rate(src, folder))
        other, this = (statistics.median(rates[k]) for k in ("other", "this"))
        print(f"{name}: other {other:.1f} pages/s, this {this:.1f} pages/s, x{this / other:.2f} "
              f"({'; '.join(k + ' ' + ' '.join(f'{r:.0f}' for r in v) for k, v in rates.items())})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
