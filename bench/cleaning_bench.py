"""Score the cleaner on the development sets and the bundled five; pages a second.

    .venv/bin/python bench/cleaning_bench.py                 # the shipped model
    .venv/bin/python bench/cleaning_bench.py --held-out      # each page by the fold model that never saw it
                                                             # (bench/out/line_model_fold<k>.json, from
                                                             #  bench/train_cleaner.py --cv)
    .venv/bin/python bench/cleaning_bench.py --rules-only    # the rule cleaner alone (the model switched off)
    .venv/bin/python bench/cleaning_bench.py --speed 3       # pages a second, rules only and with the model,
                                                             # alternating, 3 runs each (medians; no scores)

Scores with the shared scorers' own functions (``../shared/tools``), in the
terms of issue 10: kremlin as one folder and one file at a time
(``score_cleaning``), the web set (``score_web``), the bundled five. Cleaning
runs in this process, one page after another, with the corpus's template as
the export computes it, so the pages a second are comparable between runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cleaner_data

from corpusreader.corpus.cleaning import cleaner, line_features, line_model
from corpusreader.corpus.model import Document, RawDocument

TOOLS = cleaner_data.DEVSETS.parent / "tools"
GOLD = cleaner_data.DEVSETS.parent / "gold" / "seeds"
TEXTS = Path(__file__).resolve().parents[1] / "texts"
OUT = Path(__file__).resolve().parent / "out"


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _as_export(document: Document) -> dict:
    return {"path": document.path, "title": document.title, "date": document.date, "paragraphs": document.paragraphs}


def clean_all(raws: list[RawDocument], folder: bool, model_for=None) -> tuple[list[dict], float]:
    """Each page cleaned (with the fold's model where ``model_for`` names one); seconds spent."""
    template = cleaner.template_lines(raws) if folder else frozenset()
    if model_for is None and os.environ.get(line_model.MODEL_ENV) != "off":
        os.environ.pop(line_model.MODEL_ENV, None)  # the shipped model
    documents = []
    spent = 0.0
    for raw in raws:
        if model_for is not None:
            os.environ[line_model.MODEL_ENV] = str(model_for(Path(raw.path).stem))
        started = time.perf_counter()
        document = cleaner.clean(raw, template)
        spent += time.perf_counter() - started
        documents.append(_as_export(document))
    return documents, spent


def speed(name: str, raws: list[RawDocument], folder: bool, runs: int) -> str:
    """Pages a second (CPU time of this process) of the rules alone and with the shipped model, alternating
    runs, each with the model's text cache cold as in a fresh export; the medians."""
    template = cleaner.template_lines(raws) if folder else frozenset()
    line_model.load()  # loading and compiling the trees is not cleaning
    rates: dict[str, list[float]] = {"rules only": [], "model": []}
    for _ in range(runs):
        for mode, rate in rates.items():
            if mode == "rules only":
                os.environ[line_model.MODEL_ENV] = "off"
            else:
                os.environ.pop(line_model.MODEL_ENV, None)
            line_features._text_own.cache_clear()
            started = time.process_time()
            for raw in raws:
                cleaner.clean(raw, template)
            rate.append(len(raws) / (time.process_time() - started))
    off, on = statistics.median(rates["rules only"]), statistics.median(rates["model"])
    runs_shown = "; ".join(f"{mode} " + " ".join(f"{r:.0f}" for r in rate) for mode, rate in rates.items())
    return f"{name:15} rules only {off:.0f} pages/s, model {on:.0f} pages/s: time x{off / on:.2f}  ({runs_shown})"


def score_gold(gold_dir: Path, documents: list[dict]) -> str:
    scorer = _tool("score_cleaning")
    docs = {Path(d["path"]).name: d for d in documents}
    perfect = kept = keep = lost = removed = drop = 0
    golds = sorted(gold_dir.glob("*.json"))
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        k, n_lost, r, fails = scorer.score(gold, docs[gold["file"]])
        perfect += not fails
        kept, lost, removed = kept + k, lost + n_lost, removed + r
        keep, drop = keep + len(gold["keep"]), drop + len(gold["drop"])
    return (f"{perfect}/{len(golds)} documents perfect; content paragraphs exact {kept}/{keep}, lost {lost}; "
            f"boilerplate lines removed {removed}/{drop}")


def score_web(documents: list[dict]) -> str:
    scorer = _tool("score_web")
    docs = {Path(d["path"]).stem: d for d in documents}
    tp = fp = fn = tn = lost_pages = 0
    for path in sorted((cleaner_data.DEVSETS / "web" / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = docs.get(path.stem)
        a, b, c, d, lost, _ = scorer.count_page(gold, scorer.body_of(doc) if doc else None)
        tp, fp, fn, tn = tp + a, fp + b, fn + c, tn + d
        lost_pages += bool(lost)
    precision, recall, f1, accuracy = scorer.scores(tp, fp, fn, tn)
    return (f"precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}, accuracy {accuracy:.3f}; "
            f"pages with a lost 'with' snippet {lost_pages}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--held-out", action="store_true")
    parser.add_argument("--rules-only", action="store_true")
    parser.add_argument("--speed", type=int, metavar="RUNS", help="only pages a second, RUNS alternating runs")
    parser.add_argument("--sets", nargs="*", default=["kremlin", "kremlin-single", "web", "bundled"])
    args = parser.parse_args()
    if args.speed:
        folders = {"kremlin": cleaner_data.DEVSETS / "kremlin" / "raw", "kremlin-single": cleaner_data.DEVSETS
                   / "kremlin" / "raw", "web": cleaner_data.DEVSETS / "web" / "raw", "bundled": TEXTS}
        for name in args.sets:
            print(speed(name, cleaner_data.raws_of(folders[name]), name != "kremlin-single", args.speed), flush=True)
        return 0
    model_for = None
    if args.held_out:
        from train_cleaner import fold_of

        def model_for(stem: str) -> Path:
            return OUT / f"line_model_fold{fold_of(stem)}.json"

    if args.rules_only:
        os.environ[line_model.MODEL_ENV] = "off"
    kremlin = cleaner_data.raws_of(cleaner_data.DEVSETS / "kremlin" / "raw")
    for name in args.sets:
        if name.startswith("kremlin"):
            documents, spent = clean_all(kremlin, name == "kremlin", model_for)
            line = score_gold(cleaner_data.DEVSETS / "kremlin" / "gold", documents)
        elif name == "web":
            raws = cleaner_data.raws_of(cleaner_data.DEVSETS / "web" / "raw")
            documents, spent = clean_all(raws, True, model_for)
            line = score_web(documents)
        else:
            raws = cleaner_data.raws_of(TEXTS)
            documents, spent = clean_all(raws, True, None)
            line = score_gold(GOLD, documents)
        print(f"{name:15} {line}  ({len(documents) / spent:.0f} pages/s)", flush=True)
        OUT.mkdir(exist_ok=True)
        (OUT / f"cleaned-{name}.json").write_text(json.dumps({"documents": documents}, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
