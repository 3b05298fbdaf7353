#!/usr/bin/env python3
"""Score the cleaner with the shared tools: the bundled corpus and the development sets.

Usage (from the repository root, with the project's venv):
    .venv/bin/python bench/score_devsets.py [--sets bundled kremlin web] [--single N] [--keep DIR]

Reads ``../shared`` (the gold, the development sets and the scoring tools), which the
test suite never does. For each set it runs ``corpusreader export --format json --no-cache``
on the whole folder, as a user opens it, then the shared scorers on the export, and
prints their output:

- ``bundled``: ``texts/`` against ``shared/gold`` with ``score_cleaning.py``,
  ``score_terms.py`` and ``check_accounting.py``; also ``tests/scoring.py`` on the same
  export, so that the suite's own checks can be compared with the tools' (also on kremlin);
- ``kremlin``: ``devsets/kremlin/raw`` against its gold with ``score_cleaning.py``; with
  ``--single N``, also the first N pages each exported alone (no help from repetition
  across pages);
- ``web``: ``devsets/web/raw`` against its gold with ``score_web.py``, summary only.

Exports are written to a temporary folder, or to ``--keep DIR`` (e.g. ``bench/out``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
if not SHARED.exists():
    SHARED = Path("/work/shared")
TOOLS = SHARED / "tools"
DEVSETS = SHARED / "devsets"
CORPUSREADER = Path(sys.executable).with_name("corpusreader")


def export(paths: list[Path], out: Path) -> float:
    """Export `paths` as one corpus into `out` (JSON); returns the wall time in seconds."""
    started = time.perf_counter()
    done = subprocess.run([str(CORPUSREADER), "export", *map(str, paths), "--format", "json", "--no-cache",
                           "-o", str(out), "--force"], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"export failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def tool(name: str, *args: str | Path) -> str:
    """The output of a shared tool run from the repository root (where the export's paths resolve)."""
    done = subprocess.run([sys.executable, str(TOOLS / name), *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True)
    return (done.stdout + done.stderr).rstrip()


def last_lines(text: str, count: int = 1) -> str:
    return "\n".join(text.splitlines()[-count:])


def _scoring():
    """tests/scoring.py, the suite's own checks."""
    sys.path.insert(0, str(ROOT / "tests"))
    import scoring

    return scoring


def suite_cleaning(gold_dir: Path, export_json: Path) -> str:
    """How many documents tests/scoring.py finds perfect against the gold of `gold_dir`."""
    scoring = _scoring()
    docs = {Path(d["path"]).name: d for d in json.loads(export_json.read_text(encoding="utf-8"))["documents"]}
    golds = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(gold_dir.glob("*.json"))]
    perfect = sum(gold["file"] in docs and not scoring.cleaning_failures(gold, docs[gold["file"]]) for gold in golds)
    return f"tests/scoring.py: cleaning {perfect}/{len(golds)} documents perfect"


def suite_checks(export_json: Path) -> str:
    """What tests/scoring.py says of the bundled corpus's export, to compare with the tools."""
    scoring = _scoring()
    data = json.loads(export_json.read_text(encoding="utf-8"))
    gold = scoring.terms_gold()
    passed = scoring.terms_checks(gold) - len(scoring.terms_failures(gold, data.get("terms") or []))
    lost = total = 0
    for doc in data["documents"]:
        raw = (ROOT / doc["path"]).read_text(encoding="utf-8", errors="replace")
        total += scoring.count_raw_lines(raw)
        lost += len(scoring.unaccounted_lines(doc, raw))
    return (f"{suite_cleaning(scoring.SEEDS, export_json)}; terms {passed}/{scoring.terms_checks(gold)} "
            f"checks passed; accounting {total - lost}/{total} raw lines")


def bundled(out: Path) -> None:
    export_json = out / "bundled.json"
    seconds = export([ROOT / "texts"], export_json)
    print(f"## bundled corpus (texts/, export {seconds:.1f} s)")
    print(last_lines(tool("score_cleaning.py", SHARED / "gold" / "seeds", export_json)))
    print(last_lines(tool("score_terms.py", SHARED / "gold" / "terms-seeds.json", export_json)))
    print(last_lines(tool("check_accounting.py", export_json)))
    print(suite_checks(export_json))


def kremlin(out: Path, single: int) -> None:
    raw, gold = DEVSETS / "kremlin" / "raw", DEVSETS / "kremlin" / "gold"
    export_json = out / "kremlin.json"
    seconds = export([raw], export_json)
    print(f"## kremlin, as one folder (export {seconds:.1f} s)")
    print(last_lines(tool("score_cleaning.py", gold, export_json)))
    print(suite_cleaning(gold, export_json))
    if single <= 0:
        return
    pages = sorted(raw.glob("*.txt"))[:single]
    documents = []
    for page in pages:
        one = out / "kremlin-single.json"
        export([page], one)
        documents += json.loads(one.read_text(encoding="utf-8"))["documents"]
    merged = out / "kremlin-single-all.json"
    merged.write_text(json.dumps({"documents": documents}), encoding="utf-8")
    gold_subset = out / "kremlin-gold-subset"
    gold_subset.mkdir(exist_ok=True)
    for page in pages:
        (gold_subset / f"{page.stem}.json").write_bytes((gold / f"{page.stem}.json").read_bytes())
    print(f"## kremlin, the first {len(pages)} pages one at a time")
    print(last_lines(tool("score_cleaning.py", gold_subset, merged)))


def web(out: Path) -> None:
    export_json = out / "web.json"
    seconds = export([DEVSETS / "web" / "raw"], export_json)
    print(f"## web (export {seconds:.1f} s)")
    print(tool("score_web.py", DEVSETS / "web" / "gold", export_json, "--quiet"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", choices=["bundled", "kremlin", "web"],
                        default=["bundled", "kremlin", "web"])
    parser.add_argument("--single", type=int, default=0, metavar="N",
                        help="also export the first N kremlin pages one at a time")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="write the exports here instead of a temporary folder")
    args = parser.parse_args(argv)
    if not TOOLS.exists():
        print(f"no shared tools at {TOOLS}: this benchmark needs ../shared", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="score-devsets-") as scratch:
        out = args.keep or Path(scratch)
        out.mkdir(parents=True, exist_ok=True)
        if "bundled" in args.sets:
            bundled(out)
        if "kremlin" in args.sets:
            kremlin(out, args.single)
        if "web" in args.sets:
            web(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
