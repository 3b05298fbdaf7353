"""Train the cleaner's line model on the development sets; report held-out scores.

    .venv/bin/pip install -e '.[train]'                  # scikit-learn, stop-words: training only
    .venv/bin/python bench/train_cleaner.py --cv         # 5 folds by page: held-out models in bench/out/
    .venv/bin/python bench/train_cleaner.py              # the shipped model, trained on every page

Rows come from ``cleaner_data`` (kremlin pages as one folder and one file at a
time, exact labels; web pages, labels from the HTML extractor and the gold
snippets). Folds are by page (a web page is its own site, so by site too);
the same kremlin page read both ways falls in one fold.

Stage one is gradient-boosted trees (scikit-learn's HistGradientBoosting) over
``line_features.FEATURES``; stage two is smaller trees over each unit's
stage-one probability and its neighbours' (``line_model.SMOOTH_FEATURES``),
trained on out-of-fold stage-one probabilities so that it learns from
probabilities like those it will see. Both are written as nested lists
(``line_model`` evaluates them in pure Python). Seeds are fixed.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import time
import zlib
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # a shared machine: one thread trains faster than many waiting

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cleaner_data

from corpusreader.corpus.cleaning.line_features import FEATURES
from corpusreader.corpus.cleaning.line_model import SMOOTH_FEATURES, smoothing_rows

OUT = Path(__file__).resolve().parent / "out"
SHIPPED = Path(__file__).resolve().parents[1] / "src/corpusreader/corpus/data/line_model.json"
FOLDS = 5
SEED = 0
FIRST = {"max_iter": 120, "max_leaf_nodes": 15, "learning_rate": 0.1, "min_samples_leaf": 40, "l2_regularization": 1.0}
SECOND = {"max_iter": 40, "max_leaf_nodes": 8, "learning_rate": 0.1, "min_samples_leaf": 80, "l2_regularization": 1.0}
KREMLIN_WEIGHT = 0.5  # each kremlin page is read twice (folder, single file)
THRESHOLD = 0.35
KEEP_THRESHOLD = 0.9
TITLE_THRESHOLD = 0.2


def fold_of(name: str) -> int:
    return zlib.crc32(f"{SEED}:{name}".encode()) % FOLDS


def load_pages(refresh: bool = False) -> dict[str, list]:
    """Rows of each set (cached in bench/out/, keyed by the feature names)."""
    cache = OUT / "cleaner_rows.pkl"
    if cache.exists() and not refresh:
        data = pickle.loads(cache.read_bytes())
        if data.get("features") == FEATURES:
            return data["sets"]
    started = time.time()
    sets = {
        "kremlin": cleaner_data.kremlin_pages(folder_mode=True),
        "kremlin-single": cleaner_data.kremlin_pages(folder_mode=False),
        "web": cleaner_data.web_pages(),
    }
    rows = {name: [(p.name, p.features, p.labels, p.weights) for p in pages] for name, pages in sets.items()}
    OUT.mkdir(exist_ok=True)
    cache.write_bytes(pickle.dumps({"features": FEATURES, "sets": rows}))
    print(f"rows built in {time.time() - started:.0f} s", file=sys.stderr)
    return rows


def _matrix(pages: list, features=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs, ys, ws = [], [], []
    for i, (_, rows, labels, weights) in enumerate(pages):
        source = features[i] if features is not None else rows
        for x, y, w in zip(source, labels, weights):
            if y is not None:
                xs.append(x)
                ys.append(y)
                ws.append(w)
    return np.array(xs, dtype=np.float64), np.array(ys), np.array(ws)


def _weighted(sets: dict[str, list], keep) -> tuple[list, np.ndarray | None]:
    pages, scale = [], []
    for name, listed in sets.items():
        for page in listed:
            if keep(page[0]):
                pages.append(page)
                scale.append(KREMLIN_WEIGHT if name.startswith("kremlin") else 1.0)
    return pages, np.array(scale)


def _fit(pages: list, scale: np.ndarray, params: dict, features=None) -> HistGradientBoostingClassifier:
    X, y, w = _matrix(pages, features)
    per_row = np.concatenate([[s] * sum(l is not None for l in p[2]) for p, s in zip(pages, scale)])
    model = HistGradientBoostingClassifier(random_state=SEED, **params)
    model.fit(X, y, sample_weight=w * per_row)
    return model


def _predict(model, rows: list[list[float]]) -> list[float]:
    if not rows:
        return []
    return [float(p) for p in model.predict_proba(np.array(rows, dtype=np.float64))[:, 1]]


def _trees(model: HistGradientBoostingClassifier) -> dict:
    def nested(nodes, i=0):
        node = nodes[i]
        if node["is_leaf"]:
            return round(float(node["value"]), 6)
        return [int(node["feature_idx"]), float(node["num_threshold"]), nested(nodes, int(node["left"])), nested(nodes, int(node["right"]))]

    return {"base": float(np.ravel(model._baseline_prediction)[0]), "trees": [nested(p[0].nodes) for p in model._predictors]}


def _second_rows(pages: list, first: dict[str, list[float]]) -> list[list[list[float]]]:
    return [smoothing_rows(first[_key(p)], p[1]) for p in pages]


def _key(page) -> str:
    return f"{page[0]}#{id(page)}"


def export(first, second) -> dict:
    return {
        "made_by": "bench/train_cleaner.py",
        "features": list(FEATURES),
        "first": _trees(first),
        "second": {"features": list(SMOOTH_FEATURES), **_trees(second)},
        "threshold": THRESHOLD,
        "keep_threshold": KEEP_THRESHOLD,
        "title_threshold": TITLE_THRESHOLD,
    }


def train_second(sets: dict[str, list], keep, first_oof: dict[str, list[float]]):
    """Stage two on the pages ``keep`` accepts, from their out-of-fold stage-one probabilities."""
    pages, scale = _weighted(sets, keep)
    return _fit(pages, scale, SECOND, _second_rows(pages, first_oof))


def out_of_fold(sets: dict[str, list]) -> tuple[dict[str, list[float]], list]:
    """Stage-one probabilities of every page from the model that did not train on its fold, and those models."""
    oof: dict[str, list[float]] = {}
    models = []
    for k in range(FOLDS):
        started = time.time()
        pages, scale = _weighted(sets, lambda name, k=k: fold_of(name) != k)
        model = _fit(pages, scale, FIRST)
        models.append(model)
        for listed in sets.values():
            for page in listed:
                if fold_of(page[0]) == k:
                    oof[_key(page)] = _predict(model, page[1])
        print(f"stage one, fold {k}: {time.time() - started:.0f} s", file=sys.stderr)
    return oof, models


def unit_scores(sets: dict[str, list], oof: dict[str, list[float]], seconds: list) -> None:
    """Held-out accuracy of the units with a label, stage one alone and both stages."""
    for name, listed in sets.items():
        right1 = right2 = total = 0
        for page in listed:
            first = oof[_key(page)]
            both = _predict(seconds[fold_of(page[0])], smoothing_rows(first, page[1]))
            for y, p1, p2 in zip(page[2], first, both):
                if y is None:
                    continue
                total += 1
                right1 += (p1 >= THRESHOLD) == (y == 1)
                right2 += (p2 >= THRESHOLD) == (y == 1)
        print(f"{name}: units {total}, held-out accuracy stage one {right1 / total:.4f}, both {right2 / total:.4f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv", action="store_true", help="write one model a fold (bench/out/line_model_fold<k>.json)")
    parser.add_argument("--refresh", action="store_true", help="rebuild the rows from the development sets")
    parser.add_argument("--out", type=Path, default=SHIPPED)
    args = parser.parse_args()
    from corpusreader.corpus.cleaning.line_model import from_data

    sets = load_pages(args.refresh)
    oof, firsts = out_of_fold(sets)
    if args.cv:
        seconds = []
        for k in range(FOLDS):
            second = train_second(sets, lambda name, k=k: fold_of(name) != k, oof)
            seconds.append(second)
            path = OUT / f"line_model_fold{k}.json"
            path.write_text(json.dumps(export(firsts[k], second), separators=(",", ":")), encoding="utf-8")
        unit_scores(sets, oof, seconds)
        return 0
    pages, scale = _weighted(sets, lambda name: True)
    first = _fit(pages, scale, FIRST)
    data = export(first, train_second(sets, lambda name: True, oof))
    from_data(data)  # the shipped file must load
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.out}: {args.out.stat().st_size:,} bytes, {len(data['first']['trees'])} + {len(data['second']['trees'])} trees")
    return 0


if __name__ == "__main__":
    sys.exit(main())
